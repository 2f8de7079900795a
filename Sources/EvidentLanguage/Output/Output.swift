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

/// A table of cells. A column whose cells all read as numbers is a numeric
/// column: the renderers print its numbers in one style (`numbers`) aligned
/// on the decimal point, so a cell holds a number at full precision
/// (`Table.cell(_:)`), not as it will be shown.
public struct Table: Hashable, Sendable {
    /// How a numeric column prints its numbers.
    public enum NumberStyle: Hashable, Sendable {
        /// At most this many significant digits, with one number of decimals
        /// (or one exponent form) for the whole column.
        case significant(Int)
        /// A validated printf format (`NumberFormat`), e.g. `%.3e`.
        case printf(String)
    }

    public var title: String?
    public var columns: [String]
    public var rows: [[String]]
    public var numbers: NumberStyle
    /// How many leading columns index the rows (row numbers, bins): a printf
    /// style leaves them as they are.
    public var indexColumns: Int

    public init(title: String? = nil, columns: [String], rows: [[String]],
                numbers: NumberStyle = .significant(6), indexColumns: Int = 0) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.numbers = numbers
        self.indexColumns = indexColumns
    }

    /// A number as a cell: whole numbers without a fraction, others in the
    /// shortest form that reads back as the same double.
    public static func cell(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-∞" : "∞" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
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
    public var logX: Bool
    /// Markers at the points, no lines between them.
    public var scatter: Bool
    /// A sentence under the figure.
    public var caption: String?
    /// The figure's size in pixels; nil for the renderer's default.
    public var width: Int?
    public var height: Int?

    public init(title: String? = nil, kind: Kind, logY: Bool = false, xLabel: String? = nil, yLabel: String? = nil,
                logX: Bool = false, scatter: Bool = false, caption: String? = nil, width: Int? = nil, height: Int? = nil) {
        self.title = title
        self.kind = kind
        self.logY = logY
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logX = logX
        self.scatter = scatter
        self.caption = caption
        self.width = width
        self.height = height
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
    /// The numbers an approximate claim of two scalars compared; nil for
    /// any other claim.
    public var measure: ClaimMeasure?

    public init(label: String?, source: String, passed: Bool, detail: String, range: SourceRange, measure: ClaimMeasure? = nil) {
        self.label = label
        self.source = source
        self.passed = passed
        self.detail = detail
        self.range = range
        self.measure = measure
    }
}

/// What `a ≈ b ± t` compared: the observed value a, the expected b and the
/// tolerance t (a percentage of |b| when `relative`).
public struct ClaimMeasure: Hashable, Sendable {
    public var observed: Double
    public var expected: Double
    public var tolerance: Double
    public var relative: Bool
    /// Where b stands when the author typed it as a number literal (what
    /// `evident fix` may retype); nil when b is computed.
    public var literal: SourceRange?

    public init(observed: Double, expected: Double, tolerance: Double, relative: Bool, literal: SourceRange? = nil) {
        (self.observed, self.expected, self.tolerance, self.relative, self.literal) = (observed, expected, tolerance, relative, literal)
    }
}
