import XCTest
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// The result cache: what an edit invalidates, what is reused, and that a
/// rebuild from the cache gives the page a cold build gives.
final class ResultCacheTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-cache-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    var cached: PipelineOptions { PipelineOptions(cache: .directory(directory)) }

    /// Three blocks and two spans, with claims and an error, so that every
    /// kind of result and position goes through the cache.
    let document = """
        ---
        title: Cached
        params:
          n: 3
        ---
        # Cached

        Intro with `{= a | %.2f}` inline.

        ```evident
        value one
        claim pass first
        ```

        Middle prose and `{claim b}`.

        ```evident
        table
        error two is wrong
        ```

        More prose.

        ```evident
        plot log
        claim fail third
        ```
        """

    func process(_ source: String, file: String = "doc.md", options: PipelineOptions? = nil) -> (DocumentReport, FixedEvaluator) {
        let harness = PipelineHarness()
        let report = harness.process(source, file: file, options: options ?? cached)
        return (report, harness.evaluator!)
    }

    /// The items evaluated, as their code.
    func evaluated(_ evaluator: FixedEvaluator) -> [String] { evaluator.calls.map(\.code) }

    func testAWarmRebuildEvaluatesNothingAndGivesTheSamePage() {
        let (cold, first) = process(document)
        XCTAssertEqual(first.calls.count, 5)
        XCTAssertEqual(cold.statistics, EvaluationStatistics(evaluated: 5, scannedPositions: cold.statistics.scannedPositions))
        let (warm, second) = process(document)
        XCTAssertEqual(second.calls.count, 0)
        XCTAssertEqual(second.replays.count, 0, "nothing is evaluated, so nothing needs replaying")
        XCTAssertEqual(warm.statistics.reused, 5)
        XCTAssertEqual(warm.html, cold.html)
        XCTAssertEqual(warm.claims, cold.claims)
        XCTAssertEqual(warm.diagnostics, cold.diagnostics)
        XCTAssertEqual(warm.exitCode, 2)
    }

    func testAProseOnlyEditEvaluatesNothingAndMovesPositions() throws {
        _ = process(document)
        // New lines before everything, and longer prose before a span on its line.
        let edited = document
            .replacingOccurrences(of: "# Cached\n", with: "# Cached\n\nA new paragraph\nof two lines.\n")
            .replacingOccurrences(of: "Middle prose and", with: "Middle prose, now much longer, and")
        let (warm, evaluator) = process(edited)
        XCTAssertEqual(evaluated(evaluator), [])
        let (cold, _) = process(edited, options: PipelineOptions())
        XCTAssertEqual(warm.html, cold.html)
        XCTAssertEqual(warm.claims, cold.claims)
        XCTAssertEqual(warm.diagnostics, cold.diagnostics)
        XCTAssertEqual(warm.diagnostics.map(\.headline), ["doc.md:22:1: error: two is wrong"])
    }

    func testAnEditedBlockIsEvaluatedWithEveryLaterItemAndEarlierBlocksAreReplayed() {
        _ = process(document)
        let edited = document.replacingOccurrences(of: "table\n", with: "value changed\n")
        let (warm, evaluator) = process(edited)
        XCTAssertEqual(evaluated(evaluator), ["value changed\nerror two is wrong\n", "plot log\nclaim fail third\n"])
        XCTAssertEqual(evaluator.replays.map(\.code), ["value one\nclaim pass first\n"],
                       "earlier blocks rerun for their names only; earlier spans not at all")
        XCTAssertEqual(warm.statistics.reused, 3)
        let (cold, _) = process(edited, options: PipelineOptions())
        XCTAssertEqual(warm.html, cold.html)
        XCTAssertEqual(warm.claims, cold.claims)
        XCTAssertEqual(warm.diagnostics, cold.diagnostics)
    }

    func testAnEditedSpanInvalidatesItselfAndWhatFollows() {
        _ = process(document)
        let (_, evaluator) = process(document.replacingOccurrences(of: "{claim b}", with: "{claim c}"))
        XCTAssertEqual(evaluated(evaluator), ["c", "table\nerror two is wrong\n", "plot log\nclaim fail third\n"])
    }

    func testAnEditedParamOrFileNameInvalidatesEverything() {
        _ = process(document)
        var options = cached
        options.params = ["n": .number(4)]
        XCTAssertEqual(process(document, options: options).1.calls.count, 5)
        XCTAssertEqual(process(document, options: options).1.calls.count, 0, "the new param's results are cached in turn")
        XCTAssertEqual(process(document).1.calls.count, 5, "one file per document keeps the latest results")
        XCTAssertEqual(process(document, file: "other.md").1.calls.count, 5)
    }

    func testAnotherVersionInvalidatesEveryKeyAndItsFilesAreIgnored() throws {
        let source = MarkdownReader.read(document, file: "doc.md")
        let current = CacheKey.keys(for: source, params: [:])
        let next = CacheKey.keys(for: source, params: [:], version: "99.0.0")
        XCTAssertEqual(current.count, 5)
        XCTAssertTrue(zip(current, next).allSatisfy { $0 != $1 })

        _ = process(document)
        let cache = ResultCache(location: .directory(directory), file: "doc.md")
        XCTAssertEqual(cache.load().count, 5)
        XCTAssertEqual(ResultCache(location: .directory(directory), file: "doc.md", version: "99.0.0").load(), [])
        // A well-formed file written by another version is not used.
        let other = ResultCache(location: .directory(directory), file: "doc.md", version: "0.0.1")
        try other.store(cache.load())
        XCTAssertEqual(process(document).1.calls.count, 5)
    }

    func testACorruptOrForeignCacheFileIsIgnoredAndReplaced() throws {
        let (cold, _) = process(document)
        let path = ResultCache(location: .directory(directory), file: "doc.md").path
        let good = try XCTUnwrap(FileManager.default.contents(atPath: path))
        var tampered = good
        tampered[tampered.count - 10] ^= 0x01
        // Well hashed but not a cache: the reader checks every length and tag.
        let payload = Data([5, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 2])
        let secret = try XCTUnwrap(CacheSecret.user)
        var wellHashed = Data((CacheKey.format + " " + SHA256.hmacHex(key: secret, bytes: payload) + "\n").utf8)
        wellHashed.append(payload)
        // The same results signed by anyone else (a forged file, one
        // committed from another machine) or only hashed are not believed.
        let goodPayload = good[(good.firstIndex(of: UInt8(ascii: "\n"))! + 1)...]
        var otherKey = Data((CacheKey.format + " " + SHA256.hmacHex(key: [UInt8](repeating: 7, count: 32), bytes: goodPayload) + "\n").utf8)
        otherKey.append(goodPayload)
        var unsigned = Data((CacheKey.format + " " + SHA256.hex(bytes: goodPayload) + "\n").utf8)
        unsigned.append(goodPayload)
        for bad in [Data("garbage".utf8), Data(), good.prefix(good.count / 2), tampered, wellHashed, otherKey, unsigned] {
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: bad))
            let (report, evaluator) = process(document)
            XCTAssertEqual(evaluator.calls.count, 5)
            XCTAssertEqual(report.html, cold.html)
            XCTAssertEqual(FileManager.default.contents(atPath: path), good, "the file is rewritten")
        }
    }

    /// The user's key is made once, readable by the user alone, and read
    /// back the same; without a home directory there is none.
    func testTheSecretIsMadeOnceAndKept() throws {
        let home = directory + "/home"
        let first = try XCTUnwrap(CacheSecret.load(environment: ["HOME": home]))
        XCTAssertEqual(first.count, 32)
        XCTAssertEqual(CacheSecret.load(environment: ["HOME": home]), first)
        let attributes = try FileManager.default.attributesOfItem(atPath: home + "/.config/evident/cache-secret")
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertNotEqual(CacheSecret.load(environment: ["XDG_CONFIG_HOME": directory + "/other"]), first)
        XCTAssertNil(CacheSecret.load(environment: [:]))
    }

    func testWithoutACacheNothingIsWritten() {
        _ = process(document, options: PipelineOptions())
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory))
    }

    func testTheDefaultPlacesAreOutsideTheSources() {
        XCTAssertEqual(CacheLocation.directory("c").directory(for: "docs/a.md"), "c")
        XCTAssertEqual(CacheLocation.project(root: "/work/p"), .directory("/work/p/.evident-cache"))
        XCTAssertEqual(CacheLocation.project(root: "/"), .directory("/.evident-cache"))
        // Keyed by the source root: one directory per tree, the same every time.
        let hash = String(SHA256.hex("/work/p/docs").prefix(16))
        XCTAssertEqual(CacheLocation.userCache(for: "/work/p/docs", environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]),
                       .directory("/x/evident/docs-" + hash))
        XCTAssertEqual(CacheLocation.userCache(for: "/work/p/docs", environment: ["HOME": "/h"]), .directory("/h/.cache/evident/docs-" + hash))
        // A relative XDG_CACHE_HOME is ignored, as the XDG specification says.
        XCTAssertEqual(CacheLocation.userCache(for: "/work/p/docs", environment: ["XDG_CACHE_HOME": "rel", "HOME": "/h"]),
                       .directory("/h/.cache/evident/docs-" + hash))
        XCTAssertNil(CacheLocation.userCache(for: "/work/p/docs", environment: [:]))
        XCTAssertNotEqual(CacheLocation.userCache(for: "/a/docs", environment: ["HOME": "/h"]),
                          CacheLocation.userCache(for: "/b/docs", environment: ["HOME": "/h"]))
        XCTAssertEqual(CacheLocation.userCache(for: "/", environment: ["HOME": "/h"]),
                       .directory("/h/.cache/evident/root-" + String(SHA256.hex("/").prefix(16))))
    }

    func testResultsRoundTripThroughTheCacheFile() throws {
        let range = SourceRange(start: SourceLocation(line: 3, column: 2), end: SourceLocation(line: 4, column: 1))
        let claim = ClaimResult(label: nil, source: "x ≈ 1 ± 1e-9", passed: false, detail: "|x − 1| = NaN", range: range)
        let result = ItemResult(
            outputs: [
                .value("1.5"),
                .table(Table(title: nil, columns: ["a"], rows: [["<b>"]])),
                .plot(Plot(title: "t", kind: .lines([Plot.Series(label: "s", x: [0, 1e-300], y: [.nan, .infinity])]), logY: true, xLabel: "x")),
                .plot(Plot(kind: .bars(edges: [-1, 0, 1], values: [0.25, -.infinity]))),
                .claim(claim),
            ],
            claims: [claim],
            diagnostics: [Diagnostic(file: "d.md", range: range, severity: .warning, id: .unknownBlockOption, message: "careful")])
        let cache = ResultCache(location: .directory(directory), file: "d.md")
        try cache.store([ResultCache.Record(key: "k", origin: SourceLocation(line: 3, column: 1), result: result)])
        let loaded = cache.load()
        XCTAssertEqual(loaded.count, 1)
        // NaN is not equal to itself: compare the text the renderers see.
        XCTAssertEqual(loaded.first.map { String(describing: $0.result) }, String(describing: result))
        XCTAssertEqual(loaded.first?.key, "k")
    }
}

