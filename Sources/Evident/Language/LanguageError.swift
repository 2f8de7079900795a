/// A located problem in block code: lexing, parsing or evaluation.
///
/// Built-ins and `EvidentObject`s throw it with `range == nil`; the
/// interpreter then locates it at the call, member or method expression.
public struct LanguageError: Error, Hashable, CustomStringConvertible {
    public var message: String
    public var range: SourceRange?
    /// A consequence of an error already reported (a use of a name whose
    /// `let` failed); never shown.
    var isSilent = false

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }

    static func silent(at range: SourceRange) -> LanguageError {
        var error = LanguageError("", at: range)
        error.isSilent = true
        return error
    }

    public var description: String { message }

    /// The error with `range` filled in when it has none.
    func located(at fallback: SourceRange) -> LanguageError {
        var copy = self
        if copy.range == nil { copy.range = fallback }
        return copy
    }
}

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
