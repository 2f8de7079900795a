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

    /// A template may pass its content through one of Mustache's string
    /// transforms: the page is the template rendered with the body, also
    /// where the transform leaves a marker as it was (`lowercased` once did,
    /// and the body went in untransformed).
    @Test(arguments: ["lowercased", "uppercased", "capitalized", "reversed", "empty"])
    func aTransformedContentIsTransformed(_ transform: String) throws {
        let template = try PageTemplate("<main>{{{\(transform)(content)}}}</main>\n", file: "t.html")
        var page = Page(title: "T", file: "doc.md", content: "<p>Some TEXT, Here</p>", headings: [], claims: [], diagnostics: [], sourceHash: "abc")
        let expected = Array(page.render(template).utf8)
        page.content = ""
        #expect(page.assemble(template, body: Array("<p>Some TEXT, Here</p>\n".utf8)) == expected)
    }
}
