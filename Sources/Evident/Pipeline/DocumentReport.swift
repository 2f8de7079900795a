import EvidentLanguage
import EvidentMarkdown

/// Hears how far the evaluation of a document has got, and how far the
/// long operations inside its blocks have: a terminal's progress bar.
public protocol DocumentProgress: OperationProgress {
    /// A document with `items` blocks and spans starts evaluating.
    func beginDocument(_ file: String, items: Int)
    /// `done` of the document's blocks and spans are evaluated.
    func itemsDone(_ done: Int)
    /// The document is done.
    func endDocument()
}

/// How a document is processed: evaluated only, evaluated and written as an
/// HTML page, evaluated and shown as text in a terminal, or evaluated and
/// exported as JSON.
public enum ProcessingMode: Sendable {
    case check
    case build
    case run
    /// `evident run --format json`: the plain-data bindings and the rendered
    /// outputs as one JSON object (`JSONRunReport`). The cache is not used:
    /// it keeps a block's outputs, not the values its names were bound to.
    case json
}

/// Options that shape how one document is processed.
public struct PipelineOptions: Sendable {
    /// Param values (`--param NAME=VALUE`, a project file's `params`) for
    /// the documents that declare them; a document declaring none of them
    /// ignores them.
    public var params: [String: ParamValue]
    /// Where each of `params` was set, for errors about its type.
    public var paramOrigins: [String: ParamOrigin] = [:]
    /// The path a page shows for its source, by the path it is processed
    /// under (relative to the project root or the directory given); a path
    /// not listed is shown as it is.
    public var shownPaths: [String: String] = [:]
    /// The limits every document starts from (the project file's budgets
    /// applied); a document's front matter may change its budgets.
    public var limits: Limits = .standard
    /// Budgets set on the command line (`--limit`): they win over front matter.
    public var limitOverrides: [BudgetSetting] = []
    /// Let author HTML and `javascript:` links through (`--unsafe`).
    public var unsafeHTML: Bool
    /// A Mustache page template replacing the default one (`--template`).
    public var template: PageTemplate?
    /// Whether pages with math carry their own math font (`--math-font`).
    public var mathFont: MathFontChoice = .embedded

    /// Where block results are cached between runs; nil: no cache.
    public var cache: CacheLocation?
    /// Where progress goes (a terminal's standard error); nil: nowhere.
    public var progress: DocumentProgress?
    /// The directories data files may be read from: the tree being built
    /// and `--allow-read DIR`s; empty: each document's own directory.
    public var readRoots: [String] = []
    public init(params: [String: ParamValue] = [:], unsafeHTML: Bool = false, template: PageTemplate? = nil,
                cache: CacheLocation? = nil, progress: DocumentProgress? = nil) {
        self.params = params
        self.unsafeHTML = unsafeHTML
        self.template = template
        self.cache = cache
        self.progress = progress
    }
}

/// Everything a command needs to know about one processed document.
public struct DocumentReport: Sendable {
    /// The path as given (used in diagnostics).
    public var file: String
    /// The whole source text (for diagnostic excerpts).
    public var source: String
    /// From front matter, else the first heading, else the file name.
    public var title: String
    public var claims: [ClaimResult]
    /// Usage, parse and evaluation errors, in document order.
    public var diagnostics: [Diagnostic]
    /// The page, in `.build` mode, as UTF-8 (the bytes written).
    public var page: [UInt8]?
    /// The page, in `.build` mode.
    public var html: String? {
        get { page.map { String(decoding: $0, as: UTF8.self) } }
        set { page = newValue.map { Array($0.utf8) } }
    }
    /// The rendered outputs as terminal text, in `.run` mode.
    public var text: String?
    /// The bindings and outputs as JSON, in `.json` mode.
    public var json: JSONValue?
    /// How much work processing took (evaluated and cached items).
    public var statistics = EvaluationStatistics()

    public init(file: String, source: String, title: String, claims: [ClaimResult], diagnostics: [Diagnostic], html: String? = nil, text: String? = nil) {
        self.file = file
        self.source = source
        self.title = title
        self.claims = claims
        self.diagnostics = diagnostics
        self.html = html
        self.text = text
    }

    public var failedClaims: [ClaimResult] { claims.filter { !$0.passed } }

    /// 2 when anything could not be evaluated, 1 when a claim failed, 0 otherwise.
    public var exitCode: Int32 {
        if diagnostics.contains(where: { $0.severity == .error }) { return 2 }
        return failedClaims.isEmpty ? 0 : 1
    }
}

extension DocumentReport {
    /// Diagnostics of severity `error`.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}
