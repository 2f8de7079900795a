import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage

/// `--format sarif`: SARIF 2.1.0 with the fields the schema requires
/// (version, runs, tool.driver.name, each result's message), rule ids that
/// are diagnostic ids and regions that are the file's line and column.
@Suite struct SARIFCheckReportTests {
    @Test func requiredFieldsRulesAndRegions() throws {
        let report = makeReport(file: "docs/a b.md", claims: [
            makeClaim("held", passed: true, line: 1),
            makeClaim("broke", passed: false, line: 3, source: "x == 1", detail: "2 ≠ 1"),
        ], diagnostics: [
            makeError("unknown name 'y'", file: "docs/a b.md", line: 2, column: 4),
            Diagnostic(file: "docs/a b.md", range: SourceRange(SourceLocation(line: 9, column: 1)), severity: .warning, id: .rawHTMLDropped, message: "raw"),
        ])
        let captured = CapturedConsole()
        ReportFormat.sarif.reporter.report([report], to: captured.console)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(captured.output.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "evident")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == ["E0600", "E0914", "E0999"])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.compactMap { $0["ruleId"] as? String } == ["E0999", "E0600", "E0914"])
        #expect(results.compactMap { $0["level"] as? String } == ["error", "error", "warning"])
        #expect(results.allSatisfy { ($0["message"] as? [String: Any])?["text"] is String })
        let location = try #require((results[1]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "docs/a%20b.md")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 3)
        #expect((location["region"] as? [String: Any])?["startColumn"] as? Int == 1)
    }
}
