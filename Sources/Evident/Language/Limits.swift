/// Hard limits that turn runaway inputs into located errors.
public struct Limits: Hashable, Sendable {
    /// Entries of a vector or boolean vector, items of a list, entries of a matrix.
    public var maxElements: Int
    /// Depth of expression nesting (brackets, operators, postfix chains).
    public var maxDepth: Int
    /// Statements per document.
    public var maxStatements: Int

    public init(maxElements: Int = 10_000_000, maxDepth: Int = 200, maxStatements: Int = 100_000) {
        self.maxElements = maxElements
        self.maxDepth = maxDepth
        self.maxStatements = maxStatements
    }

    public static let standard = Limits()
}
