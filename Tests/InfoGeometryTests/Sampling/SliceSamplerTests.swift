import Foundation
import Testing
@testable import InfoGeometry

@Suite struct SliceSamplerTests {
    @Test(arguments: [SliceSampler.Direction.coordinatewise, .randomDirection])
    func recoversBetaTwoFive(direction: SliceSampler.Direction) throws {
        // Beta(2, 5): mean 2/7, variance 10/392.
        let sampler = try SliceSampler(
            logDensity: { x in log(x[0]) + 4 * log(1 - x[0]) },
            lower: [0], upper: [1], width: 0.3, direction: direction)
        var generator = SeededGenerator(seed: 41)
        let draws = try sampler.sample(count: 40_000, start: [0.5], generator: &generator).map { $0[0] }
        #expect(draws.count == 40_000)
        #expect(draws.allSatisfy { $0 > 0 && $0 < 1 })
        let error = MomentChecks.batchMeansError(draws)
        // i.i.d. error would be 8e-4; a slice chain on a unimodal density is
        // close to that. A broken sampler shows as a large error or bias.
        #expect(error < 2e-3, "batch-means standard error \(error)")
        let mean = MomentChecks.mean(draws)
        #expect(abs(mean - 2.0 / 7) < 4 * error, "mean \(mean)")
        let variance = MomentChecks.variance(draws)
        #expect(abs(variance - 10.0 / 392) < 0.04 * 10.0 / 392, "variance \(variance)")
    }

