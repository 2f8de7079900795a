import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Math, references and labels come out of the body before cmark reads it,
/// by pandoc's rules for dollars, leaving code alone and keeping every line
/// where it was.
@Suite struct BodyExtractionTests {
    func extract(_ body: String) -> BodyExtraction { BodyExtraction.extract(body, file: "t.md") }

    @Test(arguments: [
        "Price $5 and $10.\n",
        "A $ 5 $ gap.\n",
        "Escaped \\$x$ dollar.\n",
        "Code `$x$` span.\n",
        "```sh\necho $HOME/$PATH\n```\n",
        "> ```\n> $a$b$\n> ```\n",
        "Text\n\n    indented $x$ code\n",
        "Two $$ $$ empty.\n",
        "\\``$\n",
        "Mail bob@example.org about A @ B, @eq, @eqs-1 and fig-2.\n",
    ])
    func leavesWhatIsNotMathAlone(_ body: String) {
        let extraction = extract(body)
        #expect(extraction.maths.isEmpty)
        #expect(extraction.body == body)
    }

    /// A reference of each kind is found, also in a body without math or
    /// labels (where an at sign alone leaves the body as it is).
    @Test(arguments: BodyExtraction.Kind.allCases) func aReferenceOfEachKindIsFound(_ kind: BodyExtraction.Kind) {
        let extraction = extract("Mail bob@example.org; see @\(kind.rawValue)-x.\n")
        #expect(extraction.references.map(\.name) == ["\(kind.rawValue)-x"])
    }

    @Test func keepsTeXIntactForTheConverter() {
        let extraction = extract("Let $x^*y^*$ and $X \\in \\{0, 1\\}$, then $a \\\\ b$.\n")
        #expect(extraction.maths.map(\.tex) == ["x^*y^*", "X \\in \\{0, 1\\}", "a \\\\ b"])
        #expect(extraction.maths.allSatisfy { !$0.display })
        #expect(extraction.maths[1].range == SourceRange(start: SourceLocation(line: 1, column: 18), end: SourceLocation(line: 1, column: 34)))
    }

    /// The next dollar closes or nothing does (pandoc): prices before a
    /// formula stay prices.
    @Test func theNextDollarClosesOrTheOpeningIsADollar() {
        #expect(extract("From $a$5 to $b$.\n").maths.map(\.tex) == ["b"])
        #expect(extract("It costs $5 and $10 today; $x$.\n").maths.map(\.tex) == ["x"])
    }

    @Test func displayMathKeepsItsLinesAndTakesItsLabel() {
        let body = "Text\n\n$$\na = b\n\\\\ c\n$$ {#eq-first}\n\nSee @eq-first.\n"
        let extraction = extract(body)
        #expect(extraction.maths.count == 1)
        #expect(extraction.maths[0].display)
        #expect(extraction.maths[0].tex == "\na = b\n\\\\ c\n")
        #expect(extraction.maths[0].label == "eq-first")
        #expect(extraction.body.split(separator: "\n", omittingEmptySubsequences: false).count
                == body.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(extraction.references.map(\.name) == ["eq-first"])
        #expect(extraction.references[0].range.start == SourceLocation(line: 8, column: 5))
        #expect(extraction.labels.map(\.name) == ["eq-first"])
        #expect(!extraction.body.contains("$"))
        #expect(!extraction.body.contains("{#eq-first}"))
    }

    @Test func liveNumbersBecomeSlotsWithTheirPlaces() {
        let extraction = extract("So $\\theta = {= theta | %.2f}$ and $\\overset{a}{=} b$.\n")
        #expect(extraction.maths[0].tex == "\\theta = " + MathSpan.slot(0))
        #expect(extraction.maths[0].live.count == 1)
        #expect(extraction.maths[0].live[0].code == .value(expression: "theta", format: "%.2f"))
        #expect(extraction.maths[0].live[0].origin == SourceLocation(line: 1, column: 17))
        #expect(extraction.maths[1].live.isEmpty)
        // After a slot, TeX offsets still map to the source.
        #expect(extraction.maths[0].location(ofOffset: 0) == SourceLocation(line: 1, column: 5))
    }

