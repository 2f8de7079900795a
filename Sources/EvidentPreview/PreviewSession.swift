import Evident
import EvidentCLI
import Foundation
import Synchronization

/// `evident preview`: builds the documents into a temporary folder (the
/// result cache where `build` keeps it), serves that folder, and rebuilds and tells the
/// open pages to reload when a source changes.
///
/// The building itself is synchronous work inside `build()`; the serving
/// happens on the server's tasks.
final class PreviewSession {
    let paths: [String]
    let options: CommandOptions
    let runner: CommandRunner
    /// The temporary output folder, removed by `stop()`.
    let output: String
    let server: PreviewServer
    var watcher: SourceWatcher
    /// How long the sources must stay unchanged before a rebuild starts, so
    /// that an editor's several writes make one rebuild.
    var debounce: TimeInterval = 0.05
    /// How many builds have finished.
    private(set) var builds = 0

    /// Watches with inotify where it can, else (or with `poll`) by polling.
    init(paths: [String], options: CommandOptions, runner: CommandRunner, port: UInt16, poll: Bool = false) throws {
        self.paths = paths
        self.options = options
        self.runner = runner
        output = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        server = try PreviewServer(root: output, port: port)
        watcher = Self.watcher(paths: paths, extraFiles: options.templatePath.map { [$0] } ?? [], excluded: [output], poll: poll)
    }

    static func watcher(paths: [String], extraFiles: [String], excluded: [String], poll: Bool) -> SourceWatcher {
        #if canImport(Glibc)
        if !poll, let watcher = InotifyWatcher(paths: paths, extraFiles: extraFiles, excluded: excluded) {
            return watcher
        }
        #endif
        return PollingWatcher(paths: paths, extraFiles: extraFiles, excluded: excluded)
    }

    /// Builds once and starts serving; returns the address of the site (of
    /// the page, when one file was given).
    func start() async throws -> URL {
        await build()
        let port = try await server.start()
        var address = "http://127.0.0.1:\(port)/"
        var isDirectory: ObjCBool = false
        if paths.count == 1, FileManager.default.fileExists(atPath: paths[0], isDirectory: &isDirectory), !isDirectory.boolValue {
            let page = PagePath.withHTMLExtension((paths[0] as NSString).lastPathComponent)
            address += page.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? page
        }
        guard let url = URL(string: address) else { throw PreviewError("no address for \(address)") }
        return url
    }

    /// Builds the site into the output folder (a document with errors keeps
    /// its last good page there), records the errors for the overlay, and
    /// tells the open pages to reload.
    func build() async {
        var captured = ""
        let console = runner.console
        var teeing = runner
        teeing.console = Console(writeOutput: console.writeOutput,
                                 writeError: { captured += $0; console.writeError($0) },
                                 colourOutput: console.colourOutput, colourError: console.colourError)
        let (status, reports) = teeing.buildSite(paths: paths, outputDirectory: output, options: options)
        var errors = PreviewInjection.errorLines(reports.flatMap(\.diagnostics))
        if errors.isEmpty, status == .error {
            // Stopped before any document was processed (a file unreadable,
            // a template missing): what the build said is all there is.
            errors = captured.split(separator: "\n").map(String.init).filter { $0.contains("error") }
            if errors.isEmpty { errors = ["the build failed"] }
        }
        builds += 1
        await server.errors.set(errors)
        await server.events.send("reload", data: String(builds))
    }

    /// Waits at most `timeout` for a change to the sources and, after one,
    /// until they have stayed unchanged for `debounce` (so an editor's
    /// several writes make one rebuild); returns whether there was a change.
    /// Blocks the thread: call it from the preview's own thread.
    func waitForSettledChange(timeout: TimeInterval) -> Bool {
        guard watcher.waitForChange(timeout: timeout) else { return false }
        while watcher.waitForChange(timeout: debounce) {}
        return true
    }


    /// Stops serving and removes the output folder.
    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(atPath: output)
    }

    /// Runs `body` to its end from synchronous code and gives its result
    /// (never from a task: it blocks the thread).
    @discardableResult
    static func wait<T>(_ body: @escaping () async -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task {
            let value = await body()
            box.value.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return box.value.withLock { $0! }
    }
}

/// Carries a task's result to the thread waiting for it.
private final class ResultBox<T>: Sendable {
    let value = Mutex<T?>(nil)
}
