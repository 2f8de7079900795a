import ArgumentParser
import Evident
import EvidentLanguage
import EvidentMarkdown
import Foundation
import InfoGeometry

/// The `evident` executable: parses the command line and hands the work to
/// `CommandRunner`. Exit codes: 0 all claims hold, 1 a claim failed, 2 usage,
/// read, parse, evaluation or write errors (ArgumentParser's own usage errors
/// included, which it would otherwise end with 64).
struct EvidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evident",
        abstract: "Turns Markdown documents with computed blocks into HTML reports whose claims are checked.",
        discussion: """
        Exit status: 0 when every document evaluated and every claim holds, 1 when a claim \
        failed, 2 on usage, read, parse, evaluation or write errors.
        """,
        version: "evident \(EvidentVersion.string)",
        subcommands: [Build.self, Check.self, Run.self, Fix.self, Preview.self]
    )

    /// `evident` alone is a usage error.
    func run() throws {
        throw ValidationError("missing subcommand: build, check or run")
    }
}

/// The `evident` executable's main.
package func evidentMain() -> Never {
    CommandMain.run(EvidentCommand.self)
}

struct ParamOptions: ParsableArguments {
    @Option(name: .customLong("param"), help: ArgumentHelp("Set a front-matter param in the documents that declare it (repeatable; VALUE is YAML).", valueName: "name=value"))
    var params: [String] = []
}

struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("limit"),
            help: ArgumentHelp("Set a budget of every document: time (seconds, or 30m, 2h), flow-steps, entries or string-bytes (repeatable; wins over front matter and evident.yml).",
                               valueName: "name=value"))
    var limits: [String] = []
}

struct CacheOptions: ParsableArguments {
    @Option(name: .customLong("cache"), help: ArgumentHelp("Keep block results in this directory.", valueName: "dir"))
    var directory: String?

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write cached block results.")
    var disabled = false
}

/// How pages are made, for `build` and `preview`.
struct PageOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A Mustache page template.", valueName: "file"))
    var template: String?

    @Flag(help: "Let author HTML and javascript: links through.")
    var unsafe = false

    @Option(help: ArgumentHelp("Where formulas take their font from: `embedded` (a subset of Latin Modern Math in each page with math, the default) or `system` (the reader's).",
                               valueName: "embedded|system"))
    var mathFont: MathFontChoice?
}

struct ReadOptions: ParsableArguments {
    @Option(name: .customLong("allow-read"),
            help: ArgumentHelp("Let csv(…) and json(…) read data files below this directory too (repeatable); by default they read only inside the tree being built.",
                               valueName: "dir"))
    var directories: [String] = []
}

