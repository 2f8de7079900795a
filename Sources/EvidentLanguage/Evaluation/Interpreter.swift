import Foundation

/// Evaluates a document's blocks and inline spans in one scope, top to bottom.
///
/// - Params are bound as names before the first block.
/// - `let NAME = EXPR` binds NAME once; binding it again is an error. When a
///   `let` fails, NAME is marked failed so later uses do not repeat the error.
/// - `claim EXPR` records a `ClaimResult`; EXPR must be boolean. A boolean
///   vector (from comparing vectors) passes iff every entry is true.
/// - A bare expression renders: a table for vectors, matrices, records and
///   lists of records, a plot for plots, the object's own rendering for
///   objects, a formatted value otherwise.
///
/// Comparisons yield booleans for numbers and boolean vectors (entry by entry)
/// for vectors and matrices, so `fraction(c > 0.9)` counts entries; every
/// boolean context (`claim`, `and`, `or`, `not`) reduces a boolean vector with
/// "all".
public final class Interpreter: BlockEvaluator, DataReading, BindingListing {
    public let file: String
    public let builtins: BuiltinRegistry
    /// The data files `csv` and `json` may read, and those they read.
    public let dataFiles: DataFiles
    public let limits: Limits
    private var scope = Scope()
    /// The params' names, sorted, and each successful `let`'s name with its
    /// place, in the order bound (`topLevelBindings`).
    private let paramNames: [String]
    private var letNames: [(name: String, range: SourceRange)] = []
    /// Every diagnostic so far, in the order reported.
    public private(set) var recordedDiagnostics: [Diagnostic] = []
    /// While replaying a block (`replayBlock`), nothing is reported.
    private var replaying = false
    public private(set) var claims: [ClaimResult] = []
    private var statementCount = 0

    /// Where long operations report how far they have got.
    public let progress: OperationProgress?

    public init(file: String, params: [String: ParamValue], builtins: BuiltinRegistry = .core, limits: Limits = .standard,
                progress: OperationProgress? = nil) {
        self.file = file
        self.progress = progress
        let dataFiles = DataFiles(document: file)
        self.dataFiles = dataFiles
        self.builtins = builtins["csv"] == nil ? builtins : builtins.adding(DataBuiltins.reading(dataFiles))
        self.limits = limits
        budget = DocumentBudget(limits)
        for (name, param) in params { scope.bindings[name] = .value(param.value) }
        paramNames = params.keys.sorted()
    }

    public var topLevelBindings: [TopLevelBinding] {
        let params = paramNames.compactMap { name in value(named: name).map { TopLevelBinding(name: name, range: nil, value: $0) } }
        return params + letNames.compactMap { name, range in value(named: name).map { TopLevelBinding(name: name, range: range, value: $0) } }
    }

