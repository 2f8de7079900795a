import Synchronization
import Foundation

/// One data file a document read: where, and a fingerprint of the bytes
/// read (the pipeline's SHA-256), which the cache compares on the next run.
public struct DataRead: Hashable, Sendable {
    /// The absolute path, symbolic links resolved.
    public var path: String
    public var fingerprint: String

    public init(path: String, fingerprint: String) {
        self.path = path
        self.fingerprint = fingerprint
    }
}

/// The data files one document may read and has read.
///
/// A path is taken relative to the document's directory and must lie, once
/// `..` and symbolic links are resolved, inside one of `roots` (the
/// directory tree being built, and directories given with `--allow-read`).
/// Every read is recorded with its fingerprint, in order, so that the
/// pipeline can tell which block read what (`reads`). Reads may come from
/// several threads (a `map`'s items), hence the lock.
public final class DataFiles: Sendable {
    /// The largest data file read, in bytes.
    public static let maxBytes = 64 << 20

    public let document: String
    private let state: Mutex<State>

    private struct State {
        var roots: [String]
        var reads: [DataRead] = []
        var fingerprint: @Sendable ([UInt8]) -> String
    }

    /// `roots` empty: the document's own directory and what is below it.
    public init(document: String, roots: [String] = []) {
        self.document = document
        state = Mutex(State(roots: (roots.isEmpty ? [Self.directory(of: document)] : roots).map(Self.resolved), fingerprint: DataFiles.fnv1a))
    }

    /// Where reads may go, and how their bytes are fingerprinted.
    public func configure(roots: [String], fingerprint: @escaping @Sendable ([UInt8]) -> String) {
        state.withLock { state in
            if !roots.isEmpty { state.roots = roots.map(Self.resolved) }
            state.fingerprint = fingerprint
        }
    }

    public var roots: [String] { state.withLock { $0.roots } }

    /// Every read so far, in order.
    public var reads: [DataRead] { state.withLock { $0.reads } }

    /// The document's directory ("." for a bare file name).
    public var documentDirectory: String { Self.directory(of: document) }

    private static func directory(of document: String) -> String {
        let parent = (document as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    /// Why a read was refused, as the message of a located error.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// The bytes of `path` (relative to the document's directory), recorded
    /// as read.
    public func read(_ path: String) throws -> [UInt8] {
        guard !path.isEmpty else { throw Refusal(description: "a data file needs a path, got an empty string") }
        let joined = path.hasPrefix("/") ? path : documentDirectory + "/" + path
        let absolute = Self.resolved(joined)
        let roots = self.roots
        guard roots.contains(where: { absolute == $0 || absolute.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            throw Refusal(description: "'\(path)' is outside the directory tree being built (\(roots.map(Self.shown).joined(separator: ", "))); "
                          + "evident --allow-read DIR lets a document read below DIR")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw Refusal(description: "no data file '\(path)' (looked for \(Self.shown(absolute)))")
        }
        guard !isDirectory.boolValue else { throw Refusal(description: "'\(path)' is a directory, not a data file") }
        guard let handle = FileHandle(forReadingAtPath: absolute) else { throw Refusal(description: "cannot read '\(path)'") }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: Self.maxBytes + 1) ?? Data() else { throw Refusal(description: "cannot read '\(path)'") }
        guard data.count <= Self.maxBytes else { throw Refusal(description: "'\(path)' is larger than \(Self.maxBytes >> 20) MB") }
        let bytes = [UInt8](data)
        let fingerprint = state.withLock { $0.fingerprint }
        let read = DataRead(path: absolute, fingerprint: fingerprint(bytes))
        state.withLock { $0.reads.append(read) }
        return bytes
    }

    /// The absolute, standardized path with symbolic links resolved.
    package static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// A path as messages show it: relative to the working directory when below it.
    private static func shown(_ path: String) -> String {
        let cwd = resolved(FileManager.default.currentDirectoryPath)
        if path == cwd { return "." }
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    /// FNV-1a, 64 bits: the fingerprint until the pipeline gives a better one.
    @Sendable static func fnv1a(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}

/// An evaluator that reads data files and can say which (the pipeline puts
/// them in the cache keys).
public protocol DataReading: AnyObject {
    var dataFiles: DataFiles { get }
}
