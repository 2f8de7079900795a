#if os(Linux)
import Synchronization
#else
import Foundation
#endif

/// The lock of a point's caches. On Linux a `Mutex`, a futex word inside the
/// point; elsewhere (where `Mutex` needs newer systems than the package
/// supports) an `NSLock`, which on Linux would be two more allocations per
/// point — a sample of 50,000 points is bound by memory.
struct CacheLock: ~Copyable, @unchecked Sendable {
    #if os(Linux)
    private let mutex = Mutex(())
    #else
    private let nsLock = NSLock()
    #endif

    init() {}

    /// Runs `body` holding the lock.
    @inline(__always)
    func withLock<R: Sendable>(_ body: () throws -> R) rethrows -> R {
        #if os(Linux)
        return try mutex.withLock { _ in try body() }
        #else
        nsLock.lock()
        defer { nsLock.unlock() }
        return try body()
        #endif
    }
}

/// Marks for caches that, once written, never change: a reader that sees a
/// cache's mark set reads the cache in place, without the lock and without
/// copying (or retaining) what it holds. Set with release and read with
/// acquire ordering, so that the write of the cache happens before any read
/// that finds the mark. Where `Atomic` is unavailable no mark is ever set and
/// every read takes the lock.
struct PublishedCaches: ~Copyable, @unchecked Sendable {
    #if os(Linux)
    private let bits = Atomic<UInt8>(0)
    #endif

    init() {}

    /// Whether the cache `mask` names has been published.
    @inline(__always)
    func contains(_ mask: UInt8) -> Bool {
        #if os(Linux)
        return bits.load(ordering: .acquiring) & mask != 0
        #else
        return false
        #endif
    }

    /// Publishes the cache `mask` names; call after writing it, under the
    /// cache lock, and never write that cache again.
    @inline(__always)
    func insert(_ mask: UInt8) {
        #if os(Linux)
        bits.bitwiseOr(mask, ordering: .releasing)
        #endif
    }
}
