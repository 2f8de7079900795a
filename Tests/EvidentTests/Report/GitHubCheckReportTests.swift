import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct GitHubCheckReportTests {
    @Test func escapesDataAndProperties() {
        #expect(GitHubCheckReport.escapeData("50% a:b, c\r\nd") == "50%25 a:b, c%0D%0Ad")
        #expect(GitHubCheckReport.escapeProperty("50% a:b, c\r\nd") == "50%25 a%3Ab%2C c%0D%0Ad")
        #expect(GitHubCheckReport.escapeData("%0A") == "%250A")
    }

    @Test func annotationsForFailedClaimsAndErrorsThenTheSummary() {
        let report = makeReport(file: "docs/a,b:c.md", claims: [
            makeClaim("held", passed: true, line: 1),
            makeClaim("ratio, at 5%", passed: false, line: 3, source: "r < 0.05", detail: "r = 0.07\nbut wanted < 0.05"),
            makeClaim(nil, passed: false, line: 1, source: "x == 1", detail: ""),
        ], diagnostics: [
            makeError("unknown name: natgrd", file: "docs/a,b:c.md", line: 2, column: 4),
            Diagnostic(file: "docs/a,b:c.md", range: SourceRange(SourceLocation(line: 9, column: 1)), severity: .warning, id: .unknownBlockOption, message: "unused"),
        ])
        let captured = CapturedConsole()
        GitHubCheckReport().report([report], to: captured.console)
        #expect(captured.outputLines == [
            "::error file=docs/a%2Cb%3Ac.md,line=1,col=1,title=claim failed::x == 1",
            "::error file=docs/a%2Cb%3Ac.md,line=2,col=4,title=evident error E0999::unknown name: natgrd",
            "::error file=docs/a%2Cb%3Ac.md,line=3,col=1,title=claim failed%3A ratio%2C at 5%25::r < 0.05 — r = 0.07%0Abut wanted < 0.05",
            "::warning file=docs/a%2Cb%3Ac.md,line=9,col=1,title=evident warning E0904::unused",
            "::notice title=evident check::1 passed, 2 failed, 1 error",
        ])
        #expect(captured.error.isEmpty)
    }
}
