import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Where each command keeps block results: `build` beside its output by
/// default, `check` and `run` only when given `--cache DIR`; `--no-cache`
/// turns the cache off everywhere.
@Suite struct CacheOptionTests {
    /// The cache the command's pipeline was given; `out` is a scratch directory.
    func cache(_ command: (CommandRunner, _ document: String, _ out: String) -> CommandExit) throws -> CacheLocation? {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write("a.md", "pass one")
        let processor = ScriptedProcessor()
        _ = command(processor.runner(CapturedConsole()), path, scratch.url("out"))
        return try #require(processor.options).cache
    }

    @Test func buildCachesBesideItsOutput() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let out = scratch.url("out")
        #expect(try cache { r, p, _ in r.build(paths: [p], outputDirectory: out) } == .directory(out + "/.evident-cache"))
        #expect(try cache { r, p, _ in r.build(paths: [p]) } == .besideSource)
        #expect(try cache { r, p, o in r.build(paths: [p], outputDirectory: o, options: CommandOptions(cacheDirectory: "c")) } == .directory("c"))
        #expect(try cache { r, p, o in r.build(paths: [p], outputDirectory: o, options: CommandOptions(noCache: true)) } == nil)
    }

    @Test func checkAndRunCacheOnlyWhenAsked() throws {
        #expect(try cache { r, p, _ in r.check(paths: [p]) } == nil)
        #expect(try cache { r, p, _ in r.run(path: p) } == nil)
        #expect(try cache { r, p, _ in r.check(paths: [p], options: CommandOptions(cacheDirectory: "c")) } == .directory("c"))
        #expect(try cache { r, p, _ in r.run(path: p, options: CommandOptions(cacheDirectory: "c", noCache: true)) } == nil)
    }

    /// An empty `-o` or `--cache` (an unset variable in a CI script) is a
    /// usage error, not the file system's root; nothing is processed.
    @Test func emptyDirectoriesAreRefused() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write("a.md", "pass one")
        for (command, message) in [({ (r: CommandRunner) in r.build(paths: [path], outputDirectory: "") }, "-o needs a directory"),
                                   ({ (r: CommandRunner) in r.build(paths: [path], options: CommandOptions(cacheDirectory: "")) }, "--cache needs a directory"),
                                   ({ (r: CommandRunner) in r.check(paths: [path], options: CommandOptions(cacheDirectory: "")) }, "--cache needs a directory")] {
            let console = CapturedConsole()
            let processor = ScriptedProcessor()
            #expect(command(processor.runner(console)) == .error)
            #expect(console.error.contains(message), "\(console.error)")
            #expect(processor.options == nil)
        }
    }

    @Test func aRealBuildWritesOneCacheFilePerDocumentUnlessTurnedOff() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write("docs/a.md", "# A\n\n```evident\nlet x = 1\nx + 1\n```\n")
        let runner = CommandRunner(console: CapturedConsole().console) { options in
            let pipeline = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator)
            return { file, source, mode in pipeline.process(file: file, source: source, mode: mode) }
        }
        #expect(runner.build(paths: [path], outputDirectory: scratch.url("out"), options: CommandOptions(noCache: true)) == .success)
        #expect(!FileManager.default.fileExists(atPath: scratch.url("out/.evident-cache")))
        #expect(runner.build(paths: [path], outputDirectory: scratch.url("out")) == .success)
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.url("out/.evident-cache"))
        #expect(files.count == 1 && files[0].hasPrefix("a.md.") && files[0].hasSuffix(".cache"))
    }
}
