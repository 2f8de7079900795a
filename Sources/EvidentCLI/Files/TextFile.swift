import Evident
import EvidentLanguage
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
            var error = FileError(.read, path: path, reason: "not valid UTF-8 text")
            if let (location, byte) = firstInvalidUTF8(data) {
                error.location = location
                error.reason = String(format: "not valid UTF-8 text: byte 0x%02X cannot start or continue a character; save the file as UTF-8", byte)
            }
            throw error
        }
        return text
    }

    /// Where the first byte that is not UTF-8 lies (1-based line, and column
    /// in characters; a line ends at LF, CRLF or a lone CR, as everywhere
    /// else), and that byte.
    static func firstInvalidUTF8(_ data: Data) -> (SourceLocation, UInt8)? {
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var location = SourceLocation(line: 1, column: 1)
        var offset = data.startIndex
        var afterCR = false
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                let byte = encoded.count == 1 ? encoded.first : nil
                if byte == 0x0A, afterCR {
                    // The LF of a CRLF: the line already ended at the CR.
                } else if byte == 0x0A || byte == 0x0D {
                    location = SourceLocation(line: location.line + 1, column: 1)
                } else {
                    location.column += 1
                }
                afterCR = byte == 0x0D
            case .error:
                return (location, data[offset])
            case .emptyInput:
                return nil
            }
        }
    }
}
