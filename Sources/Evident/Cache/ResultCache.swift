import EvidentLanguage
import EvidentMarkdown
import Foundation

/// Where the results of blocks and spans are kept between runs: one
/// directory for every document. By default it is outside the tree that is
/// published: `.evident-cache` at the project root (where `evident.yml`
/// stands) or, without a project file, a directory of the user's cache
/// keyed by the source root (`userCache(for:environment:)`); never inside
/// `build -o DIR`.
public enum CacheLocation: Hashable, Sendable {
    case directory(String)

    /// The name of the cache directory at a project's root.
    public static let defaultName = ".evident-cache"

    /// The directory holding the cache of the document at `file`.
    public func directory(for file: String) -> String {
        switch self {
        case .directory(let directory): return directory
        }
    }

    /// `.evident-cache` at the project root `root`.
    public static func project(root: String) -> CacheLocation {
        .directory((root == "/" ? "" : root) + "/" + defaultName)
    }

    /// `$XDG_CACHE_HOME/evident/NAME-HASH` (else `~/.cache/evident/…`) for
    /// the sources below `sourceRoot` (absolute): NAME its last component,
    /// HASH the start of the SHA-256 of the path, so that two trees never
    /// share a cache and the same tree always finds its own. Nil without a
    /// home directory.
    public static func userCache(for sourceRoot: String, environment: [String: String]) -> CacheLocation? {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? environment["HOME"].flatMap { $0.isEmpty ? nil : $0 + "/.cache" }
        guard let base else { return nil }
        var name = (sourceRoot as NSString).lastPathComponent.filter { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        if name.isEmpty || name.hasPrefix(".") { name = "root" + name }
        return .directory(base + "/evident/" + name + "-" + SHA256.hex(sourceRoot).prefix(16))
    }
}

/// The cached results of one document: a file per document in the cache
/// directory, holding for each block and span its key, its position and what
/// it gave.
///
/// The file is `evident-cache 2 <SHA-256 of the rest>` on its first line,
/// then the version, the file name and the records in `CacheCoding`'s binary
/// form. A file that is missing, unreadable, of another format or version,
/// for another document, truncated, or whose hash does not match is ignored
/// (as if empty), never trusted; it is replaced atomically after the next run.
package struct ResultCache {
    package struct Record: Equatable {
        package var key: String
        /// Where the item started when it was evaluated.
        package var origin: SourceLocation
        package var result: ItemResult
    }

    /// The cache file's path.
    package let path: String
    package let file: String
    package let version: String

    /// The key the file is signed with: a file signed otherwise (forged,
    /// committed from another machine, edited) is not used. Nil: no cache.
    package let secret: [UInt8]?

    package init(location: CacheLocation, file: String, version: String = EvidentVersion.string, secret: [UInt8]? = CacheSecret.user) {
        let name = (file as NSString).lastPathComponent
        let identity = SHA256.hex(file).prefix(16)
        self.path = location.directory(for: file) + "/" + name + "." + identity + ".cache"
        self.file = file
        self.version = version
        self.secret = secret
    }

    /// The records of the last run, or none when there is no usable file.
    package func load() -> [Record] {
        guard let secret, let data = FileManager.default.contents(atPath: path),
              let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { return [] }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
        let payload = data[data.index(after: newline)...]
        guard header == CacheKey.format + " " + SHA256.hmacHex(key: secret, bytes: payload) else { return [] }
        var reader = CacheCoding.Reader(payload)
        do {
            guard try reader.string() == version, try reader.string() == file else { return [] }
            let records = try reader.array { r in
                Record(key: try r.string(), origin: try r.location(), result: try r.result())
            }
            return reader.atEnd ? records : []
        } catch {
            return []
        }
    }

    /// Replaces the file with `records`.
    package func store(_ records: [Record]) throws {
        guard let secret else { return }
        var writer = CacheCoding.Writer()
        writer.string(version)
        writer.string(file)
        writer.array(records) { w, record in
            w.string(record.key)
            w.location(record.origin)
            w.result(record.result)
        }
        var data = Data((CacheKey.format + " " + SHA256.hmacHex(key: secret, bytes: writer.bytes) + "\n").utf8)
        data.append(contentsOf: writer.bytes)
        try AtomicFile.write(data, to: path)
    }

    /// The results of the leading items whose keys match `keys` and whose
    /// data files still have the fingerprints they had when read, moved to
    /// the items' current positions. `fingerprint` gives a file's current
    /// fingerprint (nil when it cannot be read).
    package static func reusable(_ records: [Record], keys: [String], origins: [SourceLocation],
                                 fingerprint: (String) -> String? = ResultCache.fingerprint(ofFileAt:)) -> [ItemResult] {
        var results: [ItemResult] = []
        var checked: [String: String?] = [:]
        for (index, record) in records.enumerated() where index < keys.count {
            guard record.key == keys[index] else { break }
            let unchanged = record.result.reads.allSatisfy { read in
                if checked[read.path] == nil { checked[read.path] = .some(fingerprint(read.path)) }
                return checked[read.path]! == read.fingerprint
            }
            guard unchanged else { break }
            results.append(record.result.moved(from: record.origin, to: origins[index]))
        }
        return results
    }

    /// The fingerprint of a data file's bytes (SHA-256), as `DataFiles` records it.
    package static func fingerprint(of bytes: [UInt8]) -> String { SHA256.hex(bytes: bytes) }

    package static func fingerprint(ofFileAt path: String) -> String? {
        FileManager.default.contents(atPath: path).map { fingerprint(of: [UInt8]($0)) }
    }
}

/// The key that signs a user's cache files (HMAC-SHA-256): 32 random bytes
/// in `$XDG_CONFIG_HOME/evident/cache-secret` (else `~/.config/evident/`),
/// made on first use, readable by the user alone. A cache file is a build's
/// evidence that a claim held; signing it means a file someone else wrote,
/// or one committed to a repository, is evaluated again rather than
/// believed. Without a home directory there is no cache.
package enum CacheSecret {
    package static let user: [UInt8]? = load(environment: ProcessInfo.processInfo.environment)

    package static func load(environment: [String: String]) -> [UInt8]? {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].flatMap { $0.isEmpty ? nil : $0 + "/.config" }
        guard let base else { return nil }
        let directory = base + "/evident", path = directory + "/cache-secret"
        if let existing = read(path) { return existing }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        // Made exclusively: of two processes starting at once, one writes it
        // and both read the same key.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor >= 0 {
            let hex = secret.map { String(format: "%02x", $0) }.joined() + "\n"
            let written = hex.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, hex.utf8.count) }
            close(descriptor)
            if written != hex.utf8.count { unlink(path) }
        }
        return read(path)
    }

    /// The key in `path`: 64 hex digits.
    private static func read(_ path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count == 64 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
