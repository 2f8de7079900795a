/// A domain value supplied by code outside the language (a model, a point, a
/// trajectory, a histogram …). The interpreter reaches it only through this
/// protocol: `x.name` reads `member`, `x.name(…)` calls `callMethod`, a bare
/// expression statement shows `render()`, and the `table`/`plot` built-ins ask
/// `table(_:)`/`plot(_:)`.
///
/// Returning nil from `member`, `callMethod`, `table` or `plot` means "not
/// supported"; the interpreter then reports an unknown member or method (with
/// a suggestion from `memberNames`/`methodNames`) or a type error. Throw
/// `LanguageError` (or any error with a readable description) for failures;
/// the interpreter locates it at the expression.
public protocol EvidentObject: AnyObject {
    /// The type's name in messages, e.g. "point".
    var typeName: String { get }
    var memberNames: [String] { get }
    func member(_ name: String) throws -> Value?
    var methodNames: [String] { get }
    func callMethod(_ name: String, _ args: Arguments, context: CallContext) throws -> Value?
    /// What a bare expression statement renders; the first `.value` is also
    /// the inline `{= x}` text.
    func render() throws -> [Output]
    func table(_ options: TableOptions) throws -> Table?
    func plot(_ options: PlotOptions) throws -> Plot?
}

extension EvidentObject {
    public var memberNames: [String] { [] }
    public func member(_ name: String) throws -> Value? { nil }
    public var methodNames: [String] { [] }
    public func callMethod(_ name: String, _ args: Arguments, context: CallContext) throws -> Value? { nil }
    public func render() throws -> [Output] { [.value("<\(typeName)>")] }
    public func table(_ options: TableOptions) throws -> Table? { nil }
    public func plot(_ options: PlotOptions) throws -> Plot? { nil }
}

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
