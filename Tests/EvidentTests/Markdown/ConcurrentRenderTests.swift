import Foundation
import Testing
@testable import Evident

/// The page rendered with placeholders while the blocks are evaluated, then
/// filled in, is the page rendered after evaluation, byte for byte, wherever
/// blocks and spans stand; and whenever the placeholders cannot be trusted,
/// the page is rendered after evaluation instead.
@Suite struct ConcurrentRenderTests {
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

    /// Blocks 0, 1, 3 and 5 replaced (5 with HTML ending in a line break, as
    /// callers may give), 2 removed, the python block (4) kept, every span.
    static let blocks: [Int: String] = [0: "<div>x</div>", 1: "<div>y</div>", 2: "", 3: "<div>z</div>", 5: "<div>last</div>\n"]
    static let spans: [Int: String] = [0: "<b>X</b>", 1: "<b>A</b>", 2: "", 3: "<b>Q</b>", 4: "<b>H</b>"]

    func render(_ body: String, concurrently: Bool, blocks: [Int: String] = blocks, spans: [Int: String] = spans) -> String {
        Cmark.renderHTML(body, blocks: blocks, spans: spans, headingIDs: ["title", "second"], unsafe: false,
                         link: { PageLink.rewrite($0) }, concurrently: concurrently)
    }

    @Test func fillsInWhatRenderingAfterEvaluationGives() {
        let sequential = render(Self.body, concurrently: false)
        #expect(render(Self.body, concurrently: true) == sequential)
        // The page does show what it should (so that the equality means something).
        for piece in ["<div>x</div>", "<div>last</div>\n", "<b>Q</b>", "id=\"second\"", "href=\"other.html#part\"", "not evident"] {
            #expect(sequential.contains(piece), "\(piece)")
        }
        #expect(!sequential.contains("hidden in a list"))
        #expect(!sequential.utf8.contains(1))
    }

    /// Pages rendered from many pool threads at once (a program using
    /// Evident as a library) each get their own arena and rendering thread,
    /// finish, and are the page rendered alone.
    @Test func manyAtOnceFromPoolThreads() {
        let reference = render(Self.body, concurrently: false)
        final class Pages: @unchecked Sendable {
            let lock = NSLock()
            var pages: [String] = []
        }
        let pages = Pages()
        DispatchQueue.concurrentPerform(iterations: 32) { _ in
            let page = Cmark.renderHTML(Self.body, blocks: Self.blocks, spans: Self.spans, headingIDs: ["title", "second"],
                                        unsafe: false, link: { PageLink.rewrite($0) })
            pages.lock.lock()
            pages.pages.append(page)
            pages.lock.unlock()
        }
        #expect(pages.pages.count == 32 && pages.pages.allSatisfy { $0 == reference })
    }

