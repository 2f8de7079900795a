import Testing
@testable import Evident
@testable import EvidentMarkdown

/// The body is GitHub-flavoured Markdown: what cmark alone left as text is
/// now structure on the page.
@Suite struct GFMTests {
    func page(_ body: String, unsafe: Bool = false) -> String {
        CommonMark.render(body, CommonMark.Rendering(unsafe: unsafe))
    }

    @Test func pipeTablesBecomeTablesWithTheirAlignment() {
        let html = page("| a | b |\n|:--|--:|\n| 1 | `{= x}` |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains(#"<th align="left">a</th>"#))
        #expect(html.contains(#"<td align="right"><code>{= x}</code></td>"#))
    }

    @Test func strikethroughNeedsTwoTildes() {
        #expect(page("~~gone~~ and ~5 more\n") == "<p><del>gone</del> and ~5 more</p>\n")
    }

    @Test func footnotesLinkBothWays() {
        let html = page("Text[^a].\n\n[^a]: The note.\n")
        #expect(html.contains(##"href="#fn-a""##))
        #expect(html.contains(##"href="#fnref-a""##))
        #expect(html.contains("The note."))
    }

    @Test func autolinksAndTaskLists() {
        let html = page("See https://example.org.\n\n- [x] done\n- [ ] open\n")
        #expect(html.contains(#"<a href="https://example.org">https://example.org</a>"#))
        #expect(html.contains(#"<input type="checkbox" checked="" disabled="" />"#))
    }

    /// The outline sees code spans inside table cells as anywhere else.
    @Test func codeSpansInTableCellsAreInTheOutline() {
        let outline = CommonMark.outline("| a |\n|---|\n| `{= 1 + 1}` |\n")
        #expect(outline.codeSpans.map(\.literal) == ["{= 1 + 1}"])
    }

    @Test func tagFilterStaysOnWithUnsafe() {
        let html = page("<iframe src=x></iframe>\n\n<b>bold</b>\n", unsafe: true)
        #expect(html.contains("&lt;iframe"))
        #expect(html.contains("<b>bold</b>"))
    }
}
