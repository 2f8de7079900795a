import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Records the elements and attributes an XML parser reports.
final class XMLRecorder: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    var elements: [Element] = []
    private var open: [Int] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let index = open.last { elements[index].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }
}

@Suite struct JUnitCheckReportTests {
    static let nasty = "a < b && c > \"d\" 'e'\nline two\ttab \u{01}\u{1B}[31m"

    func parse(_ xml: String) throws -> XMLRecorder {
        let parser = XMLParser(data: Data(xml.utf8))
        let recorder = XMLRecorder()
        parser.delegate = recorder
        let parsed = parser.parse()
        #expect(parsed, "\(String(describing: parser.parserError))")
        return recorder
    }

    @Test func suitesCasesFailuresAndErrors() throws {
        let reports = [
            makeReport(file: "docs/a&b.md", claims: [
                makeClaim("holds", passed: true, line: 1),
                makeClaim(Self.nasty, passed: false, line: 2, source: "x < 1", detail: Self.nasty),
            ], diagnostics: [makeError("bad <token>", file: "docs/a&b.md", line: 3, column: 2)]),
            makeReport(file: "docs/c.md", claims: [makeClaim(nil, passed: true, line: 1, source: "y > 0")]),
        ]
        let recorder = try parse(JUnitCheckReport.xml(reports))

        let root = try #require(recorder.named("testsuites").first)
        #expect(root.attributes["tests"] == "4")
        #expect(root.attributes["failures"] == "1")
        #expect(root.attributes["errors"] == "1")

        let suites = recorder.named("testsuite")
        #expect(suites.map { $0.attributes["name"] } == ["docs/a&b.md", "docs/c.md"])
        #expect(suites.map { $0.attributes["tests"] } == ["3", "1"])
        #expect(suites.map { $0.attributes["failures"] } == ["1", "0"])
        #expect(suites.map { $0.attributes["errors"] } == ["1", "0"])

        let cases = recorder.named("testcase")
        #expect(cases.map { $0.attributes["name"] } == [
            "1: holds", "2: " + Self.nasty.replacingOccurrences(of: "\u{01}", with: "\u{FFFD}").replacingOccurrences(of: "\u{1B}", with: "\u{FFFD}"),
            "3:2: error", "1: y > 0",
        ])
        #expect(cases.map { $0.attributes["line"] } == ["1", "2", "3", "1"])

        let failure = try #require(recorder.named("failure").first)
        #expect(recorder.named("failure").count == 1)
        #expect(failure.attributes["message"]?.hasPrefix("a < b && c > \"d\" 'e'\nline two\ttab ") == true)
        #expect(failure.text.hasPrefix("docs/a&b.md:2:1: error: claim failed: "))

        let error = try #require(recorder.named("error").first)
        #expect(recorder.named("error").count == 1)
        #expect(error.attributes["message"] == "bad <token>")
        #expect(error.text.hasPrefix("docs/a&b.md:3:2: error: bad <token>\nline three\n ^"))
    }

    @Test func emptyRunIsStillAValidDocument() throws {
        let recorder = try parse(JUnitCheckReport.xml([]))
        #expect(recorder.named("testsuites").first?.attributes["tests"] == "0")
        #expect(recorder.named("testsuite").isEmpty)
    }

    @Test func escapingKeepsWhitespaceAndDropsForbiddenCharacters() {
        #expect(XML.escape("<&>\"'\t\n\r\u{00}\u{0B}\u{FFFE}é") == "&lt;&amp;&gt;&quot;&apos;&#9;&#10;&#13;\u{FFFD}\u{FFFD}\u{FFFD}é")
    }
}
