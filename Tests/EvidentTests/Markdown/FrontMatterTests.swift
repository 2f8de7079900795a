import XCTest
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

final class FrontMatterTests: XCTestCase {
    func testTitleAndParamsInOrder() {
        let source = "---\ntitle: \"A: B\"\nparams:\n  seed: 3\n  rate: 1e-3\n  name: \"x\"\n  code: '7'\n---\n# Body\n"
        let (front, body, diagnostics) = FrontMatter.split(source, file: "a.md")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(front.title, "A: B")
        XCTAssertEqual(front.params.map(\.name), ["seed", "rate", "name", "code"])
        XCTAssertEqual(front.params.map(\.value), [.number(3), .number(1e-3), .string("x"), .string("7")])
        XCTAssertEqual(front.paramsLocation, SourceLocation(line: 3, column: 1))
        XCTAssertEqual(front.lineCount, 8)
        XCTAssertEqual(body, "\n\n\n\n\n\n\n\n# Body\n")
    }

    /// `read` finds what `split` does, without the body.
    func testReadingTheFrontMatterAloneFindsWhatSplittingDoes() {
        for source in ["---\ntitle: T\nparams:\n  a: 1\nevident: false\n---\n# B\n", "# none\n", "---\ntitle: [x\n---\n",
                       "---\ntitle: x\n", "---\n\n# a rule\n"] {
            let (front, _, diagnostics) = FrontMatter.split(source, file: "a.md")
            let read = FrontMatter.read(source, file: "a.md")
            XCTAssertEqual(read.frontMatter, front, source)
            XCTAssertEqual(read.diagnostics, diagnostics, source)
        }
    }

    /// An alias as a key is refused before YAML is composed: its
    /// duplicate-key check would hash the aliased value, exponential in
    /// nested aliases. Aliases as values, and `*` inside scalars, quotes or
    /// comments, are left alone.
    func testAnAliasAsAKeyIsFound() {
        XCTAssertEqual(FrontMatter.aliasKey(in: "a: &a [1]\n? *a\n: 1")?.line, 2)
        XCTAssertEqual(FrontMatter.aliasKey(in: "a: &a [1]\n? *a\n: 1")?.column, 3)
        XCTAssertEqual(FrontMatter.aliasKey(in: "a: &a x\n*a : 1")?.column, 1)
        XCTAssertEqual(FrontMatter.aliasKey(in: "a: &a x\nb: {*a : 1}")?.column, 5)
        for fine in ["a: &a x\nb: *a", "b: [*a, *a]", "title: what? *really*", "t: \"? *x: y\"", "# ? *x : y\nt: 1",
                     "t: 'it''s *x: y'", "list:\n  - *a\n  - b", "x: a *b: c"] {
            XCTAssertNil(FrontMatter.aliasKey(in: fine), fine)
        }
    }

    func testNoFrontMatter() {
        let (front, body, diagnostics) = FrontMatter.split("# T\n---\n", file: "a.md")
        XCTAssertEqual(front, FrontMatter())
        XCTAssertEqual(body, "# T\n---\n")
        XCTAssertEqual(diagnostics, [])
    }

    func testRuleFollowedByBlankLineIsNotFrontMatter() {
        let source = "---\n\ntext\n---\n"
        let (front, body, diagnostics) = FrontMatter.split(source, file: "a.md")
        XCTAssertEqual(front, FrontMatter())
        XCTAssertEqual(body, source)
        XCTAssertEqual(diagnostics, [])
    }

    /// A bracket left open is reported where it opens (libyaml's context
    /// mark), with a note where the reader noticed it.
    func testMalformedYAMLIsLocatedAtTheConstructLeftOpen() {
        let source = "---\ntitle: ok\nparams: [1, 2\n---\ntext\n"
        let (_, _, diagnostics) = FrontMatter.split(source, file: "doc.md")
        XCTAssertEqual(diagnostics.map(\.headline), [
            "doc.md:3:9: error: malformed front matter: in the flow sequence that starts here, did not find expected ',' or ']'",
            "doc.md:4:1: note: the YAML reader noticed it here",
        ])
        let unclosed = FrontMatter.split("---\ntitle: [unclosed\nparams: 1\n---\n", file: "a.md").diagnostics
        XCTAssertEqual(unclosed.map(\.headline), [
            "a.md:2:8: error: malformed front matter: in the flow sequence that starts here, did not find expected ',' or ']'",
            "a.md:3:7: note: the YAML reader noticed it here",
        ])
        XCTAssertEqual(unclosed.map(\.id), [.frontMatterMalformed, .frontMatterMalformed])
    }

