import EvidentMarkdown
import Foundation
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
///
/// That first write is a fault, and a large
/// document writes thousands of fresh pages on the thread that reads and
/// evaluates it (its source's copies, its results, its page), most of them
/// while the other core has nothing to do. `reserve` has them faulted in
/// there, ahead of the work (docs/performance.md).
enum HeapGrowth {
    /// glibc's `mallopt` parameters (malloc.h): the extra bytes taken each
    /// time a heap grows, the free bytes at a heap's top it keeps, and the
    /// size from which a block is mapped on its own instead of carved.
    static let topPadParameter: Int32 = -2
    static let trimThresholdParameter: Int32 = -1
    static let mmapThresholdParameter: Int32 = -3
    /// How much more than a request a heap grows by.
    static let topPad: Int32 = 32 << 20
    /// glibc's largest `M_MMAP_THRESHOLD` on a 64-bit system.
    static let largestCarved: Int32 = 32 << 20

    /// Documents from this many bytes in all get a reservation: the size
    /// from which cmark's arena has its chunks faulted in ahead too.
    static let reserveThreshold = CmarkArena.supplyThreshold
    /// About how many bytes of fresh heap processing a document writes on
    /// its thread per byte of source: 6 to 10 in the three shapes of
    /// Benchmarks/pipeline (`perf record -e page-faults`).
    static let heapBytesPerSourceByte = 8

    /// Sets the heaps' growth step; a no-op where `mallopt` is not glibc's.
    static func apply() {
        _ = mallopt(topPadParameter, topPad)
    }

    /// Prepares the calling thread's heap for processing documents of
    /// `sourceBytes` bytes in all, when they are `reserveThreshold` or more
    /// (and the heap is glibc's, on Linux, where pages can be faulted in
    /// ahead): blocks up to 32 MB are carved from the heap rather than
    /// mapped afresh each, freed memory stays for the blocks after it, and
    /// the heap's top is grown by about what the processing will write
    /// (at most 31 MB), its pages faulted in by a thread of their own
    /// (`MADV_POPULATE_WRITE`: the kernel finds and clears them, and no
    /// byte is written), from the top down, while this thread reads the
    /// documents at the bottom. Gives the region faulted in, for tests;
    /// nil when nothing was reserved.
    ///
    /// For a command that ends with its documents: the heap then keeps its
    /// largest size until the process ends.
    @discardableResult
    static func reserve(forSourceBytes sourceBytes: Int) -> UnsafeMutableRawBufferPointer? {
        #if os(Linux) && canImport(Glibc)
        guard sourceBytes >= reserveThreshold,
              mallopt(mmapThresholdParameter, largestCarved), mallopt(trimThresholdParameter, Int32.max) else { return nil }
        let size = min(sourceBytes.multipliedReportingOverflow(by: heapBytesPerSourceByte).partialValue, Int(largestCarved) - (1 << 20))
        guard size > 0, let block = malloc(size) else { return nil }
        // The freed block becomes the heap's top, which the thread's next
        // blocks are carved from; populating it writes nothing to it.
        free(block)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: block) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: block) + size) & ~(page - 1)
        guard end > start, let base = UnsafeMutableRawPointer(bitPattern: start) else { return nil }
        // From the top down, a megabyte at a time: this thread's next
        // blocks come from the bottom, so that the two threads fault
        // different pages rather than wait on the same ones.
        Thread {
            let step = 1 << 20
            var upper = end
            while upper > start {
                let lower = max(start, upper - step)
                _ = madvise(UnsafeMutableRawPointer(bitPattern: lower), upper - lower, MADV_POPULATE_WRITE)
                upper = lower
            }
        }.start()
        return UnsafeMutableRawBufferPointer(start: base, count: end - start)
        #else
        return nil
        #endif
    }

    /// `reserve` for the documents at `paths`, by their sizes on disk
    /// (before they are read: their copies are among what is written).
    static func reserve(forFiles paths: [String]) {
        var total = 0
        for path in paths {
            var info = stat()
            if stat(path, &info) == 0, info.st_size > 0 { total += Int(info.st_size) }
        }
        reserve(forSourceBytes: total)
    }

    /// glibc's `mallopt`, looked up rather than declared (Swift's Glibc
    /// module omits malloc.h); false where there is none or it refuses.
    private static func mallopt(_ parameter: Int32, _ value: Int32) -> Bool {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        return unsafeBitCast(symbol, to: Mallopt.self)(parameter, value) == 1
        #else
        return false
        #endif
    }
}
