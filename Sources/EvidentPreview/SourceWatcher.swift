import Foundation

/// Tells when any of the files a preview is built from has changed: with
/// inotify on Linux (`InotifyWatcher`), or by polling where that is not
/// available or with `--poll`.
protocol SourceWatcher: AnyObject {
    /// Waits at most `timeout` seconds for a change since the last call (or
    /// since the watcher was made); returns whether there was one. A change
    /// is told once.
    func waitForChange(timeout: TimeInterval) -> Bool
}

extension SourceWatcher {
    /// Whether anything changed since the last look, without waiting.
    func hasChanged() -> Bool { waitForChange(timeout: 0) }
}

/// Which files a preview watches, shared by both watchers: below each
/// directory given, every document and data file (`watchedExtensions`;
/// hidden names skipped, so the result cache and editors' swap files are
/// not); for each file given, itself and the data files in its folder; and
/// each extra file (the template). Paths under `excluded` (the output
/// folder) are skipped.
struct WatchedSources {
    /// Documents and the files `csv(…)` and `json(…)` read.
    static let watchedExtensions: Set<String> = ["md", "markdown", "csv", "tsv", "json"]

    let paths: [String]
    let extraFiles: [String]
    let excluded: [String]

    init(paths: [String], extraFiles: [String], excluded: [String]) {
        self.paths = paths
        self.extraFiles = extraFiles
        self.excluded = excluded.map(PreviewFiles.resolved)
    }

    static func isWatched(_ name: String) -> Bool {
        !name.hasPrefix(".") && watchedExtensions.contains((name as NSString).pathExtension.lowercased())
    }

    func isExcluded(_ directory: String) -> Bool {
        excluded.contains(PreviewFiles.resolved(directory))
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The folder `path` is in ("." for a bare name).
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// The directories below `directory` (itself included) a tree walk
    /// visits: hidden and excluded ones skipped, links to folders not
    /// followed (so a loop of links cannot trap the walk).
    func treeDirectories(_ directory: String) -> [String] {
        guard !isExcluded(directory) else { return [] }
        var found = [directory]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory).sorted()) ?? [] where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            if (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeDirectory {
                found += treeDirectories(path)
            }
        }
        return found
    }
}

/// Watches by taking, on each look, the modification time and size of every
/// file to watch (`WatchedSources`), and comparing with the previous look: a
/// file added, removed, written or replaced (an editor's rename-on-save) is a
/// change. Other files (a log the preview itself writes beside the document,
/// say) change nothing.
final class PollingWatcher: SourceWatcher {
    struct Stamp: Equatable {
        var modified: Date
        var size: Int
    }

    let sources: WatchedSources
    private var last: [String: Stamp]

    init(paths: [String], extraFiles: [String] = [], excluded: [String] = []) {
        sources = WatchedSources(paths: paths, extraFiles: extraFiles, excluded: excluded)
        last = [:]
        last = snapshot()
    }

    /// Looks at once, and when nothing changed, again after `timeout`.
    func waitForChange(timeout: TimeInterval) -> Bool {
        if lookChanged() { return true }
        guard timeout > 0 else { return false }
        Thread.sleep(forTimeInterval: timeout)
        return lookChanged()
    }

    private func lookChanged() -> Bool {
        let now = snapshot()
        defer { last = now }
        return now != last
    }

    /// Every watched file's stamp, by path.
    func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let manager = FileManager.default
        func add(_ path: String) {
            // A link is watched through its target (links to folders are not
            // followed, so a loop of links cannot trap the walk).
            guard let attributes = try? manager.attributesOfItem(atPath: PreviewFiles.resolved(path)),
                  attributes[.type] as? FileAttributeType == .typeRegular
            else { return }
            stamps[path] = Stamp(modified: attributes[.modificationDate] as? Date ?? .distantPast,
                                 size: (attributes[.size] as? NSNumber)?.intValue ?? 0)
        }
        func addWatched(in directory: String) {
            for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] where WatchedSources.isWatched(name) {
                add((directory as NSString).appendingPathComponent(name))
            }
        }
        for path in sources.paths where manager.fileExists(atPath: path) {
            if WatchedSources.isDirectory(path) {
                sources.treeDirectories(path).forEach(addWatched)
            } else {
                add(path)
                addWatched(in: WatchedSources.folder(of: path))
            }
        }
        sources.extraFiles.forEach(add)
        return stamps
    }
}
