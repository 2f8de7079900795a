import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Every input a fuzz target (Fuzz/) ever stopped on, kept in
/// Fixtures/hostile/fuzz/ and replayed the way the target saw it: the bytes
/// decoded as UTF-8 with U+FFFD for what is not, the whole pipeline run, and
/// every diagnostic located on a line of the document; an input named
/// `template-…` is a page template (FuzzTemplate), read, and rendered when
/// it can be used, a refusal located on a line and column of it.
@Suite struct FuzzRegressionTests {
    static let directory = HostileCorpusTests.directory.appendingPathComponent("fuzz")

    static let inputs: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }()

    @Test(arguments: inputs.filter { !$0.hasPrefix("template-") })
    func replay(_ name: String) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name))
        let source = String(decoding: data, as: UTF8.self)
        let lines = max(1, Diagnostic.lines(of: source).count)
        // The fuzz targets' small limits keep the examples' big samples quick.
        let pipeline = Pipeline(options: PipelineOptions()) { file, params, limits, _ in
            var small = limits
            small.maxElements = 2_000
            return Interpreter(file: file, params: params, builtins: .evident, limits: small)
        }
        for mode in [ProcessingMode.build, .run] {
            let report = pipeline.process(file: name, source: source, mode: mode)
            for diagnostic in report.diagnostics {
                #expect(diagnostic.range.start.line >= 1 && diagnostic.range.start.line <= lines && diagnostic.range.start.column >= 1,
                        "\(diagnostic.headline) lies outside the \(lines) lines")
            }
            if let html = report.html { #expect(activeContent(in: html) == nil) }
        }
    }

    @Test(arguments: inputs.filter { $0.hasPrefix("template-") })
    func replayTemplate(_ name: String) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name))
        let text = String(decoding: data, as: UTF8.self)
        let page = Page(title: "T", file: "doc.md", content: "<p>body</p>", headings: [Page.Heading(level: 1, text: "H", id: "h")],
                        claims: [], diagnostics: [], sourceHash: "abc")
        do {
            let template = try PageTemplate(text, file: name)
            #expect(!page.assemble(template, body: Array("<p>body</p>".utf8)).isEmpty)
        } catch let diagnostic as Diagnostic {
            let lines = PageTemplate.lines(of: text)
            let start = diagnostic.range.start
            try #require(start.line >= 1 && start.line <= lines.count, "\(diagnostic.headline) lies outside the \(lines.count) lines")
            let line = lines[start.line - 1].unicodeScalars.filter { $0 != "\r" }.count
            #expect(start.column >= 1 && start.column <= line + 1, "\(diagnostic.headline) lies past its line of \(line)")
            #expect(diagnostic.formatted(lines: lines).contains("\n"), "\(diagnostic.headline) is shown without its line")
        }
    }

    /// A lone carriage return ends a line for cmark; diagnostics count it so too.
    @Test func loneCarriageReturnsEndLines() {
        let pipeline = Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator)
        let report = pipeline.process(file: "cr.md", source: "# T\r\r```evident\rlet x = 1 +\r```\r", mode: .check)
        #expect(report.diagnostics.map(\.headline) == ["cr.md:4:12: error: expected an expression after '+', found the end of the code"])
    }
}
