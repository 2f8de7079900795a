import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's output goes: standard output for results, standard error
/// for diagnostics, each with its own colour setting.
///
/// Text is written as given; callers end their lines with `\n`.
public struct Console {
    public var writeOutput: (String) -> Void
    public var writeError: (String) -> Void
    /// Whether text written to standard output may carry ANSI colours.
    public var colourOutput: Bool
    /// Whether text written to standard error may carry ANSI colours.
    public var colourError: Bool

    /// The bar long evaluations draw on standard error; nil when standard
    /// error is not a terminal, in CI, or with `TERM=dumb`.
    public var progress: ProgressBar?

    public init(writeOutput: @escaping (String) -> Void, writeError: @escaping (String) -> Void, colourOutput: Bool = false,
                colourError: Bool = false, progress: ProgressBar? = nil) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.colourOutput = colourOutput
        self.colourError = colourError
        self.progress = progress
    }

    /// The process's standard output and error. Each write goes straight to
    /// its file descriptor, so the two streams interleave in program order.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> Console {
        Console(
            writeOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeError: { FileHandle.standardError.write(Data($0.utf8)) },
            colourOutput: Colour.enabled(isTerminal: isatty(STDOUT_FILENO) != 0, environment: environment),
            colourError: Colour.enabled(isTerminal: isatty(STDERR_FILENO) != 0, environment: environment),
            progress: ProgressBar.standardError(environment: environment)
        )
    }

    public func output(_ line: String) { writeOutput(line + "\n") }
    public func error(_ line: String) { writeError(line + "\n") }
}

/// ANSI colours for the words that matter in text output.
public enum Colour: String, Sendable {
    case green = "32"
    case red = "31"
    case bold = "1"

    /// Colour only on a terminal, never when `NO_COLOR` is set (to any value,
    /// even empty) or the terminal is `dumb`; logs stay plain.
    public static func enabled(isTerminal: Bool, environment: [String: String]) -> Bool {
        isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// `text` wrapped in this colour when `enabled`, else `text` unchanged.
    public func paint(_ text: String, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
    }
}