    @Test(arguments: [SliceSampler.Direction.coordinatewise, .randomDirection])
    func recoversATruncatedCorrelatedGaussian(direction: SliceSampler.Direction) throws {
        // N(0, [[1, 0.8], [0.8, 1]]) restricted to [−1, 2] × [−0.5, 1.5].
        // Exact moments by Simpson's rule on a 4001 × 4001 grid (python3 +
        // numpy 2.4.6; the mean of x checked with scipy dblquad to 3e-15):
        //   f = exp(-(x²-2ρxy+y²)/(2(1-ρ²))); mᵢ = ∫ xᵢ f / ∫ f; etc.
        let exactMean = [0.32620407715071725, 0.36899767643682235]
        let exactVariance = [0.4259191232298396, 0.2732095541068847]
        let exactCovariance = 0.1869276227643713
        let rho = 0.8
        let sampler = try SliceSampler(
            logDensity: { p in -(p[0] * p[0] - 2 * rho * p[0] * p[1] + p[1] * p[1]) / (2 * (1 - rho * rho)) },
            lower: [-1, -0.5], upper: [2, 1.5], width: 1, direction: direction)
        var generator = SeededGenerator(seed: 42)
        let draws = try sampler.sample(count: 40_000, start: [0, 0], generator: &generator)
        #expect(draws.allSatisfy { $0[0] >= -1 && $0[0] <= 2 && $0[1] >= -0.5 && $0[1] <= 1.5 })
        for i in 0..<2 {
            let coordinate = draws.map { $0[i] }
            let error = MomentChecks.batchMeansError(coordinate)
            #expect(error < 0.015, "coordinate \(i + 1): batch-means standard error \(error)")
            let mean = MomentChecks.mean(coordinate)
            #expect(abs(mean - exactMean[i]) < 4 * error, "coordinate \(i + 1): mean \(mean)")
            let variance = MomentChecks.variance(coordinate)
            #expect(abs(variance - exactVariance[i]) < 0.05 * exactVariance[i],
                    "coordinate \(i + 1): variance \(variance)")
        }
        let m0 = MomentChecks.mean(draws.map { $0[0] })
        let m1 = MomentChecks.mean(draws.map { $0[1] })
        let covariance = draws.reduce(0) { $0 + ($1[0] - m0) * ($1[1] - m1) } / Double(draws.count - 1)
        #expect(abs(covariance - exactCovariance) < 0.07 * exactCovariance, "covariance \(covariance)")
    }

    @Test func domainPredicateRestrictsTheSupport() throws {
        // Uniform on the triangle x + y ≤ 1 in the unit square: E x = 1/3.
        let sampler = try SliceSampler(
            logDensity: { _ in 0 }, lower: [0, 0], upper: [1, 1], width: 0.5,
            domain: { $0[0] + $0[1] <= 1 })
        var generator = SeededGenerator(seed: 43)
        let draws = try sampler.sample(count: 20_000, start: [0.2, 0.2], generator: &generator)
        #expect(draws.allSatisfy { $0[0] + $0[1] <= 1 })
        let mean = MomentChecks.mean(draws.map { $0[0] })
        #expect(abs(mean - 1.0 / 3) < 0.01, "mean \(mean)")
    }

    @Test func sameGeneratorStateSameChain() throws {
        let sampler = try SliceSampler(
            logDensity: { -0.5 * $0[0] * $0[0] }, lower: [-10], upper: [10], width: 1,
            burnIn: 10, thinning: 3)
        var a = SeededGenerator(seed: 44)
        var b = SeededGenerator(seed: 44)
        var c = SeededGenerator(seed: 45)
        let first = try sampler.sample(count: 100, start: [0], generator: &a)
        #expect(first == (try sampler.sample(count: 100, start: [0], generator: &b)))
        #expect(first != (try sampler.sample(count: 100, start: [0], generator: &c)))
        #expect(try sampler.sample(count: 0, start: [0], generator: &a).isEmpty)
    }

    @Test func unboundedBoxWorks() throws {
        let sampler = try SliceSampler(
            logDensity: { -0.5 * $0[0] * $0[0] }, lower: [-.infinity], upper: [.infinity], width: 2)
        var generator = SeededGenerator(seed: 46)
        let draws = try sampler.sample(count: 20_000, start: [5], generator: &generator).map { $0[0] }
        #expect(abs(MomentChecks.mean(draws)) < 0.05)
        #expect(abs(MomentChecks.variance(draws) - 1) < 0.05)
    }

    @Test func startOutsideTheSupportIsAnError() throws {
        let nowhere = try SliceSampler(logDensity: { _ in -.infinity }, lower: [0], upper: [1], width: 0.1)
        var generator = SeededGenerator(seed: 47)
        #expect(throws: GeometryError.self) { try nowhere.sample(count: 5, start: [0.5], generator: &generator) }

        let unit = try SliceSampler(logDensity: { _ in 0 }, lower: [0, 0], upper: [1, 1], width: 0.1)
        #expect(throws: GeometryError.self) { try unit.sample(count: 5, start: [1.5, 0.5], generator: &generator) }
        #expect(throws: GeometryError.self) { try unit.sample(count: 5, start: [0.5], generator: &generator) }
    }

    @Test func nanOrInfiniteLogDensityIsAnError() throws {
        var generator = SeededGenerator(seed: 48)
        let nan = try SliceSampler(
            logDensity: { $0[0] > 0.6 ? .nan : 0 }, lower: [0], upper: [1], width: 0.5)
        #expect(throws: GeometryError.self) { try nan.sample(count: 100, start: [0.1], generator: &generator) }
        let infinite = try SliceSampler(logDensity: { _ in .infinity }, lower: [0], upper: [1], width: 0.5)
        #expect(throws: GeometryError.self) { try infinite.sample(count: 1, start: [0.1], generator: &generator) }
    }

    @Test func invalidConfigurationsAreRejected() {
        let f: ([Double]) -> Double = { _ in 0 }
        #expect(throws: GeometryError.self) { try SliceSampler(logDensity: f, lower: [], upper: [], width: 1) }
        #expect(throws: GeometryError.self) { try SliceSampler(logDensity: f, lower: [0], upper: [1, 2], width: 1) }
        #expect(throws: GeometryError.self) { try SliceSampler(logDensity: f, lower: [1], upper: [1], width: 1) }
        #expect(throws: GeometryError.self) { try SliceSampler(logDensity: f, lower: [.nan], upper: [1], width: 1) }
        #expect(throws: GeometryError.self) { try SliceSampler(logDensity: f, lower: [0], upper: [1], width: 0) }
        #expect(throws: GeometryError.self) {
            try SliceSampler(logDensity: f, lower: [0], upper: [1], width: 1, thinning: 0)
        }
        #expect(throws: GeometryError.self) {
            try SliceSampler(logDensity: f, lower: [0], upper: [1], width: 1, burnIn: -1)
        }
    }

    @Test func runawayRunLengthIsALimitError() throws {
        let sampler = try SliceSampler(logDensity: { _ in 0 }, lower: [0], upper: [1], width: 1, thinning: 1_000)
        var generator = SeededGenerator(seed: 49)
        #expect(throws: GeometryError.self) {
            try sampler.sample(count: 1_000_000, start: [0.5], generator: &generator)
        }
    }

    /// A density given along lines draws the chain it draws given at points:
    /// each update prepares its own coordinate's line at the chain's point.
    @Test func lineFormDrawsThePointFormsChain() throws {
        func ell(_ x: [Double]) -> Double { -0.5 * (x[0] * x[0] + 2 * x[1] * x[1] + x[0] * x[1]) - log(1 + x[2] * x[2]) }
        let byPoint = try SliceSampler(logDensity: ell, lower: [-6, -6, -6], upper: [6, 6, 6], width: 1, burnIn: 20)
        var axes: [Int] = []
        let byLine = try SliceSampler(
            lineLogDensity: { origin, k in
                axes.append(k)
                return { t in var x = origin; x[k] += t; return ell(x) }
            },
            lower: [-6, -6, -6], upper: [6, 6, 6], width: 1, burnIn: 20)
        var g1 = SeededGenerator(seed: 9), g2 = SeededGenerator(seed: 9)
        let a = try byPoint.sample(count: 50, start: [0, 0, 0], generator: &g1)
        let b = try byLine.sample(count: 50, start: [0, 0, 0], generator: &g2)
        #expect(a == b)
        // The start's value, then one line per update, coordinates in turn.
        #expect(axes == [0] + (0..<(70 * 3)).map { $0 % 3 })
    }
}
