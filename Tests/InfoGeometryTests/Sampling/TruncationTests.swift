import Testing
@testable import InfoGeometry

@Suite struct TruncationTests {
    @Test func truncatedBetaStaysInsideAndHasTheTruncatedMoments() throws {
        // Moments of Beta(½, ½) and Beta(2, 5) restricted to [m, 1 − m], by
        // quadrature (python3 + scipy 1.17.1):
        //   d = stats.beta(a, b); Z = d.cdf(1-m) - d.cdf(m)
        //   mean = quad(x·pdf, m, 1-m)/Z; var = quad((x-mean)²·pdf)/Z;
        //   kurt = quad((x-mean)⁴·pdf)/Z/var² - 3
        let cases: [(a: Double, b: Double, margin: Double, mean: Double, variance: Double, kurtosis: Double)] = [
            (0.5, 0.5, 0.1, 0.5, 0.06029568703125171, -1.3141305235995084),
            (2, 5, 0.05, 0.29428448054553746, 0.024127286628188124, -0.07563593688894299),
        ]
        for c in cases {
            let x = try beta(c.a, c.b, count: 200_000, seed: 31, margin: c.margin)
            #expect(x.allSatisfy { $0 >= c.margin && $0 <= 1 - c.margin })
            MomentChecks.expectMoments(
                x, mean: c.mean, variance: c.variance, excessKurtosis: c.kurtosis,
                "Beta(\(c.a), \(c.b)) on [\(c.margin), \(1 - c.margin)]")
        }
    }

    @Test func truncatedDirichletRespectsTheMargin() throws {
        let x = try dirichlet([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], count: 20_000, seed: 32, margin: 1e-3)
        #expect(x.allSatisfy { $0.allSatisfy { $0 >= 1e-3 } })
        let y = try dirichlet([0.5, 0.5, 0.5], count: 5_000, seed: 33, margin: 0.2)
        #expect(y.allSatisfy { $0.allSatisfy { $0 >= 0.2 } && abs($0.reduce(0, +) - 1) < 1e-14 })
        // Without the margin, Dirichlet(½, ½, ½) often has an entry below 0.2.
        let free = try dirichlet([0.5, 0.5, 0.5], count: 5_000, seed: 33)
        #expect(free.contains { $0.contains { $0 < 0.2 } })
    }

    @Test func marginOutsideItsRangeIsAnArgumentError() {
        #expect(throws: GeometryError.invalidArgument(
            "dirichlet: margin must lie in [0, 1/4) for dimension 4, got 0.25")) {
            try dirichlet([1, 1, 1, 1], count: 1, seed: 0, margin: 0.25)
        }
        #expect(throws: GeometryError.invalidArgument(
            "beta: margin must lie in [0, 1/2) for dimension 2, got 0.5")) {
            try beta(1, 1, count: 1, seed: 0, margin: 0.5)
        }
        #expect(throws: GeometryError.self) { try dirichlet([1, 1], count: 1, seed: 0, margin: -0.1) }
        #expect(throws: GeometryError.self) { try dirichlet([1, 1], count: 1, seed: 0, margin: .nan) }
    }

    @Test func hopelessMarginHitsTheAttemptCap() throws {
        // Every entry ≥ 0.124 in dimension 8 leaves a sliver of the simplex.
        let law = try DirichletDistribution(alpha: Array(repeating: 0.5, count: 8), margin: 0.124, maxAttempts: 2_000)
        var generator = SeededGenerator(seed: 34)
        do {
            _ = try law.sample(using: &generator)
            Issue.record("expected the attempt cap to be hit")
        } catch let GeometryError.limitExceeded(message) {
            #expect(message.contains("2000 attempts"))
            #expect(message.contains("margin is too large"))
        }
        let betaLaw = try BetaDistribution(a: 0.05, b: 0.05, margin: 0.49, maxAttempts: 100)
        #expect(throws: GeometryError.self) { try betaLaw.sample(using: &generator) }
    }
}
