import ArgumentParser
import Evident
import Foundation

/// The `evident` executable: parses the command line and hands the work to
/// `CommandRunner`. Exit codes: 0 all claims hold, 1 a claim failed, 2 usage,
/// read, parse, evaluation or write errors (ArgumentParser's own usage errors
/// included, which it would otherwise end with 64).
@main
struct EvidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evident",
        abstract: "Turns Markdown documents with computed blocks into HTML reports whose claims are checked.",
        discussion: """
        Exit status: 0 when every document evaluated and every claim holds, 1 when a claim \
        failed, 2 on usage, read, parse, evaluation or write errors.
        """,
        version: "evident \(EvidentVersion.string)",
        subcommands: [Build.self, Check.self, Run.self]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let message = fullMessage(for: error)
            if exitCode(for: error) == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(CommandExit.error.rawValue)
        }
    }

    /// `evident` alone is a usage error.
    func run() throws {
        throw ValidationError("missing subcommand: build, check or run")
    }

    /// The runner writing to the process's standard streams and processing
    /// documents with the block-language engine.
    static func runner() -> CommandRunner {
        CommandRunner(console: .standard()) { options in
            let pipeline = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator)
            return { file, source, mode in pipeline.process(file: file, source: source, mode: mode) }
        }
    }

    /// Ends the process with `status` unless it is success.
    static func finish(_ status: CommandExit) throws {
        if status != .success { throw ExitCode(status.rawValue) }
    }
}

struct ParamOptions: ParsableArguments {
    @Option(name: .customLong("param"), help: ArgumentHelp("Override a front-matter param (repeatable).", valueName: "name=value"))
    var params: [String] = []
}

extension EvidentCommand {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one HTML page per document.",
            discussion: """
            Directories are searched recursively for *.md files (hidden ones skipped). With -o, pages \
            mirror each directory's layout under DIR and DIR/index.html lists every document; without \
            it, each page is written beside its source. A document with errors gets no page and its old \
            page is left untouched.
            """
        )

        @Argument(help: "Markdown files or directories.")
        var paths: [String]

        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the pages under this directory.", valueName: "dir"))
        var output: String?

        @OptionGroup var params: ParamOptions

        @Option(help: ArgumentHelp("A Mustache page template.", valueName: "file"))
        var template: String?

        @Flag(help: "Let author HTML and javascript: links through.")
        var unsafe = false

        func run() throws {
            let options = CommandOptions(params: params.params, templatePath: template, unsafeHTML: unsafe)
            try finish(runner().build(paths: paths, outputDirectory: output, options: options))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate documents and report their claims without writing pages."
        )

        @Argument(help: "Markdown files or directories.")
        var paths: [String]

        @Option(help: ArgumentHelp("text, json, junit or github.", valueName: "format"))
        var format = "text"

        @OptionGroup var params: ParamOptions

        func run() throws {
            try finish(runner().check(paths: paths, format: format, options: CommandOptions(params: params.params)))
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate one document and show its outputs in the terminal."
        )

        @Argument(help: "A Markdown file.")
        var file: String

        @OptionGroup var params: ParamOptions

        func run() throws {
            try finish(runner().run(path: file, options: CommandOptions(params: params.params)))
        }
    }
}
