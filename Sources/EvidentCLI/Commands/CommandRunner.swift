import Foundation
import Evident
import EvidentLanguage

/// Processes one document: its path (as diagnostics name it), its text, and
/// what the result is for. `Pipeline.process(file:source:mode:)` in the
/// program, a closure returning prepared reports in tests.
public typealias DocumentProcessor = (_ file: String, _ source: String, _ mode: ProcessingMode) -> DocumentReport

/// The exit codes of every command.
public enum CommandExit: Int32, Comparable, Sendable {
    /// Everything evaluated and every claim holds.
    case success = 0
    /// A claim failed.
    case claimFailed = 1
    /// A usage, read, parse, evaluation or write error.
    case error = 2

    public init(_ report: DocumentReport) {
        self = CommandExit(rawValue: report.exitCode) ?? .error
    }

    public static func < (a: CommandExit, b: CommandExit) -> Bool { a.rawValue < b.rawValue }
}

/// `evident build`, `check` and `run` without a process around them: paths
/// and options in, text to a `Console`, an exit status out.
public struct CommandRunner {
    public var console: Console
    /// Makes the document processor once the command line's options are
    /// known.
    public var makeProcessor: (PipelineOptions) -> DocumentProcessor
    /// The environment the user's cache directory is found in
    /// (`XDG_CACHE_HOME`, `HOME`).
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Whether the heap is prepared for the documents before they are read
    /// (`HeapGrowth.reserve`): for a process that ends with its command.
    package var reservesHeap = false

    public init(console: Console, makeProcessor: @escaping (PipelineOptions) -> DocumentProcessor) {
        self.console = console
        self.makeProcessor = makeProcessor
    }

    /// The runner writing to the process's standard streams and processing
    /// documents with the block-language engine.
    package static func standard() -> CommandRunner {
        var runner = CommandRunner(console: .standard()) { options in
            let pipeline = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator)
            return { file, source, mode in pipeline.process(file: file, source: source, mode: mode) }
        }
        runner.reservesHeap = true
        return runner
    }

    /// `evident: error: MESSAGE` on standard error.
    package func reportError(_ message: String) {
        let label = Colour.red.paint("error:", enabled: console.colourError)
        console.error("evident: \(label) \(message)")
    }

    /// A file error; one with a place in the file compiler-style, as
    /// `PATH:LINE:COL: error: cannot read: REASON`.
    package func reportError(_ error: Error) {
        guard let fileError = error as? FileError, let location = fileError.location else {
            return reportError(String(describing: error))
        }
        let label = Colour.red.paint("error:", enabled: console.colourError)
        console.error("\(fileError.path):\(location.line):\(location.column): \(label) cannot \(fileError.operation.rawValue): \(fileError.reason)")
    }

    func reportNote(_ message: String) {
        console.error("evident: note: \(message)")
    }

    /// The processor for `options`, or nil after reporting why they are
    /// unusable. `cache` is where block results are cached unless the
    /// options say otherwise; `showsProgress` lets the console's progress
    /// bar (if any) show long evaluations.
    func processor(for options: CommandOptions, cache: CacheLocation? = nil, showsProgress: Bool = true,
                   shownPaths: [String: String] = [:]) -> DocumentProcessor? {
        do {
            var pipelineOptions = try options.pipelineOptions()
            pipelineOptions.cache = options.cacheLocation(default: cache)
            pipelineOptions.shownPaths = shownPaths
            pipelineOptions.progress = showsProgress ? console.progress : nil
            return makeProcessor(pipelineOptions)
        } catch let problem as TemplateProblem {
            console.error(problem.diagnostic.formatted(lines: problem.lines))
            return nil
        } catch {
            reportError(String(describing: error))
            return nil
        }
    }
}
