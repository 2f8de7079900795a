import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct GeometryLanguageTests {
    func run(_ code: String) -> (Interpreter, [Output]) {
        let i = Interpreter(file: "t.md", params: [:], builtins: .evident)
        let out = i.evaluateBlock(code, origin: SourceLocation(line: 1, column: 1))
        return (i, out)
    }

    @Test func gapIsVertical() {
        let (i, _) = run("""
        let P = full(hidden: ["x"], visible: ["y", "z"])
        let target = [0.1, 0.2, 0.3, 0.4]
        let p = P.at([0.05, 0.1, 0.15, 0.2, 0.1, 0.1, 0.1])
        let r = P.at([0.2, 0.1, 0.05, 0.15, 0.1, 0.2, 0.1])
        let g = natgrad(gap(target, q: r), at: p)
        let e = grad(gap(target, q: r), at: p)
        claim "vertical": norm(g.visible) < 1e-10
        claim "not": norm(e.visible) > 1e-3
        claim natgrad(elbo(target, q: r), at: p).visible ≈ natgrad(evidence(target), at: p).visible ± 1e-10
        claim natgrad(evidence(target), at: p).visible ≈ p.visible - target ± 1e-10
        claim norm(natgrad(gap(target, q: P.random(seed: 3)), at: P.random(seed: 4)).visible) < 1e-9
        """)
        #expect(i.diagnostics.isEmpty, "\(i.diagnostics.map(\.headline))")
        #expect(i.claims.count == 5 && i.claims.allSatisfy(\.passed), "\(i.claims)")
    }
}
