import Foundation
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// `evident run FILE --format json`, run as a process: its output parses and
/// conforms to docs/run-output.schema.json, and says what the document bound
/// and rendered.
@Suite struct RunJSONTests {
    static func checker() throws -> JSONSchemaChecker {
        JSONSchemaChecker(schema: try JSONNode.parse(DocsReferenceTests.read("run-output.schema.json")))
    }

    /// A document with a value of every kind, every kind of output, a pin, a
    /// failing claim and a hidden claim.
    static let everyKind = """
    ---
    params:
      coin: 0.25
      weights: [1, 2]
    ---
    # Every kind

    Twice the coin is `{= coin * 2}`, about `{= coin ≈ 0.25}`.

    ```evident
    let n = 3
    let yes = true
    let word = "ab\\"c"
    let v = [1, 2.5, -3]
    let above = v > 0
    let m = [[1, 2], [3, 4]]
    let mixed = ["x", 1, [true, false]]
    let r = {"two words": 1, inner: {u: [0.5, 0.5]}}
    let f(x) = x + 1
    let coinModel = independence(hidden: [], visible: ["x"])
    let p = coinModel.at([coin])
    let h = histogram([0.1, 0.2, 0.7], from: 0, to: 1, width: 0.5)
    let points = [p, p]
    v
    plot(v, v * 2, labels: ["twice"], xlabel: "v", ylabel: "2v", logy: false)
    plot(h)
    claim "f adds one": f(n) == 4
    claim n ≈ 3.5 ± 0.1
    ```

    ```evident hide
    claim "hidden but counted": yes
    ```
    """

    func run(_ document: String, _ extra: [String] = [], name: String = "doc.md") throws -> (EvidentProcess.Result, ScratchDirectory) {
        let scratch = try ScratchDirectory()
        try scratch.write(name, document)
        let result = try EvidentProcess.run(["run", name, "--format", "json"] + extra, in: scratch.path)
        return (result, scratch)
    }

    @Test func theOutputConformsToTheSchemaAndHoldsEveryKindOfValue() throws {
        let (result, scratch) = try run(Self.everyKind)
        defer { scratch.remove() }
        #expect(result.status == 1, "a failing claim: \(result.error)")
        let json = try JSONNode.parse(result.output)
        #expect(try Self.checker().violations(of: json) == [])

        #expect(json["file"] == .string("doc.md"))
        let bindings = try #require(json["bindings"]?.object)
        #expect(Set(bindings.keys) == ["coin", "weights", "n", "yes", "word", "v", "above", "m", "mixed", "r"])
        // The order of the keys: params by name, then the lets as bound.
        let keys = try #require(try Regex(#""bindings":\{"coin".*"weights".*"n".*"yes".*"word".*"v".*"above".*"m".*"mixed".*"r":"#)
            .firstMatch(in: result.output))
        #expect(!keys.output.isEmpty)
        func binding(_ name: String) -> (type: String?, line: JSONNode?, value: JSONNode?) {
            (bindings[name]?["type"]?.string, bindings[name]?["line"], bindings[name]?["value"])
        }
        #expect(binding("coin").type == "number" && binding("coin").line == .null && binding("coin").value == .number(0.25))
        #expect(binding("weights").type == "vector" && binding("weights").value == .array([.number(1), .number(2)]))
        #expect(binding("n").type == "number" && binding("n").line == .number(11) && binding("n").value == .number(3))
        #expect(binding("yes").value == .bool(true))
        #expect(binding("word").type == "string" && binding("word").value == .string("ab\"c"))
        #expect(binding("v").type == "vector" && binding("v").value == .array([.number(1), .number(2.5), .number(-3)]))
        #expect(binding("above").type == "boolean vector" && binding("above").value == .array([.bool(true), .bool(true), .bool(false)]))
        #expect(binding("m").type == "matrix" && binding("m").value == .array([.array([.number(1), .number(2)]), .array([.number(3), .number(4)])]))
        #expect(binding("mixed").type == "list" && binding("mixed").value == .array([.string("x"), .number(1), .array([.bool(true), .bool(false)])]))
        #expect(binding("r").type == "record")
        #expect(binding("r").value?["two words"] == .number(1) && binding("r").value?["inner"]?["u"] == .array([.number(0.5), .number(0.5)]))

