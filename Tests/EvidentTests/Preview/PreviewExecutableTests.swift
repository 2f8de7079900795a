import Foundation
import Testing
@testable import EvidentCLI

/// `evident preview` as a user runs it: the `evident` executable parses the
/// options and hands the command line to `evident-preview`, which serves.
@Suite struct PreviewExecutableTests {
    /// A folder with a one-span note; removed by the caller.
    private static func scratch() throws -> String {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-preview-exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "# Served\n\n```evident\nlet x = 6 * 7\n```\n\nThe answer is `{= x}`.\n"
            .write(toFile: folder + "/note.md", atomically: true, encoding: .utf8)
        return folder
    }

    /// A copy of the built `evident` alone in `folder`/bin, without the
    /// helper beside it; its path with symbolic links resolved.
    private static func lonelyEvident(in folder: String) throws -> String {
        let original = try #require(EvidentProcess.executable)
        let bin = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: original.path, toPath: bin + "/evident")
        return bin + "/evident"
    }

    /// Runs `executable` with `arguments` in `folder` to its end; its status and standard error.
    private static func run(_ executable: String, _ arguments: [String], in folder: String) throws -> (status: Int32, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    /// Starts `executable preview note.md --port 0` in `folder`, waits for
    /// the address, reads the page, checks that the process serving is
    /// `evident-preview`, then sends Ctrl-C and expects a clean stop.
    private static func servePreview(_ executable: URL, in folder: String) async throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["preview", "note.md", "--port", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = folder + "/cache"
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let captured = try EvidentProcess.CapturedOutput(in: folder, for: process)
        defer { captured.close() }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        defer { if process.isRunning { kill(pid, SIGKILL) } }

        // The server keeps running: its output is looked at until the address shows.
        let deadline = Date().addingTimeInterval(EvidentProcess.hangGuard)
        while captured.output.firstMatch(of: #/serving [^\n]*\n/#) == nil, process.isRunning, Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let printed = captured.output
        let address = try #require(printed.firstMatch(of: #/serving http://127\.0\.0\.1:(\d+)/note\.html/#),
                                   "printed: \(printed) \(captured.error)")
        // The same process now runs the helper (exec keeps the pid).
        let image = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")
        #expect(image.hasSuffix("/evident-preview"), "the serving process runs \(image)")
        let port = try #require(UInt16(address.1))
        let page = RawHTTP.body(await RawHTTP.get(port: port, "/note.html"))
        #expect(page.contains("The answer is"))
        #expect(page.contains("42"))

        kill(pid, SIGINT)
        // A deadline of its own: in the full suite this task can wait its
        // turn for longer than the first deadline left.
        let stopDeadline = Date().addingTimeInterval(EvidentProcess.hangGuard)
        while process.isRunning, Date() < stopDeadline { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(!process.isRunning, "Ctrl-C did not stop the preview")
        guard !process.isRunning else { return }
        #expect(process.terminationStatus == 0, "\(captured.error)")
        #expect(captured.output.contains("stopped"))
    }

    @Test func evidentHandsPreviewToItsHelperWhichServesAndStopsOnCtrlC() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await Self.servePreview(try #require(EvidentProcess.executable), in: folder)
    }

    @Test func aLinkToEvidentFindsTheHelperBesideTheRealFile() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let link = folder + "/evident"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: try #require(EvidentProcess.executable).path)
        try await Self.servePreview(URL(fileURLWithPath: link), in: folder)
    }

    @Test func aMissingHelperIsReported() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let evident = try Self.lonelyEvident(in: folder)
        let prefix = URL(fileURLWithPath: evident).deletingLastPathComponent().deletingLastPathComponent().path
        let result = try Self.run(evident, ["preview", "note.md"], in: folder)
        #expect(result.status == 2)
        #expect(result.error.contains("evident: error: cannot start the preview: evident-preview is neither at \(prefix)/bin/evident-preview nor at \(prefix)/lib/evident/evident-preview"),
                "\(result.error)")
    }

    @Test func aHelperThatCannotRunIsReported() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let evident = try Self.lonelyEvident(in: folder)
        let helper = (evident as NSString).deletingLastPathComponent + "/evident-preview"
        FileManager.default.createFile(atPath: helper, contents: Data(repeating: 0x7F, count: 64), attributes: [.posixPermissions: 0o755])
        let result = try Self.run(evident, ["preview", "note.md"], in: folder)
        #expect(result.status == 2)
        #expect(result.error.contains("evident: error: cannot start the preview: \(helper): "), "\(result.error)")
    }

    @Test func previewOptionsAreCheckedBeforeTheHandOver() throws {
        // Without a helper to hand over to, a bad option is still evident's own usage error.
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try Self.run(try Self.lonelyEvident(in: folder), ["preview", "note.md", "--port", "seventy"], in: folder)
        #expect(result.status == 2)
        #expect(result.error.contains("--port"), "\(result.error)")
        #expect(!result.error.contains("cannot start the preview"))
    }

    @Test func theHelperGetsWhatFollowedPreview() throws {
        #expect(try PreviewHandOver.arguments(after: ["evident", "preview", "notes", "--port", "0"]) == ["notes", "--port", "0"])
        // A program or a folder called "preview" changes nothing.
        #expect(try PreviewHandOver.arguments(after: ["preview", "preview", "preview"]) == ["preview"])
        #expect(throws: PreviewHandOver.Failure.self) { try PreviewHandOver.arguments(after: ["evident", "build", "preview"]) }
    }

    @Test func previewTakesBuildsPageOptions() throws {
        // Without --math-font the project file's choice applies, as for `build`.
        #expect(try PreviewOptions.parse(["note.md"]).commandOptions.mathFont == nil)
        let options = try PreviewOptions.parse(["note.md", "--math-font", "system", "--template", "t.mustache", "--unsafe"]).commandOptions
        #expect(options.mathFont == .system)
        #expect(options.templatePath == "t.mustache")
        #expect(options.unsafeHTML)
    }

    @Test func theHelperIsLookedForBesideEvidentThenUnderItsPrefix() {
        let candidates = PreviewHandOver.helperCandidates(executable: URL(fileURLWithPath: "/usr/bin/evident"))
        #expect(candidates.map(\.path) == ["/usr/bin/evident-preview", "/usr/lib/evident/evident-preview"])
    }
}