/// The cache with the real block language: cached blocks replay their
/// `let` statements so later blocks see their names, and report nothing twice.
final class InterpreterCacheTests: XCTestCase {
    func testAnEditedLaterBlockSeesTheNamesOfReplayedBlocks() throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pipeline = Pipeline(options: PipelineOptions(cache: .directory(directory)), makeEvaluator: Engine.makeEvaluator)
        let source = """
            # Replay

            ```evident
            let a = 2
            a * 10
            claim "a is two": a == 2
            let broken = nosuch(1)
            ```

            Inline `{= a + 1}`.

            ```evident
            let b = a + 1
            b
            claim b == 3
            ```
            """
        let cold = pipeline.process(file: "r.md", source: source, mode: .build)
        XCTAssertEqual(cold.statistics.evaluated, 3)
        XCTAssertEqual(cold.diagnostics.count, 1, cold.diagnostics.map(\.headline).joined())

        let edited = source.replacingOccurrences(of: "let b = a + 1", with: "let b = a + 2")
            .replacingOccurrences(of: "claim b == 3", with: "claim b == 4")
        let warm = pipeline.process(file: "r.md", source: edited, mode: .build)
        XCTAssertEqual(warm.statistics, EvaluationStatistics(evaluated: 1, reused: 2, replayed: 1,
                                                             scannedPositions: warm.statistics.scannedPositions))
        let fresh = Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator)
            .process(file: "r.md", source: edited, mode: .build)
        XCTAssertEqual(warm.html, fresh.html)
        XCTAssertEqual(warm.claims, fresh.claims)
        XCTAssertEqual(warm.claims.map(\.passed), [true, true])
        XCTAssertEqual(warm.diagnostics, fresh.diagnostics, "the replayed block's error is reported once, from the cache")
    }
}

