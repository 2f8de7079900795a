/// A problem found in a document: what went wrong and where.
///
/// Printed compiler-style as `FILE:LINE:COL: error: MESSAGE`, followed by the
/// offending source line and a caret under the column.
public struct Diagnostic: Hashable, Sendable, Error {
    public enum Severity: String, Sendable { case error, warning, note }

    public var file: String
    public var range: SourceRange
    public var severity: Severity
    public var message: String

    public init(file: String, range: SourceRange, severity: Severity = .error, message: String) {
        self.file = file
        self.range = range
        self.severity = severity
        self.message = message
    }

    public var location: SourceLocation { range.start }

    /// `FILE:LINE:COL: error: MESSAGE`, without the source excerpt.
    public var headline: String {
        "\(file):\(range.start.line):\(range.start.column): \(severity.rawValue): \(message)"
    }

    /// The headline, then the source line and a caret (with `~` under the rest
    /// of the range when it stays on one line). `source` is the whole document.
    public func formatted(source: String) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard range.start.line >= 1, range.start.line <= lines.count else { return headline }
        var text = String(lines[range.start.line - 1])
        if text.hasSuffix("\r") { text.removeLast() }
        let lineLength = text.unicodeScalars.count
        let column = max(1, min(range.start.column, lineLength + 1))
        var marker = String(repeating: " ", count: column - 1) + "^"
        if range.end.line == range.start.line {
            let width = min(range.end.column, lineLength + 1) - column - 1
            if width > 0 { marker += String(repeating: "~", count: width) }
        }
        return headline + "\n" + text + "\n" + marker
    }
}
