import Testing
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// A page template is read once, and whatever makes it unusable is a
/// diagnostic in the template file: its line and column, a stable id, never
/// a crash of the parser or a render that does not end.
@Suite struct PageTemplateTests {
    /// The diagnostic `PageTemplate` throws for `text`, printed with its excerpt.
    func refusal(_ text: String, file: String = "t.html") -> (Diagnostic, String)? {
        do {
            _ = try PageTemplate(text, file: file)
            return nil
        } catch let diagnostic as Diagnostic {
            return (diagnostic, diagnostic.formatted(lines: PageTemplate.lines(of: text)))
        } catch {
            return nil
        }
    }

    func page(headings: Int = 2) -> Page {
        Page(title: "T", file: "doc.md", content: "<p>body</p>",
             headings: (0..<headings).map { Page.Heading(level: 2, text: "H\($0)", id: "h\($0)") },
             claims: [], diagnostics: [], sourceHash: "abc")
    }

    /// 3,000 nested sections overflowed the parser's stack (SIGSEGV).
    @Test func sectionsNestedPastTheLimitAreRefusedAtTheSectionThatPassesIt() throws {
        let deep = String(repeating: "{{#a}}", count: 3_000) + "x" + String(repeating: "{{/a}}", count: 3_000) + "\n"
        let (diagnostic, printed) = try #require(refusal(deep, file: "deep.html"))
        #expect(diagnostic.id == .templateTooDeep)
        #expect(diagnostic.range.start == SourceLocation(line: 1, column: 6 * PageTemplate.maxNesting + 1))
        #expect(printed.hasPrefix("deep.html:1:385: error: this section is nested 65 deep; page template sections nest at most 64 deep\n"))
        // Inverted sections, blocks and partials with blocks count as well.
        let mixed = String(repeating: "{{^a}}{{$b}}", count: 40) + String(repeating: "{{/b}}{{/a}}", count: 40)
        #expect(refusal(mixed)?.0.id == .templateTooDeep)
    }

    @Test func sectionsNestedToTheLimitRender() throws {
        let n = PageTemplate.maxNesting
        let template = try PageTemplate(String(repeating: "{{#title}}", count: n) + "[{{{title}}}]" + String(repeating: "{{/title}}", count: n),
                                        file: "t.html")
        #expect(page().render(template) == "[T]")
    }

