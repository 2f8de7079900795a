/// The named arguments of `table(X, every:, columns:, title:, digits:, format:)`.
public struct TableOptions {
    /// Keep every k-th row (the first and the last always kept); nil keeps all.
    public var every: Int?
    /// Column names: headers for a matrix, a selection for records and objects.
    public var columns: [String]?
    /// New names for the chosen columns, in their order (`columns: {kl: "KL"}`).
    public var renamed: [String]?
    public var title: String?
    /// How numeric columns print; nil keeps the table's own style.
    public var numbers: Table.NumberStyle?

    public init(every: Int? = nil, columns: [String]? = nil, title: String? = nil,
                renamed: [String]? = nil, numbers: Table.NumberStyle? = nil) {
        self.every = every
        self.columns = columns
        self.title = title
        self.renamed = renamed
        self.numbers = numbers
    }

    /// The 0-based row indices `every` keeps out of `count`: 0, k, 2k, … and
    /// always the last row.
    public func keptRows(of count: Int) -> [Int] {
        guard let k = every, k > 1, count > 0 else { return Array(0..<count) }
        var rows = Array(stride(from: 0, to: count, by: k))
        if rows.last != count - 1 { rows.append(count - 1) }
        return rows
    }
}

/// The named arguments of `plot(X, Y…, labels:, title:, logy:, logx:,
/// xlabel:, ylabel:, scatter:, caption:, width:, height:)`.
public struct PlotOptions {
    public var title: String?
    public var logY: Bool
    public var labels: [String]?
    public var logX: Bool
    public var xLabel: String?
    public var yLabel: String?
    public var scatter: Bool
    public var caption: String?
    public var width: Int?
    public var height: Int?

    public init(title: String? = nil, logY: Bool = false, labels: [String]? = nil, logX: Bool = false,
                xLabel: String? = nil, yLabel: String? = nil, scatter: Bool = false, caption: String? = nil,
                width: Int? = nil, height: Int? = nil) {
        self.title = title
        self.logY = logY
        self.labels = labels
        self.logX = logX
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.scatter = scatter
        self.caption = caption
        self.width = width
        self.height = height
    }

    /// The options an author gave laid over a plot an object made: the
    /// object's axis labels stay unless the author names others.
    public func applied(to plot: Plot) -> Plot {
        var plot = plot
        if let title { plot.title = title }
        if logY { plot.logY = true }
        if logX { plot.logX = true }
        if let xLabel { plot.xLabel = xLabel }
        if let yLabel { plot.yLabel = yLabel }
        if scatter { plot.scatter = true }
        if let caption { plot.caption = caption }
        if let width { plot.width = width }
        if let height { plot.height = height }
        return plot
    }
}
