import Testing
@testable import EvidentMarkdown

/// The page a template makes around a body: the same bytes whether the
/// body's array has room for the frame (the pipeline's has, and the frame
/// goes around the body in place) or not, and the same as the template
/// rendered with the body as its content.
@Suite struct PageAssemblyTests {
    @Test(arguments: ["<p>x</p>\n\n", "<p>x</p>\n\n\n", "<p>x</p>\r\n", "<p>é ≈ 1</p>\n", "\n", ""])
    func theFrameGoesAroundTheBodyWhereverItsBytesLie(_ body: String) throws {
        let template = try PageTemplate("<title>{{title}}</title>\n{{{content}}}\n</body>\n", file: "t.html")
        var page = Page(title: "T", file: "doc.md", content: "", headings: [], claims: [], diagnostics: [], sourceHash: "abc")
        // The pipeline's trimming of one final line feed, then the context's.
        var content = body
        if content.hasSuffix("\n") { content.removeLast() }
        page.content = content
        let expected = Array(page.render(template).utf8)
        page.content = ""
        var roomy: [UInt8] = []
        roomy.reserveCapacity(body.utf8.count + Page.frameRoom)
        roomy += body.utf8
        #expect(page.assemble(template, body: roomy) == expected)
        #expect(page.assemble(template, body: Array(body.utf8)) == expected)
        // The body is given to a template whose content is not in one place.
        let twice = try PageTemplate("{{{content}}}|{{{content}}}", file: "t.html")
        page.content = content
        #expect(page.assemble(twice, body: Array(body.utf8)) == Array(page.render(twice).utf8))
    }

    /// A template may pass its content through Mustache's transforms or
    /// test it in an inverted section: the page is the template rendered
    /// with the body, also where what is done to a marker leaves it as it
    /// was (`lowercased` did, and so do two `reversed`, which regroup a
    /// flag's regional indicators in the body), or where only the body is
    /// empty.
    @Test(arguments: [
        ("<main>{{{lowercased(content)}}}</main>\n", "<p>Some TEXT, Here</p>"),
        ("<main>{{{uppercased(content)}}}</main>\n", "<p>Some TEXT, Here</p>"),
        ("<main>{{{capitalized(content)}}}</main>\n", "<p>Some TEXT, Here</p>"),
        ("<main>{{{reversed(content)}}}</main>\n", "<p>Some TEXT, Here</p>"),
        ("<main>{{{empty(content)}}}</main>\n", "<p>Some TEXT, Here</p>"),
        ("<main>{{{reversed(reversed(content))}}}</main>\n", "<p>Flags: \u{1F1E6}\u{1F1E8}\u{1F1E6}</p>"),
        ("<main>{{^empty(content)}}<div>{{{content}}}</div>{{/empty(content)}}</main>\n", ""),
        ("<main>{{^content}}nothing{{/content}}{{{content}}}</main>\n", ""),
        ("<main>{{{.content}}}</main>\n", "<p>x</p>"),
    ])
    func aContentTransformedOrTestedIsTheBodys(_ text: String, _ body: String) throws {
        let template = try PageTemplate(text, file: "t.html")
        #expect(template.contentAsWritten == false)
        var page = Page(title: "T", file: "doc.md", content: body, headings: [], claims: [], diagnostics: [], sourceHash: "abc")
        let expected = Array(page.render(template).utf8)
        page.content = ""
        #expect(page.assemble(template, body: Array((body + "\n").utf8)) == expected)
    }

    @Test func theDefaultTemplateNamesItsContentAsWritten() throws {
        #expect(PageTemplate.default.contentAsWritten)
        #expect(try PageTemplate("<a>{{content}}</a>{{{title}}}{{&content}}", file: "t.html").contentAsWritten)
    }
}
