import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import Evident
@testable import EvidentCLI
@testable import EvidentPreview
@testable import EvidentLanguage

/// A console whose text may be written by one thread and read by another.
final class SharedConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var written = ""

    var text: String { lock.withLock { written } }

    var console: Console {
        Console(writeOutput: { line in self.lock.withLock { self.written += line } },
                writeError: { line in self.lock.withLock { self.written += line } })
    }
}

/// The runner `evident` itself uses: the real pipeline and engine.
func realRunner(_ console: Console) -> CommandRunner {
    var runner = CommandRunner(console: console) { options in
        let pipeline = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator)
        return { file, source, mode in pipeline.process(file: file, source: source, mode: mode) }
    }
    // The user's cache of the test run, not of the user.
    runner.environment["XDG_CACHE_HOME"] = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-test-cache")
    return runner
}

/// HTTP over a plain socket, so that a request path is sent exactly as
/// written (a URL library would resolve `..` first).
enum RawHTTP {
    /// Sends `GET target` to 127.0.0.1:`port` and reads the answer until the
    /// server closes, `enough` holds for what was read, or `timeout` passes.
    /// Runs on a thread of its own, since it blocks.
    static func get(port: UInt16, _ target: String, timeout: TimeInterval = 5,
                    until enough: @escaping @Sendable (String) -> Bool = { _ in false }) async -> String {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: fetch(port: port, target, timeout: timeout, until: enough))
            }.start()
        }
    }

    private static func fetch(port: UInt16, _ target: String, timeout: TimeInterval, until enough: (String) -> Bool) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return "" }
        var wait = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            if count > 0 {
                received += buffer[0..<count]
                if enough(String(decoding: received, as: UTF8.self)) { break }
            }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// The body of a whole answer (after the blank line ending the headers).
    static func body(_ answer: String) -> String {
        guard let end = answer.range(of: "\r\n\r\n") else { return "" }
        return String(answer[end.upperBound...])
    }
}

/// Waits until `condition` holds or `timeout` passes; whether it held.
func eventually(timeout: TimeInterval = 10, _ condition: () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(nanoseconds: 50_000_000)
    }
    return await condition()
}

extension PreviewSession {
    /// What the preview's loop does on each turn, without waiting: rebuilds
    /// when the sources changed since the last look; returns whether it did.
    @discardableResult
    func rebuildIfChanged() async -> Bool {
        guard waitForSettledChange(timeout: 0) else { return false }
        await build()
        return true
    }
}
