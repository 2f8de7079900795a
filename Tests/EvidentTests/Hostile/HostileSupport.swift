import Foundation
import Testing
import Evident
import EvidentMarkdown

/// Runs the real `evident` executable (built beside the test bundle) in its
/// own process, so that a crash or a stack overflow fails one case instead of
/// the whole test run, and a hang is cut off.
enum EvidentProcess {
    struct Result {
        var status: Int32
        var output: String
        var error: String
        var timedOut: Bool
        /// Ended by a signal (a crash, or the hang guard's kill) rather than
        /// an exit; `status` is then the signal's number.
        var signalled = false
    }

    /// The hang guard: far above what any hostile document needs (each takes
    /// well under a second), so it never acts as a timing assertion.
    static let hangGuard: TimeInterval = 120

    /// `.build/<config>/evident`, next to the `.xctest` bundle.
    static var executable: URL? {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("evident")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        for bundle in Bundle.allBundles {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("evident")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// The evident executable with `arguments`, in `directory`, its standard
    /// streams on /dev/null, not yet started (nil when it is not built).
    static func process(_ arguments: [String], in directory: String) -> Process? {
        guard let executable else { return nil }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        return process
    }

    /// `environment` is added to the test's own (a value of "" removes the variable).
    static func run(_ arguments: [String], in directory: String, limit: TimeInterval = hangGuard,
                    environment extra: [String: String] = [:]) throws -> Result {
        guard let process = process(arguments, in: directory) else {
            throw HostileError("the evident executable is not built beside the tests (run `swift build` first)")
        }
        let scratch = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let captured = try CapturedOutput(in: scratch, for: process)
        defer { captured.close() }

        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["NO_COLOR"] = "1"
        // The user's cache of this run, removed with it.
        environment["XDG_CACHE_HOME"] = scratch + "/cache"
        for (name, value) in extra { environment[name] = value.isEmpty ? nil : value }
        process.environment = environment
        try process.run()
        let deadline = Date().addingTimeInterval(limit)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                Thread.sleep(forTimeInterval: 1)
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: captured.output, error: captured.error, timedOut: timedOut,
                      signalled: process.terminationReason == .uncaughtSignal)
    }

    /// Files `out` and `err` in a folder that a process's standard output
    /// and error go to, and their text read back (a pipe that nobody reads
    /// fills and stops the process).
    struct CapturedOutput {
        let outPath: String
        let errPath: String
        private let out: FileHandle
        private let err: FileHandle

        init(in folder: String, for process: Process) throws {
            (outPath, errPath) = (folder + "/out", folder + "/err")
            FileManager.default.createFile(atPath: outPath, contents: nil)
            FileManager.default.createFile(atPath: errPath, contents: nil)
            out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
            err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
            process.standardOutput = out
            process.standardError = err
        }

        func close() {
            try? out.close()
            try? err.close()
        }

        /// What the process has written so far.
        var output: String { Self.read(outPath) }
        var error: String { Self.read(errPath) }

        private static func read(_ path: String) -> String {
            String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        }
    }
}

struct HostileError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The first piece of active content in `html` (see `ActiveContent.find`).
func activeContent(in html: String) -> String? { ActiveContent.find(in: html) }
