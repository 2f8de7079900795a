import Dispatch
import Foundation
import Mustache

/// Processes one document: cmark parses and renders it with placeholders on
/// one thread while the blocks and spans a quick reading finds are evaluated
/// on the other (kept when cmark's outline has the same items) → fragments →
/// the page, filled in as it is assembled (or text for a terminal).
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

    /// Cmark parses the body once, on another thread, where the tree is
    /// then rendered (in `.build` mode) with placeholders for the blocks and
    /// spans, whose HTML is put in afterwards (`Cmark.parse`). Meanwhile
    /// this thread evaluates the blocks and spans (or takes them from the
    /// cache) as `QuickOutline` finds them, and reads the document from
    /// cmark's outline once it is there: the evaluation is kept when the
    /// two have the same items, and stopped as soon as they are known not
    /// to, to evaluate the document's items instead. Every pass is linear in
    /// the document.
    public func process(file: String, source: String, mode: ProcessingMode) -> DocumentReport {
        let (source, nulDiagnostics) = MarkdownReader.prepare(source, file: file)
        let (frontMatter, body, frontDiagnostics) = FrontMatter.split(source, file: file)
        let (params, usage) = bindParams(frontMatter, file: file)
        var lines: SourceLines!
        var document: MarkdownDocument!
        var evaluated: Evaluation!
        var diagnostics: [Diagnostic] = []
        var claims: [ClaimResult] = []
        var title = ""
        var frame: (frame: PageFrame, diagnostics: [Diagnostic])?
        let unsafe = options.unsafeHTML
        // What the page's frame takes from the parsing thread, which ends
        // first: the source's hash and the headings' ids of the layout.
        let fromParse = Pending<(sourceHash: String, headingIDs: [String])>()
        var (_, rendering) = Cmark.parse(body, read: { outline -> Cmark.Layout? in
            guard mode == .build else { return nil }
            let layout = MarkdownReader.layout(of: outline, unsafe: unsafe)
            fromParse.provide((SHA256.hex(source), layout.headingIDs))
            return layout
        }, evaluate: { outline -> (Void, Cmark.Fragments) in
            // Made here, once the parse has started on the other thread.
            lines = SourceLines(body)
            func read() -> MarkdownDocument {
                if document == nil {
                    document = MarkdownReader.read(frontMatter: frontMatter, body: body, diagnostics: nulDiagnostics + frontDiagnostics,
                                                   outline: outline.value, lines: lines, file: file)
                }
                return document
            }
            var ahead = EvaluationStatistics.Ahead.notTried
            if options.evaluatesAhead {
                evaluated = evaluateAhead(body: body, frontMatter: frontMatter, file: file, params: params,
                                          outline: outline, document: read, outcome: &ahead)
            }
            if evaluated == nil { evaluated = evaluate(read(), params: params) }
            evaluated.statistics.ahead = ahead
            diagnostics = Self.sorted(document.diagnostics + usage + evaluated.diagnostics)
            claims = evaluated.claims
            title = Page.title(frontMatter: document.frontMatter.title, headings: document.headings.map(\.text), file: file)
            guard mode == .build else { return ((), Cmark.Fragments()) }
            // Everything of the page but its body is made while the blocks'
            // HTML is, on another thread.
            let fragments = Self.fragments(of: evaluated) {
                let (sourceHash, headingIDs) = fromParse.value
                frame = pageFrame(document, title: title, headingIDs: headingIDs, evaluated: evaluated, claims: claims,
                                  diagnostics: diagnostics, sourceHash: sourceHash)
            }
            return ((), fragments)
        })
        evaluated.statistics.scannedPositions = lines.work

        var report = DocumentReport(file: file, source: source, title: title, claims: claims, diagnostics: diagnostics)
        report.statistics = evaluated.statistics
        switch mode {
        case .check:
            break
        case .build:
            guard let (frame, templateDiagnostics) = frame else { break }
            report.page = frame.page(around: rendering ?? Cmark.Rendering(html: ""))
            report.diagnostics = Self.sorted(report.diagnostics + templateDiagnostics)
        case .run:
            report.text = TextReport.render(document, evaluated: evaluated)
        }
        // The document, its evaluation (every item's outputs and claims), its
        // rendering (the page with placeholders and every fragment) and its
        // decoded lines are freed on another thread: for 20,000 blocks that
        // took 15 ms.
        let retired: Any = (document as Any, evaluated as Any, rendering as Any, lines as Any)
        (document, evaluated, rendering, lines) = (nil, nil, nil, nil)
        BackgroundRelease.release(retired)
        return report
    }

    /// The blocks' and the spans' HTML, made on two threads at once (each is
    /// a pure function of the evaluation; for 20,000 blocks and 10,000 spans
    /// they took 13 and 4 ms), and whatever `meanwhile` does on this thread
    /// once the spans' is made.
    static func fragments(of evaluation: Evaluation, meanwhile: () -> Void = {}) -> Cmark.Fragments {
        final class Blocks: @unchecked Sendable { var html = "", parts: [Int: Range<Int>] = [:] }
        let blocks = Blocks()
        let side = SideThread { (blocks.html, blocks.parts) = evaluation.blockHTML }
        var fragments = Cmark.Fragments()
        (fragments.spanHTML, fragments.spans) = evaluation.spanHTML
        meanwhile()
        side.wait()
        (fragments.blockHTML, fragments.blocks) = (blocks.html, blocks.parts)
        return fragments
    }

    /// The evaluation of the items `QuickOutline` finds in the body, made
    /// while cmark parses it; nil when it finds none it can vouch for, or
    /// when the document read from cmark's outline (`document`, once the
    /// outline is there) turns out to have other items. That is checked
    /// before each item, so that a wrong guess stops early, and at the end.
    private func evaluateAhead(body: String, frontMatter: FrontMatter, file: String, params: [String: ParamValue],
                               outline: Pending<Cmark.Outline>, document: @escaping () -> MarkdownDocument,
                               outcome: inout EvaluationStatistics.Ahead) -> Evaluation? {
        guard let found = QuickOutline.items(body) else { return nil }
        outcome = .dropped
        let guess = MarkdownDocument(file: file, frontMatter: frontMatter, body: body, items: found, headings: [], diagnostics: [])
        var same: Bool?
        func verdict() -> Bool {
            if same == nil { same = guess.items.elementsEqual(document().items, by: { $0.sameCode(as: $1) }) }
            return same!
        }
        guard var evaluation = evaluate(guess, params: params, proceed: { !outline.isReady || verdict() }) else { return nil }
        guard verdict() else { return nil }
        outcome = .kept
        BackgroundRelease.release(guess)
        evaluation.adopt(document())
        return evaluation
    }

    private func evaluate(_ document: MarkdownDocument, params: [String: ParamValue]) -> Evaluation {
        evaluate(document, params: params, proceed: nil)!
    }

    /// Evaluates the document's blocks and spans, reusing the cached results
    /// of its leading items whose keys still match, and stores the new
    /// results when anything was evaluated. A cache that cannot be written
    /// only costs the next run its reuse. Nil when `proceed` said to stop
    /// (it is asked before each item); nothing is stored then.
    private func evaluate(_ document: MarkdownDocument, params: [String: ParamValue], proceed: (() -> Bool)?) -> Evaluation? {
        let evaluator = makeEvaluator(document.file, params)
        let progress = options.progress
        progress?.beginDocument(document.file, items: document.items.count)
        defer { progress?.endDocument() }
        let report: ((Int, Int) -> Void)? = progress.map { bar in { done, _ in bar.itemsDone(done) } }
        let evaluation = ProgressHook.installing(progress) {
            evaluate(document, params: params, with: evaluator, progress: report, proceed: proceed)
        }
        BackgroundRelease.release(consume evaluator)
        return evaluation
    }

    private func evaluate(_ document: MarkdownDocument, params: [String: ParamValue], with evaluator: BlockEvaluator,
                          progress report: ((Int, Int) -> Void)?, proceed: (() -> Bool)?) -> Evaluation? {
        guard let location = options.cache else {
            return Evaluation.run(document, with: evaluator, progress: report, proceed: proceed)
        }
        let cache = ResultCache(location: location, file: document.file)
        let keys = CacheKey.keys(for: document, params: params)
        let origins = document.items.map(\.origin)
        let records = cache.load()
        let cached = ResultCache.reusable(records, keys: keys, origins: origins)
        guard let evaluation = Evaluation.run(document, with: evaluator, cached: cached, progress: report, proceed: proceed) else { return nil }
        if evaluation.statistics.evaluated > 0 || records.count != keys.count {
            let fresh = zip(zip(keys, origins), evaluation.results).map { ResultCache.Record(key: $0.0, origin: $0.1, result: $1) }
            try? cache.store(fresh)
        }
        return evaluation
    }

    /// The front-matter params overridden by `options.params`; an override
    /// naming no front-matter param is a usage error.
    private func bindParams(_ frontMatter: FrontMatter, file: String) -> ([String: ParamValue], [Diagnostic]) {
        var params = frontMatter.paramValues
        var diagnostics: [Diagnostic] = []
        let known = frontMatter.params.map(\.name)
        let location = frontMatter.paramsLocation ?? SourceLocation(line: 1, column: 1)
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
                diagnostics.append(Diagnostic(file: file, range: SourceRange(location), message: message))
                continue
            }
            params[name] = options.params[name]
        }
        return (params, diagnostics)
    }

    /// The page around its body, made before the body is rendered: the
    /// template is rendered around a marker, and the body's HTML (without
    /// its final line breaks) is put in its place as the placeholders are
    /// filled, so that the megabytes of a large page are copied once. The
    /// template is rendered twice, with two markers, and the two must agree
    /// but for the marker, each appearing once; otherwise (a template without
    /// `{{content}}`, or with it twice) the content is passed to the template
    /// itself. `headingIDs` are the layout's (`MarkdownReader.layout`).
    private func pageFrame(_ document: MarkdownDocument, title: String, headingIDs: [String], evaluated: Evaluation, claims: [ClaimResult],
                           diagnostics: [Diagnostic], sourceHash hash: String) -> (PageFrame, [Diagnostic]) {
        let headings = zip(document.headings, headingIDs).map { Page.Heading(level: $0.level, text: $0.text, id: $1) }
        let anchored = claims.map { claim in (claim: claim, anchor: evaluated.anchor(of: claim)) }
        var page = Page(title: title, file: document.file, content: "", headings: headings,
                        claims: anchored, diagnostics: diagnostics, sourceHash: hash)
        var diagnostic: [Diagnostic] = []
        let template: MustacheTemplate?
        do { template = try Page.parse(options.template) } catch {
            diagnostic = [Diagnostic(file: document.file, range: SourceRange(SourceLocation(line: 1, column: 1)),
                                     message: "the page template cannot be used (\(error)); the default template was used instead")]
            template = try? Page.parse(nil)
        }
        let render = { (content: String) -> String in
            page.content = content
            return template.map(page.render) ?? ""
        }
        let halves = ["\u{1}evident-content-1\u{1}", "\u{1}evident-content-2\u{1}"].map { render($0).components(separatedBy: $0) }
        if halves.allSatisfy({ $0.count == 2 }), halves[0] == halves[1] {
            return (.around(prefix: halves[0][0], suffix: halves[0][1]), diagnostic)
        }
        return (.passed(render), diagnostic)
    }

    /// A page without its body (see `pageFrame`).
    private enum PageFrame {
        /// The page's text before and after the body.
        case around(prefix: String, suffix: String)
        /// The template, which is given the body as its content.
        case passed((String) -> String)

        func page(around content: Cmark.Rendering) -> [UInt8] {
            switch self {
            case .around(let prefix, let suffix):
                return content.page(prefix: prefix, suffix: suffix, trimming: 2)
            case .passed(let render):
                return Array(render(String(decoding: content.page(trimming: 1), as: UTF8.self)).utf8)
            }
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

/// A value that one thread provides once and others wait for: `value`
/// waits until `provide` has been called (on any thread), `isReady` tells
/// without waiting.
final class Pending<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var stored: Value?

    /// Provided from the start when `value` is given.
    init(_ value: Value? = nil) { stored = value }

    func provide(_ value: Value) {
        condition.lock()
        stored = value
        condition.broadcast()
        condition.unlock()
    }

    var isReady: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stored != nil
    }

    var value: Value {
        condition.lock()
        defer { condition.unlock() }
        while stored == nil { condition.wait() }
        return stored!
    }
}

/// A value handed to another thread that the sender guarantees is used
/// safely there (a closure that runs while its owner waits).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Drops the last reference to a large object graph on another thread. A
/// document's scope can hold hundreds of thousands of objects (a sample of
/// points with their cached Jacobians and factorisations); freeing them took a
/// tenth of the run of DESIGN.md's experiment 3, time the page or report need
/// not wait for. At exit, whatever is not yet freed is left to the system.
/// (A single releasing thread of our own, at normal or idle priority, made
/// experiment 3 15 ms slower than the dispatch queue's workers.)
enum BackgroundRelease {
    /// `value` (an object, or a value holding arrays and objects) is dropped
    /// on another thread; the caller must hold no other reference to what
    /// it means to be freed there.
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
