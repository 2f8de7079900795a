import Foundation
import Testing
@testable import InfoGeometry

/// The Jeffreys sampler of models whose density does not factorise (slice
/// sampling of ½ log det G along coordinate lines, `JeffreysLines`).
@Suite struct LogLinearJeffreysTests {
    /// The saturated model on four states in coordinates that mix the states:
    /// T̃ = (1, T) is invertible, so θ ↦ p is onto the open simplex and the
    /// Jeffreys prior (invariant under reparametrisation) is Dirichlet(½, ½, ½, ½)
    /// on p. The first statistic takes four values, so its lines have four
    /// groups; the others are binary.
    static let mixedSaturated = try! LogLinearModel(
        space: StateSpace(hidden: [], visible: ["v:4"]),
        statistics: Matrix(rowArrays: [[0, 0, 0], [1, 0, 1], [2, 1, 0], [-1, 1, 1]]))

    /// ½ log det G at θ from the model's Jacobian and LAPACK's determinant:
    /// a computation independent of the lines'.
    static func halfLogDetFisher(_ model: LogLinearModel, _ theta: [Double]) throws -> Double {
        let g = try model.point(theta).fisher()
        return 0.5 * Foundation.log(try DenseLinearAlgebra.determinant(g))
    }

    /// Along every coordinate line of two sweeps (the first line of a sweep
    /// from θ afresh, the others from the previous line's moments), ℓ(t)
    /// agrees with ½ log det G(θ + t·e_k), and is −∞ exactly where some
    /// probability falls below the margin. Both are double computations of
    /// a well-conditioned G (θ within [−1.5, 1.5]): 1e-9 leaves room for
    /// their rounding and nothing for a wrong formula.
    @Test(arguments: [try! LogLinearModel.rbm(hidden: 2, visible: 3), mixedSaturated])
    func linesGiveHalfTheLogDeterminantOfTheFisherMatrix(model: LogLinearModel) throws {
        let margin = 1e-3
        let lines = JeffreysLines(statistics: model.statistics, margin: margin)
        var u = Fixtures.Uniforms(seed: 18)
        var theta = (0..<model.dimension).map { _ in 2 * u.next() - 1 }
        for _ in 0..<2 {
            for k in 0..<model.dimension {
                let along = lines.along(theta, axis: k)
                for t in [-0.5, 0, 0.35, 1.2, -9, 14] {
                    var moved = theta
                    moved[k] += t
                    let p = model.distribution(at: moved)
                    let value = along(t)
                    if p.min()! < margin {
                        #expect(value == -.infinity, "axis \(k), t \(t)")
                    } else {
                        let exact = try Self.halfLogDetFisher(model, moved)
                        #expect(abs(value - exact) < 1e-9, "axis \(k), t \(t): \(value) against \(exact)")
                    }
                }
                theta[k] = max(-1.5, min(1.5, theta[k] + u.next() - 0.5))
            }
        }
    }

    /// The law of the general sampler against the exact one: for the mixed
    /// saturated model, p ~ Dirichlet(½, ½, ½, ½), so each p_x ~ Beta(½, 3/2)
    /// with E p = 1/4, E p² = Var + 1/16 = 1/16 + 1/16 = 1/8 and distribution
    /// function F(x) = (2/π)(asin √x + √(x(1 − x))).
    ///
    /// Checked: E p_x and E p_x² for all four states and the ten bin
    /// probabilities of p_1 on [0, 1], each a mean over the draws, within 5
    /// batch-means standard errors (50 batches, for the draws' correlation;
    /// with 49 degrees of freedom in the error, a correct sampler misses one
    /// check in about 130,000 by chance, one seed in about 4,600 over the 28). The margin 1e-12 truncates P(some p_x < 1e-12) ≈
    /// 4 · (4/π)·10⁻⁶ = 5e-6 of the law, far below the errors (about 3e-3);
    /// the parameter box, 4(ln 10¹² + 1) = 114, holds every θ with all
    /// p_x ≥ 1e-12: θ = A⁻¹ (ln p_x − ln p_0)_x with ‖A⁻¹‖_∞ = 1.5, so
    /// |θ_i| ≤ 1.5 · ln 10¹² = 41. A density ∝ det G instead of √det G
    /// (Dirichlet(1): E p² = 1/10) or a mistaken group would fail by many errors.
    @Test func theGeneralSamplerDrawsTheExactLaw() throws {
        let model = Self.mixedSaturated
        let draws = try model.jeffreys(count: 20_000, seed: 5, margin: 1e-12).map { model.distribution(at: $0) }
        for x in 0..<4 {
            let p = draws.map { $0[x] }, squares = p.map { $0 * $0 }
            let mean = p.reduce(0, +) / Double(p.count), second = squares.reduce(0, +) / Double(p.count)
            #expect(abs(mean - 0.25) < 5 * MomentChecks.batchMeansError(p), "E p\(x + 1) = \(mean)")
            #expect(abs(second - 0.125) < 5 * MomentChecks.batchMeansError(squares), "E p\(x + 1)² = \(second)")
        }
        func cdf(_ x: Double) -> Double { 2 / Double.pi * (asin(x.squareRoot()) + (x * (1 - x)).squareRoot()) }
        for bin in 0..<10 {
            let lo = Double(bin) / 10, hi = Double(bin + 1) / 10
            let inside = draws.map { $0[0] >= lo && ($0[0] < hi || bin == 9) ? 1.0 : 0 }
            let observed = inside.reduce(0, +) / Double(inside.count), exact = cdf(hi) - cdf(lo)
            #expect(abs(observed - exact) < 5 * MomentChecks.batchMeansError(inside),
                    "P(\(lo) ≤ p1 < \(hi)) = \(observed), exactly \(exact)")
        }
    }

    /// The default margin scales with what it bounds, so it is never too
    /// large for a model: 1e-3 up to 8 probabilities, 1e-3 · (8/N)³ beyond.
    /// On the full simplex of 4,096 states the truncated Dirichlet(½) is
    /// then still drawn (1/N would already be too large to be valid). An
    /// RBM(5,5) drawn with it: `JeffreysMarginTests`, in the language.
    @Test func theDefaultMarginFitsEveryModel() throws {
        let rbm55 = try LogLinearModel.rbm(hidden: 5, visible: 5)
        #expect(Jeffreys.defaultMargin(rbm55) == 1e-3 / 2_097_152)
        #expect(Jeffreys.defaultMargin(Fixtures.latentClass) == 1e-3)
        #expect(Jeffreys.defaultMargin(Fixtures.full) == 1e-3)
        #expect(Jeffreys.defaultMargin(Fixtures.mixed) == 1e-3)
        let wide = FullSimplex(space: try StateSpace(hidden: [], visible: (1...12).map { "v\($0)" }))
        #expect(Jeffreys.defaultMargin(wide) == 1e-3 / 134_217_728)
        let draws = try wide.jeffreys(count: 20, seed: 1, margin: Jeffreys.defaultMargin(wide))
        #expect(draws.allSatisfy { wide.distribution(at: $0).min()! >= 1e-3 / 134_217_728 })
    }
}
