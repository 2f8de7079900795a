import Foundation
import Testing
@testable import EvidentCLI
@testable import EvidentPreview

/// Both watchers are held to the same cases: inotify's events and the
/// polling watcher's looks must agree on what is a change.
enum WatcherKind: String, CaseIterable, CustomTestStringConvertible {
    case inotify, polling

    var testDescription: String { rawValue }

    func make(paths: [String], extraFiles: [String] = [], excluded: [String] = []) throws -> SourceWatcher {
        switch self {
        case .inotify:
            return try #require(InotifyWatcher(paths: paths, extraFiles: extraFiles, excluded: excluded))
        case .polling:
            return PollingWatcher(paths: paths, extraFiles: extraFiles, excluded: excluded)
        }
    }
}

@Suite struct PreviewSourceWatcherTests {
    @Test(arguments: WatcherKind.allCases)
    func aFolderIsWatchedForDocumentsAndDataButNotItsOutputHiddenOrOtherFiles(_ kind: WatcherKind) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "# A")
        try scratch.write("docs/data/x.csv", "x\n1\n")
        try scratch.write("docs/notes.log", "log")
        try scratch.write("docs/.cache/y.md", "cached")
        try scratch.write("docs/site/p.md", "output")
        let template = try scratch.write("page.mustache", "{{{body}}}")
        let watcher = try kind.make(paths: [scratch.url("docs")], extraFiles: [template], excluded: [scratch.url("docs/site")])
        #expect(!watcher.hasChanged())

        try scratch.write("docs/notes.log", "a longer log")
        try scratch.write("docs/preview.txt", "the preview's own output, redirected")
        try scratch.write("docs/.cache/y.md", "cached again")
        try scratch.write("docs/site/p.md", "output again")
        try scratch.write("docs/site/q.md", "new output")
        #expect(!watcher.hasChanged(), "files that are no source")

        try scratch.write("docs/data/x.csv", "x\n1\n2\n")
        #expect(watcher.hasChanged(), "a data file")
        #expect(!watcher.hasChanged(), "a change is told once")

        try scratch.write("page.mustache", "<main>{{{body}}}</main>")
        #expect(watcher.hasChanged(), "the template")

        try scratch.write("docs/sub/b.md", "# B")
        #expect(watcher.hasChanged(), "a new document")

        try FileManager.default.removeItem(atPath: scratch.url("docs/sub/b.md"))
        #expect(watcher.hasChanged(), "a document removed")

        // An editor's save: a new file renamed over the old one.
        try scratch.write("docs/a.md.tmp", "# A, saved")
        #expect(rename(scratch.url("docs/a.md.tmp"), scratch.url("docs/a.md")) == 0)
        #expect(watcher.hasChanged(), "a rename over the document")
        #expect(!watcher.hasChanged())

        // A folder made after the watcher started, then a document in it.
        try FileManager.default.createDirectory(atPath: scratch.url("docs/later/deeper"), withIntermediateDirectories: true)
        #expect(!watcher.hasChanged(), "empty folders bring no source")
        try scratch.write("docs/later/deeper/c.md", "# C")
        #expect(watcher.hasChanged(), "a document in a new folder")
        try scratch.write("docs/later/deeper/c.md", "# C, edited")
        #expect(watcher.hasChanged(), "an edit in a new folder")
    }

    @Test func aChangeEndsInotifysWait() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let doc = try scratch.write("doc.md", "# Doc")
        let watcher = try WatcherKind.inotify.make(paths: [doc])
        #expect(!watcher.waitForChange(timeout: 0.05), "nothing changed")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) {
            try? "# Doc, edited at last".write(toFile: doc, atomically: true, encoding: .utf8)
        }
        #expect(watcher.waitForChange(timeout: 60), "the editor's save, seen while waiting")
        // One save may be several events (the rename, then the close of the
        // file under its new name): the session waits for them to settle.
        var more = 0
        while watcher.waitForChange(timeout: 0.2) { more += 1 }
        #expect(more < 5)
        #expect(!watcher.hasChanged())
    }

    @Test(arguments: WatcherKind.allCases)
    func aFileIsWatchedWithTheDataFilesBesideIt(_ kind: WatcherKind) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let doc = try scratch.write("doc.md", "# Doc")
        try scratch.write("run.json", "{}")
        try scratch.write("sub/deep.csv", "x")
        let watcher = try kind.make(paths: [doc])
        try scratch.write("sub/deep.csv", "x\n1")
        #expect(!watcher.hasChanged(), "only the document's own folder")
        try scratch.write("run.json", "{\"a\": 1}")
        #expect(watcher.hasChanged())
        try scratch.write("doc.md", "# Doc, edited")
        #expect(watcher.hasChanged())
    }

    @Test func aLinkToAnEnclosingFolderDoesNotTrapTheWalk() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("docs/a.md", "# A")
        try FileManager.default.createSymbolicLink(atPath: scratch.url("docs/loop"), withDestinationPath: scratch.url("docs"))
        let watcher = PollingWatcher(paths: [scratch.url("docs")])
        #expect(watcher.snapshot().keys.sorted() == [scratch.url("docs/a.md")])
        #expect(try WatcherKind.inotify.make(paths: [scratch.url("docs")]).hasChanged() == false)
    }
}
