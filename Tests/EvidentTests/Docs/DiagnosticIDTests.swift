import Foundation
import Testing
@testable import EvidentLanguage

/// Diagnostic ids are unique, well formed, and docs/ci.md lists every one
/// with its summary, in order.
@Suite struct DiagnosticIDTests {
    @Test func idsAreUniqueAndWellFormed() {
        let codes = DiagnosticID.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
        for code in codes { #expect(code.wholeMatch(of: try! Regex("E[0-9]{4}")) != nil, "\(code)") }
        for id in DiagnosticID.all { #expect(DiagnosticID(code: id.code) == id) }
    }

    @Test func theCIGuideListsEveryId() throws {
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let rows = guide.split(separator: "\n").filter { $0.hasPrefix("- `E") }.map(String.init)
        #expect(rows == DiagnosticID.all.map { "- `\($0.code)` \($0.summary)" })
    }

    /// Errors carry their id from the lexer, the parser and the evaluator.
    @Test func errorsCarryTheirIds() {
        func ids(_ code: String) -> [String] {
            let interpreter = Interpreter(file: "t.md", params: [:])
            _ = interpreter.evaluateBlock(code, origin: SourceLocation(line: 1, column: 1))
            return interpreter.diagnostics.map(\.id.code)
        }
        #expect(ids("let a = 1 ~ 2") == ["E0101"])
        #expect(ids("let a = (1") == ["E0201"])
        #expect(ids("let a = natgrd") == ["E0301"])
        #expect(ids("let a = 1 / 0") == ["E0501"])
        let interpreter = Interpreter(file: "t.md", params: [:])
        _ = interpreter.evaluateBlock("let mean_value = 1\nlet b = mean_valeu", origin: SourceLocation(line: 1, column: 1))
        #expect(interpreter.diagnostics.first?.suggestion == "mean_value")
    }
}
