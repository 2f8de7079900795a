import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// The numerical edge cases of docs/robustness.md: each is either computed
/// correctly or stopped with a located error, never a silent NaN or a wrong
/// number.
@Suite struct NumericalEdgeTests {
    /// Evaluates `code` as one block; returns the interpreter (claims and
    /// diagnostics).
    static func evaluate(_ code: String) -> Interpreter {
        let interpreter = Engine.makeEvaluator("edge.md", [:], .standard, nil) as! Interpreter
        _ = interpreter.evaluateBlock(code, origin: SourceLocation(line: 1, column: 1))
        return interpreter
    }

    static func errors(_ interpreter: Interpreter) -> [String] {
        interpreter.diagnostics.map { "\($0.range.start.line):\($0.range.start.column): \($0.message)" }
    }

    static let full = """
    let F = full(hidden: ["x"], visible: ["y"])
    let target = F.at([0.25, 0.25, 0.25])
    """

    /// 1e-20 from the boundary the metric is ill-conditioned (ratio 1e19) yet
    /// invertible: the natural gradient is right, and the gap's is vertical.
    @Test func nearTheBoundaryTheNaturalGradientIsStillRight() {
        let interpreter = Self.evaluate(Self.full + """

        let p = F.at([1e-20, 0.5, 0.25])
        let g = natgrad(evidence(target), at: p)
        claim "the gap's natural gradient is vertical": norm(natgrad(gap(target, q: "target"), at: p).visible) < 1e-12
        claim "grad L = p − p*_V ⊗ p(·|·) on the full simplex": maxdiff(g.ambient, p.joint - [0.5 * 1e-20 / (0.25 + 1e-20), 0.5 * 0.5 / 0.75, 0.5 * 0.25 / (0.25 + 1e-20), 0.5 * 0.25 / 0.75]) < 1e-12
        """)
        #expect(Self.errors(interpreter) == [])
        #expect(interpreter.claims.count == 2)
        #expect(interpreter.claims.filter { !$0.passed }.isEmpty, "\(interpreter.claims)")
    }

    /// On the full simplex the natural gradient stays exact even 1e-300 from
    /// the boundary: ‖grad L‖² = Σ A²/p with A = p − p*_V ⊗ p(·|·) = 1/3 here,
    /// and the gap's gradient is vertical.
    @Test func fullSimplexWithin1e300OfTheBoundary() {
        let interpreter = Self.evaluate(Self.full + """

        let p = F.at([1e-300, 0.5, 0.25])
        claim norm(natgrad(evidence(target), at: p)) ≈ sqrt(1 / 3) ± 1e-12
        claim norm(natgrad(gap(target, q: "target"), at: p).visible) < 1e-12
        claim value(evidence(target), at: p) ≈ 0.1438410362 ± 1e-9
        """)
        #expect(Self.errors(interpreter) == [])
        #expect(interpreter.claims.count == 3)
        #expect(interpreter.claims.filter { !$0.passed }.isEmpty, "\(interpreter.claims.map(\.detail))")
    }

    /// In a parametrization whose Jacobian is well-scaled but whose whitened
    /// Jacobian is not (the visible metric of a CPT model with P(x = 0) =
    /// 1e-300, or a subnormal 1e-310), whitening loses rank to rounding: a
    /// located error, not a silently zero gradient.
    @Test func whiteningThatLosesRankIsALocatedError() {
        for entry in ["1e-300", "1e-310"] {
            let interpreter = Self.evaluate("""
            let B = bayesnet("x -> y", hidden: [], visible: ["x", "y"])
            let t = B.at([0.5, 0.6, 0.6])
            norm(natgrad(evidence(t), at: B.at([\(entry), 0.5, 0.5]), metric: "visible"))
            """)
            let errors = Self.errors(interpreter)
            #expect(errors.count == 1)
            #expect(errors.first?.hasPrefix("3:6: the point is too close to the boundary of the simplex") == true, "\(errors)")
        }
    }

    /// Under the joint metric a Bayesian network's natural gradient is a
    /// closed form that never whitens: exact at P(x = 0) = 1e-20 and 1e-300,
    /// where it is E[u [y = s] | x] − θ_s E[u | x] = −0.1 for both rows of y
    /// and 0 for x, and the gap's is vertical. At the subnormal 1e-310 the
    /// evidence's is still right (to the fewer bits of a subnormal); the
    /// gap's is about 1e309, past the largest double: a located error.
    @Test func networksUnderTheJointMetricStayExactAtTheBoundary() {
        for entry in ["1e-20", "1e-300", "1e-310"] {
            let interpreter = Self.evaluate("""
            let B = bayesnet("x -> y", hidden: ["x"], visible: ["y"])
            let t = B.at([0.5, 0.6, 0.6])
            let p = B.at([\(entry), 0.5, 0.5])
            claim maxdiff(natgrad(evidence(t), at: p).theta, [0, -0.1, -0.1]) < 1e-12
            claim norm(natgrad(gap(t, q: "target"), at: p).visible) < 1e-12
            """)
            let errors = Self.errors(interpreter)
            if entry == "1e-310" {
                #expect(errors.count == 1)
                #expect(errors.first?.hasPrefix("5:12: the natural gradient overflows at this point (parameter ") == true, "\(errors)")
                #expect(interpreter.claims.first?.passed == true)
            } else {
                #expect(errors == [])
                #expect(interpreter.claims.count == 2)
                #expect(interpreter.claims.filter { !$0.passed }.isEmpty, "\(entry): \(interpreter.claims.map(\.detail))")
            }
        }
    }

