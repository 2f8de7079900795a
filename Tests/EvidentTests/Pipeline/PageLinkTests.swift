import XCTest
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Links between documents become links between pages in build mode.
final class PageLinkTests: XCTestCase {
    func testRelativeDocumentLinksPointAtPages() throws {
        let source = """
            # Links

            See [the tutorial](tutorial.md), [a section](language.md#flows),
            [a sibling](./sub/other.md?x=1#top) and [up](../index.md).

            ## A heading with [a link](ci.md)
            """
        let html = try XCTUnwrap(PipelineHarness().process(source).html)
        XCTAssertTrue(html.contains(#"<a href="tutorial.html">the tutorial</a>"#), html)
        XCTAssertTrue(html.contains(#"<a href="language.html#flows">a section</a>"#), html)
        XCTAssertTrue(html.contains(#"<a href="./sub/other.html?x=1#top">a sibling</a>"#), html)
        XCTAssertTrue(html.contains(#"<a href="../index.html">up</a>"#), html)
        XCTAssertTrue(html.contains(#"<a href="ci.html">a link</a>"#), html)
    }

    func testOtherLinksStayAsWritten() throws {
        let source = """
            [web](https://example.org/a.md) [net](//example.org/a.md) [root](/a.md)
            [mail](mailto:a.md) [anchor](#a.md) [page](a.html) [markdownish](a.mdx)
            ![image](figure.md)
            """
        let html = try XCTUnwrap(PipelineHarness().process(source).html)
        for href in ["https://example.org/a.md", "//example.org/a.md", "/a.md", "mailto:a.md", "#a.md", "a.html", "a.mdx"] {
            XCTAssertTrue(html.contains("href=\"\(href)\""), "\(href) changed:\n\(html)")
        }
        XCTAssertTrue(html.contains(#"<img src="figure.md" alt="image" />"#), html)
    }

    func testRewriteRule() {
        XCTAssertEqual(PageLink.rewrite("a.md"), "a.html")
        XCTAssertEqual(PageLink.rewrite("dir/a.md#x.md"), "dir/a.html#x.md")
        XCTAssertNil(PageLink.rewrite(".md"))
        XCTAssertNil(PageLink.rewrite("C:a.md"))
        XCTAssertNil(PageLink.rewrite("a+b.c-d:x.md"))
        XCTAssertEqual(PageLink.rewrite("a/b:c.md"), "a/b:c.html")
    }

    func testSchemesAreReadByCharacter() {
        for url in ["https://x", "C:a", "a+b.c-d:x", "x1:"] { XCTAssertTrue(PageLink.hasScheme(url), url) }
        for url in ["", ":x", "1a:x", "+a:x", "a/b:c", "a?b:c", "ab", "é:x", "a\u{301}:x"] { XCTAssertFalse(PageLink.hasScheme(url), url) }
        // A colon with a combining mark is one character, not a colon.
        XCTAssertFalse(PageLink.hasScheme("https:\u{301}//x"))
        XCTAssertFalse(PageLink.hasScheme("ab:\u{301}x:y"))
        XCTAssertEqual(PageLink.rewrite("a:\u{301}b.md"), "a:\u{301}b.html")
    }
}
