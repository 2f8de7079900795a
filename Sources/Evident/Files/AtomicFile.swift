import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file replacement that readers never see half done.
///
/// The bytes go to a temporary file in the target's directory (a short
/// hidden name, `.evident-XXXXXXXX`, that a signal ending the process
/// removes: `InFlightFiles`), are flushed to
/// disk with `fsync`, and the temporary file is renamed over the target; the
/// directory is then synced so the rename itself survives a crash. `rename` is
/// atomic within one file system, which is why the temporary file must live
/// beside the target. On any failure the temporary file is removed and the
/// target keeps its previous content (or stays absent).
public enum AtomicFile {
    /// Writes `contents` to `path`, creating missing parent directories.
    /// A new file gets mode 0666 minus the umask; a replaced file keeps its mode.
    public static func write(_ contents: String, to path: String) throws {
        // The string's own UTF-8 bytes, not a copy of them (a page is megabytes).
        var contents = contents
        try contents.withUTF8 { try write(UnsafeRawBufferPointer($0), to: path) }
    }

    public static func write(_ data: Data, to path: String) throws {
        try data.withUnsafeBytes { try write($0, to: path) }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { try write($0, to: path) }
    }

    private static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let parent = parentDirectory(of: path)
        let directory = parent.isEmpty ? "." : parent
        try makeDirectories(directory, for: path)

        let (temporaryPath, slot, opened) = try createTemporaryFile(in: directory, for: path)
        var descriptor = opened
        var renamed = false
        defer {
            if descriptor >= 0 { close(descriptor) }
            if !renamed { unlink(temporaryPath) }
            if let slot { InFlightFiles.shared.unregister(slot) }
        }

        guard writeAll(bytes, to: descriptor),
              fchmod(descriptor, mode(forReplacing: path)) == 0,
              fsync(descriptor) == 0
        else { throw FileError(.write, path: path, reason: systemReason()) }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0, rename(temporaryPath, path) == 0 else {
            throw FileError(.write, path: path, reason: systemReason())
        }
        renamed = true
        syncDirectory(directory)
    }

    /// The prefix of every temporary file's name.
    package static let temporaryPrefix = ".evident-"

    /// A new empty file `DIRECTORY/.evident-XXXXXXXX` (random letters and
    /// digits), open for writing with mode 0600, and its `InFlightFiles`
    /// slot. The name is short whatever the target's: a page name of up to
    /// 255 bytes (the file system's limit) must not make the temporary
    /// name longer than that. It is recorded before it is created, so a
    /// signal that ends the process at any point removes it.
    private static func createTemporaryFile(in directory: String, for path: String) throws -> (String, Int?, Int32) {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        for _ in 0..<100 {
            let name = temporaryPrefix + String((0..<8).map { _ in letters.randomElement()! })
            let temporaryPath = directory + "/" + name
            let slot = InFlightFiles.shared.register(temporaryPath)
            let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor >= 0 { return (temporaryPath, slot, descriptor) }
            let failure = errno
            if let slot { InFlightFiles.shared.unregister(slot) }
            guard failure == EEXIST else { throw FileError(.write, path: path, reason: String(cString: strerror(failure))) }
        }
        throw FileError(.write, path: path, reason: "cannot find a free temporary name in '\(directory)'")
    }

    /// Writes every byte, retrying short and interrupted writes.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let count = posixWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }

    /// The existing file's permission bits, else 0666 masked by the umask.
    private static func mode(forReplacing path: String) -> mode_t {
        var status = stat()
        if stat(path, &status) == 0 { return status.st_mode & 0o7777 }
        let mask = umask(0)
        umask(mask)
        return 0o666 & ~mask
    }

    /// Best effort: some file systems refuse `fsync` on a directory, and the
    /// rename has already happened by then.
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func systemReason() -> String {
        String(cString: strerror(errno))
    }

    /// The path without its last component: `a/b/c` → `a/b`, `/a` → `/`,
    /// `a` → ``. (Foundation's `deletingLastPathComponent` traps on some
    /// one-character relative paths, such as `o`, on Linux.)
    package static func parentDirectory(of path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        var parent = path[..<slash]
        while parent.count > 1, parent.hasSuffix("/") { parent.removeLast() }
        return String(parent)
    }

    /// `mkdir -p`: creates `directory` and its missing ancestors (mode 0777
    /// minus the umask).
    private static func makeDirectories(_ directory: String, for path: String) throws {
        var status = stat()
        if stat(directory, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw FileError(.write, path: path, reason: "'\(directory)' exists and is not a directory")
            }
            return
        }
        let parent = parentDirectory(of: directory)
        if !parent.isEmpty, parent != directory { try makeDirectories(parent, for: path) }
        if mkdir(directory, 0o777) != 0, errno != EEXIST {
            throw FileError(.write, path: path, reason: "cannot create directory '\(directory)': \(systemReason())")
        }
    }
}

private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
