#if canImport(Glibc)
import Glibc
#endif

/// How the C heap grows.
///
/// A document's scope can hold hundreds of thousands of small objects (a
/// sample of points with their distributions, Jacobians and pseudo-inverses),
/// and glibc grows its heaps by the request plus 128 KB at a time: a system
/// call per step, each taking the process's memory-map lock that the other
/// thread's page faults wait on. Growing by 32 MB instead made DESIGN.md's
/// experiment 3 faster (docs/performance.md). Only address space is reserved: pages cost memory
/// when they are first written, as before.
enum HeapGrowth {
    /// glibc's `M_TOP_PAD` (malloc.h), the extra bytes taken each time a heap grows.
    static let topPadParameter: Int32 = -2
    static let topPad: Int32 = 32 << 20

    /// Sets the heaps' growth step; a no-op where `mallopt` is not glibc's.
    static func apply() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        // Looked up rather than declared: Swift's Glibc module omits malloc.h.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
            _ = unsafeBitCast(symbol, to: Mallopt.self)(topPadParameter, topPad)
        }
        #endif
    }
}
