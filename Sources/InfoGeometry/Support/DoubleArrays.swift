/// Making `[Double]`s of a given length cheaply.
///
/// `Array(repeating:count:)` and `init(unsafeUninitializedCapacity:initializingWith:)`
/// allocate through the standard library's unspecialised
/// `_allocateBufferUninitialized`, which looks the storage class's generic
/// metadata up at run time on every call, costing as much as the allocation
/// itself (docs/performance.md). Copying a
/// collection into an array is specialised for the element type and finds the
/// metadata through a cached accessor. The points of a 50,000-point sample
/// make several small arrays each (their distribution, marginal, Jacobian,
/// pseudo-inverse); these helpers make them the cheap way.
extension Array where Element == Double {
    /// `count` zeros.
    @inlinable
    public static func zeros(_ count: Int) -> [Double] {
        Array(repeatElement(0, count: count))
    }

    /// `count` entries, zero until `body` writes them.
    @inlinable
    public init(count: Int, writing body: (UnsafeMutableBufferPointer<Double>) throws -> Void) rethrows {
        self = .zeros(count)
        try withUnsafeMutableBufferPointer { try body($0) }
    }
}
