import Foundation

/// Tells when any of the files a preview is built from has changed. Polling
/// is the portable way; an inotify watcher can take its place behind this
/// protocol.
protocol SourceWatcher: AnyObject {
    /// Whether anything changed since the last call (or since the watcher
    /// was made); returns without waiting.
    func hasChanged() -> Bool
}

/// Watches by taking, on each call, the modification time and size of every
/// file to watch, and comparing with the previous look: a file added,
/// removed, written or replaced (an editor's rename-on-save) is a change.
///
/// The files watched: below each directory given, every document and data
/// file (`watchedExtensions`; hidden names skipped, so the result cache and
/// editors' swap files are not); for each file given, itself and the data
/// files in its folder; and each extra file (the template). Paths under
/// `excluded` (the output folder) are skipped. Other files (a log the
/// preview itself writes beside the document, say) change nothing.
final class PollingWatcher: SourceWatcher {
    struct Stamp: Equatable {
        var modified: Date
        var size: Int
    }

    /// Documents and the files `csv(…)` and `json(…)` read.
    static let watchedExtensions: Set<String> = ["md", "markdown", "csv", "tsv", "json"]

    let paths: [String]
    let extraFiles: [String]
    let excluded: [String]
    private var last: [String: Stamp]

    init(paths: [String], extraFiles: [String] = [], excluded: [String] = []) {
        self.paths = paths
        self.extraFiles = extraFiles
        self.excluded = excluded.map(PreviewFiles.resolved)
        last = [:]
        last = snapshot()
    }

    func hasChanged() -> Bool {
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
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                addTree(path, add)
            } else {
                let folder = (path as NSString).deletingLastPathComponent
                let directory = folder.isEmpty ? "." : folder
                add(path)
                for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] where Self.isWatched(name) {
                    add((directory as NSString).appendingPathComponent(name))
                }
            }
        }
        extraFiles.forEach(add)
        return stamps
    }

    private func addTree(_ directory: String, _ add: (String) -> Void) {
        guard !excluded.contains(PreviewFiles.resolved(directory)) else { return }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
            if type == .typeDirectory {
                addTree(path, add)
            } else if Self.isWatched(name) {
                add(path)
            }
        }
    }

    static func isWatched(_ name: String) -> Bool {
        !name.hasPrefix(".") && watchedExtensions.contains((name as NSString).pathExtension.lowercased())
    }
}
