import Foundation
import Testing
@testable import InfoGeometry

@Suite struct DistributionTests {
    let n = 200_000

    /// Subnormal α: every gamma variate's logarithm overflows, and the draw
    /// is a vertex, vertex i with probability αᵢ / Σα (the law's limit),
    /// never NaN.
    @Test func subnormalAlphasDrawVertices() throws {
        #expect(try dirichlet([5e-324], count: 3, seed: 1) == [[1], [1], [1]])
        let even = try dirichlet([5e-324, 5e-324], count: 4000, seed: 2)
        #expect(even.allSatisfy { $0 == [1, 0] || $0 == [0, 1] })
        let first = Double(even.filter { $0[0] == 1 }.count) / 4000
        #expect(abs(first - 0.5) < 0.04, "\(first)")
        // 1e-320 is 2,024 times 5e-324: the second vertex nearly always.
        let uneven = try dirichlet([5e-324, 1e-320], count: 4000, seed: 3)
        #expect(uneven.filter { $0 == [1, 0] }.count < 20)
        // One αᵢ of ordinary size takes every draw's mass in its entry.
        #expect(try dirichlet([5e-324, 1], count: 100, seed: 4).allSatisfy { $0.allSatisfy(\.isFinite) && abs($0.reduce(0, +) - 1) < 1e-12 })
    }

    @Test func normalMomentsAndShape() throws {
        let x = try normal(count: n, seed: 1, mean: 2, standardDeviation: 3)
        MomentChecks.expectMoments(x, mean: 2, variance: 9, excessKurtosis: 0, "N(2, 9)")
        let ks = MomentChecks.kolmogorovSmirnov(x) { 0.5 * erfc(-($0 - 2) / (3 * 2.0.squareRoot())) }
        #expect(ks < 1.95, "KS statistic \(ks)")
    }

    @Test(arguments: [0.3, 1.0, 2.5, 40.0])
    func gammaMoments(shape: Double) throws {
        let scale = 1.7
        let x = try gamma(shape: shape, scale: scale, count: n, seed: 2)
        MomentChecks.expectMoments(
            x, mean: shape * scale, variance: shape * scale * scale,
            excessKurtosis: 6 / shape, "Gamma(\(shape), \(scale))")
        #expect(x.allSatisfy { $0 > 0 && $0.isFinite })
    }

    @Test func gammaShapeTwoMatchesItsDistributionFunction() throws {
        let x = try gamma(shape: 2, count: n, seed: 3)
        let ks = MomentChecks.kolmogorovSmirnov(x) { 1 - Foundation.exp(-$0) * (1 + $0) }
        #expect(ks < 1.95, "KS statistic \(ks)")
    }

    @Test(arguments: [(1.5, 1.5), (0.5, 0.5), (2.0, 5.0), (0.2, 3.0)])
    func betaMoments(a: Double, b: Double) throws {
        let x = try beta(a, b, count: n, seed: 4)
        let law = try BetaDistribution(a: a, b: b)
        MomentChecks.expectMoments(
            x, mean: law.mean, variance: law.variance,
            excessKurtosis: MomentChecks.betaExcessKurtosis(a, b), "Beta(\(a), \(b))")
        #expect(x.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func arcsineLawMatchesItsDistributionFunction() throws {
        // Beta(½, ½) has F(x) = (2/π) asin √x.
        let x = try beta(0.5, 0.5, count: n, seed: 5)
        let ks = MomentChecks.kolmogorovSmirnov(x) { 2 / Double.pi * asin($0.squareRoot()) }
        #expect(ks < 1.95, "KS statistic \(ks)")
    }

