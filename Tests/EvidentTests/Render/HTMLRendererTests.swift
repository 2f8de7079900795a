import XCTest
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

final class HTMLRendererTests: XCTestCase {
    func testEscapeCoversTextAndAttributes() {
        XCTAssertEqual(HTML.escape(#"<a href="x" title='y'>&amp;</a>"#),
                       "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;")
        XCTAssertEqual(HTML.escape("plain ≈ ±"), "plain ≈ ±")
        // A NUL would end the C string the HTML passes through.
        XCTAssertEqual(HTML.escape("a\u{0}b<"), "a\u{FFFD}b&lt;")
    }

    func testValueInlineAndBlock() {
        XCTAssertEqual(HTMLRenderer.render(.value("1 < 2"), placement: .inline),
                       #"<span class="evident-value">1 &lt; 2</span>"#)
        XCTAssertEqual(HTMLRenderer.render(.value("-0.5"), placement: .inline),
                       #"<span class="evident-value">\#u{2212}0.5</span>"#, "a real minus sign in the sentence")
        XCTAssertEqual(HTMLRenderer.render(.value("3"), placement: .block),
                       #"<pre class="evident-output"><code class="evident-value">3</code></pre>"#)
    }

    func testTableRightAlignsNumericColumnsAndCaptionsTitle() {
        let table = Table(title: "T", columns: ["name", "value"], rows: [["a", "1.5"], ["b", "-2e-3"], ["c", ""]])
        XCTAssertEqual(HTMLRenderer.table(table),
                       #"<table class="evident-table"><caption>T</caption><thead><tr><th>name</th><th class="num">value</th></tr></thead>"#
                       + #"<tbody><tr><td>a</td><td class="num">1.500</td></tr><tr><td>b</td><td class="num">\#u{2212}0.002</td></tr><tr><td>c</td><td class="num"></td></tr></tbody></table>"#)
    }

    func testNumericCells() {
        for cell in ["1", "-2.5e-3", " 3 ", "NaN", "-inf", "12%", "−4"] { XCTAssertTrue(Table.isNumeric(cell), cell) }
        for cell in ["", "a1", "1 2", "x"] { XCTAssertFalse(Table.isNumeric(cell), cell) }
    }

    func testClaimBadge() {
        let range = SourceRange(SourceLocation(line: 3, column: 7))
        let passed = ClaimResult(label: "small", source: "a < 1", passed: true, detail: "0.5 < 1", range: range)
        XCTAssertEqual(HTMLRenderer.claim(passed, placement: .block, id: "claim-1"),
                       #"<div class="evident-claim passed" id="claim-1" title="a &lt; 1"><span class="claim-status">✓ passed</span> <span class="claim-label">small</span> <span class="claim-detail">0.5 &lt; 1</span></div>"#)
        let failed = ClaimResult(label: nil, source: "b > 2", passed: false, detail: "", range: range)
        XCTAssertEqual(HTMLRenderer.claim(failed, placement: .inline, id: "claim-2"),
                       #"<span class="evident-claim claim-mark failed" id="claim-2" role="img" title="failed: b &gt; 2" aria-label="failed: b &gt; 2">✗</span>"#)
        XCTAssertEqual(HTMLRenderer.claim(passed, placement: .inline, id: nil),
                       #"<span class="evident-claim claim-mark passed" role="img" title="passed: small — 0.5 &lt; 1" aria-label="passed: small — 0.5 &lt; 1">✓</span>"#)
    }

    func testHostileTextIsEscapedEverywhere() {
        let h = FixedEvaluator.hostile
        let outputs = FixedEvaluator(file: "f", params: [:]).evaluateBlock("hostile", origin: SourceLocation(line: 1, column: 1))
        XCTAssertEqual(outputs.count, 4)
        for output in outputs {
            let html = HTMLRenderer.render(output, placement: .block, claimID: "claim-1")
            XCTAssertFalse(html.contains("<script"), html)
            XCTAssertFalse(html.contains(h), html)
            XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;q&quot;"), html)
        }
    }
}

final class TextRendererTests: XCTestCase {
    func testTableAlignsColumns() {
        let table = Table(title: "Trajectory", columns: ["t", "label", "kl"],
                          rows: [["0", "start", "1.25"], ["0.5", "mid", "0.031"], ["10", "end", "-2e-05"]])
        XCTAssertEqual(TextRenderer.table(table), """
            Trajectory
               t  label        kl
            ----  -----  --------
             0.0  start   1.25000
             0.5  mid     0.03100
            10.0  end    -0.00002
            """)
    }

    func testClaimLines() {
        let range = SourceRange(SourceLocation(line: 1, column: 1))
        XCTAssertEqual(TextRenderer.claim(ClaimResult(label: "ok", source: "a", passed: true, detail: "1 < 2", range: range)),
                       "✓ passed: ok — 1 < 2")
        XCTAssertEqual(TextRenderer.claim(ClaimResult(label: nil, source: "a > b", passed: false, detail: "", range: range)),
                       "✗ FAILED: a > b")
    }
}
