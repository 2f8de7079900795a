/// What evaluating a statement or an inline span produces for the page.
///
/// The language layer produces these neutral values; the renderers turn them
/// into HTML (pages) or aligned text (`evident run`). Nothing here is escaped:
/// escaping happens once, in the HTML renderer.
public enum Output: Hashable, Sendable {
    /// A formatted value (a number, a vector, a record printed as text).
    case value(String)
    case table(Table)
    case plot(Plot)
    case claim(ClaimResult)
}

/// A table of preformatted cells. Cells that read as numbers are right-aligned.
public struct Table: Hashable, Sendable {
    public var title: String?
    public var columns: [String]
    public var rows: [[String]]

    public init(title: String? = nil, columns: [String], rows: [[String]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

/// A figure: line series over a shared kind of x axis, or a histogram.
public struct Plot: Hashable, Sendable {
    public struct Series: Hashable, Sendable {
        public var label: String
        public var x: [Double]
        public var y: [Double]
        public init(label: String, x: [Double], y: [Double]) {
            self.label = label
            self.x = x
            self.y = y
        }
    }

    public enum Kind: Hashable, Sendable {
        /// One polyline per series.
        case lines([Series])
        /// Bars over `edges` (count + 1 edges) with heights `values`.
        case bars(edges: [Double], values: [Double])
    }

    public var title: String?
    public var kind: Kind
    public var logY: Bool
    public var xLabel: String?
    public var yLabel: String?

    public init(title: String? = nil, kind: Kind, logY: Bool = false, xLabel: String? = nil, yLabel: String? = nil) {
        self.title = title
        self.kind = kind
        self.logY = logY
        self.xLabel = xLabel
        self.yLabel = yLabel
    }
}

/// The outcome of one `claim`.
public struct ClaimResult: Hashable, Sendable {
    /// The author's label, when the claim has one.
    public var label: String?
    /// The claim's expression as written.
    public var source: String
    public var passed: Bool
    /// What was observed, e.g. `|a − b| = 3.1e-17 ≤ 1e-12`.
    public var detail: String
    /// Where the claim stands in the document.
    public var range: SourceRange

    public init(label: String?, source: String, passed: Bool, detail: String, range: SourceRange) {
        self.label = label
        self.source = source
        self.passed = passed
        self.detail = detail
        self.range = range
    }
}
