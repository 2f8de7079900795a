import Foundation
import Testing
@testable import InfoGeometry

@Suite struct ParallelTests {
    struct Failure: Error, Equatable { let item: Int }

    @Test func resultsComeInInputOrder() throws {
        for threads in [1, 2, 3, 8] {
            let squares = try Parallel.map(count: 10_000, threads: threads) { $0 * $0 }
            #expect(squares == (0..<10_000).map { $0 * $0 })
        }
        #expect(try Parallel.map(count: 0, threads: 4) { $0 }.isEmpty)
    }

    /// Results are moved out of the workers' buffer: each object made by an
    /// item is held by the result alone, and is freed with it; when an item
    /// fails, the objects already made are freed too.
    @Test func resultsAreMovedOutAndFreed() throws {
        for threads in [1, 2, 4] {
            var objects = try Parallel.map(count: 5_000, threads: threads) { _ in Tracked() }
            #expect(Tracked.live.value == 5_000)
            #expect(objects.indices.allSatisfy { isKnownUniquelyReferenced(&objects[$0]) })
            objects = []
            #expect(Tracked.live.value == 0)
            #expect(throws: Failure(item: 2_500)) {
                _ = try Parallel.map(count: 5_000, threads: threads) { i -> Tracked in
                    if i == 2_500 { throw Failure(item: i) }
                    return Tracked()
                }
            }
            #expect(Tracked.live.value == 0)
        }
    }

    @Test func theFirstFailureInInputOrderIsReported() {
        for threads in [1, 2, 4] {
            #expect(throws: Failure(item: 1234)) {
                _ = try Parallel.map(count: 10_000, threads: threads) { i -> Int in
                    if i == 1234 || i == 7000 || i == 9999 { throw Failure(item: i) }
                    return i
                }
            }
        }
    }

    @Test func parallelDrawsEqualSerialDraws() throws {
        let law = try DirichletDistribution(alpha: [1.5, 0.5, 0.5, 2], margin: 1e-3)
        let serial = try SeededGenerator.draws(count: 3000, seed: 7) { try law.sample(using: &$0) }
        for threads in [1, 2, 5] {
            let parallel = try SeededGenerator.parallelDraws(count: 3000, seed: 7, threads: threads) { try law.sample(using: &$0) }
            #expect(parallel == serial)
        }
    }
}

/// An object that counts the live instances of its kind.
final class Tracked {
    static let live = Counter()
    init() { Tracked.live.add(1) }
    deinit { Tracked.live.add(-1) }
}

/// A count shared by threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add(_ n: Int) { lock.lock(); count += n; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
