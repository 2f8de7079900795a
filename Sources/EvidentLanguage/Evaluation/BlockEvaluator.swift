import Foundation

/// A front-matter or command-line parameter.
public enum ParamValue: Hashable, Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    /// A YAML sequence: numbers become a vector, rows of numbers a matrix.
    case list([ParamValue])
    /// A YAML mapping, its keys in order.
    case record([ParamField])

    /// The value a document sees for the param.
    public var value: Value {
        switch self {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .list(let items): return Value.collection(items.map(\.value))
        case .record(let fields): return .record(Record(fields.map { ($0.name, $0.value.value) }))
        }
    }

    /// A text that tells params apart, for cache keys.
    public var canonical: String {
        switch self {
        case .number(let x): return "n" + String(x)
        case .string(let s): return "s" + String(s.utf8.count) + ":" + s
        case .bool(let b): return b ? "t" : "f"
        case .list(let items): return "[" + items.map(\.canonical).joined(separator: ",") + "]"
        case .record(let fields): return "{" + fields.map { "s\($0.name.utf8.count):\($0.name)=" + $0.value.canonical }.joined(separator: ",") + "}"
        }
    }

    /// `--param NAME=VALUE`: a number when VALUE reads as one, a string otherwise.
    public init(parsing text: String) {
        if let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite {
            self = .number(number)
        } else {
            self = .string(text)
        }
    }
}

/// Evaluates a document's code, block by block and span by span, in one scope,
/// top to bottom. The Markdown pipeline drives it; the block language
/// implements it.
///
/// Positions given to it are document positions of the code's first
/// character; every diagnostic and claim it records carries document positions.
public protocol BlockEvaluator: AnyObject {
    /// Evaluates the statements of one fenced block and returns what they render.
    func evaluateBlock(_ code: String, origin: SourceLocation) -> [Output]
    /// Evaluates `{= EXPR}` or `{= EXPR | FMT}`; the result is a `.value`.
    func evaluateInline(_ expression: String, format: String?, origin: SourceLocation) -> Output
    /// Evaluates `{claim EXPR}`; the result is a `.claim`.
    func evaluateInlineClaim(_ expression: String, origin: SourceLocation) -> Output
    /// Runs a block only for the names it binds, recording no claims and no
    /// diagnostics: its outputs come from the cache, but blocks after it are
    /// evaluated and may use its names. The default evaluates the block and
    /// drops what it returns (the pipeline ignores what a replay records).
    func replayBlock(_ code: String, origin: SourceLocation)
    /// Replays `blocks` (cached, in order) before the code in `later` (the
    /// blocks' and spans' code still to be evaluated) runs. An evaluator
    /// may run only what `later` can depend on; the default replays every
    /// block with `replayBlock`.
    func replayBlocks(_ blocks: [(code: String, origin: SourceLocation)], before later: [String])
    /// Every diagnostic so far, in document order.
    var diagnostics: [Diagnostic] { get }
    /// Every diagnostic so far, in the order reported; the pipeline takes
    /// each block's and span's own from it. Defaults to `diagnostics`.
    var recordedDiagnostics: [Diagnostic] { get }
    /// Every claim so far, in document order.
    var claims: [ClaimResult] { get }
}

extension BlockEvaluator {
    public func replayBlocks(_ blocks: [(code: String, origin: SourceLocation)], before later: [String]) {
        for block in blocks { replayBlock(block.code, origin: block.origin) }
    }

    public func replayBlock(_ code: String, origin: SourceLocation) {
        _ = evaluateBlock(code, origin: origin)
    }

    public var recordedDiagnostics: [Diagnostic] { diagnostics }
}

/// A name a document bound at its top level: a front-matter param or a
/// `let`, with the value it holds when the document is done.
public struct TopLevelBinding {
    public var name: String
    /// The name's place in its `let`; nil for a param.
    public var range: SourceRange?
    public var value: Value

    public init(name: String, range: SourceRange?, value: Value) {
        (self.name, self.range, self.value) = (name, range, value)
    }
}

/// An evaluator that can list the names a document bound (`evident run
/// --format json` exports those holding plain data).
public protocol BindingListing: AnyObject {
    /// The params in the order of their names, then the `let`s in the order
    /// they bound; names whose definition failed are left out.
    var topLevelBindings: [TopLevelBinding] { get }
}

/// One field of a record param.
public struct ParamField: Hashable, Sendable {
    public var name: String
    public var value: ParamValue
    public init(name: String, value: ParamValue) { (self.name, self.value) = (name, value) }
}

/// Makes the evaluator for one document: its file name (as given on the
/// command line, used in diagnostics), the params bound before the first
/// block, its limits (its budgets as the author set them), and where long
/// operations report how far they have got.
public typealias EvaluatorFactory = (_ file: String, _ params: [String: ParamValue], _ limits: Limits, _ progress: OperationProgress?) -> BlockEvaluator
