extension UInt8 {
    /// `0` to `9`.
    @inlinable package var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }

    /// `A` to `Z` and `a` to `z`.
    @inlinable package var isASCIILetter: Bool { self | 0x20 >= 0x61 && self | 0x20 <= 0x7A }
}

extension UInt8 {
    /// A UTF-8 byte that continues a scalar (`10xxxxxx`) rather than starting one.
    @inlinable package var isUTF8Continuation: Bool { self & 0xC0 == 0x80 }
}

extension Collection<UInt8> {
    /// How many scalars these bytes hold, read as UTF-8: the bytes that
    /// continue none. Counted without decoding.
    @inlinable package var scalarCount: Int { reduce(0) { $1.isUTF8Continuation ? $0 : $0 + 1 } }
}