    @Test func labelLinesAfterTablesAndBlocksAreBlanked() {
        let body = "| a |\n|---|\n| 1 |\n\n: Numbers {#tbl-n}\n\n```evident\nplot([1, 2])\n```\n{#fig-p}\n"
        let extraction = extract(body)
        #expect(extraction.labels.map(\.name) == ["tbl-n", "fig-p"])
        #expect(extraction.labels[0].caption == "Numbers")
        #expect(extraction.labels[0].target == .blockAbove(line: 1))
        #expect(extraction.labels[1].target == .blockAbove(line: 7))
        #expect(!extraction.body.contains("{#"))
        #expect(extraction.diagnostics.isEmpty)
    }

    @Test func aLabelWithNothingAboveIsAnError() {
        let extraction = extract("Text.\n\nMore text.\n{#fig-x}\n")
        #expect(extraction.diagnostics.map(\.id) == [.misplacedLabel])
        #expect(extraction.diagnostics[0].range.start == SourceLocation(line: 4, column: 1))
    }

    /// A paragraph of unclosed dollars and backticks of every length is
    /// scanned in one pass (this would take minutes if each opener
    /// searched the rest of the paragraph).
    @Test func unclosedOpenersStayLinear() {
        let body = String(repeating: "$x `` a ``` $b ", count: 40_000) + "\n"
        let extraction = extract(body)
        #expect(extraction.body.count == body.count)
    }

    /// A paragraph of many lines, each with a formula, is located in one
    /// pass too (looking each formula's line up from the paragraph's last
    /// line took minutes for this one).
    @Test func aLongParagraphOfFormulasStaysLinear() {
        let body = String(repeating: "$x$\n", count: 200_000)
        let extraction = extract(body)
        #expect(extraction.maths.count == 200_000)
        #expect(extraction.maths.last?.range.start == SourceLocation(line: 200_000, column: 1))
    }

    /// Columns count scalars, whatever their width in UTF-8: of formulas,
    /// references and labels after accented, Greek, CJK and emoji text.
    @Test func columnsCountScalarsNotBytes() {
        let extraction = extract("é θ $x$ 中文 @eq-a 😀 $$y$$ {#eq-a}\n\n| á |\n|---|\n: Ça {#tbl-t}\n")
        #expect(extraction.maths.map(\.range.start.column) == [5, 20])
        #expect(extraction.maths[0].range.end.column == 8)
        #expect(extraction.references.map(\.range.start.column) == [12])
        #expect(extraction.labels.map(\.range.start.column) == [25, 6])  // an equation's label from the end of its formula
        #expect(extraction.labels.map(\.caption) == [nil, "Ça"])
        #expect(extraction.diagnostics.isEmpty)
    }
}

