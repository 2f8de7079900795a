import Testing
@testable import EvidentLanguage

@Suite struct DiagnosticExcerptTests {
    /// A CRLF file is split at its LFs (a CRLF is one `Character`): its
    /// diagnostics once printed the headline alone.
    @Test func aCRLFFileShowsTheLineAndTheCaret() {
        let source = "# T\r\n\r\n```evident\r\nlet x = 1 +\r\n```\r\n"
        let diagnostic = Diagnostic(file: "crlf.md", range: SourceRange(SourceLocation(line: 4, column: 12)), id: .expectedToken,
                                    message: "expected an expression")
        #expect(diagnostic.formatted(source: source) == "crlf.md:4:12: error: expected an expression\nlet x = 1 +\n           ^")
        #expect(Diagnostic.lines(of: source) == ["# T\r", "\r", "```evident\r", "let x = 1 +\r", "```\r", ""])
        #expect(Diagnostic.lines(of: "é\u{301}\ná") == ["é\u{301}", "á"])
    }
}
