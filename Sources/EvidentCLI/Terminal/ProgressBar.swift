import Evident
import EvidentLanguage
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar for long evaluations, redrawn in place on a
/// terminal's standard error:
///
///     report.md  block 3/7  ▕██████░░░░░░▏ 12,000/50,000 map  8,532/s
///
/// It appears only once a document has taken `delay` seconds, redraws at
/// most every `interval` seconds (also while a long block runs, from a timer,
/// showing the seconds spent when the block reports no counts of its own)
/// and erases itself when the document is done, so quick runs print nothing. `standardError` makes one only when
/// standard error is a terminal outside CI (`CI` unset) and `TERM` is not
/// `dumb`: logs, JSON, JUnit and GitHub output and pages never see it.
///
/// Thread-safe: long operations may report from several threads. Every
/// stored state is read and written under `lock` (`locked`), hence
/// `@unchecked Sendable`: the timer and the writer it calls are not
/// `Sendable` types.
public final class ProgressBar: DocumentProgress, @unchecked Sendable {
    private let write: (String) -> Void
    private let now: () -> Double
    private let delay: Double
    private let interval: Double
    private let lock = NSLock()

    private var file = ""
    private var items = 0
    private var itemsDone = 0
    private var documentStart = 0.0
    private var operation: (label: String, done: Int, total: Int, start: Double)?
    private var lastDraw = -Double.infinity
    private var shown = false
    private var active = false
    private let ticking: Bool
    private var timer: DispatchSourceTimer?

    /// `write` receives the escape sequences and text; `now` is a clock in
    /// seconds; `ticking` redraws from a timer between reports.
    public init(write: @escaping (String) -> Void, now: @escaping () -> Double = ProgressBar.monotonicSeconds,
                delay: Double = 0.5, interval: Double = 0.1, ticking: Bool = false) {
        self.write = write
        self.now = now
        self.delay = delay
        self.interval = interval
        self.ticking = ticking
    }

    /// A bar on the process's standard error, or nil when it must stay quiet.
    public static func standardError(environment: [String: String] = ProcessInfo.processInfo.environment) -> ProgressBar? {
        guard shows(isTerminal: isatty(STDERR_FILENO) != 0, environment: environment) else { return nil }
        return ProgressBar(write: { FileHandle.standardError.write(Data($0.utf8)) }, ticking: true)
    }

    /// Whether a bar may be drawn: on a terminal, outside CI, unless `TERM=dumb`.
    public static func shows(isTerminal: Bool, environment: [String: String]) -> Bool {
        isTerminal && environment["CI"] == nil && environment["TERM"] != "dumb"
    }

    public static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// A document with `items` blocks and spans starts evaluating.
    public func beginDocument(_ file: String, items: Int) {
        locked {
            self.file = file
            self.items = items
            itemsDone = 0
            operation = nil
            documentStart = now()
            active = true
            guard ticking else { return }
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + delay, repeating: interval)
            timer.setEventHandler { [weak self] in self?.locked { self?.drawIfDue() } }
            timer.resume()
            self.timer = timer
        }
    }

    /// `done` of the document's blocks and spans are evaluated.
    public func itemsDone(_ done: Int) {
        locked {
            itemsDone = done
            operation = nil
            drawIfDue()
        }
    }

    /// `done` of `total` items of a long operation (`label`, e.g. `map`)
    /// inside the current block are finished (`OperationProgress`).
    public func operation(_ label: String, done: Int, total: Int) {
        locked {
            let t = now()
            if operation?.label != label || (operation?.done ?? 0) > done {
                operation = (label, done, total, t)
            } else {
                operation?.done = done
                operation?.total = total
            }
            drawIfDue()
        }
    }

    /// The document is done: the bar, if shown, is erased.
    public func endDocument() {
        locked {
            active = false
            timer?.cancel()
            timer = nil
            if shown { write("\r\u{1B}[K") }
            shown = false
            operation = nil
            lastDraw = -Double.infinity
        }
    }

    /// The line the bar shows now (without escape sequences): the block
    /// being evaluated, then a bar with counts and rate for the long
    /// operation inside it if it reports one, else for the document's blocks
    /// and spans, and the seconds spent.
    func line(at t: Double) -> String {
        var text = file.count > 30 ? "…" + String(file.suffix(29)) : file
        text += "  block \(Self.grouped(min(itemsDone + 1, items)))/\(Self.grouped(items))"
        if let operation, operation.total > 0 {
            text += "  " + Self.bar(operation.done, of: operation.total)
            text += " \(Self.grouped(operation.done))/\(Self.grouped(operation.total)) \(operation.label)"
            let elapsed = t - operation.start
            if elapsed > 0 { text += "  \(Self.grouped(Int((Double(operation.done) / elapsed).rounded())))/s" }
        } else {
            text += "  " + Self.bar(itemsDone, of: max(items, 1))
            let elapsed = t - documentStart
            text += "  " + String(format: "%.1f s", max(0, elapsed))
        }
        return text
    }

    static func bar(_ done: Int, of total: Int, width: Int = 20) -> String {
        let filled = max(0, min(width, done * width / max(total, 1)))
        return "▕" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "▏"
    }

    private func drawIfDue() {
        let t = now()
        guard active, t - documentStart >= delay, t - lastDraw >= interval * 0.9 else { return }
        lastDraw = t
        shown = true
        write("\r\u{1B}[K" + line(at: t))
    }

    private func locked(_ body: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body()
    }

    /// `12345678` → `12,345,678`.
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
