import Foundation
import Testing
@testable import Evident

/// `QuickOutline` finds a body's evident blocks and spans in one pass so that
/// evaluation can start before cmark has parsed it. Wherever it answers, its
/// items must be those of the document read from cmark's outline, but for
/// their ordinals; where it cannot be sure it must not
/// answer. (A wrong answer would only cost time: the pipeline checks it
/// against cmark's outline; see `EvaluateAheadTests`.)
@Suite struct QuickOutlineTests {
    /// The document read from cmark's outline, and the quick reading's items
    /// when it gives them.
    static func read(_ source: String) -> (cmark: MarkdownDocument, quick: [MarkdownDocument.Item]?) {
        let (prepared, _) = MarkdownReader.prepare(source, file: "doc.md")
        let (frontMatter, body, _) = FrontMatter.split(prepared, file: "doc.md")
        let cmark = MarkdownReader.read(frontMatter: frontMatter, body: body, diagnostics: [], outline: Cmark.outline(body),
                                        lines: SourceLines(body), file: "doc.md")
        return (cmark, QuickOutline.items(body))
    }

    static func agree(_ source: String) -> Bool? {
        let (cmark, quick) = read(source)
        guard let quick else { return nil }
        return quick.elementsEqual(cmark.items, by: { $0.sameCode(as: $1) })
    }

    @Test func readsTheUsualShapeOfAReport() throws {
        let source = """
            ---
            title: T
            ---
            # Results `{= title}`

            The mean is `{= mean | %.2f}` and `{claim mean > 0}`, with `plain code`
            and a span across lines: `{= a +
            b}`; ``{= double}`` and \\`{= escaped}` too.

            ```evident echo
            let a = 1
              indented
            ```

            - an item with `{= item}`
            - another
              continued `{claim item > 1}`

            1. first

               ```evident
               let nested = 2
               ```

            ~~~~evident hide
            ```
            not a fence
            ~~~~

            Setext `{= setext}`
            ---

                indented code, no spans

            ```python
            print(1)
            ```
            """
        let (cmark, quick) = Self.read(source)
        let found = try #require(quick)
        #expect(found.count == cmark.items.count)
        #expect(cmark.items.count == 11)
        #expect(found.elementsEqual(cmark.items, by: { $0.sameCode(as: $1) }))
    }

    @Test(arguments: [
        "> quoted `{= q}`\n",
        "<div>\n`{= html}`\n</div>\n",
        "text <span title=\"`\">`{= x}`</span>\n",
        "\tindented with a tab\n",
        "line\r\nwith CRLF `{= x}`\n",
        "[ref `{= r}`]: /url\n",
        "- > quote in an item\n",
        "- ```evident\n  let a = 1\n  ```\n",
        "    `{= in indented code}`\n",
        "```evident\\x\nlet a = 1\n```\n",
    ])
    func refusesWhatItDoesNotRead(source: String) {
        #expect(QuickOutline.items(source) == nil)
    }

    /// cmark 0.30 reports a span that follows a multi-line one in its
    /// paragraph too early by the lines the earlier one spans; the reader
    /// searches a bounded number of lines further down, and past them falls
    /// back on cmark's position, where the quick reading has the span's
    /// own. The pipeline finds the difference (`EvaluateAheadTests`).
    @Test func aSpanFarBelowAMultiLineSpanIsPlacedOtherwise() throws {
        let (cmark, quick) = Self.read(Self.divergent)
        let found = try #require(quick)
        #expect(found.count == 2 && cmark.items.count == 2)
        #expect(found.map(\.origin) == [SourceLocation(line: 20, column: 18), SourceLocation(line: 21, column: 5)])
        #expect(cmark.items.map(\.origin) != found.map(\.origin))
    }

    static let divergent = "`" + (1...20).map { "line \($0)" }.joined(separator: "\n") + "` and `{= x}`\n`{= y}`\n"

