import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// The language's size limits ask of each model what an operation really
/// forms: the full simplex's draws, gradients and joint natural gradients are
/// closed forms over its n states, so a space far past the dense Jacobian
/// limit is usable there, while its Fisher matrices and cylindricity are
/// refused with a located error, as for every model with dense Jacobians.
@Suite struct ClosedFormLimitsTests {
    func run(_ code: String) -> Interpreter { MapTestSupport.run(code, threads: 2) }

    static func full(_ bits: Int) -> String {
        let hidden = (1...(bits / 2)).map { "\"h\($0)\"" }.joined(separator: ", ")
        let visible = (1...(bits - bits / 2)).map { "\"v\($0)\"" }.joined(separator: ", ")
        return "let M = full(hidden: [\(hidden)], visible: [\(visible)])"
    }

    /// 2^16 states: a 65,536 × 65,535 Jacobian would be 4.3e9 entries.
    @Test func theFullSimplexTakesItsClosedFormsPastTheDenseLimit() {
        let i = run(Self.full(16) + """

        let p = M.random(seed: 1, margin: 0)
        let T = M.random(seed: 2, margin: 0)
        let g = natgrad(evidence(T), at: p)
        claim "pushed to P(V) it is p_V − T_V": maxdiff(g.visible, p.visible - T.visible) < 1e-12
        claim "the gap's natural gradient is vertical": max(abs(natgrad(gap(T, q: "target"), at: p).visible)) < 1e-15
        let e = grad(evidence(T), at: p)
        """)
        #expect(i.diagnostics.isEmpty, "\(i.diagnostics.map(\.headline))")
        #expect(i.claims.count == 2 && i.claims.allSatisfy(\.passed))
    }

    @Test func denseOperationsOnItAreStillRefused() {
        for call in ["fisher(p)", "cylindricity(M, at: p)"] {
            let i = run(Self.full(16) + "\nlet p = M.random(seed: 1, margin: 0)\nlet F = \(call)")
            let messages = i.diagnostics.map(\.message)
            #expect(messages.count == 1 && messages[0].contains("Jacobian"), "\(call): \(messages)")
            #expect(i.diagnostics.first?.range.start.line == 3)
        }
    }

    /// Its vectors still count: n states times the points a call makes.
    @Test func itsVectorsCountAgainstTheElementLimit() {
        let i = MapTestSupport.run(Self.full(16) + "\nlet S = jeffreys(M, n: 1000, seed: 1, margin: 0)", threads: 2)
        #expect(i.diagnostics.count == 1)
        #expect(i.diagnostics.first.map { $0.message.contains("entries") } == true, "\(i.diagnostics.map(\.message))")
    }
}