    /// Every diagnostic so far, in document order.
    public var diagnostics: [Diagnostic] {
        recordedDiagnostics.enumerated()
            .sorted { ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset) }
            .map(\.element)
    }

    /// The value bound to `name`, if any.
    public func value(named name: String) -> Value? {
        if case .value(let value) = scope.bindings[name] { return value }
        return nil
    }

    private let mapItems = MapItemsCache()
    /// The spans' formats, read once each.
    private var numberFormats: [String: NumberFormat] = [:]
    /// What the document has spent of its budgets; once one is spent, no
    /// further statement or span is evaluated.
    private let budget: DocumentBudget
    /// Whether the spent budget's error is among the diagnostics (it may
    /// have run out while cached blocks were replayed, reporting nothing).
    private var spentReported = false
    /// How many unknown names the document's errors have named so far.
    private var unknownNamesReported = 0
    /// How many of a document's unknown names get a "did you mean": each is
    /// a search among all the names it binds, so that a document of many
    /// thousands of each would take minutes.
    static let suggestedUnknownNames = 100
    private var evaluator: Evaluator {
        var evaluator = Evaluator(scope: scope, builtins: builtins, limits: limits, mapItems: mapItems, progress: progress, budget: budget)
        evaluator.suggestsNames = unknownNamesReported < Self.suggestedUnknownNames
        return evaluator
    }

    private func report(_ error: Diagnostic, fallback: SourceRange) {
        guard !error.isSilent, !replaying else { return }
        if error.id == .unknownName { unknownNamesReported += 1 }
        var error = error
        if error.id == .budgetSpent {
            // Time runs out wherever the evaluation happens to be: the statement is the place to name.
            if budget.spentBudget == .time { error.place(at: fallback) }
            spentReported = true
        }
        recordedDiagnostics.append(error.in(file: file, fallback: fallback))
    }

    /// Reports the spent budget's error once, at `range` when it names no
    /// place of its own that was reported (it ran out in a replay).
    private func reportSpentBudget(at range: SourceRange) {
        guard !spentReported, !replaying, let error = budget.spentError else { return }
        report(error, fallback: range)
    }

    private func report(_ error: Error, fallback: SourceRange) {
        if let error = error as? Diagnostic {
            report(error, fallback: fallback)
        } else if !replaying {
            recordedDiagnostics.append(Diagnostic(file: file, range: fallback, id: .internalError, message: "\(error)"))
        }
    }

    // MARK: BlockEvaluator

    public func evaluateBlock(_ code: String, origin: SourceLocation) -> [Output] {
        run(code, origin: origin).flatMap(\.outputs)
    }

    /// Runs only the block's `let` statements (and counts every statement
    /// against the limit, as evaluating it would), reporting nothing: the
    /// scope ends up as evaluating the block would leave it.
    public func replayBlock(_ code: String, origin: SourceLocation) {
        replaying = true
        defer { replaying = false }
        _ = run(code, origin: origin, bindingsOnly: true)
    }

    /// Replays only the `let` statements that the code in `later` can
    /// depend on, directly or through other lets (names are collected
    /// conservatively: every identifier of `later`, every name and callee of
    /// a kept let, and a name stays needed once seen, so every let of it is
    /// kept). A skipped let's name is marked failed, so that binding it
    /// again is still an error and nothing can use a value it never got.
    /// Every statement still counts against the limit.
    public func replayBlocks(_ blocks: [(code: String, origin: SourceLocation)], before later: [String]) {
        replaying = true
        defer { replaying = false }
        var needed = Set<String>()
        for code in later {
            let lexed = Lexer.tokenize(code, origin: SourceLocation(line: 1, column: 1))
            for token in lexed.tokens where token.kind == .identifier { needed.insert(lexed.text(of: token)) }
        }
        let parsed = blocks.map { Parser.parseBlock($0.code, origin: $0.origin, limits: limits) }
        var kept = Set<[Int]>()
        for b in parsed.indices.reversed() {
            for s in parsed[b].statements.indices.reversed() {
                guard case .let(let name, _, let expr) = parsed[b].statements[s].kind, needed.contains(name) else { continue }
                kept.insert([b, s])
                Self.collectNames(expr, into: &needed)
            }
        }
        for (b, block) in parsed.enumerated() {
            for (s, statement) in block.statements.enumerated() {
                if case .unparsed(let name) = statement.kind {
                    if let name { scope.fail(name) }
                    continue
                }
                statementCount += 1
                if statementCount > limits.maxStatements { break }
                guard case .let(let name, _, _) = statement.kind else { continue }
                if kept.contains([b, s]) {
                    _ = execute(statement)
                } else {
                    scope.fail(name)
                }
            }
        }
    }

    /// Every name and callee in `expr` (lambda parameters included: more
    /// names only keep more lets).
    private static func collectNames(_ expr: Expr, into names: inout Set<String>) {
        switch expr.kind {
        case .number, .string, .bool:
            break
        case .name(let name):
            names.insert(name)
        case .list(let items):
            items.forEach { collectNames($0, into: &names) }
        case .record(let fields):
            fields.forEach { collectNames($0.value, into: &names) }
        case .unary(_, let operand):
            collectNames(operand, into: &names)
        case .binary(_, let lhs, let rhs), .index(let lhs, let rhs):
            collectNames(lhs, into: &names)
            collectNames(rhs, into: &names)
        case .slice(let base, let lower, let upper):
            [base, lower, upper].forEach { collectNames($0, into: &names) }
        case .conditional(let condition, let whenTrue, let whenFalse):
            [condition, whenTrue, whenFalse].forEach { collectNames($0, into: &names) }
        case .approx(let lhs, let rhs, let tolerance, _):
            [lhs, rhs, tolerance].forEach { collectNames($0, into: &names) }
        case .call(let callee, _, let arguments):
            names.insert(callee)
            arguments.forEach { collectNames($0.value, into: &names) }
        case .member(let base, _, _):
            collectNames(base, into: &names)
        case .method(let base, _, _, let arguments):
            collectNames(base, into: &names)
            arguments.forEach { collectNames($0.value, into: &names) }
        case .lambda(_, let body):
            collectNames(body, into: &names)
        }
    }

    public func evaluateInline(_ expression: String, format: String?, origin: SourceLocation) -> Output {
        let fallback = SourceRange(origin)
        let (parsed, errors) = Parser.parseExpression(expression, origin: origin, limits: limits)
        for error in errors { report(error, fallback: fallback) }
        var numberFormat: NumberFormat?
        if let format {
            do {
                if let known = numberFormats[format] {
                    numberFormat = known
                } else {
                    let made = try NumberFormat(format)
                    numberFormats[format] = made
                    numberFormat = made
                }
            } catch {
                report(error, fallback: parsed?.range ?? fallback)
                return .value("?")
            }
        }
        guard let parsed else { return .value("?") }
        if budget.isSpent {
            reportSpentBudget(at: parsed.range)
            return .value("?")
        }
        do {
            let value = try evaluator.evaluate(parsed)
            guard let numberFormat else { return .value(value.text) }
            return .value(try Interpreter.formatted(value, with: numberFormat))
        } catch {
            report(error, fallback: parsed.range)
            return .value("?")
        }
    }

    public func evaluateInlineClaim(_ expression: String, origin: SourceLocation) -> Output {
        let fallback = SourceRange(origin)
        let source = expression.trimmingWhitespace
        let (parsed, errors) = Parser.parseExpression(expression, origin: origin, limits: limits)
        for error in errors { report(error, fallback: fallback) }
        let claim = self.claim(label: nil, parsed, source: source, range: parsed?.range ?? fallback)
        return .claim(claim)
    }

    // MARK: Statements

    /// What one statement did: its range, its value when it is an expression
    /// statement, and what it renders.
    package struct StatementOutcome {
        package var range: SourceRange
        package var value: Value?
        package var claim: ClaimResult?
        package var outputs: [Output]
    }

    /// Parses and runs a block; errors are recorded as diagnostics.
    package func run(_ code: String, origin: SourceLocation, bindingsOnly: Bool = false) -> [StatementOutcome] {
        let block = Parser.parseBlock(code, origin: origin, limits: limits)
        for error in block.errors { report(error, fallback: SourceRange(origin)) }
        var outcomes: [StatementOutcome] = []
        for (index, statement) in block.statements.enumerated() {
            if case .unparsed(let name) = statement.kind {
                if let name { scope.fail(name) }
                continue
            }
            if budget.isSpent {
                reportSpentBudget(at: statement.range)
                break
            }
            do {
                try budget.check(at: statement.range)
            } catch {
                report(error, fallback: statement.range)
                break
            }
            statementCount += 1
            if statementCount > limits.maxStatements {
                if statementCount == limits.maxStatements + 1 {
                    report(Diagnostic(.tooManyStatements, "the document has more than \(limits.maxStatements) statements", at: statement.range),
                           fallback: statement.range)
                }
                // The names the statements not run would bind fail: a use
                // of one is no error of its own (nor a search for a name
                // like it among all the document's).
                for case .let(let name, _, _) in block.statements[index...].map(\.kind) { scope.fail(name) }
                break
            }
            if bindingsOnly, case .let = statement.kind {
                _ = execute(statement)
            } else if !bindingsOnly {
                outcomes.append(execute(statement))
            }
        }
        return outcomes
    }

    private func execute(_ statement: Statement) -> StatementOutcome {
        var outcome = StatementOutcome(range: statement.range, outputs: [])
        switch statement.kind {
        case .let(let name, let nameRange, let expr):
            if scope.bindings[name] != nil {
                report(Diagnostic(.alreadyBound, "'\(name)' is already bound; a name is bound once per document", at: nameRange), fallback: nameRange)
                return outcome
            }
            if builtins[name] != nil {
                report(Diagnostic(.cannotBind, "cannot bind '\(name)': it names a built-in function", at: nameRange), fallback: nameRange)
                scope.bindings[name] = .failed
                return outcome
            }
            do {
                if case .lambda(let parameters, let body) = expr.kind {
                    // A function bound by name may call itself.
                    scope.bindings[name] = .value(.lambda(evaluator.function(parameters, body, at: expr.range, name: name)))
                } else {
                    scope.bindings[name] = .value(try evaluator.evaluate(expr))
                }
                letNames.append((name, nameRange))
            } catch {
                report(error, fallback: expr.range)
                scope.bindings[name] = .failed
            }
        case .claim(let label, let expr, let source):
            let result = claim(label: label, expr, source: source, range: statement.range)
            outcome.claim = result
            outcome.outputs = [.claim(result)]
        case .unparsed:
            break
        case .expression(let expr):
            do {
                let value = try evaluator.evaluate(expr)
                outcome.value = value
                outcome.outputs = try Interpreter.outputs(for: value)
            } catch {
                report(error, fallback: expr.range)
            }
        }
        return outcome
    }

    /// Evaluates and records a claim. A claim that cannot be evaluated is
    /// recorded as failed (and its error as a diagnostic).
    private func claim(label: String?, _ expr: Expr?, source: String, range: SourceRange) -> ClaimResult {
        var result = ClaimResult(label: label, source: source, passed: false, detail: "not evaluated", range: range)
        if let spent = budget.spentBudget {
            reportSpentBudget(at: range)
            result.detail = "not evaluated: the document's \(spent.rawValue) budget is spent"
        } else if let expr {
            do {
                let outcome = try evaluator.measuredCondition(expr)
                result.passed = outcome.passed
                result.detail = outcome.detail
                result.measure = outcome.measure
                // A number typed as the right side of `≈` (possibly negated).
                if case .approx(_, let rhs, _, _) = expr.kind {
                    var typed = false
                    if case .number = rhs.kind { typed = true }
                    if case .unary(_, let inner) = rhs.kind, case .number = inner.kind { typed = true }
                    if typed { result.measure?.literal = rhs.range }
                }
            } catch let error as Diagnostic {
                report(error, fallback: expr.range)
                result.detail = error.isSilent ? "not evaluated: it uses a name whose definition failed" : "not evaluated: \(error.message)"
            } catch {
                report(error, fallback: expr.range)
                result.detail = "not evaluated: \(error)"
            }
        }
        claims.append(result)
        return result
    }

    // MARK: Rendering

    /// What a bare expression statement shows for `value`.
    package static func outputs(for value: Value) throws -> [Output] {
        switch value {
        case .table(let table): return [.table(table)]
        case .plot(let plot): return [.plot(plot)]
        case .object(let object): return try object.render()
        case .matrix(let m) where m.count == 1 && m[0].count == 1:
            // A 1×1 matrix (a quadratic form aᵀGa) reads as the number it is.
            return [.value(Value.number(m[0][0]).text)]
        case .vector, .booleans, .matrix, .record:
            return [.table(try Tabulation.table(value, options: TableOptions()))]
        case .list(let items) where !items.isEmpty && items.allSatisfy({ if case .record = $0 { return true } else { return false } }):
            return [.table(try Tabulation.table(value, options: TableOptions()))]
        default:
            return [.value(value.text)]
        }
    }

    /// `{= EXPR | FMT}`: numbers by the format, vectors entry by entry.
    package static func formatted(_ value: Value, with format: NumberFormat) throws -> String {
        switch value {
        case .number(let x): return try format.format(x)
        case .vector(let v): return "[" + (try v.map(format.format)).joined(separator: ", ") + "]"
        default: throw Diagnostic(.invalidArgument, "the format '\(format.spec)' needs a number, got \(value.typeDescription)")
        }
    }
}
