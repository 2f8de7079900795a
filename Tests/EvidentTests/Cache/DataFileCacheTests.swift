import XCTest
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// A data file's content is part of the cache key of every item from its
/// first read on: editing it re-evaluates exactly those items, and nothing
/// before; items that read nothing are reused when the file is unchanged.
final class DataFileCacheTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    let source = """
        # Data

        ```evident
        let before = 1 + 1
        before
        ```

        ```evident
        let d = csv("data/x.csv")
        sum(d.p)
        ```

        Total `{= sum(d.p) * before}`.

        ```evident
        claim "the values sum to 1": sum(d.p) ≈ 1 ± 1e-9
        ```
        """

    func write(_ csv: String) throws {
        try csv.write(toFile: directory + "/data/x.csv", atomically: true, encoding: .utf8)
    }

    func testEditingTheFileReevaluatesExactlyTheItemsFromItsFirstReadOn() throws {
        let pipeline = Pipeline(options: PipelineOptions(cache: .directory(directory + "/.cache")), makeEvaluator: Engine.makeEvaluator)
        let file = directory + "/doc.md"
        try write("p\n0.25\n0.75\n")
        let cold = pipeline.process(file: file, source: source, mode: .build)
        XCTAssertEqual(cold.diagnostics, [])
        XCTAssertEqual(cold.statistics.evaluated, 4)
        XCTAssertEqual(cold.claims.map(\.passed), [true])

        let warm = pipeline.process(file: file, source: source, mode: .build)
        XCTAssertEqual(warm.statistics.evaluated, 0, "an unchanged data file keeps every key")
        XCTAssertEqual(warm.statistics.reused, 4)

        try write("p\n0.5\n0.25\n")
        let edited = pipeline.process(file: file, source: source, mode: .build)
        XCTAssertEqual(edited.statistics.reused, 1, "the block before the first read is reused")
        XCTAssertEqual(edited.statistics.evaluated, 3, "the reading block and everything after it run again")
        XCTAssertEqual(edited.claims.map(\.passed), [false])
        XCTAssertTrue(edited.html?.contains("1.5") == true, "the span shows the new total 0.75 × 2")

        let fresh = Pipeline(options: PipelineOptions(), makeEvaluator: Engine.makeEvaluator)
            .process(file: file, source: source, mode: .build)
        XCTAssertEqual(edited.html, fresh.html)
    }

    func testADeletedDataFileInvalidatesItsReaders() throws {
        let pipeline = Pipeline(options: PipelineOptions(cache: .directory(directory + "/.cache")), makeEvaluator: Engine.makeEvaluator)
        let file = directory + "/doc.md"
        try write("p\n1\n")
        _ = pipeline.process(file: file, source: source, mode: .check)
        try FileManager.default.removeItem(atPath: directory + "/data/x.csv")
        let again = pipeline.process(file: file, source: source, mode: .check)
        XCTAssertEqual(again.statistics.reused, 1)
        XCTAssertTrue(again.diagnostics.contains { $0.message.contains("no data file 'data/x.csv'") }, again.diagnostics.map(\.message).joined())
    }

    func testReadsOutsideTheTreeAreRefusedUnlessAllowed() throws {
        let outside = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try "p\n1\n".write(toFile: outside + "/y.csv", atomically: true, encoding: .utf8)
        let document = "```evident\nlet d = csv(\"\(outside)/y.csv\")\nsum(d.p)\n```\n"
        var options = PipelineOptions()
        options.readRoots = [directory]
        let refused = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator).process(file: directory + "/doc.md", source: document, mode: .check)
        XCTAssertEqual(refused.diagnostics.map(\.id), [.unreadableData])
        XCTAssertTrue(refused.diagnostics[0].message.contains("outside the directory tree being built"))
        let escaping = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator)
            .process(file: directory + "/doc.md", source: "```evident\ncsv(\"../../x.csv\")\n```\n", mode: .check)
        XCTAssertEqual(escaping.diagnostics.map(\.id), [.unreadableData])
        options.readRoots = [directory, outside]
        let allowed = Pipeline(options: options, makeEvaluator: Engine.makeEvaluator).process(file: directory + "/doc.md", source: document, mode: .check)
        XCTAssertEqual(allowed.diagnostics, [])
    }
}
