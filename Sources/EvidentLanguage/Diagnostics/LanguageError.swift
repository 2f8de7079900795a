/// A located problem in block code: lexing, parsing or evaluation.
///
/// Built-ins and `EvidentObject`s throw it with `range == nil`; the
/// interpreter then locates it at the call, member or method expression.
public struct LanguageError: Error, Hashable, CustomStringConvertible {
    public var message: String
    public var range: SourceRange?
    /// A consequence of an error already reported (a use of a name whose
    /// `let` failed); never shown.
    package var isSilent = false

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }

    package static func silent(at range: SourceRange) -> LanguageError {
        var error = LanguageError("", at: range)
        error.isSilent = true
        return error
    }

    public var description: String { message }

    /// The error with `range` filled in when it has none.
    package func located(at fallback: SourceRange) -> LanguageError {
        var copy = self
        if copy.range == nil { copy.range = fallback }
        return copy
    }
}