extension EvidentCommand {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Write one HTML page per document.",
            discussion: """
            Directories are searched recursively for *.md files (hidden ones skipped), as the project \
            file evident.yml above the paths selects them (include, exclude); a document whose front \
            matter says `evident: false` is skipped. With -o, pages \
            mirror each directory's layout under DIR and DIR/index.html lists every document; without \
            it, each page is written beside its source. A document with errors gets no page and its old \
            page is left untouched.

            Block results are cached: the results of every block and inline span are stored, keyed by \
            the code of all blocks and spans up to and including it, the params, the file and the \
            Evident version, in .evident-cache at the project root (where evident.yml stands), else in \
            $XDG_CACHE_HOME/evident (~/.cache/evident) in a directory for the sources' root; never \
            inside -o DIR (--cache names another directory, --no-cache turns it off). A rebuild after a \
            prose-only edit evaluates nothing; after a code edit, the blocks from the first changed one \
            on are evaluated again (the ones before it rerun only the `let` statements those need). A cache file \
            that is corrupt or from another version is ignored.
            """
        )

        @ArgumentParser.Argument(help: "Markdown files or directories.")
        var paths: [String]

        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the pages under this directory.", valueName: "dir"))
        var output: String?

        @OptionGroup var params: ParamOptions

        @OptionGroup var limits: LimitOptions

        @OptionGroup var page: PageOptions

        @OptionGroup var cache: CacheOptions

        @OptionGroup var read: ReadOptions

        func run() throws {
            var options = CommandOptions(params: params.params, limits: limits.limits, templatePath: page.template, unsafeHTML: page.unsafe,
                                         cacheDirectory: cache.directory, noCache: cache.disabled)
            options.mathFont = page.mathFont
            options.inputPaths = paths
            options.allowRead = read.directories
            try CommandMain.finish(CommandRunner.standard().build(paths: paths, outputDirectory: output, options: options))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Evaluate documents and report their claims without writing pages.",
            discussion: "No cache is used unless --cache DIR names one (see `evident build --help`)."
        )

        @ArgumentParser.Argument(help: "Markdown files or directories.")
        var paths: [String]

        @Option(help: ArgumentHelp("text, json, junit, github or sarif.", valueName: "format"))
        var format = "text"

        @OptionGroup var params: ParamOptions

        @OptionGroup var limits: LimitOptions

        @OptionGroup var cache: CacheOptions

        @OptionGroup var read: ReadOptions

        func run() throws {
            var options = CommandOptions(params: params.params, limits: limits.limits, cacheDirectory: cache.directory, noCache: cache.disabled)
            options.inputPaths = paths
            options.allowRead = read.directories
            try CommandMain.finish(CommandRunner.standard().check(paths: paths, format: format, options: options))
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Evaluate one document and show its outputs in the terminal.",
            discussion: """
            No cache is used unless --cache DIR names one (see `evident build --help`). With --format json, \
            standard output is one JSON object (docs/run-output.schema.json): every top-level binding that \
            is plain data (numbers, booleans, strings, vectors, matrices, and lists and records of them) \
            with its type and line, the names of the others, every rendered output in document order, the \
            errors and the counts of claims; errors and failed claims also go to standard error. It \
            evaluates every block, since the cache keeps outputs but not the values bound.
            """
        )

        @ArgumentParser.Argument(help: "A Markdown file.")
        var file: String

        @Option(help: ArgumentHelp("text or json.", valueName: "format"))
        var format = "text"

        @OptionGroup var params: ParamOptions

        @OptionGroup var limits: LimitOptions

        @OptionGroup var cache: CacheOptions

        @OptionGroup var read: ReadOptions

        func run() throws {
            var options = CommandOptions(params: params.params, limits: limits.limits, cacheDirectory: cache.directory, noCache: cache.disabled)
            options.inputPaths = [file]
            options.allowRead = read.directories
            try CommandMain.finish(CommandRunner.standard().run(path: file, format: format, options: options))
        }
    }
}

extension EvidentCommand {
    struct Fix: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fix",
            abstract: "Propose new typed numbers for failing pins and approximate claims.",
            discussion: """
            For every failing pin `{= EXPR ≈ 4.76}` and every failing `claim EXPR ≈ LITERAL ± TOL` whose right side is \
            a number, the number retyped from the value computed, with the author's decimals (more only when the \
            tolerance needs them), as a unified diff. Exit 1 when there is something to fix, 0 when not. With \
            --write, each file is read again and compared just before it is replaced, written atomically, and \
            checked again.
            """
        )

        @ArgumentParser.Argument(help: "Markdown files or directories.")
        var paths: [String]

        @Flag(help: "Apply the changes to the files instead of printing them.")
        var write = false

        @Flag(help: "Also take changes larger than ten times the tolerance, or that flip the sign.")
        var acceptLarge = false

        @OptionGroup var params: ParamOptions

        @OptionGroup var limits: LimitOptions

        func run() throws {
            let options = CommandOptions(params: params.params, limits: limits.limits, noCache: true)
            try CommandMain.finish(CommandRunner.standard().fix(paths: paths, write: write, acceptLarge: acceptLarge, options: options))
        }
    }
}

extension EvidentCommand {
    struct Preview: ParsableCommand {
        static let configuration = PreviewOptions.configuration

        @OptionGroup var preview: PreviewOptions

        /// Hands the command line after `preview` to `evident-preview`, which
        /// takes over this process (`PreviewHandOver`), once it parsed here.
        func run() throws {
            do {
                try PreviewHandOver.exec(arguments: PreviewHandOver.arguments(after: CommandLine.arguments))
            } catch {
                CommandRunner.standard().reportError(error)
                try CommandMain.finish(.error)
            }
        }
    }
}

extension MathFontChoice: ExpressibleByArgument {}
