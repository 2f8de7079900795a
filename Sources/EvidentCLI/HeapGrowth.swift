#if canImport(Glibc)
import Glibc
#endif
import Evident

/// How the C heap grows.
///
/// A document's scope can hold hundreds of thousands of small objects (a
/// sample of points with their distributions, Jacobians and pseudo-inverses),
/// and glibc grows its heaps by the request plus 128 KB at a time: a system
/// call per step, each taking the process's memory-map lock that the other
/// thread's page faults wait on. Growing by 32 MB instead took about 7 ms
/// off DESIGN.md's experiment 3 (of 115, measured in alternating runs; see
/// docs/performance.md). Only address space is reserved: pages cost memory
/// when they are first written, as before.
///
/// The main thread's heap also takes its first 256 MB at once, advised to
/// use huge pages (`HugePages`), and keeps them: a page fault then brings in
/// 2 MB rather than 4 KB, and the 4.4 MB benchmark document's build had
/// taken 15,000 faults for 4 KB pages of that heap. Blocks up to 32 MB are
/// kept in the heap rather than mapped on their own, so that they too land
/// there and are reused once freed.
enum HeapGrowth {
    /// glibc's `mallopt` parameters (malloc.h).
    static let trimThresholdParameter: Int32 = -1
    static let topPadParameter: Int32 = -2
    static let mmapThresholdParameter: Int32 = -3
    static let topPad: Int32 = 32 << 20
    static let firstReserve: Int32 = 256 << 20
    static let mmapThreshold: Int32 = 32 << 20

    /// Sets the heaps' growth; a no-op where `mallopt` is not glibc's.
    static func apply() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        // Looked up rather than declared: Swift's Glibc module omits malloc.h.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        guard mallopt(trimThresholdParameter, Int32.max) == 1, mallopt(mmapThresholdParameter, mmapThreshold) == 1,
              mallopt(topPadParameter, firstReserve) == 1 else {
            _ = mallopt(topPadParameter, topPad)
            return
        }
        // A block larger than what the heap has left makes it grow now, by
        // the block and the reserve; freed, it returns to the heap's top,
        // which is then advised from the block up to the heap's end.
        let before = sbrk(0)
        if let block = malloc(1 << 20) {
            let end = sbrk(0)
            if let before, let end, end != before {
                HugePages.advise(block, UnsafeMutableRawPointer(end) - UnsafeMutableRawPointer(block))
            }
            free(block)
        }
        _ = mallopt(topPadParameter, topPad)
        #endif
    }
}