    /// A body that uses the first control characters as text gets another
    /// one for its placeholders; one that uses every usable one is rendered
    /// after evaluation.
    @Test func placeholdersAvoidTheBodysControlCharacters() {
        let some = "\u{1}\u{2} text `{a}`\n\n```evident\nx\n```\n"
        #expect(Cmark.Placeholders(absentFrom: some)?.mark == 3)
        #expect(render(some, concurrently: true, blocks: [0: "<p>X</p>"], spans: [0: "A"])
                == render(some, concurrently: false, blocks: [0: "<p>X</p>"], spans: [0: "A"]))
        let every = String((1..<32).map { Character(UnicodeScalar(UInt8($0))) }) + " `{a}`\n"
        #expect(Cmark.Placeholders(absentFrom: every) == nil)
        #expect(render(every, concurrently: true, blocks: [:], spans: [0: "A"]).contains("A"))
    }

    /// Fragments that do not match the layout (a replaced block evaluation
    /// gave no HTML) are not filled in: the page is rendered again.
    @Test func fragmentsThatDoNotMatchTheLayoutAreRenderedAgain() {
        let layout = Cmark.Layout(blocks: [0, 1], spans: [0], headingIDs: [], unsafe: false)
        let fragments = Cmark.Fragments(blocks: [0: "<div>only</div>"], spans: [0: "<b>S</b>"])
        let page = Cmark.parse(Self.body, read: { _ in layout }, evaluate: { _ in ((), fragments) }).1?.text
        let reference = Cmark.parse(Self.body, read: { _ in layout }, evaluate: { _ in ((), fragments) }, concurrently: false).1?.text
        #expect(page != nil && page == reference)
        #expect(page?.contains("<div>only</div>") == true)
    }

    /// Filling in, on a page written by hand: a block's placeholder (in the
    /// `<pre><code …>` cmark writes around a code block's text) and the line
    /// break after it become its HTML and a line break (one, whether or not
    /// the HTML ends with one); a span's (in `<code>`) becomes its HTML; a
    /// placeholder that does not read as one, outside its code's tags, or
    /// naming nothing in the fragments, makes the page unusable.
    @Test func fillingIn() throws {
        let marks = try #require(Cmark.Placeholders(absentFrom: "body"))
        /// `fill` read back as text.
        struct Filler {
            let marks: Cmark.Placeholders
            var mark: UInt8 { marks.mark }
            func mark(isBlock: Bool, ordinal: Int) -> String { marks.rendered(isBlock: isBlock, ordinal: ordinal) }
            func fill(_ page: String, layout: Cmark.Layout, fragments: Cmark.Fragments, prefix: String = "", suffix: String = "",
                      trimming: Int = 0) -> String? {
                marks.fill(page, layout: layout, fragments: fragments, prefix: prefix, suffix: suffix, trimming: trimming)
                    .map { String(decoding: $0, as: UTF8.self) }
            }
        }
        let placeholders = Filler(marks: marks)
        func p(_ block: Bool, _ n: Int) -> String { placeholders.mark(isBlock: block, ordinal: n) }
        let layout = Cmark.Layout(blocks: [0, 1], spans: [7])
        let fragments = Cmark.Fragments(blocks: [0: "<div>A</div>", 1: "<div>B</div>\n"], spans: [7: "<i>s</i>"])
        let page = "<p>x \(p(false, 7)) y</p>\n\(p(true, 0))\n\(p(true, 1))\n<p>end</p>\n"
        #expect(placeholders.fill(page, layout: layout, fragments: fragments)
                == "<p>x <i>s</i> y</p>\n<div>A</div>\n<div>B</div>\n<p>end</p>\n")
        #expect(placeholders.fill(page.replacingOccurrences(of: "\(p(true, 1))\n", with: p(true, 1)), layout: layout, fragments: fragments) == nil)
        #expect(placeholders.fill(page + p(false, 8), layout: layout, fragments: fragments) == nil)
        let m = String(UnicodeScalar(placeholders.mark))
        #expect(placeholders.fill(page + "<code>" + m + "x1" + m + "</code>", layout: layout, fragments: fragments) == nil)
        // An ordinal is digits only, read in place: no sign, not empty.
        for odd in ["s+7", "s-7", "s", "s7x"] {
            #expect(placeholders.fill(page + "<code>" + m + odd + m + "</code>", layout: layout, fragments: fragments) == nil, "\(odd)")
        }
        // A placeholder is read with the tags cmark writes around it.
        let bare = marks.mark(isBlock: false, ordinal: 7)
        #expect(placeholders.fill("<p>x \(bare) y</p>\n", layout: Cmark.Layout(spans: [7]), fragments: Cmark.Fragments(blocks: [:], spans: [7: "<i>s</i>"])) == nil)
        #expect(placeholders.fill("<p>x <kbd>\(bare)</code> y</p>\n", layout: Cmark.Layout(spans: [7]),
                                  fragments: Cmark.Fragments(blocks: [:], spans: [7: "<i>s</i>"])) == nil)
        #expect(placeholders.fill("<p>x <code>\(bare)</code> y</p>\n", layout: Cmark.Layout(spans: [7]),
                                  fragments: Cmark.Fragments(blocks: [:], spans: [7: "<i>s</i>"])) == "<p>x <i>s</i> y</p>\n")
        #expect(placeholders.fill(page, layout: layout, fragments: Cmark.Fragments(blocks: [0: "<div>A</div>"], spans: [7: ""])) == nil)
        // Straight into a page: between a prefix and a suffix, without up
        // to `trimming` final line feeds of the content.
        #expect(placeholders.fill(page, layout: layout, fragments: fragments, prefix: "<main>", suffix: "</main>", trimming: 2)
                == "<main><p>x <i>s</i> y</p>\n<div>A</div>\n<div>B</div>\n<p>end</p></main>")
        #expect(placeholders.fill(page + "\n\n", layout: layout, fragments: fragments, prefix: "[", suffix: "]", trimming: 2)
                == "[<p>x <i>s</i> y</p>\n<div>A</div>\n<div>B</div>\n<p>end</p>\n]")
        #expect(placeholders.fill(p(true, 1) + "\n", layout: Cmark.Layout(blocks: [1]), fragments: Cmark.Fragments(blocks: [1: "<div>B</div>\n"]),
                                  prefix: "[", suffix: "]", trimming: 1) == "[<div>B</div>]")
    }

    /// Generated documents and the repository's: every evident block and
    /// span given HTML (some blocks' ending with a line break, hidden ones
    /// none), the page filled in is the page rendered after evaluation.
    @Test func fillsInLikeRenderingAfterEvaluationOnManyDocuments() throws {
        func check(_ source: String, _ name: String) {
            let body = FrontMatter.split(source, file: "t.md").body
            let layout = MarkdownReader.layout(of: Cmark.outline(body), unsafe: false)
            var blocks: [Int: String] = [:], spans: [Int: String] = [:]
            for n in layout.blocks { blocks[n] = n % 3 == 0 ? "<div>b\(n)</div>\n" : "<div>b\(n)</div>" }
            for n in layout.removedBlocks { blocks[n] = "" }
            for n in layout.spans { spans[n] = "<i>s\(n)</i>" }
            let ids = layout.headingIDs
            func page(_ concurrently: Bool) -> String {
                Cmark.renderHTML(body, blocks: blocks, spans: spans, headingIDs: ids, unsafe: false,
                                 link: { PageLink.rewrite($0) }, concurrently: concurrently)
            }
            #expect(page(true) == page(false), "\(name)")
            // The placeholders were found (the page was filled in, not
            // rendered again).
            let fragments = Cmark.Fragments(blocks: blocks, spans: spans)
            let rendering = Cmark.parse(body, read: { _ in layout }, evaluate: { _ in ((), fragments) }).1
            if Cmark.Placeholders(absentFrom: body) != nil {
                #expect(rendering?.filling?.found?.count == layout.blocks.count + layout.spans.count, "\(name)")
            }
        }
        var generator = SeededInputs(state: 7_11_2249)
        for n in 0..<2000 { check(QuickOutlineTests.generated(using: &generator), "generated \(n)") }
        var checked = 0
        for folder in ["docs", "Benchmarks", "Tests/EvidentTests/Fixtures", "../shared/examples"] {
            guard let files = FileManager.default.enumerator(at: repositoryRoot.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in files where file.pathExtension == "md" {
                guard let data = try? Data(contentsOf: file) else { continue }
                check(String(decoding: data, as: UTF8.self), file.path)
                checked += 1
            }
        }
        #expect(checked >= 20)
    }

    /// A placeholder-like text in the fragments is left alone: only the
    /// rendered page is searched.
    @Test func fragmentsAreNotSearched() {
        let mark = Cmark.Placeholders(absentFrom: Self.body)!.mark
        let tricky = String(UnicodeScalar(mark)) + "b1" + String(UnicodeScalar(mark))
        var blocks = Self.blocks
        blocks[0] = "<div>\(tricky)</div>"
        #expect(render(Self.body, concurrently: true, blocks: blocks) == render(Self.body, concurrently: false, blocks: blocks))
    }
}
