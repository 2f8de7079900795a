/// A 1-based position in a document: `line` counts lines of the whole Markdown
/// file, `column` counts Unicode scalars from the start of that line.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// The document position of `local`, a 1-based position inside a piece of
    /// code whose first character stands at `self` in the document.
    public func advanced(by local: SourceLocation) -> SourceLocation {
        local.line == 1
            ? SourceLocation(line: line, column: column + local.column - 1)
            : SourceLocation(line: line + local.line - 1, column: local.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range of document positions, `start` inclusive, `end` exclusive.
public struct SourceRange: Hashable, Sendable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    public init(_ location: SourceLocation) {
        self.init(start: location, end: SourceLocation(line: location.line, column: location.column + 1))
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }
}
