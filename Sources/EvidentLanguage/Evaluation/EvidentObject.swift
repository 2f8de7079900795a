/// A domain value supplied by code outside the language (a model, a point, a
/// trajectory, a histogram …). The interpreter reaches it only through this
/// protocol: `x.name` reads `member`, `x.name(…)` calls `callMethod`, a bare
/// expression statement shows `render()`, and the `table`/`plot` built-ins ask
/// `table(_:)`/`plot(_:)`.
///
/// Returning nil from `member`, `callMethod`, `table` or `plot` means "not
/// supported"; the interpreter then reports an unknown member or method (with
/// a suggestion from `memberNames`/`methodNames`) or a type error. Throw
/// `Diagnostic` (or any error with a readable description) for failures;
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
