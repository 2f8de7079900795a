import Evident
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Console {
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
}

extension Colour {
    /// Colour only on a terminal, never when `NO_COLOR` is set (to any value,
    /// even empty) or the terminal is `dumb`; logs stay plain.
    public static func enabled(isTerminal: Bool, environment: [String: String]) -> Bool {
        isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }
}
