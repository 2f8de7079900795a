import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite(.serialized) struct AtomicFileTests {
    @Test func writesCreatingParentDirectories() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try AtomicFile.write("héllo\n", to: scratch.url("a/b/c.html"))
        #expect(scratch.read("a/b/c.html") == "héllo\n")
        #expect(scratch.files() == ["a/b/c.html"])
    }

    @Test func replacesKeepingTheModeAndLeavesNoTemporaryFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write("page.html", "old content that is longer than the new")
        chmod(path, 0o640)
        try AtomicFile.write("new", to: path)
        #expect(scratch.read("page.html") == "new")
        #expect(scratch.files() == ["page.html"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
    }

    @Test func newFilesFollowTheUmask() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let mask = umask(0o027)
        defer { umask(mask) }
        try AtomicFile.write("x", to: scratch.url("new.html"))
        let attributes = try FileManager.default.attributesOfItem(atPath: scratch.url("new.html"))
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
    }

    @Test func failedRenameLeavesTargetAndNoTemporaryFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("page.html/inside", "kept")
        #expect(throws: FileError.self) { try AtomicFile.write("new", to: scratch.url("page.html")) }
        #expect(scratch.files() == ["page.html/inside"])
        #expect(scratch.read("page.html/inside") == "kept")
    }

    @Test func parentThatIsAFileIsReported() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("file", "x")
        #expect(throws: FileError(.write, path: scratch.url("file/deeper/page.html"), reason: "'\(scratch.url("file"))' exists and is not a directory")) {
            try AtomicFile.write("new", to: scratch.url("file/deeper/page.html"))
        }
        do {
            try AtomicFile.write("new", to: scratch.url("file/page.html"))
            Issue.record("writing below a file succeeded")
        } catch let error as FileError {
            #expect(error.path == scratch.url("file/page.html"))
            #expect(error.description == "cannot write '\(scratch.url("file/page.html"))': '\(scratch.url("file"))' exists and is not a directory")
        }
    }

    /// A write that fails half way (the file-size limit stops it with EFBIG,
    /// even for root) must leave the old file whole and no temporary file.
    @Test func writeFailingHalfWayLeavesTheOldFileWhole() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write("page.html", "the old page")
        let big = String(repeating: "x", count: 1 << 20)

        var saved = rlimit()
        getrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
        let previousHandler = signal(SIGXFSZ, SIG_IGN)
        var limited = saved
        limited.rlim_cur = 64 * 1024
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limited)
        var thrown: Error?
        do { try AtomicFile.write(big, to: path) } catch { thrown = error }
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
        signal(SIGXFSZ, previousHandler)

        let error = try #require(thrown as? FileError)
        #expect(error.reason == String(cString: strerror(EFBIG)))
        #expect(scratch.read("page.html") == "the old page")
        #expect(scratch.files() == ["page.html"])
    }

    @Test(.enabled(if: geteuid() != 0, "root writes into read-only directories"))
    func readOnlyDirectoryIsReportedAndTheOldFileKept() throws {
        let scratch = try ScratchDirectory()
        defer { chmod(scratch.url("ro"), 0o755); scratch.remove() }
        try scratch.write("ro/page.html", "old")
        chmod(scratch.url("ro"), 0o555)
        #expect(throws: FileError.self) { try AtomicFile.write("new", to: scratch.url("ro/page.html")) }
        #expect(scratch.read("ro/page.html") == "old")
        #expect(scratch.files() == ["ro/page.html"])
    }

    /// A page name may be as long as the file system allows (255 bytes):
    /// the temporary file beside it has a short name of its own, whatever
    /// the page's.
    @Test(arguments: [200, 248, 250, 255])
    func pageNamesUpToTheFileSystemLimitAreWritten(_ length: Int) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let name = String(repeating: "a", count: length - 5) + ".html"
        try AtomicFile.write("page", to: scratch.url(name))
        #expect(scratch.read(name) == "page")
        #expect(scratch.files() == [name])
        // Two-byte characters: 127 of them and ".html" (259 bytes) is past
        // the limit, 125 (255 bytes) is not.
        let accented = String(repeating: "é", count: 125) + ".html"
        try AtomicFile.write("page", to: scratch.url(accented))
        #expect(scratch.read(accented) == "page")
        #expect(throws: FileError.self) { try AtomicFile.write("page", to: scratch.url(String(repeating: "é", count: 127) + ".html")) }
        #expect(scratch.files().sorted() == [name, accented].sorted())
    }

    /// The temporary file is recorded for the signal handler while it is
    /// written and forgotten after, whether the write succeeded or failed.
    @Test func temporaryFilesAreRecordedOnlyWhileWritten() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try AtomicFile.write("page", to: scratch.url("page.html"))
        try scratch.write("dir.html/inside", "kept")
        #expect(throws: FileError.self) { try AtomicFile.write("new", to: scratch.url("dir.html")) }
        #expect(!InFlightFiles.shared.registered.contains { $0.hasPrefix(scratch.path) })
    }

    /// What the signal handler does: every recorded file is unlinked, a
    /// forgotten one is not; a full table and a path too long go unrecorded.
    @Test func removeAllUnlinksTheRecordedFiles() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let table = InFlightTable(capacity: 3)
        let paths = try ["a", "b", "c"].map { try scratch.write(".evident-\($0)", "partial") }
        let slots = paths.map { table.register($0) }
        #expect(slots == [0, 1, 2])
        #expect(table.register(scratch.url("d")) == nil)
        table.unregister(1)
        #expect(table.registered == [paths[0], paths[2]])
        table.removeAll()
        #expect(scratch.files() == [".evident-b"])
        #expect(table.register(String(repeating: "x", count: Int(PATH_MAX))) == nil)
        // The slots removeAll emptied are free again.
        #expect(table.registered.isEmpty)
        #expect(table.register(paths[1]) == 0)
        table.removeAll()
        #expect(scratch.files() == [])
    }
}
