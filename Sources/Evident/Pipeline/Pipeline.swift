import Dispatch
import Foundation

/// Processes one document: read → evaluate (while the Markdown tree is
/// rendered to HTML with placeholders) → render fragments → fill them in →
/// page (or text for a terminal).
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

    /// Cmark parses the body once: the reader takes the outline, the blocks
    /// and spans are evaluated (or taken from the cache), and in `.build`
    /// mode the tree is rendered on a second thread meanwhile, with the
    /// blocks' and spans' HTML put in afterwards (`Cmark.parse`), all in that
    /// one parse. Every pass is linear in the document.
    public func process(file: String, source: String, mode: ProcessingMode) -> DocumentReport {
        let (source, nulDiagnostics) = MarkdownReader.prepare(source, file: file)
        let (frontMatter, body, frontDiagnostics) = FrontMatter.split(source, file: file)
        let lines = SourceLines(body)
        var document: MarkdownDocument!
        var evaluated: Evaluation!
        var params: [String: ParamValue] = [:]
        var diagnostics: [Diagnostic] = []
        var headingIDs: [String] = []
        var (_, content) = Cmark.parse(body, read: { outline -> Cmark.Layout? in
            document = MarkdownReader.read(frontMatter: frontMatter, body: body, diagnostics: nulDiagnostics + frontDiagnostics,
                                           outline: outline, lines: lines, file: file)
            let (bound, usage) = bindParams(document)
            params = bound
            diagnostics = document.diagnostics + usage
            guard mode == .build else { return nil }
            headingIDs = HeadingIDs.make(document.headings.map(\.text))
            return Self.layout(of: document, headingIDs: headingIDs, unsafe: options.unsafeHTML)
        }, evaluate: { () -> (Void, Cmark.Fragments) in
            evaluated = evaluate(document, params: params)
            diagnostics = Self.sorted(diagnostics + evaluated.diagnostics)
            guard mode == .build else { return ((), Cmark.Fragments()) }
            return ((), Self.fragments(of: evaluated))
        })
        evaluated.statistics.scannedPositions = lines.work

        let title = Page.title(frontMatter: document.frontMatter.title,
                               headings: document.headings.map(\.text), file: file)
        let claims = evaluated.claims
        var report = DocumentReport(file: file, source: source, title: title,
                                    claims: claims, diagnostics: diagnostics)
        report.statistics = evaluated.statistics
        switch mode {
        case .check:
            break
        case .build:
            // The page wants the content without its final newline; removing
            // it here, in place, spares the page a copy of a large string.
            if content?.hasSuffix("\n") == true { content?.removeLast() }
            let (html, templateDiagnostics) = buildPage(document, content: content ?? "", headingIDs: headingIDs, evaluated: evaluated,
                                                        title: title, claims: claims, diagnostics: diagnostics, source: source)
            report.html = html
            report.diagnostics = Self.sorted(report.diagnostics + templateDiagnostics)
        case .run:
            report.text = TextReport.render(document, evaluated: evaluated)
        }
        // The document and its evaluation (every item's outputs and claims)
        // are freed on another thread: 20,000 blocks' results took 2 ms to free.
        let retired: Any = (document as Any, evaluated as Any)
        (document, evaluated) = (nil, nil)
        BackgroundRelease.release(retired)
        return report
    }

    /// The blocks' and the spans' HTML, made on two threads at once (each is
    /// a pure function of the evaluation; for 20,000 blocks and 10,000 spans
    /// each took several milliseconds).
    static func fragments(of evaluation: Evaluation) -> Cmark.Fragments {
        final class Blocks: @unchecked Sendable { var html: [Int: String] = [:] }
        let blocks = Blocks()
        let side = SideThread { blocks.html = evaluation.blockHTML }
        let spans = evaluation.spanHTML
        side.wait()
        return Cmark.Fragments(blocks: blocks.html, spans: spans)
    }

    /// What the page's rendering needs before evaluation: every block is
    /// replaced by its HTML except the hidden ones, which are removed, and
    /// every span by its HTML (see `Evaluation.blockHTML`).
    static func layout(of document: MarkdownDocument, headingIDs: [String], unsafe: Bool) -> Cmark.Layout {
        var layout = Cmark.Layout(headingIDs: headingIDs, unsafe: unsafe, link: { PageLink.rewrite($0) })
        for item in document.items {
            switch item {
            case .block(let block) where block.hide: layout.removedBlocks.insert(block.ordinal)
            case .block(let block): layout.blocks.insert(block.ordinal)
            case .span(let span): layout.spans.insert(span.ordinal)
            }
        }
        return layout
    }

    /// Evaluates the document's blocks and spans, reusing the cached results
    /// of its leading items whose keys still match, and stores the new
    /// results when anything was evaluated. A cache that cannot be written
    /// only costs the next run its reuse.
    private func evaluate(_ document: MarkdownDocument, params: [String: ParamValue]) -> Evaluation {
        let evaluator = makeEvaluator(document.file, params)
        let progress = options.progress
        progress?.beginDocument(document.file, items: document.items.count)
        defer { progress?.endDocument() }
        let report: ((Int, Int) -> Void)? = progress.map { bar in { done, _ in bar.itemsDone(done) } }
        let evaluation = ProgressHook.installing(progress) {
            evaluate(document, params: params, with: evaluator, progress: report)
        }
        BackgroundRelease.release(consume evaluator)
        return evaluation
    }

    private func evaluate(_ document: MarkdownDocument, params: [String: ParamValue], with evaluator: BlockEvaluator,
                          progress report: ((Int, Int) -> Void)?) -> Evaluation {
        guard let location = options.cache else {
            return Evaluation.run(document, with: evaluator, progress: report)
        }
        let cache = ResultCache(location: location, file: document.file)
        let keys = CacheKey.keys(for: document, params: params)
        let origins = document.items.map(\.origin)
        let records = cache.load()
        let cached = ResultCache.reusable(records, keys: keys, origins: origins)
        let evaluation = Evaluation.run(document, with: evaluator, cached: cached, progress: report)
        if evaluation.statistics.evaluated > 0 || records.count != keys.count {
            let fresh = zip(zip(keys, origins), evaluation.results).map { ResultCache.Record(key: $0.0, origin: $0.1, result: $1) }
            try? cache.store(fresh)
        }
        return evaluation
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

    private func buildPage(_ document: MarkdownDocument, content: String, headingIDs ids: [String], evaluated: Evaluation,
                           title: String, claims: [ClaimResult], diagnostics: [Diagnostic], source: String) -> (String, [Diagnostic]) {
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

/// Work run on a thread of its own while the caller goes on; `wait()` joins
/// it. A thread of its own rather than a dispatch queue's: the caller may be
/// a pool thread itself (a program using Evident as a library), and a pool
/// whose every thread waits for work queued behind it would wait forever.
final class SideThread: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Void) {
        let done = self.done
        let thread = Thread {
            work()
            done.signal()
        }
        thread.start()
    }

    func wait() { done.wait() }
}

/// Drops the last reference to a large object graph on another thread. A
/// document's scope can hold hundreds of thousands of objects (a sample of
/// points with their cached Jacobians and factorisations); freeing them took a
/// tenth of the run of DESIGN.md's experiment 3, time the page or report need
/// not wait for. At exit, whatever is not yet freed is left to the system.
enum BackgroundRelease {
    /// `value` (an object, or a value holding arrays and objects) is dropped
    /// on another thread; the caller must hold no other reference to what it
    /// means to be freed there.
    static func release(_ value: consuming Any) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.drop() }
    }

    /// Holds the value until `drop`, which runs on the background thread.
    private final class Box: @unchecked Sendable {
        private var value: Any?
        init(_ value: consuming Any) { self.value = value }
        func drop() { value = nil }
    }
}
