import CCmarkGFM
import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown
import InfoGeometry

/// The C boundary renders what cmark renders, with the evident code replaced
/// and the headings given ids; and the body rendered with placeholders and
/// filled in afterwards (`Pipeline.process`) is the body rendered with the
/// HTML itself, byte for byte.
@Suite struct CommonMarkTests {
    /// cmark-gfm's HTML for `body`, with the same options and extensions,
    /// its own allocator and nothing replaced.
    static func reference(_ body: String, unsafe: Bool = false) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(CommonMark.parseOptions)!
        defer { cmark_parser_free(parser) }
        for name in CommonMark.extensionNames { cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name)) }
        // Under the lock every parse takes (cmark-gfm's extension characters are process-wide).
        let root = CommonMark.parsing.withLock { _ in
            body.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
            return cmark_parser_finish(parser)!
        }
        defer { cmark_node_free(root) }
        let options = CommonMark.parseOptions | (unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT)
        let pointer = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser))!
        defer { free(pointer) }
        return String(cString: pointer)
    }

    static let body = """
    # Title with `{x}` inside

    Text with `{a}` and `{b}`, [a link](other.md#part) and [away](https://example.org).

    ```evident
    let x = 1
    ```

    - item

      ```evident
      let y = 2
      ```

    - ```evident
      hidden in a list
      ```

    > quoted `{q}`
    >
    > ```evident
    > let z = 3
    > ```

    ## Second `{h}` heading

    ```python
    not evident
    ```

    1. ```evident
       last
       ```
    """

    @Test func replacesCodeGivesIdsAndRewritesLinks() {
        let rendering = CommonMark.Rendering(blocks: [0: "<div>x</div>", 1: "<div>y</div>", 2: "", 3: "<div>z</div>", 5: "<div>last</div>\n"],
                                             spans: [0: "<b>X</b>", 1: "<b>A</b>", 2: "", 3: "<b>Q</b>", 4: "<b>H</b>"],
                                             headingIDs: ["title", "second"], link: { PageLink.rewrite($0) })
        #expect(CommonMark.render(Self.body, rendering) == """
        <h1 id="title">Title with <b>X</b> inside</h1>
        <p>Text with <b>A</b> and , <a href="other.html#part">a link</a> and <a href="https://example.org">away</a>.</p>
        <div>x</div>
        <ul>
        <li>
        <p>item</p>
        <div>y</div>
        </li>
        <li></li>
        </ul>
        <blockquote>
        <p>quoted <b>Q</b></p>
        <div>z</div>
        </blockquote>
        <h2 id="second">Second <b>H</b> heading</h2>
        <pre><code class="language-python">not evident
        </code></pre>
        <ol>
        <li>
        <div>last</div>
        </li>
        </ol>

        """ as String)
    }

    /// Documents of many shapes: through the arena and with nothing
    /// replaced, the HTML is cmark's own; with ids, each heading's opening
    /// tag is cmark's with the id added.
    @Test func rendersAsCmarkDoes() {
        var lines: [String] = []
        for i in 0..<3000 { lines.append("word \(i) *emphasis* `code \(i)` [link](https://example.org/\(i)) more text") }
        let documents = [
            lines.joined(separator: "\n"),
            String(repeating: "abcdefgh ", count: 60_000),
            (0..<200).map { "\(String(repeating: "  ", count: $0 % 6))- item \($0)\n\n  > quote \($0)\n" }.joined(),
            "```evident\n" + (0..<5000).map { "line \($0)" }.joined(separator: "\n") + "\n```\n",
            "# One\n\ntext\n\nTwo *b* `c`\n---\n\n###### Six [l](u) ######\n",
        ]
        for body in documents {
            #expect(CommonMark.render(body, CommonMark.Rendering()) == Self.reference(body))
            let count = CommonMark.outline(body).headings.count
            let ids = (0..<count).map { "h\($0)" }
            var expected = Self.reference(body)
            var searchFrom = expected.startIndex
            for id in ids {
                let open = expected.range(of: "<h", range: searchFrom..<expected.endIndex)!
                let close = expected.range(of: ">", range: open.upperBound..<expected.endIndex)!
                expected.insert(contentsOf: " id=\"\(id)\"", at: close.lowerBound)
                searchFrom = expected.index(close.lowerBound, offsetBy: id.count + 6)
            }
            #expect(CommonMark.render(body, CommonMark.Rendering(headingIDs: ids)) == expected)
        }
    }

    /// A body large enough for the arena's chunk supply (chunks faulted in
    /// on a thread of their own while cmark parses) renders as cmark does,
    /// each of the two times: a supply ends with its arena.
    @Test(.timeLimit(.minutes(1))) func aLargeBodyWithChunksSuppliedAheadRendersAsCmarkDoes() {
        let body = (0..<40_000).map { i in
            i % 5 == 0 ? "## Part \(i)\n\n- item *\(i)*\n- [link](https://example.org/\(i))\n"
                       : "Words \(i) with `code \(i)`, **strong** and ~~struck~~ text, long enough to wrap.\n"
        }.joined(separator: "\n")
        #expect(body.utf8.count > 8 * CmarkArena.supplyThreshold)
        let reference = Self.reference(body)
        for _ in 0..<2 { #expect(CommonMark.render(body, CommonMark.Rendering()) == reference) }
    }

    /// A supply hands out chunks whose pages are there before anything
    /// writes to them (writing to every page of them faults hardly at all),
    /// maps more as they are taken but no more than its limit, and gives
    /// back at its end the ones not taken.
    @Test(.enabled(if: CmarkArena.canFaultIn), .timeLimit(.minutes(1))) func aChunkSupplyFaultsChunksInAhead() {
        let limit = ChunkSupply.ahead + 4
        let supply = ChunkSupply(limit: limit)
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        var taken: [UnsafeMutableRawPointer] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while taken.count < ChunkSupply.ahead + 2, ContinuousClock.now < deadline {
            if let chunk = supply.take() { taken.append(chunk) } else { usleep(500) }
        }
        #expect(taken.count == ChunkSupply.ahead + 2)
        #if os(Linux)
        let faults = minorFaultsOfThisThread
        let before = faults()
        #expect(before > 0, "no fault count in /proc/thread-self/stat")
        for chunk in taken {
            for page in stride(from: 0, to: CmarkArena.chunkSize, by: pageSize) {
                chunk.storeBytes(of: 1, toByteOffset: page, as: UInt8.self)
            }
        }
        let pages = taken.count * CmarkArena.chunkSize / pageSize
        #expect(faults() - before < pages / 20, "\(faults() - before) faults writing to \(pages) pages")
        #endif
        // The rest comes up to the limit, then no more.
        while taken.count < limit, ContinuousClock.now < deadline {
            if let chunk = supply.take() { taken.append(chunk) } else { usleep(500) }
        }
        #expect(taken.count == limit)
        let rest = supply.stop()
        #expect(rest.isEmpty && supply.take() == nil)
        for chunk in taken + rest { munmap(chunk, CmarkArena.chunkSize) }
    }

    /// Stopped before its thread has mapped anything, or before the thread
    /// has even started, a supply ends at once and gives back what it made.
    @Test(.enabled(if: CmarkArena.canFaultIn), .timeLimit(.minutes(1))) func aChunkSupplyStopsAtOnce() {
        for _ in 0..<20 {
            let rest = ChunkSupply(limit: 100).stop()
            #expect(rest.count <= ChunkSupply.ahead)
            for chunk in rest { munmap(chunk, CmarkArena.chunkSize) }
        }
    }

    /// A body is parsed with footnotes only where it holds `[^`, as a
    /// definition starts: footnotes in each form are found, and every body,
    /// the repository's and the examples' among them, renders as cmark-gfm
    /// renders it with footnotes on. Without a `[^`, an escaped or encoded
    /// caret after `[` stays text, where cmark-gfm with footnotes on would
    /// misread it (`[^note]]`, or the page cut off at a NUL).
    @Test func footnotesOnlyWhereTheyCanBe() throws {
        func options(_ body: String) -> Int32 { Self.look(body).options }
        let footnotes = [
            "Text[^1].\n\n[^1]: The note.\n",
            "> Quoted[^a].\n>\n> [^a]: Inside a quote.\n",
            "Escaped [\\^note] and [^note].\n\n[^note]: Defined.\n",
            "A reference to nothing [^missing], kept as text.\n",
        ]
        for body in footnotes {
            #expect(options(body) & CMARK_OPT_FOOTNOTES != 0, "\(body)")
            #expect(CommonMark.render(body, CommonMark.Rendering()) == Self.reference(body), "\(body)")
        }
        #expect(CommonMark.render(footnotes[0], CommonMark.Rendering()).contains("class=\"footnotes\""))
        let without = ["Brackets [a] and ^ apart, [link](u), ![image](i.png) and x^2.\n", "", "[", "a [\n^b]\n"]
        for body in without {
            #expect(options(body) & CMARK_OPT_FOOTNOTES == 0, "\(body)")
            #expect(CommonMark.render(body, CommonMark.Rendering()) == Self.reference(body), "\(body)")
        }
        let misread = [
            "Only escaped: [\\^note]. After.\n\nNext.\n": "<p>Only escaped: [^note]. After.</p>\n<p>Next.</p>\n",
            "Only by reference: [&#94;note]. After.\n\nNext.\n": "<p>Only by reference: [^note]. After.</p>\n<p>Next.</p>\n",
        ]
        for (body, html) in misread {
            #expect(options(body) & CMARK_OPT_FOOTNOTES == 0, "\(body)")
            #expect(CommonMark.render(body, CommonMark.Rendering()) == html)
        }
        let documents = Self.repositoryDocuments()
        for (path, body) in documents where !body.utf8.contains(0) {  // the reference reads a C string
            #expect(CommonMark.render(body, CommonMark.Rendering()) == Self.reference(body), "\(path)")
        }
        #expect(documents.count(where: { !$0.body.utf8.contains(0) }) >= 20)
    }

    /// The Markdown documents of docs/, Benchmarks/, the fixtures and the
    /// examples, by path.
    static func repositoryDocuments() -> [(path: String, body: String)] {
        var documents: [(path: String, body: String)] = []
        for folder in ["docs", "Benchmarks", "Tests/EvidentTests/Fixtures", "../shared/examples"] {
            guard let files = FileManager.default.enumerator(at: repositoryRoot.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in files where file.pathExtension == "md" {
                guard let data = try? Data(contentsOf: file) else { continue }
                documents.append((file.path, String(decoding: data, as: UTF8.self)))
            }
        }
        return documents
    }

    static func look(_ body: String) -> CommonMark.Body {
        var body = body
        return body.withUTF8(CommonMark.Body.init)
    }

    /// A body is parsed with autolinks only where one can start: each kind
    /// is found where it is written, and every body renders as cmark-gfm
    /// renders it with autolinks on, also where the scan of the bytes
    /// guessed wrong and only the text nodes tell (an inline link left
    /// open, an `@` from a character reference).
    @Test func autolinksOnlyWhereTheyCanBe() throws {
        let cases: [(String, CommonMark.Body.Autolinks, link: String?)] = [
            ("Plain prose with [a link](https://example.org/a) and ![an image](http://example.org/i.png).\n", .unlikely, nil),
            ("A bare https://example.org/b in prose.\n", .possible, "href=\"https://example.org/b\""),
            ("Go to www.example.org now.\n", .possible, "href=\"http://www.example.org\""),
            ("Write to someone@example.org.\n", .possible, "href=\"mailto:someone@example.org\""),
            ("An open link [a](https://example.org/c stays text.\n", .possible, "href=\"https://example.org/c\""),
            ("An open link [a](https://example.org/d stays text (even here).\n", .unlikely, "href=\"https://example.org/d\""),
            ("By reference: someone&#64;example.org.\n", .unlikely, "href=\"mailto:someone@example.org\""),
            ("| a | b |\n|---|---|\n| [x](https://example.org/t) | https://example.org/u |\n", .possible, "href=\"https://example.org/u\""),
            ("`https://example.org/code` and [www.example.org](x.md) and <https://example.org/angle>.\n", .possible, nil),
            ("Text & more text, [l](ftp://example.org/f).\n", .unlikely, nil),
            ("No candidates at all: *emphasis*, `code`, [link](other.md).\n", .impossible, nil),
            ("A product `{= A @ B}`, A @ B in prose, @handle, a trailing x@ and a @.\n", .impossible, nil),
            ("A product A @ B & a reference &amp; more.\n", .unlikely, nil),
            ("Escaped: someone\\@example.org.\n", .possible, nil),
            ("Joined: someone&#95;@example.org.\n", .possible, "href=\"mailto:someone_@example.org\""),
            ("Joined: someone@&#101;xample.org.\n", .possible, "href=\"mailto:someone@example.org\""),
            ("Plus: first+tag@example.org.\n", .possible, "href=\"mailto:first+tag@example.org\""),
            ("Schemes: mailto:@example.com, xmpp:a@/b.c and xmpp:@/b.c.\n", .possible, nil),
            ("By reference: mailto:&#64;x.com and mailto:&#x40;__x.com.\n", .unlikely, nil),
            ("", .impossible, nil),
        ]
        for (body, autolinks, link) in cases {
            #expect(Self.look(body).autolinks == autolinks, "\(body)")
            let html = CommonMark.render(body, CommonMark.Rendering())
            #expect(html == Self.reference(body), "\(body)")
            if let link { #expect(html.contains(link), "\(body)") }
        }
        var generator = SeededInputs(state: 2307_11249)
        for _ in 0..<500 {
            let body = Self.generated(using: &generator)
            #expect(CommonMark.render(body, CommonMark.Rendering()) == Self.reference(body), "\(body)")
        }
        // Every byte beside an `@`, in the body and in a text node, with
        // and without the schemes cmark-gfm links addresses after.
        let sides = (1...127).map { UInt8($0) }.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        for before in sides {
            for after in sides {
                let sign = String(decoding: [before, UInt8(ascii: "@"), after], as: UTF8.self)
                for body in ["x\(sign)y.org\n", "mailto\(sign)y.org\n", "xmpp:a\(sign)b.c\n"] {
                    #expect(CommonMark.render(body, CommonMark.Rendering()) == Self.reference(body), "\(body)")
                }
            }
        }
    }

    /// An `@` in a text node may start an address only between characters
    /// an address holds, or at either end of the node, where the next node
    /// may bring them.
    @Test func anAtSignStartsAnAddressOnlyBesideItsCharacters() {
        let cases = ["a@b": true, "A @ B": false, "@b": true, "a@": true, "x @b": false, "x a@ y": false, "(@)": false,
                     "x+@y": true, "x_@-y": true, "x.@.y": true, "x @.y": false, "x;@&y": false, "x\\@y": false, "no sign": false,
                     "mailto:@x.org": true, "xmpp:a@/b": true, "a @/": true]
        for (text, may) in cases {
            #expect(text.withCString(CommonMark.Body.mayStartAutolink) == may, "\(text)")
        }
    }

    @Test func outlineSeesEveryNode() {
        let body = "# H `{= h}`\n\n" + (0..<100).map { "a `{= s\($0)}` b `plain`\n\n```evident\nlet v\($0) = 1\n```\n" }.joined()
        let outline = CommonMark.outline(body)
        #expect(outline.codeSpans.count == 201 && outline.codeSpans.filter { !$0.literal.isEmpty }.count == 101)
        #expect(outline.codeBlocks.count == 100 && outline.codeBlocks[99].literal == "let v99 = 1\n")
        #expect(outline.headings == [CommonMark.Heading(ordinal: 0, level: 1, text: "H {= h}", line: 1, spans: [0])])
    }

    /// Generated documents and the repository's: every evident block and
    /// span given HTML (some blocks' ending with a line break, hidden ones
    /// none), the body rendered with placeholders and filled in is the body
    /// rendered with the HTML.
    /// cmark-gfm keeps the characters its extensions start inlines with
    /// (`~` for strikethrough, `w`, `:` and `@` for autolinks) in a table
    /// shared by every parser, set when a parse processes its inlines and
    /// cleared when it is done: the documents of a site, parsed on several
    /// threads, must each read as they do alone.
    @Test func parsesOnSeveralThreadsReadAsAlone() throws {
        let line = "Some ~~struck~~ words, www.example.com and a@b.org, a `code` span and *emphasis*.\n\n"
        let body = String(repeating: line, count: 200)
        let alone = CommonMark.render(body, CommonMark.Rendering())
        #expect(alone.contains("<del>struck</del>") && alone.contains("href=\"http://www.example.com\""))
        let results = try Parallel.map(count: 64, threads: 4) { _ in CommonMark.render(body, CommonMark.Rendering()) }
        for result in results where result != alone {
            let same = zip(result.utf8, alone.utf8).prefix { $0 == $1 }.count
            Issue.record("differs at byte \(same): \(String(decoding: Array(result.utf8.dropFirst(max(0, same - 60)).prefix(120)), as: UTF8.self))")
            break
        }
        #expect(results.filter { $0 != alone }.count == 0)
    }

    @Test func placeholdersFillInLikeRenderingWithTheHTML() throws {
        func check(_ source: String, _ name: String) {
            let document = MarkdownReader.read(source, file: "t.md")
            let body = document.body
            var evident: (blocks: [Int: String], spans: [Int: String]) = ([:], [:])
            for block in document.blocks {
                evident.blocks[block.ordinal] = block.hide ? "" : block.ordinal % 3 == 0 ? "<div>b\(block.ordinal)</div>\n" : "<div>b\(block.ordinal)</div>"
            }
            for span in document.spans where span.math == nil { evident.spans[span.ordinal] = span.ordinal % 4 == 0 ? "" : "<i>s\(span.ordinal)</i>" }
            let (blocks, spans) = Pipeline.fragments(of: document, evident: evident, live: [:])
            let direct = CommonMark.render(body, Pipeline.rendering(of: document, blocks: blocks, spans: spans, unsafe: false))
            guard let placeholders = Placeholders(absentFrom: body) else { return }
            let rendering = Pipeline.rendering(of: document, placeholders: placeholders, unsafe: false)
            let withPlaceholders = CommonMark.convert(body) { _ in ((), rendering) }.html ?? []
            let filled = placeholders.fill(withPlaceholders, blocks: blocks, spans: spans, placed: Pipeline.placedCount(of: document))
            #expect(filled.map { String(decoding: $0, as: UTF8.self) } == direct, "\(name)")
        }
        check(Self.body.replacingOccurrences(of: "{", with: "{= "), "sample")
        var generator = SeededInputs(state: 7_11_2249)
        for n in 0..<2000 { check(Self.generated(using: &generator), "generated \(n)") }
        let documents = Self.repositoryDocuments()
        for (path, body) in documents { check(body, path) }
        #expect(documents.count >= 20)
    }

    /// An author can make the placeholders' character appear (a numeric
    /// character reference): then filling in refuses, and the pipeline
    /// renders the body with the HTML itself.
    @Test func placeholdersTheAuthorForgedAreRefused() throws {
        let body = "a `{= x}` and &#1;s0&#1;\n"
        let placeholders = try #require(Placeholders(absentFrom: body))
        #expect(placeholders.mark == 1)
        let document = MarkdownReader.read(body, file: "t.md")
        let rendering = Pipeline.rendering(of: document, placeholders: placeholders, unsafe: false)
        let html = CommonMark.convert(body) { _ in ((), rendering) }.html ?? []
        #expect(placeholders.fill(html, blocks: [:], spans: [0: "<b>X</b>"], placed: 1) == nil)
        // The page keeps the author's text as written, and the span's HTML.
        let page = PipelineHarness().process(body).html ?? ""
        #expect(page.components(separatedBy: "\u{1}s0\u{1}").count == 2)
        #expect(page.contains("<p>a <span class=\"evident-value\">v(x)</span> and \u{1}s0\u{1}</p>"))
    }

    /// A placeholder-like text in the fragments is left alone: only the
    /// rendered body is searched.
    @Test func fragmentsAreNotSearched() throws {
        let body = "`{= a}` and `{= b}`\n"
        let placeholders = try #require(Placeholders(absentFrom: body))
        let document = MarkdownReader.read(body, file: "t.md")
        let html = CommonMark.convert(body) { _ in ((), Pipeline.rendering(of: document, placeholders: placeholders, unsafe: false)) }.html ?? []
        let tricky = placeholders.span(1)
        let filled = try #require(placeholders.fill(html, blocks: [:], spans: [0: tricky, 1: "<b>B</b>"], placed: 2))
        #expect(String(decoding: filled, as: UTF8.self) == "<p>\(tricky) and <b>B</b></p>\n")
    }

    /// Pieces of Markdown that generated documents are made of.
    static let pieces = [
        "plain words and more words", "a span `{= x}` here", "a claim `{claim x > 0}`", "`code` and `{= y | %.3f}`",
        "an open `{= across +", "lines}` closed", "``{= two ` ticks}``", "\\`{= escaped}`", "`unclosed", "x < y `{= lt}`",
        "*emphasis* `{= e}` [link](https://e.org/`{= u}`)", "# Heading `{= h}`", "## Closed ##", "===", "---", "***", "- - -",
        "- item `{= i}`", "1. first `{= o}`", "2) second", "  continued `{= c}`", "    indented `{= four}`",
        "```evident\nlet a = 1\n```", "```evident echo\nlet b = 2\n\n  c\n```", "  ```evident\n  let d = 3\n   e\n  ```",
        "~~~evident hide\n```\n~~~", "```python\n`{= not}`\n```", "````evident\n```\n````", "```evident\nunclosed",
        "> quote", "<b>bold</b> `{= html}`", "\ttab", "[r]: /u", "", "", "[page](other.md) and [r]", "# Heading `{= h}`",
        "`` ` `` and ` `` ` `{= after}`", "trailing spaces `{= t}`   ", "-   wide item `{= w}`", "1.  wide `{= n}`",
        "Setext `{= st}`\n===  ", "```evident   \nlet g = 1\n```   ", "``` ```", "<div>\n`{= raw}`\n</div>",
        "~~~ evident\nlet i = 1\n~~~", "- ", "1.", "`{= a}``{= b}`", "` {= spaced} `", "`{=nospace}`", "`{claim}`",
        "```evident\n```", "- item\n\n  para `{= p2}`", "* * *", "   ```evident\n   let j = 1\n     k\n   ```",
        "[open](https://e.org/o", "bare https://e.org/b.", "(www.e.org)", "me@e.org", "me&#64;e.org", "R&amp;D",
        "`{= A @ B}` and A @ B", "me\\@e.org", "me&#95;@e.org", "@me and me@", "me@&#101;.org", "*me*@e.org", "me@*e.org*",
        "mailto:@e.org", "xmpp:a@/e.c", "mailto:&#64;e.org",
        "![i](http://e.org/i.png)", "[^1] note", "[^1]: defined", "| a | b |\n|---|---|\n| https://e.org/c | `{= tc}` |",
    ]

    /// A document of up to 12 pieces, each followed by one or two line feeds.
    static func generated(using generator: inout SeededInputs) -> String {
        let length = Int.random(in: 1...12, using: &generator)
        return (0..<length).map { _ -> String in
            let piece = pieces.randomElement(using: &generator)!
            return piece + (Bool.random(using: &generator) ? "\n" : "\n\n")
        }.joined()
    }
}
