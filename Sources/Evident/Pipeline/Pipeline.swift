/// Processes one document: read → evaluate → render fragments → inject into
/// the Markdown tree → HTML → page (or text for a terminal).
///
/// Each pass takes a value and returns one; the evaluator is the only state,
/// made fresh for every document.
public struct Pipeline {
    public var options: PipelineOptions
    private let makeEvaluator: EvaluatorFactory

    public init(options: PipelineOptions, makeEvaluator: @escaping EvaluatorFactory) {
        self.options = options
        self.makeEvaluator = makeEvaluator
    }

    public func process(file: String, source: String, mode: ProcessingMode) -> DocumentReport {
        let source = MarkdownReader.normalizingLoneCarriageReturns(source)
        let document = MarkdownReader.read(source, file: file)
        var diagnostics = document.diagnostics
        let (params, usage) = bindParams(document)
        diagnostics += usage

        let evaluator = makeEvaluator(file, params)
        let evaluated = Evaluation.run(document, with: evaluator)
        diagnostics += evaluator.diagnostics
        diagnostics = Self.sorted(diagnostics)

        let title = Page.title(frontMatter: document.frontMatter.title,
                               headings: document.headings.map(\.text), file: file)
        var report = DocumentReport(file: file, source: source, title: title,
                                    claims: evaluator.claims, diagnostics: diagnostics)
        switch mode {
        case .check:
            break
        case .build:
            let (html, templateDiagnostics) = buildPage(document, evaluated: evaluated, title: title,
                                                        claims: evaluator.claims, diagnostics: diagnostics, source: source)
            report.html = html
            report.diagnostics = Self.sorted(report.diagnostics + templateDiagnostics)
        case .run:
            report.text = TextReport.render(document, evaluated: evaluated)
        }
        return report
    }

    /// The front-matter params overridden by `options.params`; an override
    /// naming no front-matter param is a usage error.
    private func bindParams(_ document: MarkdownDocument) -> ([String: ParamValue], [Diagnostic]) {
        var params = document.frontMatter.paramValues
        var diagnostics: [Diagnostic] = []
        let known = document.frontMatter.params.map(\.name)
        let location = document.frontMatter.paramsLocation ?? SourceLocation(line: 1, column: 1)
        for name in options.params.keys.sorted() {
            guard params[name] != nil else {
                var message = "unknown parameter `\(name)` given with --param"
                if let suggestion = Suggestion.nearest(to: name, among: known) {
                    message += "; did you mean `\(suggestion)`?"
                } else if known.isEmpty {
                    message += "; the document's front matter declares no params"
                } else {
                    message += "; the document's params are " + known.map { "`\($0)`" }.joined(separator: ", ")
                }
                diagnostics.append(Diagnostic(file: document.file, range: SourceRange(location), message: message))
                continue
            }
            params[name] = options.params[name]
        }
        return (params, diagnostics)
    }

    private func buildPage(_ document: MarkdownDocument, evaluated: Evaluation, title: String,
                           claims: [ClaimResult], diagnostics: [Diagnostic], source: String) -> (String, [Diagnostic]) {
        let ids = HeadingIDs.make(document.headings.map(\.text))
        let content = Cmark.renderHTML(document.body, blocks: evaluated.blockHTML, spans: evaluated.spanHTML,
                                       headingIDs: ids, unsafe: options.unsafeHTML)
        let headings = zip(document.headings, ids).map { Page.Heading(level: $0.level, text: $0.text, id: $1) }
        let anchored = claims.map { claim in (claim: claim, anchor: evaluated.anchor(of: claim)) }
        let page = Page(title: title, file: document.file, content: content, headings: headings,
                        claims: anchored, diagnostics: diagnostics, sourceHash: SHA256.hex(source))
        do {
            return (try page.render(template: options.template), [])
        } catch {
            let diagnostic = Diagnostic(file: document.file, range: SourceRange(SourceLocation(line: 1, column: 1)),
                                        message: "the page template cannot be used (\(error)); the default template was used instead")
            return ((try? page.render()) ?? "", [diagnostic])
        }
    }

    /// Diagnostics in document order; equal positions keep their order.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            a.element.range.start == b.element.range.start ? a.offset < b.offset : a.element.range.start < b.element.range.start
        }.map(\.element)
    }
}
