import EvidentLanguage

/// A file that cannot be read or written, with the reason.
public struct FileError: Error, Equatable, CustomStringConvertible {
    public enum Operation: String, Sendable { case read, write }

    public var operation: Operation
    public var path: String
    public var reason: String
    /// Where in the file the problem lies, when it lies in one place.
    public var location: SourceLocation?

    public init(_ operation: Operation, path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    /// What kind of problem it is.
    public var id: DiagnosticID { operation == .read ? .unreadableFile : .unwritableFile }

    /// `cannot read 'PATH': REASON` or `cannot write 'PATH': REASON`.
    public var description: String { "cannot \(operation.rawValue) '\(path)': \(reason)" }
}
