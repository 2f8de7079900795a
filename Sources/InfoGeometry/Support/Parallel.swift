import Synchronization
import Foundation
import Dispatch

/// Data parallelism with results identical to a serial loop.
///
/// `Parallel.map(count:)` runs `body(i)` for every i in `0..<count` on up to
/// `threads` threads, over contiguous chunks, and returns the results in input
/// order. Each item is computed by the same code on the same inputs as in a
/// serial loop, so the results are the same bit for bit; only the order in
/// which items run differs. When items fail, the error of the first failing
/// item in input order is thrown — the one a serial loop would have met first.
public enum Parallel {
    /// Threads used by default: `EVIDENT_THREADS` when it is a whole number
    /// ≥ 1 (`EVIDENT_THREADS=1` forces serial evaluation), otherwise the
    /// number of active processors.
    public static let defaultThreads: Int = {
        if let text = ProcessInfo.processInfo.environment["EVIDENT_THREADS"], let n = Int(text), n >= 1 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Below this many items per thread, the work runs serially.
    public static let minimumItemsPerThread = 32

    // Inlinable so that callers in other modules get it specialised for
    // their element type (a generic loop makes witness calls for every item).
    @inlinable
    public static func map<T>(count: Int, threads: Int = defaultThreads, _ body: (Int) throws -> T) throws -> [T] {
        let workers = min(max(1, threads), count / minimumItemsPerThread)
        guard workers > 1 else {
            var results: [T] = []
            results.reserveCapacity(max(count, 0))
            for i in 0..<max(count, 0) { results.append(try body(i)) }
            return results
        }
        // A few chunks per worker even out uneven items without much overhead.
        let chunkCount = min(count, workers * 8)
        let failures = FirstFailure()
        let results = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        let done = UnsafeMutableBufferPointer<Bool>.allocate(capacity: count)
        done.initialize(repeating: false)
        defer {
            for i in 0..<count where done[i] { (results.baseAddress! + i).deinitialize(count: 1) }
            results.deallocate()
            done.deallocate()
        }
        try withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable((body, results, done))
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let (body, results, done) = shared.value
                let start = count * chunk / chunkCount, end = count * (chunk + 1) / chunkCount
                for i in start..<end {
                    // Items after a known failure cannot change the outcome;
                    // looked at every 64 items (the lock is shared by the
                    // threads, and taken per item they wait on each other).
                    if (i - start) % 64 == 0, failures.index < i { return }
                    do {
                        (results.baseAddress! + i).initialize(to: try body(i))
                        done[i] = true
                    } catch {
                        failures.record(error, at: i)
                        return
                    }
                }
            }
            if let error = failures.error { throw error }
        }
        // Moved out, not copied: no reference count is touched per item.
        var moved: [T] = []
        moved.reserveCapacity(count)
        for i in 0..<count { moved.append((results.baseAddress! + i).move()) }
        for i in 0..<count { done[i] = false }
        return moved
    }
}

/// A value handed to worker threads whose access pattern makes it safe
/// (disjoint indices of a buffer, a closure with no shared mutable state).
@usableFromInline
struct UncheckedSendable<Value>: @unchecked Sendable {
    @usableFromInline let value: Value
    @usableFromInline init(_ value: Value) { self.value = value }
}

/// The failure with the smallest item index seen so far.
@usableFromInline
final class FirstFailure: Sendable {
    private let stored = Mutex<(index: Int, error: Error?)>((Int.max, nil))

    @usableFromInline init() {}

    @usableFromInline var index: Int { stored.withLock { $0.index } }
    @usableFromInline var error: Error? { stored.withLock { $0.error } }

    @usableFromInline func record(_ error: Error, at i: Int) {
        stored.withLock { if i < $0.index { $0 = (i, error) } }
    }
}
