import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// Nothing a user writes may crash Evident, hang it, or put active content in
/// a page. Every document of Fixtures/hostile (listed with its expected
/// answer in EXPECTED.tsv) and every generated monster below goes through the
/// real `evident` executable in its own process: it must end (a generous hang
/// guard, not a timing assertion) with the expected exit status and a located
/// `FILE:LINE:COL: error:` diagnostic.
@Suite struct HostileCorpusTests {
    static let directory = repositoryRoot.appendingPathComponent("Tests/EvidentTests/Fixtures/hostile")

    struct Expectation: CustomTestStringConvertible, Sendable {
        var file: String
        var exit: Int32
        var location: String
        var id: String
        var testDescription: String { file }
    }

    static let expectations: [Expectation] = {
        let url = directory.appendingPathComponent("EXPECTED.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, let exit = Int32(fields[1]) else { return nil }
            return Expectation(file: fields[0], exit: exit, location: fields[2], id: fields[3])
        }
    }()

    @Test func everyCorpusFileHasAnExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(files == Self.expectations.map(\.file).sorted())
        #expect(files.count >= 40)
        for expectation in Self.expectations { #expect(DiagnosticID(code: expectation.id) != nil, "\(expectation.file): \(expectation.id)") }
    }

    /// Each document's exit status, and the place and id of its first
    /// finding as the GitHub format annotates it (the id is in the title; a
    /// failed claim's is E0600), a document that cannot be read included.
    @Test(arguments: expectations)
    func corpusDocument(_ expected: Expectation) throws {
        let result = try EvidentProcess.run(["check", "--format", "github", expected.file], in: Self.directory.path)
        #expect(!result.timedOut, "\(expected.file) did not end within \(EvidentProcess.hangGuard) s")
        #expect(result.status == expected.exit, "\(expected.file): exit \(result.status)\n\(result.error)")
        let first = try #require(result.output.split(separator: "\n").first { $0.hasPrefix("::error ") }, "no error annotation for \(expected.file)")
        let fields = try #require(Self.annotation(String(first)), "\(first)")
        let id = fields.title.contains("claim failed") ? "E0600" : fields.title.split(separator: " ").last.map(String.init) ?? ""
        #expect(fields.location == expected.location, "\(expected.file): \(first)")
        #expect(id == expected.id, "\(expected.file): \(first)")
    }

