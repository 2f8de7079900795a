/// A problem found in a document: what kind (a stable `DiagnosticID`) and
/// how bad, what went wrong and where, with optional notes and a suggested
/// fix. The one type every pass reports, from the lexer to every report
/// format.
///
/// Printed compiler-style as `FILE:LINE:COL: error: MESSAGE`, followed by the
/// offending source line and a caret under the column.
public struct Diagnostic: Hashable, Sendable, Error {
    public enum Severity: String, Sendable { case error, warning, note }

    public var file: String
    public var range: SourceRange
    public var severity: Severity
    public var id: DiagnosticID
    public var message: String
    /// Further lines of explanation, printed after the excerpt as `note:`.
    public var notes: [String]
    /// A replacement for the text at `range` that would fix the problem.
    public var suggestion: String?

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
    /// document in linear time. Split at each LF scalar: a CRLF is one
    /// `Character`, so splitting by characters left a CRLF file one line
    /// long and its diagnostics without their excerpt (the CR is dropped
    /// when the line is shown).
    public static func lines(of source: String) -> [Substring] {
        var lines: [Substring] = []
        var start = source.startIndex
        for index in source.utf8.indices where source.utf8[index] == UInt8(ascii: "\n") {
            lines.append(source[start..<index])
            start = source.utf8.index(after: index)
        }
        lines.append(source[start...])
        return lines
    }

    /// As `formatted(source:)`, with the document already split by `lines(of:)`.
    /// Control characters of the line show as U+FFFD (one for one, so the
    /// caret stays in place): a document cannot drive the terminal. A line
    /// longer than `excerptLimit` characters shows only the part around the
    /// caret, between `…`, so that every diagnostic prints in bounded space.
    public func formatted(lines: [Substring]) -> String {
        guard range.start.line >= 1, range.start.line <= lines.count else { return headline }
        var scalars = Array(lines[range.start.line - 1].unicodeScalars)
        if scalars.last == "\r" { scalars.removeLast() }
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
