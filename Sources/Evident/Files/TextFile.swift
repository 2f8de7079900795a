import Foundation

/// A file that cannot be read as text, with the reason.
public struct FileReadError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot read '\(path)': \(reason)" }
}

/// Reading whole UTF-8 text files with a reason a user can act on when that
/// fails.
public enum TextFile {
    public static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FileReadError(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw FileReadError(path: path, reason: "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FileReadError(path: path, reason: FileManager.default.isReadableFile(atPath: path) ? "cannot open it" : "permission denied")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw FileReadError(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileReadError(path: path, reason: "not valid UTF-8 text")
        }
        return text
    }
}
