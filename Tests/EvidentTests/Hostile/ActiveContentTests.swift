import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Author HTML, link and image URLs, the front-matter title, headings, strings
/// in tables, plot titles and labels, claim labels and inline values never
/// yield a script element, an event-handler attribute or a `javascript:` URL.
@Suite struct ActiveContentTests {
    static func page(_ name: String) throws -> DocumentReport {
        let url = HostileCorpusTests.directory.appendingPathComponent(name)
        let source = try String(contentsOf: url, encoding: .utf8)
        let pipeline = Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator)
        return pipeline.process(file: name, source: source, mode: .build)
    }

    @Test func hostileDocumentYieldsNoActiveContent() throws {
        let report = try Self.page("hostile-html.md")
        let html = try #require(report.html)
        #expect(activeContent(in: html) == nil, "\(activeContent(in: html) ?? "")")
        // The hostile text is there, as text.
        for escaped in ["&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",   // front-matter title
                        "&lt;img src=x onerror=alert(12)&gt;",                   // a table string
                        "&lt;script&gt;alert(13)&lt;/script&gt;",                // a table title
                        "&lt;/text&gt;&lt;script&gt;alert(14)&lt;/script&gt;",   // a plot label
                        "&lt;svg onload=alert(15)&gt;",                          // a plot title
                        "&lt;script&gt;alert(16)&lt;/script&gt;",                // a claim label
                        "&lt;script&gt;alert(11)&lt;/script&gt;"] {              // an inline value
            #expect(html.contains(escaped), "missing \(escaped)")
        }
        for url in ["javascript:", "vbscript:", "data:text/html"] {
            #expect(!html.lowercased().contains("href=\"\(url)"), "\(url) link")
        }
    }

    /// Every page the corpus builds (not only the hostile-HTML one) is free
    /// of active content too.
    @Test func noCorpusPageHasActiveContent() throws {
        for expected in HostileCorpusTests.expectations where expected.id != DiagnosticID.unreadableFile.code {
            let report = try Self.page(expected.file)
            if let html = report.html {
                #expect(activeContent(in: html) == nil, "\(expected.file): \(activeContent(in: html) ?? "")")
            }
        }
    }

    /// The scanner itself finds what it must (so a pass means something).
    @Test func scannerFindsActiveContent() {
        #expect(activeContent(in: "<p>a</p><ScRiPt>x</script>") == "<script")
        #expect(activeContent(in: "<img src=x onerror=alert(1)>") == "attribute onerror")
        #expect(activeContent(in: "<a href=\" JavaScript:alert(1)\">") != nil)
        #expect(activeContent(in: "<a href='&#106;avascript:alert(1)'>") != nil)
        #expect(activeContent(in: "<svg><a href=\"data:text/html,x\"></a></svg>") != nil)
        #expect(activeContent(in: "<p title=\"onclick=x &lt;script&gt;\">&lt;script&gt; onload=</p>") == nil)
        #expect(activeContent(in: "<img src=\"vbscript:x\"><p>") != nil)
        // Text that merely reads like a URL, in attributes that are not followed.
        #expect(activeContent(in: "<svg aria-label=\"vbscript:&lt;svg onload=alert(15)&gt;\"><title>vbscript:x</title></svg>") == nil)
        #expect(activeContent(in: "<div title=\"javascript:alert(1)\">") == nil)
    }
}
