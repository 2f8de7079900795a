/// A problem found in a document: what kind (a stable `DiagnosticID`) and
/// how bad, what went wrong and where, with optional notes and a suggested
/// fix. The one type every pass reports, from the lexer to every report
/// format.
///
/// Printed compiler-style as `FILE:LINE:COL: error: MESSAGE`, followed by the
/// offending source line and a caret under the column.
///
/// Block code throws it before it knows its document: the lexer, parser,
/// evaluator, built-ins and objects make it with `init(_:_:at:)`, often
/// without a place (a built-in knows its arguments, not where it was called),
/// and the interpreter places it at the call, member or method expression
/// (`located(at:)`) and in its file (`in(file:fallback:)`).
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public var file: String
    public private(set) var range: SourceRange
    public var severity: Severity
    public var id: DiagnosticID
    public var message: String
    /// Further lines of explanation, printed after the excerpt as `note:`.
    public var notes: [String]
    /// A replacement for the text at `range` that would fix the problem.
    public var suggestion: String?
    /// Whether `range` says where the problem is; block code leaves that to
    /// the interpreter when it does not know (`located(at:)`).
    public private(set) var isPlaced = true
    /// A consequence of an error already reported (a use of a name whose
    /// `let` failed); never shown.
    package private(set) var isSilent = false

    public init(file: String, range: SourceRange, severity: Severity = .error, id: DiagnosticID, message: String,
                notes: [String] = [], suggestion: String? = nil) {
        self.file = file
        self.range = range
        self.severity = severity
        self.id = id
        self.message = message
        self.notes = notes
        self.suggestion = suggestion
    }

    /// A problem in block code, not yet in a file, at `range` or, when it is
    /// nil, wherever the interpreter places it.
    public init(_ id: DiagnosticID, _ message: String, at range: SourceRange? = nil, suggestion: String? = nil) {
        self.init(file: "", range: range ?? SourceRange(SourceLocation(line: 1, column: 1)), id: id, message: message, suggestion: suggestion)
        isPlaced = range != nil
    }

    /// The consequence of an error already reported, at `range`.
    package static func silent(at range: SourceRange) -> Diagnostic {
        var error = Diagnostic(.internalError, "", at: range)
        error.isSilent = true
        return error
    }

    /// The message: what block code shows of an error it catches.
    public var description: String { message }

    /// Puts the diagnostic at `range`, whatever its place was.
    public mutating func place(at range: SourceRange) {
        self.range = range
        isPlaced = true
    }

    /// The diagnostic placed at `fallback` when it has no place.
    package func located(at fallback: SourceRange) -> Diagnostic {
        guard !isPlaced else { return self }
        var copy = self
        copy.place(at: fallback)
        return copy
    }

    /// The diagnostic in `file`, at `fallback` when it has no place.
    package func `in`(file: String, fallback: SourceRange) -> Diagnostic {
        var copy = located(at: fallback)
        copy.file = file
        return copy
    }

    public var location: SourceLocation { range.start }

    /// `FILE:LINE:COL: error: MESSAGE`, without the source excerpt.
    public var headline: String {
        "\(file):\(range.start.line):\(range.start.column): \(severity.rawValue): \(message)"
    }

    /// The headline, then the source line and a caret (with `~` under the rest
    /// of the range when it stays on one line). `source` is the whole document.
    public func formatted(source: String) -> String {
        formatted(lines: Diagnostic.lines(of: source))
    }

    /// `source` split into lines once, for formatting many diagnostics of one
    /// document in linear time. A line ends at a line feed, a carriage
    /// return and line feed, or a lone carriage return, as cmark and the
    /// locations count them (splitting at the `Character` "\n" would not:
    /// "\r\n" is one `Character`, and a CRLF document would be one line).
    /// An empty document has no line to show.
    public static func lines(of source: String) -> [Substring] {
        guard !source.isEmpty else { return [] }
        // Bytes, not characters: CR and LF are ASCII, so every line starts
        // and ends on a character boundary.
        var lines: [Substring] = []
        let bytes = source.utf8
        var start = bytes.startIndex, i = start
        while i < bytes.endIndex {
            let byte = bytes[i]
            guard byte == 0x0A || byte == 0x0D else {
                i = bytes.index(after: i)
                continue
            }
            lines.append(source[start..<i])
            i = bytes.index(after: i)
            if byte == 0x0D, i < bytes.endIndex, bytes[i] == 0x0A { i = bytes.index(after: i) }
            start = i
        }
        lines.append(source[start..<bytes.endIndex])
        return lines
    }

    /// As `formatted(source:)`, with the document already split by `lines(of:)`.
    /// Control characters of the line show as U+FFFD (one for one, so the
    /// caret stays in place): a document cannot drive the terminal. A line
    /// longer than `excerptLimit` characters shows only the part around the
    /// caret, between `…`, so that every diagnostic prints in bounded space.
    public func formatted(lines: [Substring]) -> String {
        guard range.start.line >= 1, range.start.line <= lines.count else { return headline }
        let scalars = Array(lines[range.start.line - 1].unicodeScalars)
        let column = max(1, min(range.start.column, scalars.count + 1))
        var from = 0, to = scalars.count
        if scalars.count > Diagnostic.excerptLimit {
            from = max(0, min(column - 1 - Diagnostic.excerptLimit / 2, scalars.count - Diagnostic.excerptLimit))
            to = from + Diagnostic.excerptLimit
        }
        var text = String.UnicodeScalarView(scalars[from..<to].map { Diagnostic.isControl($0) ? "\u{FFFD}" : $0 })
        var caret = column - from
        if from > 0 { text.insert("…", at: text.startIndex); caret += 1 }
        if to < scalars.count { text.append("…") }
        var marker = String(repeating: " ", count: caret - 1) + "^"
        if range.end.line == range.start.line {
            let width = min(range.end.column, to + 1) - column - 1
            if width > 0 { marker += String(repeating: "~", count: width) }
        }
        return headline + "\n" + String(text) + "\n" + marker
    }

    /// The most characters of a source line a diagnostic shows.
    public static let excerptLimit = 200

    /// C0 and C1 controls and DEL, tab excepted.
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }
}
