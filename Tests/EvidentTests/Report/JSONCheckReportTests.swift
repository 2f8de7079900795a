import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct JSONCheckReportTests {
    static let nasty = "quote \" backslash \\ newline \n tab \t bell \u{07} nul \u{00} del \u{7F} sep \u{2028} π ≈ 😀"

    func reports() -> [DocumentReport] {
        [
            makeReport(file: "docs/a.md", claims: [
                makeClaim("held", passed: true, line: 3, source: "x ≈ 1 ± 1e-12", detail: "|x − 1| = 0"),
                makeClaim(nil, passed: false, line: 5, source: Self.nasty, detail: Self.nasty),
            ], diagnostics: [
                makeError("unknown name 'natgrd'; did you mean 'natgrad'?", line: 7, column: 9),
                Diagnostic(file: "docs/a.md", range: SourceRange(SourceLocation(line: 8, column: 1)), severity: .warning, id: .unknownBlockOption, message: "unused"),
            ]),
            makeReport(file: "docs/\"b\".md"),
        ]
    }

    @Test func parsesWithExactKeysAndValues() throws {
        let captured = CapturedConsole()
        JSONCheckReport().report(reports(), to: captured.console)
        #expect(captured.output.hasSuffix("}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(captured.output.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["documents", "passed", "failed", "errors"])
        #expect(object["passed"] as? Int == 1)
        #expect(object["failed"] as? Int == 1)
        let documents = try #require(object["documents"] as? [[String: Any]])
        #expect(documents.count == 2)
        #expect(Set(documents[0].keys) == ["file", "claims", "errors"])
        #expect(documents[0]["file"] as? String == "docs/a.md")
        #expect(documents[1]["file"] as? String == "docs/\"b\".md")

        let claims = try #require(documents[0]["claims"] as? [[String: Any]])
        #expect(claims.count == 2)
        for claim in claims { #expect(Set(claim.keys) == ["line", "label", "source", "passed", "detail"]) }
        #expect(claims[0]["line"] as? Int == 3)
        #expect(claims[0]["label"] as? String == "held")
        #expect(claims[0]["source"] as? String == "x ≈ 1 ± 1e-12")
        #expect(claims[0]["passed"] as? Bool == true)
        #expect(claims[0]["detail"] as? String == "|x − 1| = 0")
        #expect(claims[1]["label"] is NSNull)
        #expect(claims[1]["passed"] as? Bool == false)
        #expect(claims[1]["source"] as? String == Self.nasty)
        #expect(claims[1]["detail"] as? String == Self.nasty)

        let errors = try #require(documents[0]["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect(Set(errors[0].keys) == ["line", "column", "id", "message"])
        #expect(errors[0]["line"] as? Int == 7)
        #expect(errors[0]["column"] as? Int == 9)
        #expect(errors[0]["message"] as? String == "unknown name 'natgrd'; did you mean 'natgrad'?")
        #expect((documents[1]["claims"] as? [Any])?.isEmpty == true)
        #expect((documents[1]["errors"] as? [Any])?.isEmpty == true)
    }

    @Test func keysComeInTheContractOrder() {
        let report = makeReport(file: "f.md", claims: [makeClaim("l", passed: true, line: 2, source: "s", detail: "d")],
                                diagnostics: [makeError("m", file: "f.md", line: 4, column: 5)])
        #expect(JSONCheckReport.json([report]).serialized() == #"""
        {"documents":[{"file":"f.md","claims":[{"line":2,"label":"l","source":"s","passed":true,"detail":"d"}],"errors":[{"line":4,"column":5,"id":"E0999","message":"m"}]}],"passed":1,"failed":0,"errors":1}
        """#)
    }

    @Test func stringsAreEscaped() {
        #expect(JSONValue.string("a\"b\\c\n\r\t\u{08}\u{0C}\u{01}\u{1F}\u{7F}\u{2028}\u{2029}é").serialized()
            == #""a\"b\\c\n\r\t\b\f\u0001\u001f\u007f\u2028\u2029é""#)
    }

    @Test func warningsGoToStandardErrorNotIntoTheJSON() {
        let captured = CapturedConsole()
        JSONCheckReport().report(reports(), to: captured.console)
        #expect(captured.error.hasPrefix("docs/a.md:8:1: warning: unused\n"))
        #expect(!captured.output.contains("unused"))
    }
}

/// Approximate claims give their numbers to machines too.
@Suite struct JSONClaimNumberTests {
    @Test func observedExpectedAndToleranceAreNumbers() throws {
        let report = Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator)
            .process(file: "n.md", source: "```evident\nclaim \"near\": 0.3 + 0.4 ≈ 0.7 ± 1e-9\nclaim \"rel\": 4.9 ≈ 5 ± 1%\n```\n", mode: .check)
        let text = JSONCheckReport.json([report]).serialized()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let claims = try #require(((root["documents"] as? [[String: Any]])?.first?["claims"]) as? [[String: Any]])
        #expect(claims[0]["observed"] as? Double == 0.7 && claims[0]["expected"] as? Double == 0.7 && claims[0]["tolerance"] as? Double == 1e-9)
        #expect(claims[1]["observed"] as? Double == 4.9)
        #expect(abs((claims[1]["tolerance"] as? Double ?? 0) - 0.05) < 1e-12)
        #expect(root["errors"] as? Int == 0)
    }
}