/// Math on the page: converted, numbered, referenced, with live numbers
/// evaluated; TeX errors and unknown references located.
@Suite struct MathPageTests {
    func build(_ source: String, mode: ProcessingMode = .build) -> DocumentReport {
        Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator).process(file: "m.md", source: source, mode: mode)
    }

    func html(_ report: DocumentReport) -> String { report.page.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    @Test func formulasWithLiveNumbersAndReferences() {
        let report = build("""
            ---
            params:
              theta: 0.25
            ---
            $$ I(\\theta) = \\frac{1}{\\theta(1-\\theta)} $$ {#eq-info}

            By @eq-info, $I = {= 1 / (theta * (1 - theta)) | %.3f}$.
            """)
        #expect(report.diagnostics.isEmpty)
        let page = html(report)
        #expect(page.contains(#"<span class="equation" id="eq-info"><math display="block""#))
        #expect(page.contains(#"<span class="equation-number">(1)</span>"#))
        #expect(page.contains(##"<a class="reference" href="#eq-info">(1)</a>"##))
        #expect(page.contains("<mn>5.333</mn>"))
        #expect(!page.contains("$"))
    }

    @Test func errorsAreLocatedInTheDocument() {
        let report = build("# T\n\nAn $x + \\fraq{1}{2}$ here.\n\nSee @eq-none and @fig-none.\n", mode: .check)
        let found = report.diagnostics.map { "\($0.range.start) \($0.id)" }
        #expect(found == ["3:9 E0909", "5:5 E0911", "5:18 E0911"])
        #expect(report.diagnostics[0].message.contains("\\frac"))
    }

    @Test func duplicateLabelsAreErrors() {
        let report = build("$$a$$ {#eq-a}\n\n$$b$$ {#eq-a}\n", mode: .check)
        #expect(report.diagnostics.map(\.id) == [.duplicateLabel])
        #expect(report.diagnostics[0].range.start.line == 3)
    }

    @Test func mathFencesAndFigureLabels() {
        let report = build("""
            ```math
            e^{i\\pi} + 1 = 0
            ```
            {#eq-euler}

            ```evident
            plot([1, 2, 4], caption: "Doubling")
            ```
            {#fig-double}

            @eq-euler and @fig-double.
            """)
        #expect(report.diagnostics.isEmpty)
        let page = html(report)
        #expect(page.contains(#"<div class="equation" id="eq-euler"><math display="block""#))
        #expect(page.contains(#"<figure id="fig-double""#))
        #expect(page.contains("Figure 1."))
        #expect(page.contains(##"<a class="reference" href="#fig-double">Figure 1</a>"##))
    }

    @Test func aFigureLabelOnABlockWithoutAPlotIsAnError() {
        let report = build("```evident\nlet x = 1\n```\n{#fig-x}\n", mode: .check)
        #expect(report.diagnostics.map(\.id) == [.misplacedLabel])
    }

    @Test func mathInHeadingsReadsAsTeXInTheTableOfContents() {
        let document = MarkdownReader.read("# The case $\\theta = 1$\n\n## Next\n", file: "h.md")
        #expect(document.headings.map(\.text) == ["The case \\theta = 1", "Next"])
    }
}

