import Foundation
import Testing
@testable import Evident
@testable import EvidentLanguage

/// A document saved with CRLF, with lone carriage returns, or with a mix of
/// line ends gets the same diagnostics as with line feeds: the same places,
/// and under each the same source line and caret.
@Suite struct LineEndingTests {
    static let lines = [
        "---", "params:", "  theta: abc", "---", "# T", "", "```evident", "let x = 1 +", "```", "",
        "```evident", "let y = theta * 2", "```", "", "Text `{= 1 / 0}` here.",
    ]

    static func findings(_ source: String) -> [String] {
        let pipeline = Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator)
        return pipeline.process(file: "d.md", source: source, mode: .check).formattedFindings
    }

    @Test(arguments: [("CRLF", "\r\n"), ("CR", "\r"), ("LF CR CRLF", "mixed")])
    func excerptsAreThoseOfLineFeeds(_ name: String, _ ending: String) {
        let expected = Self.findings(Self.lines.joined(separator: "\n") + "\n")
        #expect(expected.count == 3)
        #expect(expected.allSatisfy { $0.split(separator: "\n").count == 3 }, "\(expected)")
        let endings = ending == "mixed" ? ["\n", "\r", "\r\n"] : [ending]
        var source = ""
        for (index, line) in Self.lines.enumerated() { source += line + endings[index % endings.count] }
        #expect(Self.findings(source) == expected, "\(name)")
    }

    @Test func linesEndAtEachKindOfLineEnd() {
        #expect(Diagnostic.lines(of: "a\nb\r\nc\rd") == ["a", "b", "c", "d"])
        #expect(Diagnostic.lines(of: "a\r\n") == ["a", ""])
        #expect(Diagnostic.lines(of: "\r\r\n\n") == ["", "", "", ""])
        #expect(Diagnostic.lines(of: "é\r\nx") == ["é", "x"])
        #expect(Diagnostic.lines(of: "").isEmpty)
    }

    /// A diagnostic on the line after a CRLF shows that line and a caret under
    /// its column, not the headline alone.
    @Test func crlfDiagnosticShowsItsLine() {
        let source = "# T\r\n\r\n```evident\r\nlet x = 1 +\r\n```\r\n"
        #expect(Self.findings(source) == ["d.md:4:12: error: expected an expression after '+', found the end of the code\nlet x = 1 +\n           ^"])
    }
}
