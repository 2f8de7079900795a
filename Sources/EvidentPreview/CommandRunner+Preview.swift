import EvidentCLI
import Foundation
import Synchronization

extension CommandRunner {
    /// `evident preview PATH [--port N]`: builds `path` into a temporary
    /// folder, serves it on 127.0.0.1 and rebuilds on every change of the
    /// sources, until `shouldStop` says so (Ctrl-C); then stops serving and
    /// removes the folder.
    ///
    /// Runs on a thread of its own (the command's main thread), never in a
    /// task: it waits for the server's tasks.
    func preview(path: String, port: UInt16, poll: Bool = false, options: CommandOptions, interval: TimeInterval = 0.1,
                        shouldStop: @escaping () -> Bool) -> CommandExit {
        var options = options
        options.inputPaths = [path]
        // A server builds again and again for as long as it runs: its
        // heap keeps glibc's own policy of giving memory back.
        var runner = self
        runner.reservesHeap = false
        let session: PreviewSession
        do {
            session = try PreviewSession(paths: [path], options: options, runner: runner, port: port, poll: poll)
        } catch {
            reportError("cannot make the preview's folder: \(error)")
            return .error
        }
        let started: Result<URL, Error> = PreviewSession.wait {
            do { return .success(try await session.start()) } catch { return .failure(error) }
        }
        switch started {
        case .success(let url):
            console.output("serving \(url.absoluteString) (Ctrl-C stops)")
        case .failure(let error):
            reportError("cannot serve the preview: \(error)")
            PreviewSession.wait { await session.stop() }
            return .error
        }
        // `interval` bounds how long a Ctrl-C waits to be seen.
        while !shouldStop() {
            guard session.waitForSettledChange(timeout: interval), !shouldStop() else { continue }
            PreviewSession.wait { await session.build() }
        }
        PreviewSession.wait { await session.stop() }
        console.output("stopped")
        return .success
    }
}

/// Set once Ctrl-C (SIGINT) or SIGTERM arrived (when it catches them), or
/// by `set()`; the preview's loop stops at its next look.
final class StopSignal: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let catches = Atomic<Bool>(false)
    /// What the signal handler sets: a C handler captures nothing, so it is
    /// the process's one flag, and a lock-free store is safe inside it.
    private static let signalled = Atomic<Bool>(false)

    var isSet: Bool {
        stopped.load(ordering: .acquiring) || (catches.load(ordering: .acquiring) && Self.signalled.load(ordering: .acquiring))
    }

    func set() { stopped.store(true, ordering: .releasing) }

    /// Catches SIGINT and SIGTERM instead of letting them end the process
    /// at once (which would leave the temporary folder behind). The handler
    /// is in place when this returns, so a signal that follows at once is
    /// not lost (a dispatch signal source, registered later on another
    /// thread, ignored one that came first), and this thread takes them
    /// even if the process started with them blocked (a parent's mask is
    /// inherited).
    func catchSignals() {
        catches.store(true, ordering: .releasing)
        var both = sigset_t()
        sigemptyset(&both)
        for number in [SIGINT, SIGTERM] {
            signal(number) { _ in StopSignal.signalled.store(true, ordering: .releasing) }
            sigaddset(&both, number)
        }
        pthread_sigmask(SIG_UNBLOCK, &both, nil)
    }
}
