import Testing
@testable import EvidentLanguage

/// A kernel's single call reads its arguments in the order its body does,
/// and checks the points' models last, as the built-ins always have.
@Suite struct KernelTests {
    static let model = """
    let A = bayesnet("x -> y, x -> z", hidden: ["x"], visible: ["y", "z"])
    let p = A.at([0.3, 0.2, 0.7, 0.4, 0.6])
    let uv = [0.1, 0.2, 0.3, 0.4]
    """

    /// The first error of `code` after the model, with its id, under a limit
    /// of 30 entries (the model's Jacobian has 8 × 5).
    func firstError(_ code: String) -> String? {
        let i = Interpreter(file: "t.md", params: [:], builtins: .evident, limits: Limits(maxElements: 30, threads: 1))
        _ = i.evaluateBlock(Self.model + "\n" + code, origin: SourceLocation(line: 1, column: 1))
        return i.diagnostics.first.map { "\($0.id.code) \($0.message)" }
    }

    @Test func argumentsComeBeforeTheModelsSize() throws {
        let badMetric = try #require(firstError(#"let g = natgrad(evidence(uv), at: p, metric: "vis")"#))
        #expect(badMetric.hasPrefix("E04") && badMetric.contains("\"vis\""), "\(badMetric)")
        let tooLarge = try #require(firstError(#"let g = natgrad(evidence(uv), at: p, metric: "visible")"#))
        #expect(tooLarge.hasPrefix("E07") && tooLarge.contains("Jacobian"), "\(tooLarge)")
        let notAnObjective = try #require(firstError("let g = grad(3, at: p)"))
        #expect(notAnObjective.hasPrefix("E04") && notAnObjective.contains("objective"), "\(notAnObjective)")
        // `value` needs no Jacobian: the same model is fine.
        #expect(firstError("let v = value(evidence(uv), at: p)") == nil)
    }

    /// `norm` of a plain vector is not the kernel's: it takes no metric.
    @Test func normOfAVectorIsNotTheKernels() {
        #expect(firstError("let n = norm([3, 4])") == nil)
        let error = firstError(#"let n = norm([3, 4], metric: "joint")"#)
        #expect(error?.contains("metric: applies to tangent vectors") == true, "\(String(describing: error))")
    }
}
