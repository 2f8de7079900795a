import Testing
@testable import InfoGeometry

@Suite struct DivergenceTests {
    @Test func klIsNonNegativeAndZeroOnlyAtEquality() throws {
        var rng = Fixtures.Uniforms(seed: 11)
        for _ in 0..<500 {
            let p = rng.point(Fixtures.full).joint, q = rng.point(Fixtures.full).joint
            #expect(try Probability.klDivergence(p, q) > 0)
            #expect(try Probability.klDivergence(p, p) == 0)
        }
    }

    @Test func zeroLogZeroAndInfiniteDivergence() throws {
        #expect(try Probability.klDivergence([0.5, 0.5, 0], [0.25, 0.25, 0.5]) == log(2))
        #expect(throws: GeometryError.self) { try Probability.klDivergence([0.5, 0.5], [1, 0]) }
        #expect(Probability.entropy([0.5, 0.5, 0]) == log(2))
        #expect(abs(try Probability.crossEntropy([0.5, 0.5], [0.25, 0.75]) - (-0.5 * log(0.25) - 0.5 * log(0.75))) < 1e-15)
    }

    @Test func validationSaysWhatIsWrong() throws {
        func message(_ p: [Double]) -> String {
            do { try Probability.validate(p, count: 3); return "" } catch { return "\(error)" }
        }
        #expect(message([0.5, 0.5]) == "a probability vector must have 3 entries, got 2")
        #expect(message([0.5, -0.1, 0.6]) == "entry 2 of a probability vector is negative (-0.1)")
        #expect(message([0.5, .nan, 0.5]) == "entry 2 of a probability vector is nan")
        #expect(message([0.5, 0.2, 0.2]).hasPrefix("a probability vector sums to 0.9"))
        #expect(message([0.5, 0.25, 0.25]) == "")
    }
}

import Foundation
