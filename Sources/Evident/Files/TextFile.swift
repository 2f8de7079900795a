import Foundation

/// Reading whole UTF-8 text files with a reason a user can act on when that
/// fails.
public enum TextFile {
    public static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FileError(.read, path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw FileError(.read, path: path, reason: "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FileError(.read, path: path, reason: FileManager.default.isReadableFile(atPath: path) ? "cannot open it" : "permission denied")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw FileError(.read, path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileError(.read, path: path, reason: "not valid UTF-8 text")
        }
        return text
    }
}