    /// The parser's error, at the parser's place in the template (it once
    /// named the document's line 1): the pragma before the template moves
    /// neither its lines nor its columns.
    @Test func parseErrorsAreLocatedInTheTemplate() throws {
        let (mismatch, printed) = try #require(refusal("<html>{{#title}}\n\n{{/nope}}\n", file: "badt.html"))
        #expect(mismatch.id == .templateUnusable)
        #expect(printed == """
            badt.html:3:4: error: this closing tag does not close the section `title` open at 1:7
            {{/nope}}
               ^
            """)
        let (unclosed, shown) = try #require(refusal("a\r\nb {{#open}} never closed\r"))
        #expect(shown == "t.html:2:3: error: the section `open` is never closed (`{{/open}}`)\nb {{#open}} never closed\n  ^")
        #expect(unclosed.range.start == SourceLocation(line: 2, column: 3))
        #expect(unclosed.message == "the section `open` is never closed (`{{/open}}`)")
        // On the first line, after a lone CR, after non-ASCII text and
        // after a combining character at the very start.
        #expect(refusal("{{#a}}{{/b}}")?.0.range.start == SourceLocation(line: 1, column: 10))
        #expect(refusal("x\ry {{bad name}}")?.0.range.start == SourceLocation(line: 2, column: 9))
        #expect(refusal("é🙂 {{bad name}}")?.0.range.start == SourceLocation(line: 1, column: 10))
        #expect(refusal("\u{301}{{bad name}}")?.0.range.start == SourceLocation(line: 1, column: 8))
        #expect(refusal("{{=<% %>=}}<%a b%>")?.0.id == .templateUnusable)
    }

    /// The parser measures the rest of the template at every tag, so its
    /// reading is quadratic (40,000 tags took 20 s in a debug build): a
    /// template past the budget is refused where it passes it.
    @Test func templatesTooCostlyToReadAreRefusedWhereTheBudgetRunsOut() throws {
        let many = String(repeating: "{{x}}\n", count: 100_000)
        let (diagnostic, _) = try #require(refusal(many))
        #expect(diagnostic.id == .templateTooCostly)
        #expect(diagnostic.range.start.line > 1 && diagnostic.range.start.line < 100_000)
        // Braces that open no tag cost as much as tags.
        #expect(refusal(String(repeating: "a { b }\n", count: 50_000))?.0.id == .templateTooCostly)
        // The default template is far from the limit; so is a long one with few tags.
        #expect(refusal(DefaultTemplate.html) == nil)
        #expect(refusal(String(repeating: "plain text, no tags\n", count: 50_000) + "{{{content}}}") == nil)
        #expect(refusal(String(repeating: "{{title}}\n", count: 1_000)) == nil)
    }

    /// k sections over lists nested inside each other render (entries)^k times.
    @Test func aListSectionInsideAnotherIsRefused() throws {
        let (diagnostic, printed) = try #require(refusal("{{#toc}}\n  {{#reversed(errors)}}x{{/reversed(errors)}}\n{{/toc}}\n"))
        #expect(diagnostic.id == .templateNestedLists)
        #expect(printed.hasPrefix("t.html:2:3: error: the section over the list `reversed(errors)` is inside the section over `toc` (1:1)"))
        #expect(refusal("{{#toc}}{{#toc.headings}}{{/toc.headings}}{{/toc}}")?.0.id == .templateNestedLists)
        // One after the other, or inside a section that renders once, is fine.
        let template = try PageTemplate("{{#toc}}{{{id}}}{{/toc}}|{{#hasToc}}{{#toc}}{{{text}}}{{/toc}}{{/hasToc}}{{^errors}}-{{/errors}}",
                                        file: "t.html")
        #expect(page().render(template) == "h0h1|H0H1-")
    }

    /// The body can be megabytes: never once per entry of a list, at most `maxContent` times.
    @Test func theContentIsNeitherRepeatedByAListNorTooOften() throws {
        let (inList, printed) = try #require(refusal("{{#toc}}\n{{{content}}}{{/toc}}"))
        #expect(inList.id == .templateNestedLists)
        #expect(printed.hasPrefix("t.html:2:1: error: the page's content (`content`) is inside the section over the list `toc` (1:1)"))
        // `.content` is the page's content too, and a section over it would let `{{.}}` copy it.
        #expect(refusal(String(repeating: "{{.content}}", count: PageTemplate.maxContent + 1))?.0.id == .templateNestedLists)
        #expect(refusal("{{#content}}{{.}}{{.}}{{/content}}")?.1.contains("a section over the page's content (`content`)") == true)
        #expect(refusal("{{#toc}}{{#css}}{{.}}{{/css}}{{/toc}}")?.0.id == .templateNestedLists)
        // An opening delimiter before a line break is text: the checks go on after it.
        #expect(refusal("{{\n<p>\n" + String(repeating: "{{#a}}", count: 100) + String(repeating: "{{/a}}", count: 100))?.0.id == .templateTooDeep)
        #expect(refusal("{{\n" + String(repeating: "{{{content}}}", count: PageTemplate.maxContent + 1))?.0.id == .templateNestedLists)
        // The style sheet and the math font are copies too.
        #expect(refusal("{{#toc}}{{{css}}}{{/toc}}")?.0.id == .templateNestedLists)
        #expect(refusal("{{#failedClaims}}{{{mathFont}}}{{/failedClaims}}")?.1.contains("the page's math font (`mathFont`)") == true)
        #expect(refusal(String(repeating: "{{{css}}}", count: PageTemplate.maxContent + 1))?.0.id == .templateNestedLists)
        #expect(refusal("{{#errors}}{{&content}}{{/errors}}")?.0.id == .templateNestedLists)
        let many = String(repeating: "{{{content}}}", count: PageTemplate.maxContent + 1)
        #expect(refusal(many)?.0.range.start == SourceLocation(line: 1, column: 13 * PageTemplate.maxContent + 1))
        let enough = try PageTemplate(String(repeating: "{{content}}|", count: PageTemplate.maxContent) + "{{#toc}}{{text}}{{/toc}}", file: "t.html")
        #expect(page().render(enough) == String(repeating: "<p>body</p>|", count: PageTemplate.maxContent) + "H0H1")
    }

    /// The same tags under other delimiters count the same.
    @Test func delimitersSetByTheTemplateAreFollowed() throws {
        let deep = "{{=<% %>=}}" + String(repeating: "<%#a%>", count: 100) + String(repeating: "<%/a%>", count: 100)
        #expect(refusal(deep)?.0.id == .templateTooDeep)
        let template = try PageTemplate("{{=<% %>=}}<%#title%>{{x}}<%&title%><%/title%>", file: "t.html")
        #expect(page().render(template) == "{{x}}T")
    }
}
