#if canImport(Glibc)
import Foundation
import Glibc

/// Watches with Linux's inotify: the kernel reports each write, creation,
/// removal and rename in the watched folders, so a change is seen as soon as
/// it happens instead of at the next look.
///
/// Folders are watched, not files: an editor that saves by writing a new
/// file and renaming it over the old one replaces the file (and would end a
/// watch on it), but the rename is an event in the folder. The folders: every
/// folder of a tree given (a folder made later is added when it appears),
/// the folder of each file given, and the folder of each extra file (the
/// template). Which names in them count is `WatchedSources`' rule, the same
/// as the polling watcher's.
final class InotifyWatcher: SourceWatcher {
    /// What counts in one watched folder.
    private struct Folder {
        var path: String
        /// A folder of a tree given: its subfolders are watched too.
        var isTree = false
        /// Documents and data files count (a tree, or a document's folder).
        var countsSources = false
        /// Names that count whatever they are (the template).
        var names: Set<String> = []
    }

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    let sources: WatchedSources
    private let descriptor: Int32
    /// Watch descriptor → folder.
    private var folders: [Int32: Folder] = [:]
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// Nil when inotify cannot be used (no more instances or watches for
    /// this user: `fs.inotify.max_user_watches`); the caller polls then.
    init?(paths: [String], extraFiles: [String] = [], excluded: [String] = []) {
        sources = WatchedSources(paths: paths, extraFiles: extraFiles, excluded: excluded)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        var wanted: [String: Folder] = [:]
        func want(_ path: String, _ update: (inout Folder) -> Void) {
            update(&wanted[path, default: Folder(path: path)])
        }
        for path in paths where FileManager.default.fileExists(atPath: path) {
            if WatchedSources.isDirectory(path) {
                for folder in sources.treeDirectories(path) {
                    want(folder) { $0.isTree = true; $0.countsSources = true }
                }
            } else {
                want(WatchedSources.folder(of: path)) { $0.countsSources = true }
            }
        }
        for file in extraFiles {
            want(WatchedSources.folder(of: file)) { $0.names.insert((file as NSString).lastPathComponent) }
        }
        for folder in wanted.values.sorted(by: { $0.path < $1.path }) {
            guard add(folder) else {
                close(descriptor)
                return nil
            }
        }
    }

    deinit { close(descriptor) }

    /// Adds a watch on `folder`; false when the kernel refuses (a folder
    /// that vanished meanwhile is no failure).
    private func add(_ folder: Folder) -> Bool {
        let watch = inotify_add_watch(descriptor, folder.path, Self.mask)
        guard watch >= 0 else { return errno == ENOENT || errno == ENOTDIR || errno == EACCES }
        if var known = folders[watch] {
            // Two paths to one folder (a link): what counts in either counts.
            known.isTree = known.isTree || folder.isTree
            known.countsSources = known.countsSources || folder.countsSources
            known.names.formUnion(folder.names)
            folders[watch] = known
        } else {
            folders[watch] = folder
        }
        return true
    }

    /// Events about other files (an editor's temporary file before its
    /// rename) do not end the wait.
    func waitForChange(timeout: TimeInterval) -> Bool {
        if readEvents() { return true }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return false }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, Int32((left * 1000).rounded(.up)))
            if ready < 0, errno != EINTR { return false }
            if ready > 0, readEvents() { return true }
        }
    }

    /// Reads every event queued (without waiting) and tells whether one of
    /// them concerns a watched file.
    private func readEvents() -> Bool {
        var changed = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (watch, mask, nameLength) = buffer.withUnsafeBytes { bytes in
                    (bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + nameLength)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += header + nameLength
                if handle(watch: watch, mask: mask, name: name) { changed = true }
            }
        }
        return changed
    }

    /// Whether one event is a change to a watched file; adds a watch on a
    /// folder that appears in a tree.
    private func handle(watch: Int32, mask: UInt32, name: String) -> Bool {
        // The kernel dropped events: anything may have changed.
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return true }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders[watch] = nil
            return false
        }
        guard let folder = folders[watch] else { return false }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 { return folder.isTree }
        if mask & UInt32(IN_ISDIR) != 0 {
            guard folder.isTree, !name.hasPrefix(".") else { return false }
            let path = (folder.path as NSString).appendingPathComponent(name)
            guard mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 else { return !sources.isExcluded(path) }
            // A folder made or moved in: watch it and what is below it; a
            // change when it brings a document or data file.
            var brings = false
            for directory in sources.treeDirectories(path) {
                _ = add(Folder(path: directory, isTree: true, countsSources: true))
                let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                brings = brings || names.contains(where: WatchedSources.isWatched)
            }
            return brings
        }
        return folder.names.contains(name) || (folder.countsSources && WatchedSources.isWatched(name))
    }
}
#endif