/// Functions bound in a cached block survive its replay: a later edited block
/// calls them (recursion and captured names included) as a fresh build would.
final class FunctionReplayTests: XCTestCase {
    func testFunctionsOfAReplayedBlockCanBeCalledLater() throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pipeline = Pipeline(options: PipelineOptions(cache: .directory(directory)), makeEvaluator: Engine.makeEvaluator)
        let source = """
            ```evident
            let k = 3
            let scaled(x) = k * x
            let fact(n) = if n <= 1 then 1 else n * fact(n - 1)
            let apply = (f, x) => f(x)
            claim fact(3) == 6
            ```

            ```evident
            claim apply(scaled, fact(4)) == 72
            ```
            """
        let cold = pipeline.process(file: "f.md", source: source, mode: .build)
        XCTAssertEqual(cold.claims.map(\.passed), [true, true])
        let edited = source.replacingOccurrences(of: "claim apply(scaled, fact(4)) == 72", with: "claim apply(scaled, fact(5)) == 360")
        let warm = pipeline.process(file: "f.md", source: edited, mode: .build)
        XCTAssertEqual(warm.statistics.evaluated, 1)
        XCTAssertEqual(warm.statistics.replayed, 1)
        XCTAssertTrue(warm.diagnostics.isEmpty, warm.diagnostics.map(\.headline).joined())
        XCTAssertEqual(warm.claims.map(\.passed), [true, true])
    }
}