/// Pages with math carry a subset of Latin Modern Math holding only the
/// characters their formulas use, with the MATH table browsers lay out by.
@Suite struct EmbeddedMathFontTests {
    @Test func formulasCharactersWithTheirItalicForms() {
        let html = Array(#"<p>x</p><math alttext="y"><mi>θ</mi><mo>&#x2212;</mo><mn>2</mn></math>"#.utf8)
        let found = EmbeddedMathFont.characters(ofMathIn: html)
        #expect(found == ["θ", "\u{1D703}", "\u{2212}", "2"])
    }

    /// HarfBuzz is loaded at run time: with the font installed (as setup
    /// does), failing to load it must fail here rather than skip the tests
    /// below and quietly drop the font from pages.
    @Test func anInstalledFontIsEmbeddable() {
        let installed = EmbeddedMathFont.candidates.contains { FileManager.default.isReadableFile(atPath: $0) }
        #expect(EmbeddedMathFont.isAvailable == installed, "\(EmbeddedMathFont.unavailable.map(String.init(describing:)) ?? "")")
    }

    @Test func aPageThatCannotCarryTheFontSaysWhyAtItsFirstFormula() throws {
        let reason = EmbeddedMathFont.Unavailable("no Latin Modern Math font is installed")
        let document = MarkdownReader.read("# Notes\n\nText, then $x^2$ and $y$.\n", file: "notes.md")
        let warning = try #require(Pipeline.mathFontWarning(document, choice: .embedded, unavailable: reason))
        #expect(warning.id == .mathFontUnavailable && warning.severity == .warning)
        #expect(warning.range.start == SourceLocation(line: 3, column: 12))
        #expect(warning.message.contains("no Latin Modern Math font is installed"))
        #expect(Pipeline.mathFontWarning(document, choice: .system, unavailable: reason) == nil)
        #expect(Pipeline.mathFontWarning(document, choice: .embedded, unavailable: nil) == nil)
        let noMath = MarkdownReader.read("# Notes\n\nNo formula.\n", file: "notes.md")
        #expect(Pipeline.mathFontWarning(noMath, choice: .embedded, unavailable: reason) == nil)
    }

    /// Asking whether the font is available loads HarfBuzz and reads the
    /// font: a page without formulas must not ask.
    @Test func aPageWithoutFormulasDoesNotAskForTheFont() {
        var asked = 0
        func unavailable() -> EmbeddedMathFont.Unavailable? {
            asked += 1
            return EmbeddedMathFont.Unavailable("asked")
        }
        let noMath = MarkdownReader.read("# Notes\n\nIt costs $5 and $10.\n", file: "notes.md")
        #expect(Pipeline.mathFontWarning(noMath, choice: .embedded, unavailable: unavailable()) == nil)
        #expect(asked == 0)
        let math = MarkdownReader.read("# Notes\n\nA formula: $x$.\n", file: "notes.md")
        #expect(Pipeline.mathFontWarning(math, choice: .embedded, unavailable: unavailable()) != nil)
        #expect(asked == 1)
    }

    @Test(.enabled(if: EmbeddedMathFont.isAvailable)) func theSubsetIsSmallAndKeepsTheMathTable() throws {
        let font = try #require(EmbeddedMathFont.subset(for: ["θ", "\u{1D703}", "(", ")", "=", "1"]))
        #expect(font.count < 30_000)
        // The table directory names the MATH table.
        let tables = Int(font[4]) << 8 | Int(font[5])
        let tags = (0..<tables).map { String(decoding: font[(12 + 16 * $0)..<(16 + 16 * $0)], as: UTF8.self) }
        #expect(tags.contains("MATH"))
    }

    /// With footnotes in the body, cmark-gfm takes `[` before an escaped
    /// or encoded caret for a reference and copies its text from past the
    /// caret's own bytes: `[\^y]` came out as `[^y]]`, `[&#94;x]` wrote a
    /// NUL that ended the page. Such a bracket is escaped, outside code and
    /// unless it opens a link, and reads as written.
    @Test func aBracketBeforeAnEscapedCaretIsTextWhereFootnotesAre() {
        let body = "Text[^x] and [&#94;x], [\\^y], [&Hat;z], [&#x5e;w] and [&#0094;v].\n\n[^x]: The note.\n\nAfter.\n"
        func extract(_ body: String) -> BodyExtraction { BodyExtraction.extract(body, file: "t.md") }
        #expect(extract(body).body == body.replacingOccurrences(of: " [&", with: " \\[&").replacingOccurrences(of: " [\\", with: " \\[\\"))
        let untouched = [
            "Code `[\\^x]` and [&#94;]x.\n\n```\n[&#94;x]\n```\n\n    [\\^x] indented\n\n[^x]: n\n",
            "Links [\\^x](u), [&#94;y][r], [&#94;z] and \\[&#94;q].\n\n[&#94;z]: https://z.org\n[r]: https://r.org\n[^q]: n\n",
            "No footnotes: [\\^x] and [&#94;y].\n",
            "Other entities [&#95;x] and [&#x5f;y] and [&amp;z].\n\n[^q]: n\n",
        ]
        for body in untouched { #expect(extract(body).body == body, "\(body)") }
        // The `]` that closes the bracket is found past brackets nested in it
        // and code spans: an image inside it opens no link of the bracket's
        // (unescaped, cmark-gfm wrote `[^` and then bytes from past its
        // buffer), a `]` in code closes nothing.
        let nested = "Text[^x] [\\^y![](g.png)] and [&Hat;z![](g.png) w], a link [\\^l `]`](u).\n\n[^x]: n\n"
        #expect(extract(nested).body == nested.replacingOccurrences(of: " [\\^y", with: " \\[\\^y")
            .replacingOccurrences(of: " [&Hat;", with: " \\[&Hat;"))
        // A paragraph of such brackets, none closed, is scanned in one pass
        // (this would take minutes if each searched the rest of it).
        let unclosed = String(repeating: "[\\^x ", count: 40_000) + "\n\n[^q]: n\n"
        #expect(extract(unclosed).body == unclosed)

        let source = "Text[^x] and [&#94;x] and [\\^y], `[&#94;c]` and [\\^l](https://l.org).\n\n[^x]: The note.\n\nAfter.\n"
        let report = Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator).process(file: "f.md", source: source, mode: .build)
        let page = String(decoding: report.page ?? [], as: UTF8.self)
        #expect(!(report.page ?? []).contains(0))
        #expect(page.contains(" and [^x] and [^y], <code>[&amp;#94;c]</code> and <a href=\"https://l.org\">^l</a>.</p>\n<p>After.</p>"))
        #expect(page.contains("The note."))
        #expect(report.diagnostics.isEmpty)
    }

