import Testing
@testable import EvidentLanguage

@Suite struct DiagnosticExcerptTests {
    /// A CRLF file is split at its line ends, not at `Character`s (a CRLF
    /// is one): its diagnostics once printed the headline alone.
    @Test func aCRLFFileShowsTheLineAndTheCaret() {
        let source = "# T\r\n\r\n```evident\r\nlet x = 1 +\r\n```\r\n"
        let diagnostic = Diagnostic(file: "crlf.md", range: SourceRange(SourceLocation(line: 4, column: 12)), id: .expectedToken,
                                    message: "expected an expression")
        #expect(diagnostic.formatted(source: source) == "crlf.md:4:12: error: expected an expression\nlet x = 1 +\n           ^")
        #expect(Diagnostic.lines(of: source) == ["# T", "", "```evident", "let x = 1 +", "```", ""])
        #expect(Diagnostic.lines(of: "é\u{301}\ná") == ["é\u{301}", "á"])
    }
}
