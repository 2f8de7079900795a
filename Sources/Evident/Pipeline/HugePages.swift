#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Large buffers backed by the system's 2 MiB pages where it offers them
/// (Linux's transparent huge pages, in its usual `madvise` mode): the first
/// touch of each 4 KiB page costs a fault, and a large document's parse
/// tree, rendered HTML and page took 30,000 of them, a quarter of a build's
/// time. Elsewhere the advice is a no-op and these are ordinary buffers.
public enum HugePages {
    static let size = 2 << 20

    /// `count` bytes, aligned to a huge page and advised to use them when
    /// they span one; freed with `free`.
    static func allocate(_ count: Int) -> UnsafeMutableRawPointer? {
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, count >= size ? size : 16, count) == 0, let memory else { return nil }
        advise(memory, count)
        return memory
    }

    /// Advises the whole huge pages within `count` bytes at `start` (memory
    /// not yet touched, as it is only for pages yet to be faulted in).
    public static func advise(_ start: UnsafeMutableRawPointer, _ count: Int) {
        #if os(Linux)
        let first = (Int(bitPattern: start) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: start) + count) & ~(size - 1)
        guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, end - first, MADV_HUGEPAGE)
        #endif
    }
}