/// Recursion ends in a located error on a thread with a small stack (a
/// `map` worker's may be smaller than the main thread's), never in a crash.
final class RecursionStackTests: XCTestCase {
    func testDeepRecursionOnASmallStackIsALocatedError() {
        final class Box: @unchecked Sendable { var messages: [String]?; let done = DispatchSemaphore(value: 0) }
        let box = Box()
        let thread = Thread {
            let interpreter = Interpreter(file: "x.md", params: [:], builtins: .evident)
            _ = interpreter.evaluateBlock("""
                let deep(n) = if n == 0 then 0 else 1 + max(0, min(1e9, ((((deep(n - 1) + 0) * 1) + 0) * 1)))
                deep(150)
                let shallow(n) = if n == 0 then 0 else 1 + shallow(n - 1)
                shallow(20)
                """, origin: SourceLocation(line: 1, column: 1))
            box.messages = interpreter.diagnostics.map { "\($0.range.start): \($0.message)" }
            box.done.signal()
        }
        thread.stackSize = 2 << 20
        thread.start()
        box.done.wait()
        XCTAssertEqual(box.messages?.count, 1)
        XCTAssertTrue(box.messages?.first?.hasPrefix("1:61: calls of deep(n) nest too deeply for the stack") == true, "\(box.messages ?? [])")
        XCTAssertTrue(box.messages?.first?.hasSuffix("(in the call of deep at 2:1)") == true, "\(box.messages ?? [])")
    }
}

/// Replaying cached blocks runs only the lets later code can depend on.
final class ReplayTests: XCTestCase {
    func testOnlyTheLetsLaterCodeNeedsAreRunAndSkippedNamesStayTaken() {
        let interpreter = Interpreter(file: "x.md", params: [:], builtins: .evident)
        interpreter.replayBlocks([
            (code: "let a = 1\nlet b = 2\nlet c = a + 1\nclaim c == 2\nc\n", origin: SourceLocation(line: 2, column: 1)),
            (code: "let d = nosuch(1)\nlet e = c * 10\n", origin: SourceLocation(line: 9, column: 1)),
        ], before: ["let f = e + 1\nf", "a"])
        func number(_ name: String) -> Double? {
            if case .number(let x)? = interpreter.value(named: name) { return x }
            return nil
        }
        XCTAssertEqual(number("a"), 1)
        XCTAssertEqual(number("c"), 2)
        XCTAssertEqual(number("e"), 20)
        XCTAssertNil(interpreter.value(named: "b"), "not needed: skipped")
        XCTAssertNil(interpreter.value(named: "d"))
        XCTAssertTrue(interpreter.claims.isEmpty, "a replay records no claims")
        XCTAssertTrue(interpreter.diagnostics.isEmpty, "a replay reports nothing")
        _ = interpreter.evaluateBlock("let b = 3\n", origin: SourceLocation(line: 20, column: 1))
        XCTAssertEqual(interpreter.diagnostics.map(\.message), ["'b' is already bound; a name is bound once per document"])
    }
}

final class ParentDirectoryTests: XCTestCase {
    func testParents() {
        XCTAssertEqual(AtomicFile.parentDirectory(of: "o/a.html"), "o")
        XCTAssertEqual(AtomicFile.parentDirectory(of: "o"), "")
        XCTAssertEqual(AtomicFile.parentDirectory(of: "/a"), "/")
        XCTAssertEqual(AtomicFile.parentDirectory(of: "/a/b//c/"), "/a/b")
        XCTAssertEqual(AtomicFile.parentDirectory(of: "a/b/c.md"), "a/b")
    }
}