    @Test func dirichletHalfMoments() throws {
        let alpha = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]
        let x = try dirichlet(alpha, count: n, seed: 6)
        let law = try DirichletDistribution(alpha: alpha)
        let total = alpha.reduce(0, +)
        for i in alpha.indices {
            // The i-th entry is Beta(αᵢ, α₀ − αᵢ).
            MomentChecks.expectMoments(
                x.map { $0[i] }, mean: law.mean[i], variance: law.variance[i],
                excessKurtosis: MomentChecks.betaExcessKurtosis(alpha[i], total - alpha[i]),
                "Dirichlet(½ × 8) entry \(i + 1)")
        }
        #expect(x.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-14 && $0.allSatisfy { $0 >= 0 } })
    }

    @Test func dirichletUnequalMomentsAndCovariance() throws {
        let alpha = [0.3, 1.0, 4.0]
        let x = try dirichlet(alpha, count: n, seed: 7)
        let law = try DirichletDistribution(alpha: alpha)
        for i in alpha.indices {
            MomentChecks.expectMoments(
                x.map { $0[i] }, mean: law.mean[i], variance: law.variance[i],
                excessKurtosis: MomentChecks.betaExcessKurtosis(alpha[i], 5.3 - alpha[i]),
                "Dirichlet(0.3, 1, 4) entry \(i + 1)")
        }
        // Cov(x₁, x₃) = −α₁α₃ / (α₀²(α₀ + 1)).
        let m1 = MomentChecks.mean(x.map { $0[0] })
        let m3 = MomentChecks.mean(x.map { $0[2] })
        let covariance = x.reduce(0) { $0 + ($1[0] - m1) * ($1[2] - m3) } / Double(n - 1)
        let exact = -0.3 * 4 / (5.3 * 5.3 * 6.3)
        #expect(abs(covariance - exact) < 0.03 * abs(exact), "covariance \(covariance), exact \(exact)")
    }

    @Test func tinyShapesStayFiniteAndNormalised() throws {
        let x = try dirichlet([1e-3, 1e-3, 1e-3], count: 1000, seed: 8)
        #expect(x.allSatisfy { $0.allSatisfy(\.isFinite) && abs($0.reduce(0, +) - 1) < 1e-14 })
        let b = try beta(1e-3, 1e-3, count: 1000, seed: 8)
        #expect(b.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
    }

    @Test func sameSeedSameSamplesDifferentSeedsDiffer() throws {
        #expect(try dirichlet([0.5, 0.5, 0.5], count: 50, seed: 9)
                == dirichlet([0.5, 0.5, 0.5], count: 50, seed: 9))
        let a = try dirichlet([0.5, 0.5, 0.5], count: 50, seed: 9)
        let b = try dirichlet([0.5, 0.5, 0.5], count: 50, seed: 10)
        #expect(zip(a, b).allSatisfy { $0 != $1 })
        #expect(try beta(1.5, 1.5, count: 20, seed: 3) == beta(1.5, 1.5, count: 20, seed: 3))
        #expect(try beta(1.5, 1.5, count: 20, seed: 3) != beta(1.5, 1.5, count: 20, seed: 4))
        #expect(try gamma(shape: 0.7, count: 20, seed: 3) == gamma(shape: 0.7, count: 20, seed: 3))
        #expect(try normal(count: 20, seed: 3) != normal(count: 20, seed: 4))
    }

    @Test func generatorVariantsContinueTheSequence() throws {
        var generator = SeededGenerator(seed: 21)
        let first = try dirichlet([1, 2], count: 3, using: &generator)
        let second = try dirichlet([1, 2], count: 3, using: &generator)
        var fresh = SeededGenerator(seed: 21)
        #expect(first + second == (try dirichlet([1, 2], count: 6, using: &fresh)))
    }

    @Test func seededDrawsComeOnePerStream() throws {
        let alpha = [0.5, 0.5, 0.5]
        let batch = try dirichlet(alpha, count: 10, seed: 22, margin: 1e-3)
        let law = try DirichletDistribution(alpha: alpha, margin: 1e-3)
        for i in 0..<10 {
            var stream = SeededGenerator(seed: 22, stream: UInt64(i))
            #expect(batch[i] == (try law.sample(using: &stream)))
        }
        #expect(Array(batch.prefix(4)) == (try dirichlet(alpha, count: 4, seed: 22, margin: 1e-3)))
        #expect(Array(try beta(0.5, 0.5, count: 9, seed: 23).prefix(3)) == (try beta(0.5, 0.5, count: 3, seed: 23)))
        var stream5 = SeededGenerator(seed: 24, stream: 5)
        #expect(try gamma(shape: 3, count: 6, seed: 24)[5]
                == GammaDistribution(shape: 3).sample(using: &stream5))
    }

    @Test func invalidParametersAreRejected() {
        #expect(throws: GeometryError.self) { try GammaDistribution(shape: 0) }
        #expect(throws: GeometryError.self) { try GammaDistribution(shape: .nan) }
        #expect(throws: GeometryError.self) { try GammaDistribution(shape: 1, scale: .infinity) }
        #expect(throws: GeometryError.self) { try BetaDistribution(a: -1, b: 1) }
        #expect(throws: GeometryError.self) { try DirichletDistribution(alpha: []) }
        #expect(throws: GeometryError.self) { try DirichletDistribution(alpha: [1, .infinity]) }
        #expect(throws: GeometryError.self) { try NormalDistribution(standardDeviation: 0) }
        #expect(throws: GeometryError.self) { try dirichlet([1, 1], count: -1, seed: 0) }
        #expect(throws: GeometryError.self) { try dirichlet([1, 1], count: Int.max, seed: 0) }
    }
}
