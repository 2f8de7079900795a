import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Runs every program under Fixtures/language/*.evident as one block whose
/// first line is document line 1.
///
/// - `# expect: TEXT` after a statement: an expression statement's value reads
///   TEXT (`Value.text`); a claim reads `passed: DETAIL` or `failed: DETAIL`.
/// - `# error: LINE:COL: MESSAGE` anywhere: the diagnostics, in order, are
///   exactly these.
/// - `# param: NAME=VALUE` anywhere: a param bound before the block.
@Suite struct LanguageFixtureTests {
    struct Fixture: CustomTestStringConvertible {
        var name: String
        var code: String
        var testDescription: String { name }
    }

    static func fixtures() throws -> [Fixture] {
        let folder = LanguageTestSupport.fixturesURL().appendingPathComponent("language")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".evident") }
            .sorted()
        return try names.map { Fixture(name: $0, code: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    @Test func thereAreFixtures() throws {
        #expect(try Self.fixtures().count >= 8)
    }

    @Test(arguments: try fixtures())
    func fixture(_ fixture: Fixture) throws {
        var expectations: [Int: String] = [:]
        var expectedErrors: [String] = []
        var params: [String: ParamValue] = [:]
        for (index, line) in fixture.code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: "# expect: ") {
                expectations[index + 1] = String(line[range.upperBound...])
            } else if let range = line.range(of: "# error: ") {
                expectedErrors.append(String(line[range.upperBound...]))
            } else if let range = line.range(of: "# param: ") {
                let assignment = line[range.upperBound...].split(separator: "=", maxSplits: 1)
                params[String(assignment[0])] = ParamValue(parsing: String(assignment[1]))
            }
        }
        let interpreter = LanguageTestSupport.interpreter(params: params)
        let outcomes = interpreter.run(fixture.code, origin: SourceLocation(line: 1, column: 1))
        for (line, expected) in expectations.sorted(by: { $0.key < $1.key }) {
            let outcome = outcomes.first { $0.range.start.line == line }
            let actual: String
            if let claim = outcome?.claim {
                actual = "\(claim.passed ? "passed" : "failed"): \(claim.detail)"
            } else if let value = outcome?.value {
                actual = value.text
            } else {
                actual = "<no value>"
            }
            #expect(actual == expected, "\(fixture.name):\(line)")
        }
        #expect(LanguageTestSupport.errors(interpreter) == expectedErrors, "\(fixture.name)")
    }
}
