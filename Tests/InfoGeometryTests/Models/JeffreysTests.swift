import Testing
@testable import InfoGeometry

@Suite struct JeffreysTests {
    static func moments(_ xs: [Double]) -> (mean: Double, variance: Double) {
        let m = xs.reduce(0, +) / Double(xs.count)
        return (m, xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1))
    }

    /// |observed − exact| within 5 standard errors of the mean.
    static func expectMean(_ xs: [Double], _ mean: Double, _ variance: Double, _ what: String) {
        let (m, v) = moments(xs)
        let se = (variance / Double(xs.count)).squareRoot()
        #expect(abs(m - mean) < 5 * se, "\(what): mean \(m), expected \(mean)")
        #expect(abs(v - variance) < 0.05 * variance, "\(what): variance \(v), expected \(variance)")
    }

    static func betaVariance(_ a: Double, _ b: Double) -> Double { a * b / ((a + b) * (a + b) * (a + b + 1)) }

    @Test func latentClassIsBetaThreeHalvesTimesArcsines() throws {
        let s = try Fixtures.latentClass.jeffreys(count: 100_000, seed: 1, margin: 0)
        Self.expectMean(s.map { $0[0] }, 0.5, Self.betaVariance(1.5, 1.5), "θ1")
        for k in 1..<5 { Self.expectMean(s.map { $0[k] }, 0.5, Self.betaVariance(0.5, 0.5), "θ\(k + 1)") }
    }

    @Test func fullSimplexIsDirichletHalf() throws {
        let s = try Fixtures.full.jeffreys(count: 100_000, seed: 2, margin: 0)
        let n = 8.0, a0 = n / 2
        for k in 0..<7 { Self.expectMean(s.map { $0[k] }, 1 / n, 0.5 * (a0 - 0.5) / (a0 * a0 * (a0 + 1)), "p\(k + 1)") }
    }

    @Test func marginIsRespectedAndSeedsReproduce() throws {
        for model in ModelTests.models {
            let a = try model.jeffreys(count: 60, seed: 7, margin: 1e-3)
            let b = try model.jeffreys(count: 60, seed: 7, margin: 1e-3)
            let c = try model.jeffreys(count: 60, seed: 8, margin: 1e-3)
            #expect(a == b, "\(model.family)")
            #expect(a != c, "\(model.family)")
            for theta in a {
                let p = try model.point(theta)
                if model is LogLinearModel || model is FullSimplex {
                    #expect(p.joint.allSatisfy { $0 >= 1e-3 })
                } else {
                    #expect(theta.allSatisfy { $0 >= 1e-3 && $0 <= 1 - 1e-3 })
                }
            }
        }
        #expect(throws: GeometryError.self) { try Fixtures.full.jeffreys(count: 1, seed: 1, margin: 0.2) }
        #expect(throws: GeometryError.self) { try Fixtures.rbm.jeffreys(count: 1, seed: 1, margin: 0) }
    }

    /// The slice sampler on the network density reproduces the exact law.
    @Test func sliceSamplerAgreesWithTheExactLaw() throws {
        let s = try Fixtures.latentClass.sliceJeffreys(count: 8_000, seed: 3, margin: 1e-9)
        // Correlated draws: allow a looser tolerance than for exact draws.
        let (m1, v1) = Self.moments(s.map { $0[0] })
        #expect(abs(m1 - 0.5) < 0.02 && abs(v1 - Self.betaVariance(1.5, 1.5)) < 0.01)
        for k in 1..<5 {
            let (m, v) = Self.moments(s.map { $0[k] })
            #expect(abs(m - 0.5) < 0.02 && abs(v - Self.betaVariance(0.5, 0.5)) < 0.01, "θ\(k + 1): \(m), \(v)")
        }
    }

    /// A saturated log-linear model is the full simplex in exponential
    /// coordinates, so its Jeffreys prior is Dirichlet(½) on p.
    @Test func saturatedLogLinearModelIsDirichletHalf() throws {
        let space = try StateSpace(hidden: [], visible: ["v:3"])
        let model = try LogLinearModel(space: space, statistics: Matrix(rowArrays: [[0, 0], [1, 0], [0, 1]]))
        let s = try model.jeffreys(count: 8_000, seed: 4, margin: 1e-6)
        let p = s.map { model.distribution(at: $0) }
        for k in 0..<3 {
            let (m, v) = Self.moments(p.map { $0[k] })
            #expect(abs(m - 1.0 / 3) < 0.02 && abs(v - 0.5 * 1.0 / (2.25 * 2.5)) < 0.01, "p\(k + 1): \(m), \(v)")
        }
    }
}
