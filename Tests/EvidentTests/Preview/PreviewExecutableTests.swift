import Foundation
import Testing
@testable import EvidentCLI

/// `evident preview` as a user runs it: the `evident` executable parses the
/// options and hands the command line to `evident-preview`, which serves.
@Suite struct PreviewExecutableTests {
    private static func scratch() throws -> String {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-preview-exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "# Served\n\n```evident\nlet x = 6 * 7\n```\n\nThe answer is `{= x}`.\n"
            .write(toFile: folder + "/note.md", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func evidentHandsPreviewToItsHelperWhichServesAndStopsOnCtrlC() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let process = try #require(EvidentProcess.process(["preview", "note.md", "--port", "0"], in: folder))
        let output = Pipe()
        process.standardOutput = output
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = folder + "/cache"
        process.environment = environment
        try process.run()
        let pid = process.processIdentifier
        defer { if process.isRunning { kill(pid, SIGKILL) } }

        // Up to the address line, read as it comes (the server keeps running).
        let reader = output.fileHandleForReading
        var printed = ""
        let deadline = Date().addingTimeInterval(60)
        while printed.firstMatch(of: #/serving [^\n]*\n/#) == nil, Date() < deadline, process.isRunning {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        let address = try #require(printed.firstMatch(of: #/serving http://127\.0\.0\.1:(\d+)/note\.html/#), "printed: \(printed)")
        let port = try #require(UInt16(address.1))
        let page = RawHTTP.body(await RawHTTP.get(port: port, "/note.html"))
        #expect(page.contains("The answer is"))
        #expect(page.contains("42"))

        // The same process (exec keeps the pid) takes Ctrl-C and stops cleanly.
        kill(pid, SIGINT)
        process.waitUntilExit()
        printed += String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(printed.contains("stopped"))
    }

    @Test func aMissingHelperIsAClearUsageError() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // evident alone, without evident-preview beside it.
        let original = try #require(EvidentProcess.executable)
        let lonely = folder + "/bin/evident"
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: original.path, toPath: lonely)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: lonely)
        process.arguments = ["preview", folder + "/note.md"]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("evident: error: cannot start the preview: evident-preview is neither at \(folder)/bin/evident-preview nor at \(folder)/lib/evident/evident-preview"),
                "\(message)")
    }

    @Test func theHelperIsLookedForBesideEvidentThenUnderItsPrefix() {
        let candidates = PreviewOptions.helperCandidates(executable: URL(fileURLWithPath: "/usr/bin/evident"))
        #expect(candidates.map(\.path) == ["/usr/bin/evident-preview", "/usr/lib/evident/evident-preview"])
    }

    @Test func previewOptionsAreCheckedBeforeTheHandOver() throws {
        // A usage error is evident's own, with its exit status, and starts nothing.
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try EvidentProcess.run(["preview", "note.md", "--port", "seventy"], in: folder)
        #expect(result.status == 2)
        #expect(result.error.contains("--port"))
        #expect(!result.output.contains("serving"))
    }
}
