import Foundation

/// One Markdown document named on the command line or found under a directory
/// named there.
public struct DocumentInput: Hashable, Sendable {
    /// The path to read, as given or as the given directory joined with
    /// `relativePath`; diagnostics name the document by it.
    public var path: String
    /// The path below the directory it was found in; the file name alone for a
    /// file named directly. Pages mirror it under an output directory.
    public var relativePath: String
    /// Whether it was found by walking a directory.
    public var foundInDirectory: Bool

    public init(path: String, relativePath: String, foundInDirectory: Bool) {
        self.path = path
        self.relativePath = relativePath
        self.foundInDirectory = foundInDirectory
    }
}

/// Turns command-line paths into documents.
///
/// A file is taken if it is a regular file (not a pipe or a device, which
/// could block or never end) named `*.md` or `*.markdown`: `check notes.txt`
/// is a mistake to report, not a document without claims that passes. A directory is
/// walked recursively for `*.md`; hidden files and directories (names
/// starting with `.`) and the excluded directory (the output directory) are
/// skipped, symbolic links are followed once when they stay inside the
/// directory named (one leading out of it is a problem: it could publish any
/// file of the machine), and each directory's documents come sorted by
/// relative path so every run sees the same order. A name that is not UTF-8
/// is a problem too, not a silent skip. A path reached twice (named directly
/// and inside a directory also named) is taken once, the first time; a
/// symbolic link to a document is a document of its own.
public struct DocumentInputs {
    public var documents: [DocumentInput] = []
    /// Paths that do not exist, directories without documents, directories
    /// that cannot be listed: one message each.
    public var problems: [String] = []
    /// The paths named that do not exist (their problems are in `problems`
    /// too), each with how many documents came before it: `check` reports
    /// them in place, as documents that cannot be read.
    public var missing: [(path: String, position: Int, problem: String)] = []

    public init(paths: [String], excluding excludedDirectory: String? = nil) {
        let excluded = excludedDirectory.map(Self.canonical)
        var seen: Set<String> = []
        func add(_ document: DocumentInput) {
            if seen.insert(Self.absolute(document.path)).inserted { documents.append(document) }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append("no such file or directory: '\(path)'")
                missing.append((path, documents.count, problems[problems.count - 1]))
                continue
            }
            guard isDirectory.boolValue else {
                guard Self.isRegularFile(path) else {
                    problems.append("'\(path)' is not a regular file (a pipe or a device, say)")
                    continue
                }
                let name = URL(fileURLWithPath: path).lastPathComponent
                guard Self.isMarkdownName(name) else {
                    problems.append("'\(path)' is not a Markdown document (*.md or *.markdown); nothing in it would be checked")
                    continue
                }
                add(DocumentInput(path: path, relativePath: name, foundInDirectory: false))
                continue
            }
            var found: [String] = []
            var visited: Set<String> = []
            walk(path, relative: "", root: Self.canonical(path), excluded: excluded, visited: &visited, into: &found)
            guard !found.isEmpty else {
                problems.append("no Markdown files (*.md) found in '\(path)'")
                continue
            }
            for relative in found.sorted() {
                add(DocumentInput(path: Self.join(path, relative), relativePath: relative, foundInDirectory: true))
            }
        }
    }

    private mutating func walk(_ directory: String, relative: String, root: String, excluded: String?, visited: inout Set<String>,
                               into found: inout [String]) {
        let canonicalPath = Self.canonical(directory)
        if canonicalPath == excluded || !visited.insert(canonicalPath).inserted { return }
        guard let entries = Self.names(in: directory) else {
            problems.append("cannot list directory '\(directory)'")
            return
        }
        for entry in entries {
            guard let name = entry.name else {
                if entry.bytes.first != UInt8(ascii: ".") {
                    let shown = String(decoding: entry.bytes, as: UTF8.self)
                    problems.append("'\(Self.join(directory, shown))': the file name is not valid UTF-8; rename it")
                }
                continue
            }
            guard !name.hasPrefix(".") else { continue }
            let path = Self.join(directory, name)
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let isMarkdown = (name as NSString).pathExtension.lowercased() == "md"
            guard isDirectory.boolValue || isMarkdown else { continue }
            let target = Self.canonical(path)
            guard target == root || target.hasPrefix(root == "/" ? "/" : root + "/") else {
                problems.append("'\(path)' is a symbolic link to '\(target)', outside '\(root)'; it is not followed")
                continue
            }
            if isDirectory.boolValue {
                walk(path, relative: relativePath, root: root, excluded: excluded, visited: &visited, into: &found)
            } else if Self.isRegularFile(path) {
                found.append(relativePath)
            } else {
                problems.append("'\(path)' is not a regular file (a pipe or a device, say)")
            }
        }
    }

    /// The names in `directory` as the file system holds them (bytes), with
    /// their text when they are valid UTF-8; nil when it cannot be listed.
    static func names(in directory: String) -> [(bytes: [UInt8], name: String?)]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var entries: [(bytes: [UInt8], name: String?)] = []
        while let entry = readdir(stream) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if bytes == [UInt8(ascii: ".")] || bytes == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            entries.append((bytes, Array(text.utf8) == bytes ? text : nil))
        }
        return entries
    }

    /// Whether a file name is a Markdown document's: `*.md` or `*.markdown`.
    static func isMarkdownName(_ name: String) -> Bool {
        ["md", "markdown"].contains((name as NSString).pathExtension.lowercased())
    }

    /// Whether `path` (its links followed) is a regular file.
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// `directory/name` without doubled slashes; `./name` is written `name`.
    static func join(_ directory: String, _ name: String) -> String {
        if directory == "." { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The absolute path without `.`, `..` or doubled slashes.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The absolute path with symbolic links resolved: what the file system
    /// will actually open.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// Where `evident build` writes the page of a document.
public enum PagePath {
    /// Under `outputDirectory`, the document's relative path with `.html` for
    /// its extension (`docs/sub/b.md` found in `docs` → `DIR/sub/b.html`);
    /// without one, beside the source (`docs/a.md` → `docs/a.html`).
    public static func page(for input: DocumentInput, outputDirectory: String?) -> String {
        guard let outputDirectory else { return withHTMLExtension(input.path) }
        return DocumentInputs.join(outputDirectory, withHTMLExtension(input.relativePath))
    }

    /// The path of the index page under `outputDirectory`.
    public static func index(in outputDirectory: String) -> String {
        DocumentInputs.join(outputDirectory, "index.html")
    }

    /// `path` with the extension of its last component (if any) replaced by `.html`.
    package static func withHTMLExtension(_ path: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[slash...]
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return String(path[..<dot]) + ".html"
        }
        return path + ".html"
    }
}
