import Synchronization

/// The lock of a point's caches: a `Mutex`, a futex word inside the point
/// (an `NSLock` would be two more allocations per point, and a sample of
/// 50,000 points is bound by memory).
struct CacheLock: ~Copyable, Sendable {
    private let mutex = Mutex(())

    init() {}

    /// Runs `body` holding the lock.
    @inline(__always)
    func withLock<R: Sendable>(_ body: () throws -> R) rethrows -> R {
        try mutex.withLock { _ in try body() }
    }
}

/// Marks for caches that, once written, never change: a reader that sees a
/// cache's mark set reads the cache in place, without the lock and without
/// copying (or retaining) what it holds. Set with release and read with
/// acquire ordering, so that the write of the cache happens before any read
/// that finds the mark.
struct PublishedCaches: ~Copyable, Sendable {
    private let bits = Atomic<UInt8>(0)

    init() {}

    /// Whether the cache `mask` names has been published.
    @inline(__always)
    func contains(_ mask: UInt8) -> Bool {
        bits.load(ordering: .acquiring) & mask != 0
    }

    /// Publishes the cache `mask` names; call after writing it, under the
    /// cache lock, and never write that cache again.
    @inline(__always)
    func insert(_ mask: UInt8) {
        bits.bitwiseOr(mask, ordering: .releasing)
    }
}
