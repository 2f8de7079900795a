import XCTest
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

final class PipelineTests: XCTestCase {
    let hostileDocument = """
        # Safety

        <script>alert(1)</script>

        A [bad link](javascript:alert(1)) and <img src=x onerror=alert(2)>.

        ```evident
        value ok
        ```
        """

    func testSafeModeKeepsAuthorScriptsAndJavascriptLinksOffThePage() throws {
        let html = try XCTUnwrap(PipelineHarness().process(hostileDocument).html)
        XCTAssertFalse(html.contains("<script"), html)
        XCTAssertFalse(html.contains("javascript:"), html)
        XCTAssertFalse(html.contains("onerror"), html)
        XCTAssertTrue(html.contains("<!-- raw HTML omitted -->"))
        XCTAssertTrue(html.contains(#"<a href="">bad link</a>"#))
        XCTAssertTrue(html.contains(#"<pre class="evident-output"><code class="evident-value">ok</code></pre>"#))
    }

    /// `--unsafe` lets the author's HTML through, but GFM's tag filter
    /// still disarms `<script>`, `<iframe>` and the like.
    func testUnsafeModeLetsAuthorHTMLThroughButFiltersScripts() throws {
        let html = try XCTUnwrap(PipelineHarness().process(hostileDocument, options: PipelineOptions(unsafeHTML: true)).html)
        XCTAssertFalse(html.contains("<script>alert(1)"), html)
        XCTAssertTrue(html.contains("&lt;script>alert(1)&lt;/script>"), html)
        XCTAssertTrue(html.contains(#"<a href="javascript:alert(1)">bad link</a>"#))
        XCTAssertTrue(html.contains(#"<img src=x onerror=alert(2)>"#))
    }

    func testGeneratedContentIsEscapedEvenInUnsafeMode() throws {
        let source = "---\ntitle: \"<script>t</script>\"\n---\n```evident\nhostile\n```\n"
        for unsafe in [false, true] {
            let html = try XCTUnwrap(PipelineHarness().process(source, options: PipelineOptions(unsafeHTML: unsafe)).html)
            XCTAssertFalse(html.contains("<script"), html)
            XCTAssertTrue(html.contains("<title>&lt;script&gt;t&lt;/script&gt;</title>"))
        }
    }

    func testOutputIsByteIdenticalForIdenticalInputs() throws {
        let source = try String(contentsOf: GoldenTests.directory.appendingPathComponent("basic.md"), encoding: .utf8)
        let first = PipelineHarness().process(source, file: "basic.md").html
        let second = PipelineHarness().process(source, file: "basic.md").html
        XCTAssertNotNil(first)
        XCTAssertEqual(first, second)
    }

    func testEvaluatesInDocumentOrderWithDocumentPositions() {
        let source = "---\nparams:\n  n: 1\n---\nA `{= a}`.\n\n```evident\nvalue 1\n```\n\nB `{claim b}` and `{= c | %d}`.\n"
        let harness = PipelineHarness()
        _ = harness.process(source, mode: .check)
        let calls = harness.evaluator!.calls.map { "\($0.code)@\($0.origin)" }
        XCTAssertEqual(calls, ["a@5:7", "value 1\n@8:1", "b@11:11", "c@11:23"])
        XCTAssertEqual(harness.evaluator!.params, ["n": .number(1)])
    }

    /// Overrides apply to the params the document declares; the others are
    /// for other documents (the command line refuses one that none declares).
    func testParamsOverrideOnlyWhatTheDocumentDeclares() {
        let source = "---\nparams:\n  seed: 1\n  rate: 0.5\n---\ntext\n"
        let harness = PipelineHarness()
        let report = harness.process(source, mode: .check,
                                     options: PipelineOptions(params: ["seed": .number(7), "sead": .number(2), "zzz": .string("q")]))
        XCTAssertEqual(harness.evaluator!.params, ["seed": .number(7), "rate": .number(0.5)])
        XCTAssertEqual(report.diagnostics.map(\.headline), [])
        XCTAssertEqual(report.exitCode, 0)
    }

    func testPageIsBuiltEvenWithErrorsAndFailedClaimsAreLinked() throws {
        let source = "# Doc\n\n```evident\nclaim fail big\nerror oops\nclaim pass\n```\n\n```evident hide\nclaim fail hidden\n```\n\nInline `{claim false}`.\n"
        let report = PipelineHarness().process(source)
        XCTAssertEqual(report.diagnostics.map(\.headline), ["doc.md:5:1: error: oops"])
        XCTAssertEqual(report.claims.count, 4)
        XCTAssertEqual(report.exitCode, 2)
        let html = try XCTUnwrap(report.html)
        XCTAssertTrue(html.contains("1 error; 3 of 4 claims failed"), html)
        XCTAssertTrue(html.contains(#"<div class="evident-claim failed" id="claim-1""#))
        XCTAssertTrue(html.contains(#"<div class="evident-claim passed" id="claim-2""#))
        XCTAssertFalse(html.contains(#"id="claim-3""#), "a hidden claim has no badge")
        XCTAssertTrue(html.contains(#"<span class="evident-claim claim-mark failed" id="claim-4""#))
        XCTAssertTrue(html.contains(##"<a href="#claim-1">big</a>"##))
        XCTAssertTrue(html.contains(#"<li>hidden <span class="claim-detail">"#), html)
        XCTAssertTrue(html.contains(##"<a href="#claim-4">false</a>"##))
        XCTAssertTrue(html.contains("doc.md:5:1</span> oops"))
    }

    func testEchoShowsSourceAndHideShowsNothing() throws {
        let source = "```evident echo\nvalue <1>\n```\n\n```evident hide\nvalue secret\n```\n\nend\n"
        let html = try XCTUnwrap(PipelineHarness().process(source).html)
        XCTAssertTrue(html.contains(#"<div class="evident-block"><pre class="evident-source"><code>value &lt;1&gt;</code></pre><pre class="evident-output"><code class="evident-value">&lt;1&gt;</code></pre></div>"#), html)
        XCTAssertFalse(html.contains("secret"))
    }

    func testRunModeProducesTerminalText() throws {
        let source = "# R\n\n```evident\nvalue 42\ntable\nclaim pass fine\n```\n\nSo `{= x | %.2f}` and `{claim y}`.\n"
        let report = PipelineHarness().process(source, file: "r.md", mode: .run)
        XCTAssertNil(report.html)
        XCTAssertEqual(try XCTUnwrap(report.text), """
            ── r.md:3 ──
            42
            Results
            name        x
            -----  ------
            alpha   1.500
            beta   -0.002
            ✓ passed: fine — 0.1 < 1

            ── r.md:9 ──
            x | %.2f = v(x|%.2f)

            ── r.md:9 ──
            ✓ passed: y — observed

            """)
    }

    func testCustomTemplate() throws {
        let custom = PipelineHarness().process("# Hi\n", options: PipelineOptions(template: try pageTemplate("[{{{title}}}]{{{content}}}")))
        XCTAssertEqual(custom.html, "[Hi]<h1 id=\"hi\">Hi</h1>")
        XCTAssertEqual(custom.diagnostics, [])
    }

    /// The content goes where the template puts it, however many times that is.
    func testTemplatesWithTheContentOnceTwiceOrNotAtAll() throws {
        let source = "# Hi\n\n```evident\nvalue 1\n```\n\nA `{= x}`.\n"
        let once = PipelineHarness().process(source, options: PipelineOptions(template: try pageTemplate("<{{{content}}}>"))).html ?? ""
        XCTAssertTrue(once.hasPrefix("<<h1 id=\"hi\">Hi</h1>") && once.hasSuffix("</p>>") && once.contains("v(x)"), once)
        let content = String(once.dropFirst().dropLast())
        let twice = PipelineHarness().process(source, options: PipelineOptions(template: try pageTemplate("{{{content}}}|{{{content}}}"))).html
        XCTAssertEqual(twice, content + "|" + content)
        let never = PipelineHarness().process(source, options: PipelineOptions(template: try pageTemplate("[{{{title}}}]"))).html
        XCTAssertEqual(never, "[Hi]")
        // A title that reads as the page's own marker for the content.
        let tricky = "# \(Page.contentMarkers[0])\n\nA `{= x}`.\n"
        let marked = PipelineHarness().process(tricky, options: PipelineOptions(template: try pageTemplate("{{{title}}}|{{{content}}}"))).html
        let alone = PipelineHarness().process(tricky, options: PipelineOptions(template: try pageTemplate("{{{content}}}"))).html ?? ""
        XCTAssertEqual(marked, Page.contentMarkers[0] + "|" + alone)
        XCTAssertTrue(alone.contains("v(x)"))
    }

    func testTitleFallsBackToFirstHeadingThenFileName() {
        XCTAssertEqual(PipelineHarness().process("text\n\n## Second\n", file: "a/b.md", mode: .check).title, "Second")
        XCTAssertEqual(PipelineHarness().process("text\n", file: "a/b.md", mode: .check).title, "b.md")
    }
}

final class PipelineHeadingTests: XCTestCase {
    /// Ids come from the source text; the contents show the values.
    func testHeadingsGetIDsAndKeepInjectedSpans() throws {
        let source = "# Head `{= h}`\n\n## Head `{= h}`\n\n> ## Quoted *em*\n"
        let html = try XCTUnwrap(PipelineHarness().process(source, options: PipelineOptions(template: try pageTemplate("{{#toc}}{{{level}}}:{{{id}}}:{{{text}}}|{{/toc}}\n{{{content}}}"))).html)
        XCTAssertEqual(html, """
            1:head-h:Head v(h)|2:head-h-2:Head v(h)|2:quoted-em:Quoted em|
            <h1 id="head-h">Head <span class="evident-value">v(h)</span></h1>
            <h2 id="head-h-2">Head <span class="evident-value">v(h)</span></h2>
            <blockquote>
            <h2 id="quoted-em">Quoted <em>em</em></h2>
            </blockquote>
            """)
    }
}

final class PageTitleTests: XCTestCase {
    /// A heading's inline value reads as its value in the `<title>` too.
    func testTitleShowsTheValueOfAnInlineSpan() {
        XCTAssertEqual(PipelineHarness().process("# Result `{= k}`\n", mode: .check).title, "Result v(k)")
    }

    /// The front matter's title is the page's heading when the document has no level-one heading.
    func testFrontMatterTitleIsTheHeadingOfAPageWithoutOne() throws {
        let template = "{{#titleHeading}}<h1>{{{title}}}</h1>{{/titleHeading}}{{{content}}}"
        let titled = try XCTUnwrap(PipelineHarness().process("---\ntitle: A <report>\n---\n## Part\n", options: PipelineOptions(template: try pageTemplate(template))).html)
        XCTAssertTrue(titled.hasPrefix("<h1>A &lt;report&gt;</h1>"), titled)
        let headed = try XCTUnwrap(PipelineHarness().process("---\ntitle: T\n---\n# Own\n", options: PipelineOptions(template: try pageTemplate(template))).html)
        XCTAssertFalse(headed.contains("<h1>T</h1>"), headed)
    }
}

/// `text` read as a page template.
private func pageTemplate(_ text: String) throws -> PageTemplate { try PageTemplate(text, file: "t.html") }
