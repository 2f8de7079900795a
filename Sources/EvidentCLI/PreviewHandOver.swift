import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `evident preview` becomes `evident-preview`. The preview server's
/// HTTP package links libcurl and some thirty libraries behind it, which
/// every process would load at its start (docs/performance.md); in an
/// executable of its own, no other command pays for them. `evident` parses the options (its help and usage
/// errors are the same as ever), then replaces itself by the helper with
/// the same command line: the same process, so its signals, output and exit
/// status are the preview's.
enum PreviewHandOver {
    /// The name of the serving executable.
    static let helperName = "evident-preview"

    /// Why the hand-over could not happen.
    enum Failure: Error, CustomStringConvertible {
        case notAPreviewCommandLine([String])
        case unknownExecutable
        case missing([URL])
        case notStarted(URL, reason: String)

        var description: String {
            switch self {
            case .notAPreviewCommandLine(let arguments):
                return "cannot start the preview: the command line \(arguments) does not start with `preview`"
            case .unknownExecutable:
                return "cannot start the preview: the path of this executable is unknown"
            case .missing(let candidates):
                return "cannot start the preview: \(helperName) is neither at \(candidates.map(\.path).joined(separator: " nor at ")) "
                    + "(`swift build` builds it beside evident, `--product evident` alone does not; the package installs it)"
            case .notStarted(let helper, let reason):
                return "cannot start the preview: \(helper.path): \(reason)"
            }
        }
    }

    /// What followed `preview` on a process's command line (`arguments`,
    /// the program's name first; `preview` can only come next).
    static func arguments(after arguments: [String]) throws -> [String] {
        guard arguments.count >= 2, arguments[1] == "preview" else { throw Failure.notAPreviewCommandLine(Array(arguments.dropFirst())) }
        return Array(arguments.dropFirst(2))
    }

    /// Where `evident-preview` is, for the `evident` at `executable`: beside
    /// it (a build's `.build/release`), or in `../lib/evident` (installed
    /// under a prefix, as the package does).
    static func helperCandidates(executable: URL) -> [URL] {
        let directory = executable.deletingLastPathComponent()
        return [directory.appendingPathComponent(helperName),
                directory.deletingLastPathComponent().appendingPathComponent("lib/evident/\(helperName)")]
    }

    /// Replaces this process by `evident-preview` with `arguments`; returns
    /// only by throwing.
    static func exec(arguments: [String]) throws -> Never {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { throw Failure.unknownExecutable }
        let candidates = helperCandidates(executable: executable)
        guard let helper = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw Failure.missing(candidates)
        }
        fflush(stdout)
        let argv = ([helper.path] + arguments).map { strdup($0) } + [nil]
        execv(helper.path, argv)
        let reason = String(cString: strerror(errno))
        argv.forEach { free($0) }
        throw Failure.notStarted(helper, reason: reason)
    }
}
