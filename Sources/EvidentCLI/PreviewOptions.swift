import ArgumentParser
import Evident
import EvidentLanguage
import EvidentMarkdown
import Foundation
import InfoGeometry
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `evident preview`'s arguments. `evident` parses them (for its help and its
/// usage errors), then hands the same command line to `evident-preview`,
/// which parses them again and serves. The preview server's HTTP package
/// links libraries (libcurl and what it loads) that cost every process about
/// 5 ms to load; in an executable of its own, no other command pays for them.
package struct PreviewOptions: ParsableArguments {
    package static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Serve the pages on 127.0.0.1 and rebuild and reload them as the sources change.",
        discussion: """
        Builds PATH (a document or a directory, as `evident build` does) into a temporary folder (the \
        result cache where `evident build` keeps it), and serves it on 127.0.0.1 only, printing the address. The documents, \
        the data files in their folders (.csv, .tsv, .json) and the template are watched; on a change the \
        site is rebuilt and open pages reload, keeping their scroll position. After a build with errors \
        a page shows the last good version with the errors listed over it. The reload script and the \
        list exist only in what is served, never in files. Ctrl-C stops and removes the folder.
        """
    )

    @ArgumentParser.Argument(help: "A Markdown file or a directory.")
    package var path: String

    @Option(help: ArgumentHelp("The port to listen on; 0 takes a free one.", valueName: "n"))
    package var port: UInt16 = 0

    @Flag(help: "Watch by looking at the files' times and sizes every 100 ms instead of with inotify (for network file systems, where inotify sees no remote change).")
    package var poll = false

    @OptionGroup var params: ParamOptions

    @OptionGroup var limits: LimitOptions

    @Option(help: ArgumentHelp("A Mustache page template.", valueName: "file"))
    var template: String?

    @Flag(help: "Let author HTML and javascript: links through.")
    var unsafe = false

    @Option(help: ArgumentHelp("Where formulas take their font from: `embedded` or `system`.", valueName: "embedded|system"))
    var mathFont: MathFontChoice = .embedded

    @OptionGroup var read: ReadOptions

    package init() {}

    /// What the build of each change is given.
    package var commandOptions: CommandOptions {
        var options = CommandOptions(params: params.params, limits: limits.limits, templatePath: template, unsafeHTML: unsafe)
        options.mathFont = mathFont
        options.allowRead = read.directories
        return options
    }

    /// The name of the serving executable.
    static let helperName = "evident-preview"

    /// Where `evident-preview` is, for the `evident` at `executable`: beside
    /// it (a build's `.build/release`), or in `../lib/evident` (installed
    /// under a prefix, as the package does).
    static func helperCandidates(executable: URL) -> [URL] {
        let directory = executable.deletingLastPathComponent()
        return [directory.appendingPathComponent(helperName),
                directory.deletingLastPathComponent().appendingPathComponent("lib/evident/\(helperName)")]
    }

    /// Replaces this process by `evident-preview` with `arguments` (what
    /// followed `preview`); it returns only when it could not, saying why.
    static func execHelper(arguments: [String]) -> String {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else {
            return "cannot start the preview: the path of this executable is unknown"
        }
        let candidates = helperCandidates(executable: executable)
        guard let helper = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            return "cannot start the preview: \(helperName) is neither at \(candidates.map(\.path).joined(separator: " nor at ")) (it is built and installed with evident)"
        }
        fflush(stdout)
        let argv = ([helper.path] + arguments).map { strdup($0) } + [nil]
        execv(helper.path, argv)
        let reason = String(cString: strerror(errno))
        argv.forEach { free($0) }
        return "cannot start the preview: \(helper.path): \(reason)"
    }
}

/// The body of an executable's `main`: runs `body` and ends the process
/// with its exit code, printing an error as ArgumentParser would but ending
/// usage errors with 2 instead of 64.
package enum CommandMain {
    package static func run<Command: ParsableArguments>(_ command: Command.Type, _ body: () throws -> Void) -> Never {
        LAPACK.preferSingleThreadedBLAS()
        HeapGrowth.apply()
        // A page or cache file half written when Ctrl-C, SIGTERM or SIGHUP
        // ends the command is removed first (`preview` catches SIGINT and
        // SIGTERM itself, to stop cleanly).
        InFlightFiles.removeOnEndingSignals()
        do {
            try body()
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
}
