import Foundation
import Testing
@testable import Evident

/// SIGTERM, SIGINT or SIGHUP arriving while a page is being written ends
/// the build by that signal (its parent sees the same status) and leaves no
/// hidden temporary file behind: the handler removes the files in flight.
@Suite struct SignalCleanupTests {
    /// A page of about 24 MB (a 6 MB image embedded three times), whose
    /// write and `fsync` last long enough for a signal sent as soon as its
    /// temporary file appears to arrive during the write.
    static func scene() throws -> String {
        let root = HostileScratch.make()
        let image = Data((0..<(6 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try image.write(to: URL(fileURLWithPath: root + "/big.png"))
        try "# Big\n\n![a](big.png) ![b](big.png) ![c](big.png)\n".write(toFile: root + "/doc.md", atomically: false, encoding: .utf8)
        return root
    }

    static func temporaryFiles(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix(AtomicFile.temporaryPrefix) }
    }

    /// Starts `process` from this thread with the ending signals
    /// unblocked: a child inherits its parent thread's signal mask, and the
    /// test runner's threads (dispatch's) block them, so a signal sent to
    /// the child would wait, pending, until it exited.
    static func runWithEndingSignalsUnblocked(_ process: Process) throws {
        var unblocked = sigset_t(), saved = sigset_t()
        sigemptyset(&unblocked)
        for number in InFlightFiles.endingSignals { sigaddset(&unblocked, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try process.run()
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func signalDuringAWriteLeavesNoTemporaryFile(_ number: Int32) throws {
        guard EvidentProcess.executable != nil else {
            Issue.record("the evident executable is not built beside the tests")
            return
        }
        let root = try Self.scene()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = root + "/out"
        var landed = 0
        for _ in 0..<10 where landed == 0 {
            try? FileManager.default.removeItem(atPath: out)
            let process = try #require(EvidentProcess.process(["build", "doc.md", "-o", "out", "--no-cache"], in: root))
            try Self.runWithEndingSignalsUnblocked(process)
            var sent = false
            let deadline = Date().addingTimeInterval(EvidentProcess.hangGuard)
            while process.isRunning, Date() < deadline {
                if !Self.temporaryFiles(in: out).isEmpty {
                    kill(process.processIdentifier, number)
                    sent = true
                    break
                }
                usleep(100)
            }
            process.waitUntilExit()
            #expect(Self.temporaryFiles(in: out).isEmpty, "signal \(number) left \(Self.temporaryFiles(in: out))")
            if sent {
                // The write may have ended between the look and the signal: the page is then whole.
                #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == number,
                        "signal \(number): ended with \(process.terminationReason == .exit ? "exit" : "signal") \(process.terminationStatus)")
                if let page = try? String(contentsOfFile: out + "/doc.html", encoding: .utf8) {
                    #expect(page.hasSuffix("</html>\n"), "a half-written page (\(page.utf8.count) bytes)")
                } else {
                    landed += 1
                }
            } else {
                #expect(process.terminationStatus == 0)
            }
        }
        #expect(landed > 0, "no signal \(number) arrived during a write in 10 builds")
    }
}
