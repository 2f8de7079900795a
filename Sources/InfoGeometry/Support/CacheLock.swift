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
