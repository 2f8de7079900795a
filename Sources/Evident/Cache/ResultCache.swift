import EvidentLanguage
import EvidentMarkdown
import Foundation

/// Where the results of blocks and spans are kept between runs.
public enum CacheLocation: Hashable, Sendable {
    /// One directory for every document (`--cache DIR`, or `DIR/.evident-cache`
    /// for `build -o DIR`).
    case directory(String)
    /// `.evident-cache` in each document's own directory (`build` without `-o`,
    /// where each page is written beside its source).
    case besideSource

    /// The name of the default cache directory.
    public static let defaultName = ".evident-cache"

    /// The directory holding the cache of the document at `file`.
    public func directory(for file: String) -> String {
        switch self {
        case .directory(let directory):
            return directory
        case .besideSource:
            let parent = AtomicFile.parentDirectory(of: file)
            return (parent.isEmpty ? "." : parent) + "/" + Self.defaultName
        }
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

    package init(location: CacheLocation, file: String, version: String = EvidentVersion.string) {
        let name = (file as NSString).lastPathComponent
        let identity = SHA256.hex(file).prefix(16)
        self.path = location.directory(for: file) + "/" + name + "." + identity + ".cache"
        self.file = file
        self.version = version
    }

    /// The records of the last run, or none when there is no usable file.
    package func load() -> [Record] {
        guard let data = FileManager.default.contents(atPath: path),
              let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { return [] }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
        let payload = data[data.index(after: newline)...]
        guard header == CacheKey.format + " " + SHA256.hex(bytes: payload) else { return [] }
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
        var writer = CacheCoding.Writer()
        writer.string(version)
        writer.string(file)
        writer.array(records) { w, record in
            w.string(record.key)
            w.location(record.origin)
            w.result(record.result)
        }
        var data = Data((CacheKey.format + " " + SHA256.hex(bytes: writer.bytes) + "\n").utf8)
        data.append(contentsOf: writer.bytes)
        try AtomicFile.write(data, to: path)
    }

    /// The results of the leading items whose keys match `keys`, moved to
    /// the items' current positions.
    package static func reusable(_ records: [Record], keys: [String], origins: [SourceLocation]) -> [ItemResult] {
        var results: [ItemResult] = []
        for (index, record) in records.enumerated() where index < keys.count {
            guard record.key == keys[index] else { break }
            results.append(record.result.moved(from: record.origin, to: origins[index]))
        }
        return results
    }
}
