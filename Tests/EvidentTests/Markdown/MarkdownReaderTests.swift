import XCTest
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

final class MarkdownReaderTests: XCTestCase {
    func testBlocksAndSpansWithDocumentPositions() {
        let source = """
            ---
            title: T
            ---
            # Head `{= h}`

            Some text `{= a | %.2f}` and *x* `{claim b > 1}`
            more `{= c}` here `{= c}` and `{= ü}`
              indented `` {= d} `` x

            > quote `{= e}`

            - item `{= f}`

            ```evident echo
            let a = 1
            ```

            - list

              ```evident
              x
              ```

            > ```evident hide
            > y
            > ```

            ```python
            not evident
            ```
            """
        let document = MarkdownReader.read(source, file: "d.md")
        XCTAssertEqual(document.diagnostics, [])
        let spans = document.spans.map { "\($0.code.expression)@\($0.origin)" }
        XCTAssertEqual(spans, ["h@4:12", "a@6:15", "b > 1@6:42", "c@7:10", "c@7:23", "ü@7:35", "d@8:18", "e@10:13", "f@12:12"])
        XCTAssertEqual(document.spans[1].code, .value(expression: "a", format: "%.2f"))
        let blocks = document.blocks.map { "\($0.code)@\($0.origin) echo=\($0.echo) hide=\($0.hide)" }
        XCTAssertEqual(blocks, ["let a = 1\n@15:1 echo=true hide=false", "x\n@21:3 echo=false hide=false", "y\n@25:3 echo=false hide=true"])
        XCTAssertEqual(document.headings, [MarkdownHeading(level: 1, text: "Head {= h}", line: 4, id: "head-h", spans: [HeadingSpan(ordinal: 0, literal: "{= h}")])])
        XCTAssertEqual(document.items.map(\.origin), document.items.map(\.origin).sorted())
    }

    func testSpanOverTwoLines() {
        let source = "Norm `{= norm(g.visible)\n| %.1e}` here.\n"
        let document = MarkdownReader.read(source, file: "d.md")
        XCTAssertEqual(document.spans.map(\.code), [.value(expression: "norm(g.visible)", format: "%.1e")])
        XCTAssertEqual(document.spans.first?.origin, SourceLocation(line: 1, column: 10))
    }

    func testUnknownOptionsAndMalformedSpansAreDiagnosed() {
        let source = "```evident ecko hide\nx\n```\n\nsee `{= a`\n\n```evident echo hide\ny\n```\n"
        let document = MarkdownReader.read(source, file: "d.md")
        XCTAssertEqual(document.diagnostics.map(\.headline), [
            "d.md:1:12: error: unknown block option `ecko` (expected `echo` or `hide`)",
            "d.md:5:6: error: inline span `{= a` is missing its closing `}`",
            "d.md:7:1: error: block options `echo` and `hide` exclude each other; `hide` wins",
        ])
        XCTAssertEqual(document.blocks.map(\.hide), [true, true])
        XCTAssertEqual(document.diagnostics[0].formatted(source: source), """
            d.md:1:12: error: unknown block option `ecko` (expected `echo` or `hide`)
            ```evident ecko hide
                       ^~~~
            """)
    }

    func testBraceTextOutsideCodeIsNotMistakenForASpan() {
        let source = "Write {= x} as `{= x}`.\n"
        let document = MarkdownReader.read(source, file: "d.md")
        XCTAssertEqual(document.spans.map(\.origin), [SourceLocation(line: 1, column: 20)])
    }
}