    /// The text format shows each document's first finding compiler-style,
    /// with the source line and a caret under it (whatever the document's
    /// line ends), except for a document that cannot be read.
    @Test(arguments: expectations)
    func corpusDocumentExcerpt(_ expected: Expectation) throws {
        let result = try EvidentProcess.run(["check", expected.file], in: Self.directory.path)
        #expect(!result.timedOut && !result.signalled, "\(expected.file): ended by signal \(result.status)")
        #expect(result.status == expected.exit, "\(expected.file): exit \(result.status)\n\(result.error)")
        let lines = Array(result.error.split(separator: "\n", omittingEmptySubsequences: false))
        let headline = "\(expected.file):\(expected.location): error: "
        let first = try #require(lines.firstIndex { $0.hasPrefix(expected.file + ":") && $0.contains(": error: ") },
                                 "no error in\n\(result.error.prefix(600))")
        #expect(lines[first].hasPrefix(headline), "expected `\(headline)` first in\n\(result.error.prefix(600))")
        guard expected.id != DiagnosticID.unreadableFile.code else { return }
        #expect(lines.count >= first + 3 && !lines[first + 1].hasPrefix(expected.file + ":")
                    && lines[first + 2].trimmingCharacters(in: .whitespaces).hasPrefix("^"),
                "\(expected.file): no source line and caret under the first error\n\(result.error.prefix(600))")
    }

    /// Every corpus document also goes through `build` and `run`: each ends,
    /// by an exit and not a signal, with the status `check` gives; `build`
    /// writes the page only when there is no error, whole, and leaves no
    /// temporary file beside it.
    @Test(arguments: expectations)
    func corpusDocumentBuildAndRun(_ expected: Expectation) throws {
        let scratch = HostileScratch.make()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let out = scratch + "/out"
        let build = try EvidentProcess.run(["build", expected.file, "-o", out], in: Self.directory.path)
        #expect(!build.timedOut, "build \(expected.file) did not end within \(EvidentProcess.hangGuard) s")
        #expect(!build.signalled, "build \(expected.file) ended by signal \(build.status)\n\(build.error.prefix(2000))")
        #expect(build.status == expected.exit, "build \(expected.file): exit \(build.status)\n\(build.error.prefix(2000))")
        let written = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        let page = (expected.file as NSString).deletingPathExtension + ".html"
        if expected.exit == 2 {
            #expect(written.isEmpty, "build \(expected.file) with errors left \(written)")
        } else {
            #expect(written == [page], "build \(expected.file) left \(written)")
            let html = try String(contentsOfFile: out + "/" + page, encoding: .utf8)
            #expect(html.hasSuffix("</html>\n"), "\(page) is not whole (\(html.utf8.count) bytes)")
            #expect(activeContent(in: html) == nil, "\(page): \(activeContent(in: html) ?? "")")
        }

        let run = try EvidentProcess.run(["run", expected.file], in: Self.directory.path)
        #expect(!run.timedOut, "run \(expected.file) did not end within \(EvidentProcess.hangGuard) s")
        #expect(!run.signalled, "run \(expected.file) ended by signal \(run.status)\n\(run.error.prefix(2000))")
        #expect(run.status == expected.exit, "run \(expected.file): exit \(run.status)\n\(run.error.prefix(2000))")
        let corpus = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
        #expect(!corpus.contains { $0.hasPrefix(AtomicFile.temporaryPrefix) || $0.hasSuffix(".html") }, "\(corpus)")
    }

    /// Every corpus document that cannot be read, checked by the real
    /// executable with a good one and a missing one in each structured
    /// format: the output is whole and valid, and holds the good document's
    /// claim and each unreadable one's E1001 at its place.
    @Test(arguments: ["json", "junit", "github", "sarif"])
    func unreadableAmongOthers(_ format: String) throws {
        let unreadable = Self.expectations.filter { $0.id == DiagnosticID.unreadableFile.code }
        #expect(unreadable.count >= 5)
        let scratch = HostileScratch.make()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let good = scratch + "/good.md", missing = scratch + "/missing.md"
        try "# ok\n\n```evident\nclaim 1 == 1\n```\n".write(toFile: good, atomically: false, encoding: .utf8)
        let files = [good] + unreadable.map(\.file) + [missing]
        let result = try EvidentProcess.run(["check", "--format", format] + files, in: Self.directory.path)
        #expect(!result.timedOut && !result.signalled)
        #expect(result.status == 2, "\(result.error.prefix(2000))")
        let places = unreadable.map { "\($0.file) \($0.location)" } + ["\(missing) 1:1"]
        switch format {
        case "json":
            let root = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            let documents = try #require(root["documents"] as? [[String: Any]])
            #expect(documents.compactMap { $0["file"] as? String } == files)
            #expect(root["passed"] as? Int == 1 && root["errors"] as? Int == unreadable.count + 1)
            let found = documents.dropFirst().map { document -> String in
                let error = (document["errors"] as? [[String: Any]])?.first ?? [:]
                return "\(document["file"] ?? "") \(error["line"] ?? 0):\(error["column"] ?? 0)" + (error["id"] as? String == "E1001" ? "" : " not E1001")
            }
            #expect(found == places)
        case "sarif":
            let root = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            let results = try #require((root["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
            #expect(results.count == unreadable.count + 1 && results.allSatisfy { $0["ruleId"] as? String == "E1001" })
        case "junit":
            let parser = XMLParser(data: Data(result.output.utf8))
            let recorder = XMLRecorder()
            parser.delegate = recorder
            #expect(parser.parse(), "\(String(describing: parser.parserError))")
            #expect(recorder.named("testsuite").compactMap { $0.attributes["name"] } == files)
            #expect(recorder.named("error").count == unreadable.count + 1)
        default:
            let annotations = result.output.split(separator: "\n").filter { $0.hasPrefix("::error ") }.compactMap { Self.annotation(String($0)) }
            #expect(annotations.map(\.location) == places.map { String($0.split(separator: " ").last!) })
            #expect(annotations.allSatisfy { $0.title == "evident error E1001" })
            #expect(result.output.hasSuffix("::notice title=evident check::1 passed, 0 failed, \(unreadable.count + 1) errors\n"))
        }
    }

    /// `LINE:COL` and the title of a GitHub annotation.
    static func annotation(_ line: String) -> (location: String, title: String)? {
        guard let lineField = line.range(of: ",line="), let colField = line.range(of: ",col="), let titleField = line.range(of: ",title="),
              let end = line.range(of: "::", range: titleField.upperBound..<line.endIndex) else { return nil }
        let number = line[lineField.upperBound..<colField.lowerBound], column = line[colField.upperBound..<titleField.lowerBound]
        return ("\(number):\(column)", String(line[titleField.upperBound..<end.lowerBound]))
    }

    // MARK: Generated monsters

    /// A document in a scratch directory, checked (or built) by the real
    /// executable; returns the result after asserting it ended.
    static func runGenerated(_ name: String, _ text: String, command: [String] = ["check"]) throws -> EvidentProcess.Result {
        let scratch = HostileScratch.make()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: scratch + "/" + name))
        let result = try EvidentProcess.run(command + [name], in: scratch)
        #expect(!result.timedOut, "\(name) did not end within \(EvidentProcess.hangGuard) s")
        return result
    }

    static func block(_ code: String) -> String { "# Deep\n\n```evident\n" + code + "\n```\n" }

    struct Monster: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var location: String
        var message: String
        var testDescription: String { name }
    }

    static let depth = 20_000

    /// Nesting 20,000 deep of every recursive rule, inside a block and inline:
    /// a located error, never a stack overflow.
    static let monsters: [Monster] = [
        Monster(name: "parens.md", text: block("let v = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)),
                location: "4:209", message: "the expression nests too deeply"),
        Monster(name: "brackets.md", text: block("let v = " + String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)),
                location: "4:209", message: "the expression nests too deeply"),
        Monster(name: "braces.md", text: block("let v = " + String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth)),
                location: "4:", message: "the expression nests too deeply"),
        Monster(name: "minus.md", text: block("let v = " + String(repeating: "-", count: depth) + "1"),
                location: "4:209", message: "the expression nests too deeply"),
        Monster(name: "not.md", text: block("let v = " + String(repeating: "not ", count: depth) + "true"),
                location: "4:809", message: "the expression nests too deeply"),
        Monster(name: "power.md", text: block("let v = " + String(repeating: "2 ^ ", count: depth) + "1"),
                location: "4:", message: "the expression nests too deeply"),
        Monster(name: "lambdas.md", text: block("let v = map([1], " + String(repeating: "x => ", count: depth) + "x)"),
                location: "4:", message: ""),
        Monster(name: "calls.md", text: block("let v = " + String(repeating: "sqrt(", count: depth) + "1" + String(repeating: ")", count: depth)),
                location: "4:", message: "the expression nests too deeply"),
        Monster(name: "members.md", text: block("let v = [1]" + String(repeating: ".x", count: depth)),
                location: "4:", message: ""),
        Monster(name: "indexes.md", text: block("let v = [1]" + String(repeating: "[1]", count: depth)),
                location: "4:", message: ""),
        Monster(name: "sum.md", text: block("let v = " + Array(repeating: "1", count: depth).joined(separator: " + ")),
                location: "4:", message: "the expression nests too deeply"),
        Monster(name: "comparisons.md", text: block("let v = " + Array(repeating: "1", count: depth).joined(separator: " < ")),
                location: "4:", message: ""),
        Monster(name: "inline.md", text: "# Deep\n\nValue `{= " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + "}`.\n",
                location: "3:", message: "the expression nests too deeply"),
        Monster(name: "huge-line.md", text: block("let v = [" + Array(repeating: "1.5", count: 400_000).joined(separator: ", ") + "]\nlet v = 2"),
                location: "5:5", message: "'v' is already bound"),
        Monster(name: "huge-number.md", text: block("let v = " + String(repeating: "9", count: 1_000_000)),
                location: "4:9", message: "number"),
        Monster(name: "huge-string.md", text: block("let s = \"" + String(repeating: "<script>", count: 200_000) + "\"\nlet s = 1"),
                location: "5:5", message: "'s' is already bound"),
        Monster(name: "many-errors.md", text: block(String(repeating: ")\n", count: 50_000)),
                location: "4:1", message: ""),
        Monster(name: "many-spans.md", text: "# Spans\n\n" + String(repeating: "`{= 1 +}` ", count: 20_000) + "\n",
                location: "3:", message: ""),
    ]

    @Test(arguments: monsters)
    func generatedMonster(_ monster: Monster) throws {
        let result = try Self.runGenerated(monster.name, monster.text)
        #expect(result.status == 2, "\(monster.name): exit \(result.status)\n\(result.error.prefix(2000))")
        let headline = "\(monster.name):\(monster.location)"
        #expect(result.error.hasPrefix(headline), "expected the first error at `\(headline)`: \(result.error.prefix(600))")
        if !monster.message.isEmpty {
            #expect(result.error.prefix(4000).contains("error: \(monster.message)"), "\(result.error.prefix(600))")
        }
    }

    /// cmark's own nesting: block quotes, lists and emphasis 20,000 deep end
    /// in a page (the Markdown is valid), never a crash.
    @Test(arguments: [
        ("quotes.md", String(repeating: "> ", count: depth) + "deep\n"),
        ("lists.md", String(repeating: "- ", count: depth) + "item\n"),
        ("indented-lists.md", (0..<2_000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n") + "\n"),
        ("ordered.md", String(repeating: "1. ", count: depth) + "deep\n"),
        ("emphasis.md", String(repeating: "*a ", count: depth) + "b" + String(repeating: " a*", count: depth) + "\n"),
        ("links.md", String(repeating: "[", count: depth) + "x" + String(repeating: "](u)", count: depth) + "\n"),
        ("backticks.md", String(repeating: "`", count: depth) + "x\n"),
        ("quoted-block.md", String(repeating: "> ", count: 5_000) + "```evident\n" + String(repeating: "> ", count: 5_000) + "1 +\n"),
    ])
    func deepMarkdown(_ name: String, _ text: String) throws {
        let result = try Self.runGenerated(name, "# Deep\n\n" + text, command: ["build", "-o", "out"])
        #expect(result.status == 0 || result.status == 2, "\(name): exit \(result.status)\n\(result.error.prefix(2000))")
        if result.status == 2 {
            #expect(result.error.hasPrefix("\(name):"), "\(result.error.prefix(600))")
        }
    }
}

enum HostileScratch {
    static func make() -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("evident-hostile-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
