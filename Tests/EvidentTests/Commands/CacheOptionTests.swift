import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Where each command keeps block results: `build` at the project root
/// (where evident.yml stands), else in the user's cache keyed by the
/// sources' root, never inside `-o DIR`; `check` and `run` only when
/// given a directory (`--cache DIR` or the project file's `cache`);
/// `--no-cache` turns the cache off everywhere.
@Suite struct CacheOptionTests {
    /// The cache the command's pipeline was given, in a scratch directory
    /// holding `a.md` and, when given, an evident.yml; nil when the command
    /// stopped before making its pipeline (`stopped` tells what it said).
    func cache(project: String? = nil, _ command: (CommandRunner, _ document: String, _ scratch: ScratchDirectory) -> CommandExit) throws
        -> (cache: CacheLocation?, root: String, stopped: String?) {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write("docs/a.md", "pass one")
        if let project { try scratch.write("evident.yml", project) }
        let processor = ScriptedProcessor()
        let console = CapturedConsole()
        _ = command(processor.runner(console), path, scratch)
        guard let options = processor.options else { return (nil, scratch.path, console.error) }
        return (options.cache, scratch.path, nil)
    }

    static func user(_ root: String) -> CacheLocation? {
        CacheLocation.userCache(for: DocumentInputs.canonical(root), environment: ProcessInfo.processInfo.environment)
    }

    @Test func buildCachesAtTheProjectRootElseInTheUsersCache() throws {
        var seen = try cache { r, p, s in r.build(paths: [p], outputDirectory: s.url("out")) }
        #expect(seen.cache == Self.user(seen.root + "/docs") && seen.cache != nil)
        seen = try cache { r, p, _ in r.build(paths: [p]) }
        #expect(seen.cache == Self.user(seen.root + "/docs"))
        seen = try cache(project: "") { r, p, s in r.build(paths: [p], outputDirectory: s.url("out")) }
        #expect(seen.cache == .directory(seen.root + "/.evident-cache"))
        seen = try cache(project: "cache: build/cache\n") { r, p, _ in r.build(paths: [p]) }
        #expect(seen.cache == .directory(seen.root + "/build/cache"))
        seen = try cache(project: "cache: false\n") { r, p, _ in r.build(paths: [p]) }
        #expect(seen.cache == nil && seen.stopped == nil)
        seen = try cache(project: "cache: false\n") { r, p, _ in r.build(paths: [p], options: CommandOptions(cacheDirectory: "c")) }
        #expect(seen.cache == .directory("c"))
        seen = try cache { r, p, s in r.build(paths: [p], outputDirectory: s.url("out"), options: CommandOptions(noCache: true)) }
        #expect(seen.cache == nil && seen.stopped == nil)
    }

    /// The project's own place would be inside the output (`-o` at or above
    /// the project root): the user's cache instead. A place chosen inside it
    /// is refused, since the cache would be published.
    @Test func neverInsideTheOutputDirectory() throws {
        var seen = try cache(project: "") { r, p, s in r.build(paths: [p], outputDirectory: s.path) }
        #expect(seen.cache == Self.user(seen.root) && seen.cache != nil)
        seen = try cache { r, p, s in r.build(paths: [p], outputDirectory: s.url("out"), options: CommandOptions(cacheDirectory: s.url("out/c"))) }
        #expect(seen.stopped?.contains("is inside the output directory") == true, "\(seen.stopped ?? "")")
        seen = try cache(project: "cache: out/c\n") { r, p, s in r.build(paths: [p], outputDirectory: s.url("out")) }
        #expect(seen.stopped?.contains("is inside the output directory") == true)
    }

    @Test func checkAndRunCacheOnlyWhenAsked() throws {
        #expect(try cache { r, p, _ in r.check(paths: [p]) }.cache == nil)
        #expect(try cache { r, p, _ in r.run(path: p) }.cache == nil)
        #expect(try cache(project: "") { r, p, _ in r.check(paths: [p]) }.cache == nil)
        #expect(try cache { r, p, _ in r.check(paths: [p], options: CommandOptions(cacheDirectory: "c")) }.cache == .directory("c"))
        #expect(try cache { r, p, _ in r.run(path: p, options: CommandOptions(cacheDirectory: "c", noCache: true)) }.cache == nil)
        let seen = try cache(project: "cache: c\n") { r, p, _ in r.run(path: p) }
        #expect(seen.cache == .directory(seen.root + "/c"))
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

    @Test func aRealBuildWritesOneCacheFilePerDocumentAtTheProjectRoot() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = try scratch.write("docs/a.md", "# A\n\n```evident\nlet x = 1\nx + 1\n```\n")
        try scratch.write("evident.yml", "include: docs/\n")
        let runner = CommandRunner(console: CapturedConsole().console) { options in
            let pipeline = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator)
            return { file, source, mode in pipeline.process(file: file, source: source, mode: mode) }
        }
        #expect(runner.build(paths: [path], outputDirectory: scratch.url("out"), options: CommandOptions(noCache: true)) == .success)
        #expect(!scratch.exists(".evident-cache"))
        #expect(runner.build(paths: [path], outputDirectory: scratch.url("out")) == .success)
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.url(".evident-cache"))
        #expect(files.count == 1 && files[0].hasPrefix("a.md.") && files[0].hasSuffix(".cache"))
        #expect(scratch.files().allSatisfy { !$0.hasPrefix("out/.") && !$0.hasPrefix("docs/.") })
    }
}
