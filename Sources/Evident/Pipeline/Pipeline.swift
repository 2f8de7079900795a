import Dispatch
import EvidentLanguage
import EvidentMarkdown
import Foundation
import Mustache

/// Processes one document, as the passes of DESIGN.md: the source is
/// prepared and its front matter split off; cmark parses the body into an
/// outline; the reader collects the evident blocks and spans with their
/// places; they are evaluated (or taken from the cache); their outputs are
/// rendered as HTML fragments, which cmark's HTML of the body takes in; the
/// page template goes around it (or the outputs become text for a terminal).
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
        let (source, nulDiagnostics) = MarkdownReader.prepare(source, file: file)
        let (frontMatter, body, frontDiagnostics) = FrontMatter.split(source, file: file)
        let (params, paramOrigins) = bindParams(frontMatter)
        // cmark parses the body on a side thread, which hands over the
        // document read from the outline and, for a page, goes on to render
        // the body with placeholders for the evident code while this thread
        // evaluates it.
        let unsafe = options.unsafeHTML
        let parse = SideWork<(MarkdownDocument, scanned: Int), Rendered> { handOver in
            // Only the reader needs the body's lines: they are found on a
            // thread of their own while cmark parses.
            let finding = SideWork { SourceLines(body) }
            let extraction = BodyExtraction.extract(body, file: file)
            let placeholders = mode == .build ? Placeholders(absentFrom: extraction.body) : nil
            let html = CommonMark.convert(extraction.body) { outline in
                let lines = finding.result
                var document = MarkdownReader.read(frontMatter: frontMatter, extraction: extraction, diagnostics: nulDiagnostics + frontDiagnostics,
                                                   outline: outline, lines: lines, file: file)
                Self.embedImages(outline.images, into: &document, lines: lines, reading: mode == .build, unsafe: unsafe)
                if !unsafe { Self.reportDroppedHTML(outline.rawHTMLLines, in: &document) }
                handOver((document, lines.work))
                return ((), placeholders.map { Self.rendering(of: document, placeholders: $0, unsafe: unsafe) })
            }.html
            guard mode == .build else { return Rendered(html: nil, sourceHash: "") }
            var rendered = Rendered(html: nil, sourceHash: SHA256.hex(source))
            if let html, let placeholders { rendered.html = (html, placeholders) }
            return rendered
        }
        let (document, scanned) = parse.handedOver
        let (evaluation, bindings) = evaluate(document, params: params, listingBindings: mode == .json)
        var statistics = evaluation.statistics
        statistics.scannedPositions = scanned
        let evaluated = Self.namingParams(evaluation.diagnostics, values: params, origins: paramOrigins, source: source)
        let diagnostics = Self.sorted(document.diagnostics + evaluated + Self.unmatchedLabels(document, evaluation))
        let headingTexts = Self.headingTexts(document, evaluation)
        let title = Page.title(frontMatter: document.frontMatter.title, headings: headingTexts, file: file)

        var report = DocumentReport(file: file, source: source, title: title, claims: evaluation.claims, diagnostics: diagnostics)
        report.statistics = statistics
        switch mode {
        case .check:
            break
        case .build:
            let rendered = parse.result
            let html = self.body(of: document, evaluation, rendered: rendered.html)
            if let warning = Self.mathFontWarning(document, choice: options.mathFont, unavailable: EmbeddedMathFont.unavailable) {
                report.diagnostics = Self.sorted(report.diagnostics + [warning])
            }
            report.page = page(document, body: consume html, title: title, headingTexts: headingTexts, evaluation: evaluation,
                               claims: report.claims, diagnostics: report.diagnostics, sourceHash: rendered.sourceHash)
        case .run:
            report.text = TextReport.render(document, evaluated: evaluation)
        case .json:
            report.json = JSONRunReport.json(file: file, evaluation: evaluation, bindings: bindings, errors: report.errors)
        }
        BackgroundRelease.release((document, evaluation, bindings))
        return report
    }

    /// The body's HTML: the rendering with placeholders, filled in with the
    /// evaluation's fragments; or, should the placeholders not read as
    /// written (or none could be chosen), the body rendered again with them.
    private func body(of document: MarkdownDocument, _ evaluation: Evaluation,
                      rendered: (html: [UInt8], placeholders: Placeholders)?) -> [UInt8] {
        let (blocks, spans) = Self.fragments(of: document, evident: evaluation.fragments(labels: document.furniture.labels),
                                             live: evaluation.liveNumbers)
        let placed = Self.placedCount(of: document)
        if let (html, placeholders) = rendered, let filled = placeholders.fill(html, blocks: blocks, spans: spans, placed: placed, room: Page.frameRoom) {
            return filled
        }
        let rendering = Self.rendering(of: document, blocks: blocks, spans: spans, unsafe: options.unsafeHTML)
        return CommonMark.convert(document.body) { _ in ((), rendering) }.html ?? []
    }

    /// What takes the place of code in the body: the evident blocks' and
    /// spans' HTML, and the furniture's (math with its live numbers,
    /// references, captions).
    package static func fragments(of document: MarkdownDocument, evident: (blocks: [Int: String], spans: [Int: String]),
                                  live: [Int: [String]]) -> (blocks: [Int: String], spans: [Int: String]) {
        var (blocks, spans) = evident
        let furniture = document.furniture.html(live: { live[$0] ?? [] })
        blocks.merge(furniture.blocks) { evident, _ in evident }
        spans.merge(furniture.spans) { evident, _ in evident }
        return (blocks, spans)
    }

    /// The headings' texts as the page shows them: an inline value in a
    /// heading reads as its value, an inline claim as ✓ or ✗.
    static func headingTexts(_ document: MarkdownDocument, _ evaluation: Evaluation) -> [String] {
        guard document.headings.contains(where: { !$0.spans.isEmpty }) else { return document.headings.map(\.text) }
        var shown: [Int: String] = [:]
        for entry in evaluation.spans where entry.span.math == nil {
            switch entry.output {
            case .value(let text): shown[entry.span.ordinal] = text
            case .claim(let claim): shown[entry.span.ordinal] = claim.passed ? "✓" : "✗"
            default: break
            }
        }
        return document.headings.map { heading in
            var text = heading.text
            var searchFrom = text.startIndex
            for span in heading.spans {
                guard let value = shown[span.ordinal], let found = text.range(of: span.literal, range: searchFrom..<text.endIndex) else { continue }
                text.replaceSubrange(found, with: value)
                searchFrom = text.index(found.lowerBound, offsetBy: value.count, limitedBy: text.endIndex) ?? text.endIndex
            }
            return text
        }
    }

    /// An error at each figure or table label whose block made no plot
    /// or table to number.
    static func unmatchedLabels(_ document: MarkdownDocument, _ evaluation: Evaluation) -> [Diagnostic] {
        let labelled = Set(document.furniture.labels.compactMap { label -> Int? in
            if case .block(let ordinal) = label.target { ordinal } else { nil }
        })
        guard !labelled.isEmpty else { return [] }
        var outputs: [Int: [Output]] = [:]
        for entry in evaluation.blocks where labelled.contains(entry.block.ordinal) { outputs[entry.block.ordinal] = entry.outputs }
        return document.furniture.labels.compactMap { label in
            guard case .block(let ordinal) = label.target, let made = outputs[ordinal],
                  Evaluation.labelledOutput(made, label) == nil else { return nil }
            let what = label.kind == .figure ? "draws no plot" : "makes no table"
            return Diagnostic(file: document.file, range: label.range, id: .misplacedLabel,
                              message: "`{#\(label.name)}` names the block above it, which \(what)")
        }
    }

    /// How many placeholders a body rendered by `rendering(of:placeholders:unsafe:)`
    /// holds: one for each shown block, each code span and each formula
    /// with live numbers.
    package static func placedCount(of document: MarkdownDocument) -> Int {
        document.items.count { item in
            switch item {
            case .block(let block): !block.hide
            case .span(let span): span.math == nil
            }
        } + document.furniture.liveMaths.count
    }

    /// What the side thread makes of a body for its page: its HTML with
    /// placeholders (nil when none could be chosen) and the source's hash.
    private struct Rendered {
        var html: (html: [UInt8], placeholders: Placeholders)?
        var sourceHash: String
    }

    /// The rendering of a body with placeholders for its evident blocks and
    /// spans (hidden blocks removed), its headings' ids and its links between pages.
    package static func rendering(of document: MarkdownDocument, placeholders: Placeholders, unsafe: Bool) -> CommonMark.Rendering {
        var (blocks, spans) = document.furniture.html(live: nil)
        for item in document.items {
            switch item {
            case .block(let block): blocks[block.ordinal] = block.hide ? "" : placeholders.block(block.ordinal)
            case .span(let span) where span.math == nil: spans[span.ordinal] = placeholders.span(span.ordinal)
            case .span: break
            }
        }
        for index in document.furniture.liveMaths {
            switch document.furniture.maths[index].placement {
            case .span(let ordinal): spans[ordinal] = placeholders.span(ordinal)
            case .block(let ordinal): blocks[ordinal] = placeholders.block(ordinal)
            case nil: break
            }
        }
        return rendering(of: document, blocks: blocks, spans: spans, unsafe: unsafe)
    }

    /// The rendering of a body with `blocks` and `spans` in place of its
    /// evident code, its headings' ids and its links between pages.
    static func rendering(of document: MarkdownDocument, blocks: [Int: String], spans: [Int: String], unsafe: Bool) -> CommonMark.Rendering {
        var rendering = CommonMark.Rendering(blocks: blocks, spans: spans, headingIDs: document.headingIDs, unsafe: unsafe, link: { PageLink.rewrite($0) })
        for label in document.furniture.labels {
            if case .table(let ordinal) = label.target { rendering.tables[ordinal] = Furniture.tableCaption(label) }
        }
        rendering.images = document.furniture.embeddedImages
        rendering.droppedImages = document.furniture.droppedImages
        return rendering
    }

    /// Evaluates the document's blocks and spans, reusing the cached results
    /// of its leading items whose keys still match, and stores the new
    /// results when anything was evaluated. A cache that cannot be written
    /// only costs the next run its reuse. `listingBindings` asks for the
    /// names bound at the end too, and then every item is evaluated (a
    /// cached result holds outputs, not the values bound).
    private func evaluate(_ document: MarkdownDocument, params: [String: ParamValue],
                          listingBindings: Bool = false) -> (Evaluation, [TopLevelBinding]) {
        let progress = options.progress
        let limits = options.limits.applying(document.frontMatter.limits).applying(options.limitOverrides)
        let evaluator = makeEvaluator(document.file, params, limits, progress)
        (evaluator as? DataReading)?.dataFiles.configure(roots: options.readRoots, fingerprint: ResultCache.fingerprint(of:))
        progress?.beginDocument(document.file, items: document.items.count)
        defer { progress?.endDocument() }
        let report: ((Int, Int) -> Void)? = progress.map { bar in { done, _ in bar.itemsDone(done) } }
        let evaluation = evaluate(document, params: params, limits: limits, with: evaluator, cache: listingBindings ? nil : options.cache,
                                  progress: report)
        let bindings = listingBindings ? (evaluator as? BindingListing)?.topLevelBindings ?? [] : []
        BackgroundRelease.release(consume evaluator)
        return (evaluation, bindings)
    }

    private func evaluate(_ document: MarkdownDocument, params: [String: ParamValue], limits: Limits, with evaluator: BlockEvaluator,
                          cache location: CacheLocation?, progress report: ((Int, Int) -> Void)?) -> Evaluation {
        guard let location else {
            return Evaluation.run(document, with: evaluator, progress: report)
        }
        let cache = ResultCache(location: location, file: document.file)
        let keys = CacheKey.keys(for: document, params: params, limits: limits)
        let origins = document.items.map(\.origin)
        let records = cache.load()
        let cached = ResultCache.reusable(records, keys: keys, origins: origins)
        let evaluation = Evaluation.run(document, with: evaluator, cached: cached, progress: report)
        // A spent budget is not a result: raised, or on a faster run, it may not be spent.
        let spent = evaluation.diagnostics.contains { $0.id == .budgetSpent }
        if !spent, evaluation.statistics.evaluated > 0 || records.count != keys.count {
            let fresh = zip(zip(keys, origins), evaluation.results).map { ResultCache.Record(key: $0.0, origin: $0.1, result: $1) }
            try? cache.store(fresh)
        }
        return evaluation
    }

    /// The page: the template (`options.template`, else the default one)
    /// around the body's HTML. A template that cannot be used never gets
    /// here: reading it as a `PageTemplate` says where it is wrong.
    private func page(_ document: MarkdownDocument, body: consuming [UInt8], title: String, headingTexts: [String], evaluation: Evaluation,
                      claims: [ClaimResult], diagnostics: [Diagnostic], sourceHash: String) -> [UInt8] {
        let headings = zip(document.headings, headingTexts).map { Page.Heading(level: $0.level, text: $1, id: $0.id) }
        let anchored = claims.map { claim in (claim: claim, anchor: evaluation.anchor(of: claim)) }
        // The page names its source as the project sees it, never by a
        // path that depends on where the command ran.
        let shown = options.shownPaths[document.file] ?? document.file
        let located = diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.file == document.file { diagnostic.file = shown }
            return diagnostic
        }
        var page = Page(title: title, file: shown, content: "", headings: headings,
                        claims: anchored, diagnostics: located, sourceHash: sourceHash)
        // A titled document without a heading of its own shows its title as one.
        if let given = document.frontMatter.title, !given.isEmpty, !document.headings.contains(where: { $0.level == 1 }) {
            page.titleHeading = true
        }
        if options.mathFont == .embedded, !document.furniture.maths.isEmpty { page.mathFont = EmbeddedMathFont.styleRule(for: body) }
        return page.assemble(options.template ?? .default, body: consume body)
    }

    /// A page with math that should carry the embedded font but cannot
    /// (`unavailable` says why), at its first formula: its formulas fall
    /// back to the reader's fonts. `unavailable` is asked only for a page
    /// with math: asking loads HarfBuzz and reads the font.
    static func mathFontWarning(_ document: MarkdownDocument, choice: MathFontChoice,
                                unavailable: @autoclosure () -> EmbeddedMathFont.Unavailable?) -> Diagnostic? {
        guard choice == .embedded, let first = document.furniture.maths.first, let reason = unavailable() else { return nil }
        return Diagnostic(file: document.file, range: first.span.range, severity: .warning, id: .mathFontUnavailable,
                          message: "the page's formulas are shown in the reader's math fonts: \(reason)",
                          suggestion: "build with --math-font system (or `math-font: system` in evident.yml) to choose that")
    }

    /// Diagnostics in document order; equal positions keep their order.
    package static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            a.element.range.start == b.element.range.start ? a.offset < b.offset : a.element.range.start < b.element.range.start
        }.map(\.element)
    }
}

/// Drops the last reference to a large object graph on another thread. A
/// document's scope can hold hundreds of thousands of objects (a sample of
/// points with their cached Jacobians and factorisations); freeing them is
/// time the page or report need not wait for. At exit, whatever is not yet freed is left to the system.
/// The dispatch queue's workers do it: a releasing thread of our own was
/// slower (docs/performance.md).
package enum BackgroundRelease {
    /// `value` (an object, or a value holding arrays and objects) is dropped
    /// on another thread; the caller must hold no other reference to what
    /// it means to be freed there.
    package static func release(_ value: consuming Any) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.drop() }
    }

    /// Holds the value until `drop`, which runs on the background thread
    /// (`@unchecked Sendable`: it holds `Any`, touched by that thread only).
    private final class Box: @unchecked Sendable {
        private var value: Any?
        init(_ value: consuming Any) { self.value = value }
        func drop() { value = nil }
    }
}
