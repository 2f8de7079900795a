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
/// A file is taken as it is, whatever its extension. A directory is walked
/// recursively for `*.md`; hidden files and directories (names starting with
/// `.`) and the excluded directory (the output directory) are skipped, symbolic
/// links are followed once, and each directory's documents come sorted by
/// relative path so every run sees the same order. A path reached twice
/// (named directly and inside a directory also named) is taken once, the first
/// time; a symbolic link to a document is a document of its own.
public struct DocumentInputs {
    public var documents: [DocumentInput] = []
    /// Paths that do not exist, directories without documents, directories
    /// that cannot be listed: one message each.
    public var problems: [String] = []

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
                continue
            }
            guard isDirectory.boolValue else {
                let name = URL(fileURLWithPath: path).lastPathComponent
                add(DocumentInput(path: path, relativePath: name, foundInDirectory: false))
                continue
            }
            var found: [String] = []
            var visited: Set<String> = []
            walk(path, relative: "", excluded: excluded, visited: &visited, into: &found)
            guard !found.isEmpty else {
                problems.append("no Markdown files (*.md) found in '\(path)'")
                continue
            }
            for relative in found.sorted() {
                add(DocumentInput(path: Self.join(path, relative), relativePath: relative, foundInDirectory: true))
            }
        }
    }

    private mutating func walk(_ directory: String, relative: String, excluded: String?, visited: inout Set<String>, into found: inout [String]) {
        let canonicalPath = Self.canonical(directory)
        if canonicalPath == excluded || !visited.insert(canonicalPath).inserted { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            problems.append("cannot list directory '\(directory)'")
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = Self.join(directory, name)
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walk(path, relative: relativePath, excluded: excluded, visited: &visited, into: &found)
            } else if (name as NSString).pathExtension.lowercased() == "md" {
                found.append(relativePath)
            }
        }
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

    static func withHTMLExtension(_ path: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[slash...]
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return String(path[..<dot]) + ".html"
        }
        return path + ".html"
    }
}
