import ArgumentParser
import Evident
import Foundation
import InfoGeometry

/// What an executable's `main` does (`evident` and `evident-preview` alike):
/// parse the command line as `Command`, run it and end the process with
/// its exit code, printing an error as ArgumentParser would but ending usage
/// errors with 2 instead of its 64.
package enum CommandMain {
    package static func run<Command: ParsableCommand>(_ command: Command.Type) -> Never {
        LAPACK.preferSingleThreadedBLAS()
        HeapGrowth.apply()
        // A page or cache file half written when Ctrl-C, SIGTERM or SIGHUP
        // ends the command is removed first (`preview` catches SIGINT and
        // SIGTERM itself, to stop cleanly).
        InFlightFiles.removeOnEndingSignals()
        do {
            var parsed = try Command.parseAsRoot()
            try parsed.run()
            exit(0)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let message = Command.fullMessage(for: error)
            if Command.exitCode(for: error) == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            exit(CommandExit.error.rawValue)
        }
    }

    /// Ends the command with `status` unless it is success.
    package static func finish(_ status: CommandExit) throws {
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