    @Test(.enabled(if: EmbeddedMathFont.isAvailable)) func onlyPagesWithMathCarryIt() {
        func page(_ source: String, _ choice: MathFontChoice) -> String {
            var options = PipelineOptions()
            options.mathFont = choice
            let report = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator).process(file: "f.md", source: source, mode: .build)
            return String(decoding: report.page ?? [], as: UTF8.self)
        }
        #expect(page("Math $x^2$.\n", .embedded).contains("@font-face"))
        #expect(!page("Math $x^2$.\n", .system).contains("@font-face"))
        #expect(!page("No math.\n", .embedded).contains("@font-face"))
    }
}

/// Images go into the page as data URIs, so that it stays one file; what
/// cannot be embedded is an error at its line. Raw HTML dropped in safe
/// mode is a warning.
@Suite struct PageImageTests {
    func build(_ source: String, in folder: URL, unsafe: Bool = false) -> DocumentReport {
        let file = folder.appendingPathComponent("doc.md").path
        return Pipeline(options: PipelineOptions(unsafeHTML: unsafe), makeEvaluator: Engine.makeEvaluator).process(file: file, source: source, mode: .build)
    }

    @Test func imagesAreEmbeddedAndNumbered() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evident-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("img"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        try Data(png).write(to: folder.appendingPathComponent("img/dot.png"))
        let report = build("![A dot](img/dot.png){#fig-dot}\n\nSee @fig-dot; ![gone](missing.png) and ![svg](x.svg).\n", in: folder)
        let page = String(decoding: report.page ?? [], as: UTF8.self)
        #expect(page.contains(#"<img src="data:image/png;base64,iVBORw0KGgo=" alt="A dot" />"#))
        #expect(page.contains(#"<span class="figure-caption" id="fig-dot"><span class="figure-number">Figure 1.</span> A dot</span>"#))
        #expect(page.contains(##"<a class="reference" href="#fig-dot">Figure 1</a>"##))
        #expect(report.diagnostics.map(\.id) == [.imageUnusable, .imageUnusable])
        #expect(report.diagnostics.map(\.range.start.line) == [3, 3])
        #expect(report.diagnostics[0].message.contains("missing.png"))
    }

    static let remoteImages = """
        ![a](https://host/a.png) ![b](//host/b.png)

        ![c *bold*](HTTP://host/c.png) ![d](ftp://host/d.png) ![e](file:///etc/e.png) ![f](javascript:alert(1))

        [![badge](https://host/badge.svg)](https://host) ![local](img/a:b.png)

        """