        let skipped = try #require(json["skipped"]?.array)
        #expect(skipped.map { [$0["name"]?.string ?? "", $0["type"]?.string ?? ""] }
            == [["f", "function"], ["coinModel", "model"], ["p", "point"], ["h", "histogram"], ["points", "list"]])

        let outputs = try #require(json["outputs"]?.array)
        #expect(outputs.map { $0["kind"]?.string ?? "" } == ["value", "claim", "table", "plot", "plot", "claim", "claim"])
        #expect(outputs[0]["source"] == .string("coin * 2") && outputs[0]["text"] == .string("0.5") && outputs[0]["line"] == .number(8))
        #expect(outputs[1]["source"] == .string("coin ≈ 0.25") && outputs[1]["passed"] == .bool(true) && outputs[1]["expected"] == .number(0.25))
        #expect(outputs[2]["columns"] == .array([.string("index"), .string("value")]))
        #expect(outputs[2]["rows"]?[1] == .array([.number(2), .number(2.5)]))
        #expect(outputs[3]["xlabel"] == .string("v") && outputs[3]["series"]?[0]?["y"] == .array([.number(2), .number(5), .number(-6)]))
        #expect(outputs[4]["bars"]?["values"]?.array?.count == 2 && outputs[4]["bars"]?["edges"]?.array?.count == 3)
        #expect(outputs[5]["label"] == .string("f adds one") && outputs[5]["line"] == .number(27))
        #expect(outputs[6]["passed"] == .bool(false) && outputs[6]["observed"] == .number(3) && outputs[6]["tolerance"] == .number(0.1))
        #expect(json["errors"] == .array([]))
        #expect(json["passed"] == .number(3) && json["failed"] == .number(1))
        #expect(result.error.contains("doc.md:28:1: error: claim failed: n ≈ 3.5 ± 0.1"))
    }

    @Test func theCheckerRejectsWhatTheSchemaForbids() throws {
        let (result, scratch) = try run(Self.everyKind)
        defer { scratch.remove() }
        let checker = try Self.checker()
        guard case .object(var good) = try JSONNode.parse(result.output) else { Issue.record("not an object"); return }
        #expect(checker.violations(of: .object(good)) == [])

        var missing = good
        missing["passed"] = nil
        #expect(checker.violations(of: .object(missing)) == ["$: the member 'passed' is missing"])

        var extra = good
        extra["comment"] = .string("x")
        #expect(checker.violations(of: .object(extra)) == ["$: the member 'comment' is not allowed"])

        // A vector holding a string, a number spelled wrongly, a boolean as a number.
        var bindings = try #require(good["bindings"]?.object)
        bindings["v"] = .object(["type": .string("vector"), "line": .number(14), "value": .array([.string("1")])])
        good["bindings"] = .object(bindings)
        #expect(!checker.violations(of: .object(good)).isEmpty)
        bindings["v"] = .object(["type": .string("vector"), "line": .number(15), "value": .array([.string("NaN"), .string("-Infinity")])])
        good["bindings"] = .object(bindings)
        #expect(checker.violations(of: .object(good)) == [], "the spelled non-finite numbers are numbers")
        bindings["v"] = .object(["type": .string("number"), "line": .number(0), "value": .bool(true)])
        good["bindings"] = .object(bindings)
        #expect(checker.violations(of: .object(good)).contains("$.bindings.v.line: 0.0 matches none of the anyOf alternatives"))

        // An output of no known kind, and a plot with both series and bars.
        var outputs = try #require(good["outputs"]?.array)
        outputs[0] = .object(["kind": .string("sound"), "line": .number(1)])
        guard case .object(var plot) = outputs[3] else { Issue.record("not a plot"); return }
        plot["bars"] = .object(["edges": .array([]), "values": .array([])])
        outputs[3] = .object(plot)
        good["outputs"] = .array(outputs)
        let found = checker.violations(of: .object(good))
        #expect(found.contains { $0.hasPrefix("$.outputs[0]: an object matches 0 of the oneOf alternatives") })
        #expect(found.contains { $0.hasPrefix("$.outputs[3]: an object matches 0 of the oneOf alternatives") })

        // A keyword the checker does not implement is reported, not ignored.
        let unknown = JSONSchemaChecker(schema: .object(["type": .string("object"), "maxProperties": .number(1)]))
        #expect(unknown.violations(of: .object([:])) == ["$: the checker does not know the keyword 'maxProperties'"])
    }

    @Test func errorsAreLocatedOnStandardErrorAndListedInTheJSON() throws {
        let (result, scratch) = try run("""
        # Broken

        ```evident
        let ok = [1, 2]
        let y = fishr(2)
        ```
        """)
        defer { scratch.remove() }
        #expect(result.status == 2)
        #expect(result.error.hasPrefix("doc.md:5:9: error: unknown name 'fishr'; did you mean 'fisher'?\n"))
        let json = try JSONNode.parse(result.output)
        #expect(try Self.checker().violations(of: json) == [])
        #expect(json["errors"] == .array([.object(["line": .number(5), "column": .number(9), "id": .string("E0301"),
                                                   "message": .string("unknown name 'fishr'; did you mean 'fisher'?")])]))
        #expect(json["bindings"]?["ok"]?["value"] == .array([.number(1), .number(2)]))
        #expect(json["bindings"]?["y"] == nil)
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        let captured = CapturedConsole()
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let a = try scratch.write("a.md", "pass one")
        #expect(ScriptedProcessor().runner(captured).run(path: a, format: "yaml") == .error)
        #expect(captured.error == "evident: error: unknown format 'yaml' (expected one of: text, json)\n")
        #expect(captured.output.isEmpty)
    }

    /// The cache keeps outputs, not bound values: a second run with the same
    /// cache still exports every binding, byte for byte as the first.
    @Test func theCacheDoesNotHideBindingsAndTheOutputIsDeterministic() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("doc.md", Self.everyKind)
        let arguments = ["run", "doc.md", "--format", "json", "--cache", "cache"]
        let build = try EvidentProcess.run(["build", "doc.md", "--cache", "cache"], in: scratch.path)
        #expect(build.status == 1 && scratch.exists("cache"), "the build fills the cache: \(build.error)")
        let first = try EvidentProcess.run(arguments, in: scratch.path)
        let second = try EvidentProcess.run(arguments, in: scratch.path)
        #expect(first.output == second.output)
        #expect(try JSONNode.parse(first.output)["bindings"]?["m"]?["type"] == .string("matrix"))
    }

    /// JSON has no NaN: non-finite numbers are spelled, in values, tables and
    /// plots, and the spelling conforms to the schema's number.
    @Test func nonFiniteNumbersAreSpelled() throws {
        let vector = try #require(JSONRunReport.value(.vector([.nan, .infinity, -.infinity, 0.5])))
        #expect(vector.serialized() == #"["NaN","Infinity","-Infinity",0.5]"#)
        #expect(JSONRunReport.value(.record(Record([("x", .number(-.infinity))])))?.serialized() == #"{"x":"-Infinity"}"#)
        let table = JSONRunReport.output(.table(Table(columns: ["a", "b"], rows: [["NaN", "x"], ["∞", "y"], ["-∞", "z"], ["", "w"]])), line: 3, source: nil)
        #expect(table.serialized() == #"{"kind":"table","line":3,"title":null,"columns":["a","b"],"rows":[["NaN","x"],["Infinity","y"],["-Infinity","z"],[null,"w"]]}"#)
        let plot = JSONRunReport.output(.plot(Plot(kind: .lines([Plot.Series(label: "s", x: [1, 2], y: [.nan, .infinity])]))), line: 4, source: nil)
        let claim = JSONRunReport.output(.claim(ClaimResult(label: nil, source: "x ≈ 1 ± 0.1", passed: false, detail: "NaN",
                                                             range: SourceRange(SourceLocation(line: 5, column: 1)),
                                                             measure: ClaimMeasure(observed: .nan, expected: 1, tolerance: 0.1, relative: false))),
                                         line: 5, source: nil)
        #expect(claim.serialized().contains(#""observed":"NaN""#))
        let checker = try Self.checker()
        let document = JSONNode.object(["file": .string("f.md"), "bindings": .object(["v": .object(["type": .string("vector"), "line": .number(2),
                                                                                                     "value": try JSONNode.parse(vector.serialized())])]),
                                        "skipped": .array([]), "outputs": .array([try JSONNode.parse(table.serialized()), try JSONNode.parse(plot.serialized()),
                                                                                  try JSONNode.parse(claim.serialized())]),
                                        "errors": .array([]), "passed": .number(0), "failed": .number(1)])
        #expect(checker.violations(of: document) == [])
    }
}

/// docs/language.md shows a document and what `evident run --format json`
/// prints for it; the output is typed into the page, so this test runs the
/// command on that document and compares.
@Suite struct RunJSONReferenceExampleTests {
    @Test func theReferencesExampleIsWhatRunPrints() throws {
        let page = try DocsReferenceTests.read("language.md")
        let section = try #require(page.range(of: "### Exporting results as JSON")).upperBound
        func fence(_ opening: String, _ closing: String) throws -> String {
            let start = try #require(page.range(of: opening + "\n", range: section..<page.endIndex)).upperBound
            let end = try #require(page.range(of: "\n" + closing + "\n", range: start..<page.endIndex)).lowerBound
            return String(page[start..<end])
        }
        let document = try fence("````markdown", "````")
        let shown = try fence("```json", "```")
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try scratch.write("a.md", document + "\n")
        let result = try EvidentProcess.run(["run", "a.md", "--format", "json"], in: scratch.path)
        #expect(result.status == 0)
        #expect(result.output == shown.replacingOccurrences(of: "\n ", with: "") + "\n")
    }
}
