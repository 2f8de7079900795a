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
