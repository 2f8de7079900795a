import Synchronization
import FlyingFox
import FlyingSocks
import Foundation

/// The errors of the last build, shown in each HTML page served.
actor PreviewErrors {
    private(set) var lines: [String] = []
    func set(_ lines: [String]) { self.lines = lines }
}

/// Serves the files below the output folder on 127.0.0.1, each HTML page
/// with the reload script (and the errors' overlay) added in memory, and the
/// rebuild events at `PreviewInjection.eventsPath`.
final class PreviewServer: Sendable {
    let files: PreviewFiles
    let events = PreviewEvents()
    let errors = PreviewErrors()
    /// The port asked for; 0 for a free one.
    let requestedPort: UInt16
    private let server: HTTPServer

    /// Listens on 127.0.0.1 only: the pages are the author's drafts.
    init(root: String, port: UInt16) throws {
        files = PreviewFiles(root: root)
        requestedPort = port
        server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, logger: .disabled)
    }

    /// Starts listening and returns the port (a free one when 0 was asked).
    func start() async throws -> UInt16 {
        await server.appendRoute("GET /*") { [self] request in await response(for: request.path) }
        // A port in use ends `run()` at once; waiting for the listening
        // alone would wait out its timeout.
        let failure = StartFailure()
        Task { [server] in
            do { try await server.run() } catch { failure.set(error) }
        }
        // The deadline only bounds a start that neither listens nor fails;
        // a task on a pool busy with other work (as in the test suite, on
        // two cores) took more than 5 s to be run at all.
        let deadline = Date().addingTimeInterval(30)
        while await !server.isListening {
            if let error = failure.error {
                if case let SocketError.failed(_, _, message) = error {
                    throw PreviewError("cannot listen on 127.0.0.1:\(requestedPort): \(message)")
                }
                throw error
            }
            guard Date() < deadline else { throw PreviewError("the server did not start listening") }
            try await Task.sleep(nanoseconds: 2_000_000)
        }
        guard case let .ip4(_, port)? = await server.listeningAddress else {
            throw PreviewError("the server is not listening on an IPv4 address")
        }
        return port
    }

    /// Ends every event stream and stops the server.
    func stop() async {
        await events.finishAll()
        await server.stop(timeout: 1)
    }

    /// The answer to `GET path`.
    func response(for path: String) async -> HTTPResponse {
        if path == PreviewInjection.eventsPath {
            return HTTPResponse(statusCode: .ok,
                                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                                body: HTTPBodySequence(from: await events.open()))
        }
        guard let file = files.file(for: path), let data = FileManager.default.contents(atPath: file) else {
            let page = PreviewInjection.inject(into: "<!DOCTYPE html><title>Not found</title><body><p>Nothing is built at \(PreviewInjection.escape(path.removingPercentEncoding ?? path)).</p></body>",
                                               errors: await errors.lines)
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                                body: Data(page.utf8))
        }
        let type = PreviewFiles.contentType(of: file)
        var body = data
        if type.hasPrefix("text/html") {
            body = Data(PreviewInjection.inject(into: String(decoding: data, as: UTF8.self), errors: await errors.lines).utf8)
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
    }
}

/// Why the server's run ended, as soon as it did.
private final class StartFailure: Sendable {
    private let stored = Mutex<Error?>(nil)
    var error: Error? { stored.withLock { $0 } }
    func set(_ error: Error) { stored.withLock { $0 = error } }
}

/// A preview that cannot start.
struct PreviewError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