    /// A point on the boundary may be named, but the Fisher metric there
    /// does not exist: a natural gradient at it is a located error.
    @Test func onTheBoundaryTheMetricIsALocatedError() {
        let errors = Self.errors(Self.evaluate(Self.full + "\nlet p = F.at([0, 0.5, 0.25])\nnatgrad(evidence(target), at: p)"))
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.hasPrefix("4:1:") == true, "\(errors)")
    }

    /// G_V of the latent-class model is singular (5 parameters, 3 visible
    /// degrees of freedom): the visible natural gradient uses the
    /// pseudo-inverse and is finite; its visible push-forward is the
    /// evidence's natural gradient on P(V).
    @Test func rankDeficientVisibleMetric() {
        let interpreter = Self.evaluate("""
        let M = bayesnet("x -> y, x -> z", hidden: ["x"], visible: ["y", "z"])
        let star = M.at([0.78, 0.24, 0.82, 0.97, 0.97])
        let q = M.at([0.5, 0.3, 0.6, 0.8, 0.4])
        let v = natgrad(evidence(star), at: q, metric: "visible")
        claim "finite": norm(v.theta) < 10
        claim "pushed to P(V) it is p_V − p*_V": maxdiff(v.visible, q.visible - star.visible) < 1e-10
        claim "the joint metric is not singular, so the joint gradient differs": maxdiff(natgrad(evidence(star), at: q).theta, v.theta) > 1e-3
        """)
        #expect(Self.errors(interpreter) == [])
        #expect(interpreter.claims.count == 3)
        #expect(interpreter.claims.filter { !$0.passed }.isEmpty, "\(interpreter.claims.map { "\($0.label ?? ""): \($0.detail)" })")
    }

    /// At the target the gradient vanishes; its rounding noise (≈ 1e-17) has
    /// no direction: cosine is an error, never NaN or a made-up ±1.
    @Test func cosineWithAZeroGradientIsAnError() {
        let interpreter = Self.evaluate("""
        let M = bayesnet("x -> y, x -> z", hidden: ["x"], visible: ["y", "z"])
        let p = M.at([0.78, 0.24, 0.82, 0.97, 0.97])
        let zero = natgrad(evidence(p), at: p)
        let other = natgrad(evidence(M.at([0.5, 0.5, 0.5, 0.5, 0.5])), at: p)
        cosine(zero, other)
        cosine(other, zero, metric: "joint")
        claim cosine(other, other) ≈ 1 ± 1e-12
        """)
        let errors = Self.errors(interpreter)
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.first?.hasPrefix("5:1: the cosine is undefined: the first tangent vector is zero in the visible metric") == true, "\(errors)")
        #expect(errors.last?.hasPrefix("6:1: the cosine is undefined: the second tangent vector is zero in the joint metric") == true, "\(errors)")
        #expect(interpreter.claims.first?.passed == true)
    }

    /// A flow whose step overshoots the simplex stops with an error naming
    /// the time; a small enough step stays inside and converges.
    @Test func flowLeavingThePositiveRegion() {
        let interpreter = Self.evaluate("""
        let I = independence(hidden: ["x"], visible: ["y"])
        let a = I.at([0.5, 0.5])
        let b = I.at([0.9, 0.9])
        let f = flow(evidence(b), from: a, T: 5, dt: 2)
        let g = flow(evidence(b), from: a, T: 5, dt: 0.01)
        claim g.final.kl < 1e-3
        """)
        let errors = Self.errors(interpreter)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.hasPrefix("4:9: the flow stopped at t = 2:") == true, "\(errors)")
        #expect(interpreter.claims.first?.passed == true)
    }

    /// NaN and infinities stop where they are produced.
    @Test func nonFiniteNumbersAreErrors() {
        let errors = Self.errors(Self.evaluate("""
        let a = 1e308 * 10
        let b = 0 / 0
        let c = log(0)
        let d = sqrt(-1)
        let e = exp(1000)
        """))
        #expect(errors.count == 5, "\(errors)")
        #expect(errors.map { $0.prefix(2) } == ["1:", "2:", "3:", "4:", "5:"])
    }
}
