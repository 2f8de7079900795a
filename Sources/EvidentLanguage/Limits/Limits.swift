import InfoGeometry

/// Hard limits that turn runaway inputs into located errors.
public struct Limits: Hashable, Sendable {
    /// Entries of a vector or boolean vector, items of a list, entries of a matrix.
    public var maxElements: Int
    /// Depth of expression nesting (brackets, operators, postfix chains).
    public var maxDepth: Int
    /// Statements per document.
    public var maxStatements: Int
    /// Entries the `map`s of a document may build in all (each result
    /// counted with what its items hold): `maxElements` bounds one value,
    /// this bounds the sum, so that nested `map`s cannot build billions of
    /// numbers. What a lambda computes and reduces away is not counted.
    public var maxTotalEntries: Int

    /// Threads that `map` (and sampling) may use. Results do not depend on
    /// it: items are computed independently and kept in input order. 1 forces
    /// serial evaluation; the default is `EVIDENT_THREADS` or the number of
    /// active processors.
    public var threads: Int
    /// Whether `map` may evaluate its lambda column by column over all items
    /// (`BatchMap`); false forces item-by-item evaluation. Results do not
    /// depend on it.
    public var batchMap: Bool

    public init(maxElements: Int = 10_000_000, maxDepth: Int = 200, maxStatements: Int = 100_000,
                threads: Int = Parallel.defaultThreads, batchMap: Bool = true, maxTotalEntries: Int = 200_000_000) {
        self.maxElements = maxElements
        self.maxTotalEntries = maxTotalEntries
        self.maxDepth = maxDepth
        self.maxStatements = maxStatements
        self.threads = threads
        self.batchMap = batchMap
    }

    public static let standard = Limits()
}