    /// Outside a list, an empty item or one numbered other than 1 does not
    /// interrupt a paragraph; inside one, it is the next item.
    @Test func numberedLinesContinueParagraphsOutsideLists() throws {
        #expect(Self.agree("The value `{= 1 +\n2. 0}` and `{= 3}`.\n") == true)
        #expect(Self.agree("1. a `{= x +\n2. y}`\n") == true)
        #expect(Self.agree("text `{= x +\n+\ny}`\n") == true)
        #expect(try #require(Self.read("1. a `{= x +\n2. y}`\n").quick).isEmpty)
    }

    /// Documents from pieces the quick reading knows and some it does not:
    /// where it answers it agrees with cmark, and it answers often.
    /// Pieces of Markdown that generated documents are made of.
    static let pieces = [
            "plain words and more words", "a span `{= x}` here", "a claim `{claim x > 0}`", "`code` and `{= y | %.3f}`",
            "an open `{= across +", "lines}` closed", "``{= two ` ticks}``", "\\`{= escaped}`", "`unclosed", "x < y `{= lt}`",
            "*emphasis* `{= e}` [link](https://e.org/`{= u}`)", "# Heading `{= h}`", "## Closed ##", "===", "---", "***", "- - -",
            "- item `{= i}`", "1. first `{= o}`", "2) second", "  continued `{= c}`", "    indented `{= four}`",
            "```evident\nlet a = 1\n```", "```evident echo\nlet b = 2\n\n  c\n```", "  ```evident\n  let d = 3\n   e\n  ```",
            "~~~evident hide\n```\n~~~", "```python\n`{= not}`\n```", "````evident\n```\n````", "```evident\nunclosed",
            "> quote", "<b>bold</b> `{= html}`", "\ttab", "[r]: /u", "", "",
            "`` ` `` and ` `` ` `{= after}`", "trailing spaces `{= t}`   ", "-   wide item `{= w}`", "1.  wide `{= n}`",
            "*a* star line `{= s}`", "+ plus `{= p}`", "10. ten `{= ten}`", "#hashtag `{= tag}`", "#### four `{= f}` ####",
            "Setext `{= st}`\n===  ", "```evident   \nlet g = 1\n```   ", "````evident\nlet h = 1\n```\n````", "``` ```",
            "~~~ evident\nlet i = 1\n~~~", "- ", "1.", "`{= a}``{= b}`", "` {= spaced} `", "`{=nospace}`", "`{claim}`",
            "```evident\n```", "- item\n\n  para `{= p2}`", "* * *", "_ _ _", "   ```evident\n   let j = 1\n     k\n   ```",
    ]

    /// A document of up to 12 pieces, each followed by one or two line feeds.
    static func generated(using generator: inout SeededInputs) -> String {
        let length = Int.random(in: 1...12, using: &generator)
        return (0..<length).map { _ -> String in
            let piece = pieces.randomElement(using: &generator)!
            return piece + (Bool.random(using: &generator) ? "\n" : "\n\n")
        }.joined()
    }

    @Test func agreesWithCmarkOnGeneratedDocuments() {
        var generator = SeededInputs(state: 2_307_112_49)
        var answered = 0
        let count = 5000
        for _ in 0..<count {
            let source = Self.generated(using: &generator)
            guard let agrees = Self.agree(source) else { continue }
            answered += 1
            #expect(agrees, "\(source.debugDescription)")
        }
        #expect(answered > count / 3)
    }

    /// The repository's documents and test fixtures.
    @Test func agreesWithCmarkOnTheRepositorysDocuments() throws {
        let folders = ["docs", "Benchmarks", "Tests/EvidentTests/Fixtures", "../shared/examples"]
        var answered = 0
        for folder in folders {
            let url = repositoryRoot.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in files where file.pathExtension == "md" {
                guard let data = try? Data(contentsOf: file) else { continue }
                let source = String(decoding: data, as: UTF8.self)
                guard let agrees = Self.agree(source) else { continue }
                answered += 1
                #expect(agrees, "\(file.path)")
            }
        }
        #expect(answered >= 20)
    }
}
