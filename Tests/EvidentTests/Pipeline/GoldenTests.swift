import XCTest
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Documents in Fixtures/golden/NAME.md built with the `FixedEvaluator`
/// must give exactly Fixtures/golden/NAME.html. With EVIDENT_RECORD=1 the
/// expected files are rewritten instead (review the diff before committing).
final class GoldenTests: XCTestCase {
    static let directory = repositoryRoot.appendingPathComponent("Tests/EvidentTests/Fixtures/golden")

    func testGoldenDocuments() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 4)
        let record = ProcessInfo.processInfo.environment["EVIDENT_RECORD"] == "1"
        for name in names {
            let source = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
            let html = try XCTUnwrap(PipelineHarness().process(source, file: name).html)
            let expectedURL = Self.directory.appendingPathComponent(String(name.dropLast(3)) + ".html")
            if record {
                try html.write(to: expectedURL, atomically: true, encoding: .utf8)
                continue
            }
            guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
                XCTFail("\(expectedURL.lastPathComponent) is missing; run with EVIDENT_RECORD=1 to record it")
                continue
            }
            if html != expected {
                XCTFail("\(name) differs from \(expectedURL.lastPathComponent):\n" + Self.lineDiff(expected: expected, actual: html))
            }
        }
    }

    /// The first differing lines, `-` expected and `+` actual, with line numbers.
    static func lineDiff(expected: String, actual: String, limit: Int = 10) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for index in 0..<max(a.count, b.count) where out.count < 2 * limit {
            let left = index < a.count ? String(a[index]) : nil
            let right = index < b.count ? String(b[index]) : nil
            if left != right {
                if let left { out.append("\(index + 1)- \(left)") }
                if let right { out.append("\(index + 1)+ \(right)") }
            }
        }
        return out.joined(separator: "\n")
    }
}
