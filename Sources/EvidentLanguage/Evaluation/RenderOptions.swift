/// The named arguments of `table(X, every:, columns:, title:)`.
public struct TableOptions {
    /// Keep every k-th row (the first and the last always kept); nil keeps all.
    public var every: Int?
    /// Column names: headers for a matrix, a selection for records and objects.
    public var columns: [String]?
    public var title: String?

    public init(every: Int? = nil, columns: [String]? = nil, title: String? = nil) {
        self.every = every
        self.columns = columns
        self.title = title
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

/// The named arguments of `plot(X, Y…, labels:, title:, logy:)`.
public struct PlotOptions {
    public var title: String?
    public var logY: Bool
    public var labels: [String]?

    public init(title: String? = nil, logY: Bool = false, labels: [String]? = nil) {
        self.title = title
        self.logY = logY
        self.labels = labels
    }
}
