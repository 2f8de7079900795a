import InfoGeometry

/// A located problem in block code: lexing, parsing or evaluation.
///
/// Built-ins and `EvidentObject`s throw it with `range == nil`; the
/// interpreter then locates it at the call, member or method expression.
public struct LanguageError: Error, Hashable, CustomStringConvertible {
    /// What kind of problem it is.
    public var id: DiagnosticID
    public var message: String
    public var range: SourceRange?
    /// A replacement for the text at `range` (the nearest known name for an
    /// unknown one).
    public var suggestion: String?
    /// A consequence of an error already reported (a use of a name whose
    /// `let` failed); never shown.
    package var isSilent = false

    public init(_ id: DiagnosticID, _ message: String, at range: SourceRange? = nil, suggestion: String? = nil) {
        self.id = id
        self.message = message
        self.suggestion = suggestion
        self.range = range
    }

    package static func silent(at range: SourceRange) -> LanguageError {
        var error = LanguageError(.internalError, "", at: range)
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

    /// The error as a diagnostic of `file`, at `fallback` when it has no place.
    package func diagnostic(file: String, fallback: SourceRange) -> Diagnostic {
        Diagnostic(file: file, range: range ?? fallback, id: id, message: message, suggestion: suggestion)
    }
}

extension GeometryError {
    /// The diagnostic id of each kind of geometry error.
    package var diagnosticID: DiagnosticID {
        switch self {
        case .invalidArgument: return .geometryArgument
        case .invalidDistribution: return .invalidDistribution
        case .notPositive: return .notPositive
        case .infinite, .nonFinite: return .geometryNonFinite
        case .limitExceeded: return .geometryLimit
        case .linearAlgebra: return .linearAlgebra
        }
    }
}
