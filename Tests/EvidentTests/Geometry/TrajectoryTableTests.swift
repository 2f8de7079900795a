import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct TrajectoryTableTests {
    /// `table(flow, every: k)` keeps rows 0, k, 2k, … and the last once, not
    /// every k-th of those again.
    @Test func everyKeepsEveryKthStepOnce() throws {
        let i = Interpreter(file: "t.md", params: [:], builtins: .evident)
        let out = i.evaluateBlock("""
        let M = independence(hidden: ["x"], visible: ["y", "z"])
        let c = flow(evidence(M.at([0.95, 0.1, 0.9])), from: M.at([0.02, 0.95, 0.02]), T: 5, dt: 0.01, metric: "visible")
        table(c, every: 100, columns: ["t"])
        """, origin: SourceLocation(line: 1, column: 1))
        #expect(i.diagnostics.isEmpty, "\(i.diagnostics.map(\.headline))")
        guard case .table(let table)? = out.first else {
            Issue.record("expected a table, got \(out)")
            return
        }
        #expect(table.rows == [["0"], ["1"], ["2"], ["3"], ["4"], ["5"]])
    }
}
