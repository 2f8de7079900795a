import Foundation
import Testing
@testable import EvidentLanguage

/// `csv(…)` and `json(…)`: what they read into, and their located errors
/// (a malformed row names the CSV's line, a JSON syntax error its line and
/// column).
@Suite struct DataFileTests {
    /// Runs `code` as a document in a fresh directory holding `files`; the
    /// last statement's value and every error.
    static func run(_ code: String, files: [String: String]) throws -> (value: String?, errors: [String]) {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, text) in files {
            let path = directory + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let interpreter = Interpreter(file: directory + "/doc.md", params: [:], builtins: .evident)
        let outcomes = interpreter.run(code, origin: SourceLocation(line: 1, column: 1))
        return (outcomes.last?.value?.text, LanguageTestSupport.errors(interpreter))
    }

    @Test func csvColumnsAreVectorsOrStrings() throws {
        let files = ["data/t.csv": "state,probability,name\n0,0.20000001,\"a, b\"\n1,0.29999999,c\r\n2,0.49999999,\"say \"\"hi\"\"\"\n\n"]
        #expect(try Self.run("csv(\"data/t.csv\").probability", files: files) == ("[0.2, 0.3, 0.5]", []))
        #expect(try Self.run("csv(\"data/t.csv\").name", files: files) == (#"["a, b", "c", "say "hi""]"#, []))
        #expect(try Self.run("csv(\"data/t.csv\", header: false).c1", files: files) == (#"["state", "0", "1", "2"]"#, []))
        #expect(try Self.run("kl(csv(\"data/t.csv\").probability, [0.2, 0.3, 0.5])", files: files).errors == [],
                "eight typed decimals summing to 0.99999999 are a distribution")
    }

    @Test func aMalformedRowNamesTheCSVLine() throws {
        let result = try Self.run("let d = csv(\"x.csv\")", files: ["x.csv": "a,b\n1,2\n3\n4,5\n"])
        #expect(result.errors == ["1:13: x.csv:3: the row has 1 field, the header 2"])
        let unclosed = try Self.run("csv(\"x.csv\")", files: ["x.csv": "a\n\"open\n1\n"])
        #expect(unclosed.errors == ["1:5: x.csv:2: a quoted field is never closed"])
    }

    @Test func jsonValues() throws {
        let files = ["r.json": #"{"n": 3, "name": "x", "ok": true, "v": [1, 2.5], "m": [[1, 2], [3, 4]], "mixed": [1, "a"], "inner": {"k": -1e2}}"#]
        #expect(try Self.run("json(\"r.json\").n", files: files).value == "3")
        #expect(try Self.run("json(\"r.json\").v", files: files).value == "[1, 2.5]")
        #expect(try Self.run("json(\"r.json\").m[2][1]", files: files).value == "3")
        #expect(try Self.run("json(\"r.json\").mixed", files: files).value == #"[1, "a"]"#)
        #expect(try Self.run("json(\"r.json\").inner.k", files: files).value == "-100")
        #expect(try Self.run("json(\"r.json\").ok", files: files).value == "true")
    }

    @Test func aJSONSyntaxErrorNamesItsLineAndColumn() throws {
        let result = try Self.run("json(\"bad.json\")", files: ["bad.json": "{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}\n"])
        #expect(result.errors == ["1:6: bad.json:3:14: unexpected ',' where a value was expected"])
        let null = try Self.run("json(\"n.json\")", files: ["n.json": "[null]"])
        #expect(null.errors == ["1:6: n.json:1:2: null has no value in the language; leave the field out or give a number"])
    }

    @Test func pathsStayInsideTheTree() throws {
        let result = try Self.run("csv(\"../../etc/passwd\")", files: [:])
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.hasPrefix("1:5: '../../etc/passwd' is outside the directory tree being built") == true)
        #expect(try Self.run("csv(\"none.csv\")", files: [:]).errors.first?.hasPrefix("1:5: no data file 'none.csv'") == true)
        #expect(try Self.run("csv(1)", files: [:]).errors == ["1:5: expected a string for argument 1 of csv, got a number"])
    }
}
