import EvidentLanguage
import EvidentMarkdown

/// How much work an evaluation did, for tests and benchmarks.
public struct EvaluationStatistics: Hashable, Sendable {
    /// Blocks and spans evaluated.
    public var evaluated = 0
    /// Blocks and spans whose results came from the cache.
    public var reused = 0
    /// Cached blocks handed back to the evaluator to replay their bindings
    /// (because a later item had to be evaluated).
    public var replayed = 0
    /// Source positions the Markdown reader examined to place blocks and
    /// spans: linear in the document's size, however many spans it has.
    public var scannedPositions = 0
    public init(evaluated: Int = 0, reused: Int = 0, replayed: Int = 0, scannedPositions: Int = 0) {
        self.evaluated = evaluated
        self.reused = reused
        self.replayed = replayed
        self.scannedPositions = scannedPositions
    }
}

/// The outputs of every block and span of a document, evaluated top to
/// bottom with one evaluator (or taken from the cache), and their HTML
/// fragments.
///
/// Claims are numbered in document order as they come out (`claim-1`,
/// `claim-2`, …), hidden ones included, so that numbering does not depend on
/// what is shown.
package struct Evaluation {
    package struct BlockResult {
        package var block: EvidentBlock
        package var outputs: [Output]
        package var claimIDs: [String?]
    }
    package struct SpanResult {
        package var span: EvidentSpan
        package var output: Output
        package var claimID: String?
    }

    package var blocks: [BlockResult] = []
    package var spans: [SpanResult] = []
    /// The item results in document order, as indices into `blocks` / `spans`.
    package var order: [(isBlock: Bool, index: Int)] = []
    /// One per document item, in document order.
    package var results: [ItemResult] = []
    package var statistics = EvaluationStatistics()
    /// Claim ids by the claim's position and source, for the summary.
    private var anchors: [ClaimKey: String] = [:]

    private struct ClaimKey: Hashable {
        var range: SourceRange
        var source: String
    }

    /// Every claim, in document order.
    package var claims: [ClaimResult] { results.flatMap(\.claims) }
    /// Every evaluation diagnostic, item by item.
    package var diagnostics: [Diagnostic] { results.flatMap(\.diagnostics) }

    /// Evaluates the document's items in order. The first `cached.count`
    /// items take their results from `cached` instead; when some item after
    /// them must be evaluated, the cached blocks are replayed for their
    /// bindings first (`BlockEvaluator.replayBlock`). `progress` hears how
    /// many items are done after each one.
    package static func run(_ document: MarkdownDocument, with evaluator: BlockEvaluator, cached: [ItemResult] = [],
                    progress: ((_ done: Int, _ total: Int) -> Void)? = nil) -> Evaluation {
        var evaluation = Evaluation()
        let items = document.items
        let reusable = min(cached.count, items.count)
        let evaluatesSome = reusable < items.count
        var counter = 0
        // Reserved at their final sizes: grown by doubling, 30,000 items'
        // arrays (with the reader's) had taken about 450 fresh pages more.
        let blockCount = items.reduce(0) { count, item in if case .block = item { count + 1 } else { count } }
        evaluation.results.reserveCapacity(items.count)
        evaluation.order.reserveCapacity(items.count)
        evaluation.blocks.reserveCapacity(blockCount)
        evaluation.spans.reserveCapacity(items.count - blockCount)
        let dataFiles = (evaluator as? DataReading)?.dataFiles
        if reusable > 0, evaluatesSome {
            let replayed = items[..<reusable].compactMap { item -> (code: String, origin: SourceLocation)? in
                if case .block(let block) = item { return (block.code, block.origin) } else { return nil }
            }
            let later = items[reusable...].map { item -> String in
                switch item {
                case .block(let block): return block.code
                case .span(let span): return span.code.expression
                }
            }
            evaluator.replayBlocks(replayed, before: later)
            evaluation.statistics.replayed = replayed.count
        }
        // What the evaluator had recorded before the item (a replay's
        // included): each item's own claims, diagnostics and reads are
        // those after.
        var (claimsBefore, diagnosticsBefore, readsBefore) = (evaluator.claims.count, evaluator.recordedDiagnostics.count,
                                                              dataFiles?.reads.count ?? 0)
        for (index, item) in items.enumerated() {
            let result: ItemResult
            if index < reusable {
                result = cached[index]
                evaluation.statistics.reused += 1
            } else {
                let outputs: [Output]
                switch item {
                case .block(let block):
                    outputs = evaluator.evaluateBlock(block.code, origin: block.origin)
                case .span(let span):
                    switch span.code {
                    case .value(let expression, let format):
                        outputs = [evaluator.evaluateInline(expression, format: format, origin: span.origin)]
                    case .claim(let expression):
                        outputs = [evaluator.evaluateInlineClaim(expression, origin: span.origin)]
                    case .pin(let expression, let typed, let tolerance, let offset):
                        outputs = [Self.pin(expression, typed: typed, tolerance: tolerance, typedOffset: offset, origin: span.origin, with: evaluator)]
                    }
                }
                let (allClaims, allDiagnostics, allReads) = (evaluator.claims, evaluator.recordedDiagnostics, dataFiles?.reads ?? [])
                var claims = Self.added(allClaims, after: &claimsBefore)
                if case .span(let span) = item, case .pin = span.code, case .claim(let pin)? = outputs.first { claims = [pin] }
                result = ItemResult(outputs: outputs, claims: claims, diagnostics: Self.added(allDiagnostics, after: &diagnosticsBefore),
                                    reads: Self.added(allReads, after: &readsBefore))
                evaluation.statistics.evaluated += 1
            }
            evaluation.results.append(result)
            switch item {
            case .block(let block):
                let ids = result.outputs.map { evaluation.nextID(for: $0, shown: !block.hide, counter: &counter) }
                evaluation.order.append((true, evaluation.blocks.count))
                evaluation.blocks.append(BlockResult(block: block, outputs: result.outputs, claimIDs: ids))
            case .span(let span):
                let output = result.outputs.first ?? .value("?")
                let id = evaluation.nextID(for: output, shown: true, counter: &counter)
                evaluation.order.append((false, evaluation.spans.count))
                evaluation.spans.append(SpanResult(span: span, output: output, claimID: id))
            }
            progress?(index + 1, items.count)
        }
        return evaluation
    }

    /// The elements of `all` after the first `count`, which then counts them all.
    private static func added<Element>(_ all: [Element], after count: inout Int) -> [Element] {
        defer { count = all.count }
        return all.count > count ? Array(all[count...]) : []
    }

    /// The id of the next claim badge when `output` is a claim (counted by
    /// `counter`, hidden ones too); the claim's anchor when `shown`.
    private mutating func nextID(for output: Output, shown: Bool, counter: inout Int) -> String? {
        guard case .claim(let claim) = output else { return nil }
        counter += 1
        let id = "claim-\(counter)"
        guard shown else { return nil }
        let key = ClaimKey(range: claim.range, source: claim.source)
        if anchors[key] == nil { anchors[key] = id }
        return id
    }

    /// The formatted live numbers of each formula, by formula and slot.
    package var liveNumbers: [Int: [String]] {
        var numbers: [Int: [String]] = [:]
        for entry in spans {
            guard let slot = entry.span.math else { continue }
            var values = numbers[slot.math, default: []]
            while values.count <= slot.slot { values.append("?") }
            switch (entry.span.code, entry.output) {
            case (_, .value(let text)): values[slot.slot] = text
            // A pin shows its typed number in a formula as in prose (the
            // check is counted all the same; a failing one fails the build).
            case (.pin(_, let typed, _, _), .claim): values[slot.slot] = typed
            default: break
            }
            numbers[slot.math] = values
        }
        return numbers
    }

    /// A pinned number checked as the claim `EXPR ≈ VALUE ± TOL`, TOL
    /// half a unit of the typed number's last digit unless given; the
    /// claim reads as the author wrote it, and a failing one tells the
    /// value EXPR has.
    static func pin(_ expression: String, typed: String, tolerance: String?, typedOffset: Int, origin: SourceLocation,
                    with evaluator: BlockEvaluator) -> Output {
        guard let number = PinnedNumber(typed) else { return .value("?") }
        // Half a unit holds exactly: 0.125 rounds to 0.12 though binary
        // arithmetic puts it a hair further (a billionth more is allowed).
        let nominal = tolerance.flatMap(number.tolerance) ?? number.halfUnit
        let allowed = nominal * (1 + 1e-9)
        // `≈` binds more loosely than arithmetic, so the expression needs
        // no parentheses (which would move its errors' places), except
        // one that binds more loosely still: `if … then … else …`.
        let loose = expression.hasPrefix("if ")
        let code = (loose ? "(\(expression))" : expression) + " ≈ \(number.value) ± \(allowed)"
        let start = loose ? SourceLocation(line: origin.line, column: max(1, origin.column - 1)) : origin
        let errorsBefore = evaluator.recordedDiagnostics.count
        guard case .claim(var claim) = evaluator.evaluateInlineClaim(code, origin: start) else { return .value("?") }
        claim.source = "\(expression) ≈ \(typed)" + (tolerance.map { " ± \($0)" } ?? "")
        // The typed number's place (a span on one line, as pins are).
        let typedStart = SourceLocation(line: origin.line, column: origin.column + typedOffset)
        claim.measure?.literal = SourceRange(start: typedStart, end: SourceLocation(line: origin.line, column: typedStart.column + typed.unicodeScalars.count))
        claim.measure?.expected = number.value
        if !claim.passed, evaluator.recordedDiagnostics.count == errorsBefore {
            // The tolerance as the author reads it: typed, or half a unit
            // of the last digit (without the billionth added above).
            let shown = tolerance ?? String(format: "%g", number.halfUnit)
            if let observed = claim.measure?.observed, observed.isFinite {
                // As many digits as it takes to read outside typed ± tolerance.
                let computed = NumberFormat.significant(observed, digits: 7) { abs($0 - number.value) > allowed }
                claim.detail = "computed \(computed), typed \(typed) ± \(shown)"
            } else if case .value(let computed) = evaluator.evaluateInline(expression, format: nil, origin: origin) {
                claim.detail = "computed \(computed), typed \(typed) ± \(shown)"
            }
        }
        return .claim(claim)
    }

    /// The id of the badge showing `claim`, when the page shows it.
    package func anchor(of claim: ClaimResult) -> String? {
        anchors[ClaimKey(range: claim.range, source: claim.source)]
    }

    /// The blocks' and the spans' HTML, made on two threads at once (each a
    /// pure function of the evaluation), about half of the fragments each:
    /// the spans' and the first blocks' on one, the other blocks' on the
    /// other. `labels` numbers the figure or table of the blocks they name.
    package func fragments(labels: [Furniture.Label] = []) -> (blocks: [Int: String], spans: [Int: String]) {
        let evaluation = self
        let half = max(0, (blocks.count - spans.count) / 2)
        let side = SideWork<Void, (blocks: [Int: String], spans: [Int: String])> {
            (evaluation.blockHTML(labels: labels, of: 0..<half), evaluation.spanHTML)
        }
        var blocks = blockHTML(labels: labels, of: half..<blocks.count, capacity: blocks.count)
        let (first, spans) = side.result
        blocks.merge(first) { second, _ in second }
        return (blocks, spans)
    }

    /// The output of a block that `label` names: its last plot for a
    /// figure, its last table for a table; nil when it has none.
    package static func labelledOutput(_ outputs: [Output], _ label: Furniture.Label) -> Int? {
        outputs.lastIndex { output in
            switch (output, label.kind) {
            case (.plot, .figure), (.table, .table): return true
            default: return false
            }
        }
    }

    /// The HTML of the blocks `range` indexes, by code block ordinal: the
    /// echoed source, then the outputs; empty for a hidden block (which
    /// removes it).
    package func blockHTML(labels: [Furniture.Label], of range: Range<Int>, capacity: Int = 0) -> [Int: String] {
        var labelled: [Int: Furniture.Label] = [:]
        for label in labels { if case .block(let ordinal) = label.target { labelled[ordinal] = label } }
        var fragments: [Int: String] = [:]
        fragments.reserveCapacity(max(capacity, range.count))
        for entry in blocks[range] {
            var html = ""
            if !entry.block.hide {
                html += #"<div class="evident-block">"#
                if entry.block.echo {
                    var code = entry.block.code
                    if code.hasSuffix("\n") { code.removeLast() }
                    html += #"<pre class="evident-source"><code>\#(HTML.escape(code))</code></pre>"#
                }
                let label = labelled[entry.block.ordinal]
                let numbered = label.flatMap { Self.labelledOutput(entry.outputs, $0) }
                for (index, (output, id)) in zip(entry.outputs, entry.claimIDs).enumerated() {
                    let outputLabel = index == numbered ? label.map { OutputLabel(id: $0.name, number: $0.number, caption: $0.caption) } : nil
                    HTMLRenderer.render(output, placement: .block, claimID: id, label: outputLabel, into: &html)
                }
                html += "</div>"
            }
            fragments[entry.block.ordinal] = html
        }
        return fragments
    }

    /// The HTML of each span by code span ordinal.
    package var spanHTML: [Int: String] {
        var fragments: [Int: String] = [:]
        fragments.reserveCapacity(spans.count)
        for entry in spans where entry.span.math == nil {
            var html = ""
            if case .pin(_, let typed, _, _) = entry.span.code, case .claim(let claim) = entry.output {
                HTMLRenderer.pin(typed: typed, claim: claim, id: entry.claimID, into: &html)
                fragments[entry.span.ordinal] = html
                continue
            }
            HTMLRenderer.render(entry.output, placement: .inline, claimID: entry.claimID, into: &html)
            fragments[entry.span.ordinal] = html
        }
        return fragments
    }
}