    /// A problem libyaml gives no context for stands where it was noticed.
    func testMalformedYAMLWithoutContextStandsWhereNoticed() {
        let (_, _, diagnostics) = FrontMatter.split("---\ntitle: a\n  b: c\n---\n", file: "doc.md")
        XCTAssertEqual(diagnostics.map(\.severity), [.error])
        XCTAssertTrue(diagnostics[0].headline.hasPrefix("doc.md:3:"), diagnostics[0].headline)
    }

    func testBadValuesAreLocated() {
        let source = "---\ntitle: [a, b]\nparams:\n  n: ~\n  2x: 1\n  ok: 2\n  deep: [1, [2, .nan]]\n---\n"
        let (front, _, diagnostics) = FrontMatter.split(source, file: "doc.md")
        XCTAssertEqual(diagnostics.map(\.headline), [
            "doc.md:2:8: error: `title` must be a string",
            "doc.md:4:6: error: param `n`: must be a number, a string, a boolean, a list or a mapping, not null",
            "doc.md:5:3: error: a param name must be an identifier",
            "doc.md:7:17: error: param `deep`: must be a finite number",
        ])
        XCTAssertEqual(front.params.map(\.name), ["ok"])
    }

    /// Params of any YAML type: booleans, lists (numbers make a vector,
    /// rows a matrix) and mappings (records), in the front matter and on
    /// the command line.
    func testParamsOfAnyYAMLType() throws {
        let source = "---\nparams:\n  on: true\n  target: [0.2, 0.8]\n  G: [[1, 0], [0, 2]]\n  model: {name: coin, k: 2}\n---\n"
        let (front, _, diagnostics) = FrontMatter.split(source, file: "doc.md")
        XCTAssertEqual(diagnostics, [])
        let values = front.paramValues.mapValues(\.value)
        guard case .bool(true)? = values["on"], case .vector([0.2, 0.8])? = values["target"],
              case .matrix([[1, 0], [0, 2]])? = values["G"], case .record? = values["model"] else {
            return XCTFail("\(values.mapValues(\.text))")
        }
        XCTAssertEqual(values["model"]?.text, #"{name: "coin", k: 2}"#)
        guard case .vector([0.2, 0.8]) = try FrontMatter.paramValue(parsing: "[0.2,0.8]").value else { return XCTFail("not a vector") }
        XCTAssertEqual(try FrontMatter.paramValue(parsing: "abc"), .string("abc"))
        XCTAssertEqual(try FrontMatter.paramValue(parsing: ""), .string(""))
        XCTAssertThrowsError(try FrontMatter.paramValue(parsing: "[0.2,"))
    }

    /// On the command line a plain `nan`, `inf` or `-inf` (anywhere in the
    /// value) is refused like `1e400`: YAML would make it the text, and a
    /// number param would silently become a string. Quoted it is the text;
    /// in a front matter YAML's reading stands.
    func testCommandLineNonFiniteSpellingsAreRefused() throws {
        for text in ["nan", "NaN", "inf", "-inf", "+Infinity", "[0.5, nan]", "{a: -inf}", "1e400", ".nan"] {
            XCTAssertThrowsError(try FrontMatter.paramValue(parsing: text), text) { error in
                XCTAssertTrue((error as? FrontMatter.ParamProblem)?.message.hasPrefix("must be a finite number") == true, "\(text): \(error)")
            }
        }
        XCTAssertEqual(try FrontMatter.paramValue(parsing: "\"nan\""), .string("nan"))
        XCTAssertEqual(try FrontMatter.paramValue(parsing: "'inf'"), .string("inf"))
        XCTAssertEqual(try FrontMatter.paramValue(parsing: "infinite"), .string("infinite"))
        let (front, _, diagnostics) = FrontMatter.split("---\nparams:\n  label: nan\n---\n", file: "doc.md")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(front.paramValues["label"], .string("nan"))
    }

    func testUnclosedFrontMatter() {
        let (_, body, diagnostics) = FrontMatter.split("---\ntitle: x\n", file: "doc.md")
        XCTAssertEqual(diagnostics.map(\.headline), ["doc.md:1:1: error: front matter is not closed: add a line `---` after it"])
        XCTAssertEqual(body, "---\ntitle: x\n")
    }

    func testNonMappingFrontMatter() {
        let (_, _, diagnostics) = FrontMatter.split("---\n- a\n- b\n---\n", file: "d.md")
        XCTAssertEqual(diagnostics.map(\.headline), ["d.md:2:1: error: front matter must be a mapping of keys to values"])
    }
}