    /// A page loads nothing from elsewhere: an image given by URL is left
    /// off, its alt text in its place, with a warning at its line; the page
    /// is still written. A `data:` image stays; a relative path with a `:`
    /// in it is a path, and embedded.
    @Test func remoteImagesAreLeftOffWithAWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evident-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("img"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: folder.appendingPathComponent("img/a:b.png"))
        let report = build(Self.remoteImages + "![z](data:image/png;base64,iVBO)\n", in: folder)
        #expect(report.diagnostics.map { "\($0.range.start.line) \($0.severity) \($0.id)" }
                == ["1 warning E0916", "1 warning E0916"] + Array(repeating: "3 warning E0916", count: 4) + ["5 warning E0916"])
        #expect(report.diagnostics[0].message.hasPrefix("the image `https://host/a.png` is left off the page, its alt text in its place"))
        // Each at its `![`, the badge's inside its link too.
        #expect(report.diagnostics.map(\.range.start.column) == [1, 26, 1, 32, 55, 79, 2])
        let page = try #require(report.html)
        #expect(!page.contains("host/"), "\(page)")
        #expect(page.contains("<p>a b</p>") && page.contains("<p>c <em>bold</em> d e f</p>"))
        #expect(page.contains(#"<a href="https://host">badge</a>"#))
        #expect(page.contains(#"<img src="data:image/png;base64,iVBORw==" alt="local" />"#))
        #expect(page.contains(#"<img src="data:image/png;base64,iVBO" alt="z" />"#))

        // check warns alike, and the formats that carry warnings show it.
        let checked = Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator)
            .process(file: folder.appendingPathComponent("doc.md").path, source: Self.remoteImages, mode: .check)
        #expect(checked.diagnostics.map(\.id) == Array(repeating: .remoteImage, count: 7))
        #expect(checked.exitCode == 0)
        #expect(GitHubCheckReport.commands([checked]).filter { $0.hasPrefix("::warning ") && $0.contains("E0916") }.count == 7)
    }

    /// With --unsafe the image stays, and the warning says the page is not
    /// self-contained.
    @Test func remoteImagesKeptWhenUnsafeAreAWarning() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evident-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("img"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: folder.appendingPathComponent("img/a:b.png"))
        let report = build(Self.remoteImages, in: folder, unsafe: true)
        #expect(report.diagnostics.map(\.id) == Array(repeating: .remoteImage, count: 7))
        #expect(report.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(report.diagnostics[0].message.contains("the page is not self-contained"))
        let page = try #require(report.html)
        for target in ["https://host/a.png", "//host/b.png", "HTTP://host/c.png", "https://host/badge.svg"] {
            #expect(page.contains("src=\"\(target)\""), "\(target)")
        }
    }

    @Test func rawHTMLDroppedInSafeModeIsAWarning() throws {
        let folder = FileManager.default.temporaryDirectory
        let safe = build("Text\n\n<div>x</div>\n\nAnd <b>bold</b>.\n", in: folder)
        #expect(safe.diagnostics.map { "\($0.range.start.line) \($0.severity) \($0.id)" } == ["3 warning E0914", "5 warning E0914"])
        #expect(build("<div>x</div>\n", in: folder, unsafe: true).diagnostics.isEmpty)
    }
}

/// Seeded random documents made of the pieces math, labels, references,
/// pins, tables and code are made of: reading and building never crash,
/// the body cmark reads keeps every line where it was, and every diagnostic
/// points inside the document.
@Suite struct BodyExtractionRobustnessTests {
    static let pieces = [
        "$", "$$", "`", "``", "\\", "\\$", "{#eq-a}", "{#fig-b}", "{#tbl-c}", ": Cap {#tbl-c}", "@eq-a", "@fig-b", "@tbl-zz",
        "\n", "\n\n", "x", " ", "|", "|---|", "```", "```math\n", "```evident\nplot([1, 2])\n```\n", "~~~", "{= 1}", "`{= 1 ≈ 1.0}`",
        "{= ", "}", "![c](d.png)", "\\frac{a}{b}", "^", "_", "*", "\\begin{pmatrix}", "\\end{pmatrix}", "&", "\\\\", "    ", "> ", "- ",
        "\u{E000}", "é", "θ", "{", "\\left(", "\\right)", "%", "5", "a$5",
    ]

    @Test func randomDocumentsStayLocatedAndLined() {
        var random = SeededInputs(state: 2307_11249)
        let pipeline = Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator)
        for _ in 0..<1500 {
            let count = Int.random(in: 1...60, using: &random)
            let source = (0..<count).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            if let trace = ProcessInfo.processInfo.environment["EVIDENT_TRACE"] { try? source.write(toFile: trace, atomically: false, encoding: .utf8) }
            let body = FrontMatter.split(source, file: "r.md").body
            let extraction = BodyExtraction.extract(body, file: "r.md")
            #expect(extraction.body.split(separator: "\n", omittingEmptySubsequences: false).count
                    == body.split(separator: "\n", omittingEmptySubsequences: false).count, "\(source.debugDescription)")
            let report = pipeline.process(file: "r.md", source: source, mode: .build)
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false).count
            for diagnostic in report.diagnostics {
                #expect(diagnostic.range.start.line >= 1 && diagnostic.range.start.line <= lines, "\(diagnostic.headline) in \(source.debugDescription)")
            }
        }
    }
}
