extension String {
    /// The string of `scalars`: their UTF-8 widths summed, then the bytes
    /// written in place, in code specialised for the caller.
    ///
    /// `String(String.UnicodeScalarView(scalars))` appends through the
    /// standard library's `append(contentsOf:)`, which is generic and not
    /// specialised for the caller: a witness call for every scalar
    /// (docs/performance.md).
    @inlinable
    package init<Scalars: Collection>(scalars: Scalars) where Scalars.Element == Unicode.Scalar {
        let count = scalars.reduce(0) { $0 + UTF8.width($1) }
        self.init(unsafeUninitializedCapacity: count) { buffer in
            var end = 0
            for scalar in scalars {
                UTF8.encode(scalar) { byte in
                    buffer[end] = byte
                    end += 1
                }
            }
            return end
        }
    }
}
