import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// A margin the author did not give is never an error: the default scales
/// with the probabilities it bounds (`Jeffreys.defaultMargin`); one the
/// author gives is still checked.
@Suite struct JeffreysMarginTests {
    func run(_ code: String) -> Interpreter { MapTestSupport.run(code, threads: 2) }

    /// 1,024 joint states, where 1e-3 would bound them to more than 1.
    @Test func largeModelsDrawWithTheDefaultMargin() {
        let i = run("""
        let R = rbm(hidden: 5, visible: 5)
        let p = R.random(seed: 1)
        let F = full(hidden: ["h1", "h2", "h3", "h4", "h5"], visible: ["v1", "v2", "v3", "v4", "v5"])
        let S = jeffreys(F, n: 3, seed: 1)
        claim "the RBM's point keeps every state at 1e-3 · (8/1024)³ or more": min(p.joint) >= 1e-3 * (8 / 1024) ^ 3
        claim "so do the simplex's": min(map(S, s => min(s.joint))) >= 1e-3 * (8 / 1024) ^ 3
        """)
        #expect(i.diagnostics.isEmpty, "\(i.diagnostics.map(\.headline))")
        #expect(i.claims.count == 2 && i.claims.allSatisfy(\.passed))
    }

    @Test func aMarginTheAuthorGivesIsStillChecked() {
        let i = run("let p = rbm(hidden: 5, visible: 5).random(seed: 1, margin: 1e-3)")
        #expect(i.diagnostics.map(\.message) == ["the margin must lie in [0, 1/1024), got 0.001"])
    }
}
