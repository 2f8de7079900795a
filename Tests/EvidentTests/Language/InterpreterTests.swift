import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct InterpreterTests {
    private let top = SourceLocation(line: 1, column: 1)

    @Test func syntaxErrorExampleFailsOnItsLine() {
        let source = "# A block that does not parse\n\n```evident\nlet x = (1 +\n```\n"
        let interpreter = Interpreter(file: "failing/syntax-error.md", params: [:])
        _ = interpreter.evaluateBlock("let x = (1 +\n", origin: SourceLocation(line: 4, column: 1))
        #expect(interpreter.diagnostics.map { $0.formatted(source: source) } == [
            """
            failing/syntax-error.md:4:13: error: expected an expression after '+', found the end of the code
            let x = (1 +
                        ^
            """,
        ])
    }

    @Test func unknownNameSuggestsARegisteredBuiltin() {
        let source = "# A name that is not bound\n\n```evident\nlet M = testpoint(1, 2)\nnatgrd(M.theta, at: M)\n```\n"
        let interpreter = LanguageTestSupport.interpreter()
        _ = interpreter.evaluateBlock("let M = testpoint(1, 2)\nnatgrd(M.theta, at: M)\n", origin: SourceLocation(line: 4, column: 1))
        #expect(interpreter.diagnostics.map { $0.formatted(source: source) } == [
            """
            test.md:5:1: error: unknown name 'natgrd'; did you mean 'natgrad'?
            natgrd(M.theta, at: M)
            ^~~~~~
            """,
        ])
        let plain = Interpreter(file: "x.md", params: [:])
        _ = plain.evaluateBlock("natgrd(1)", origin: top)
        #expect(plain.diagnostics.map(\.headline) == ["x.md:1:1: error: unknown name 'natgrd'"])
    }

    @Test func registriesExtendWithoutChangingCore() {
        let extended = BuiltinRegistry.core.adding(
            Builtin("twice", parameters: [.positional("x", "number")], summary: "2x") { args, _ in .number(2 * (try args.number(0))) }
        )
        #expect(extended["twice"] != nil)
        #expect(BuiltinRegistry.core["twice"] == nil)
        #expect(extended.signatures.first { $0.name == "twice" }?.description == "twice(x: number) — 2x")
        let interpreter = Interpreter(file: "t.md", params: [:], builtins: extended)
        #expect(interpreter.evaluateInline("twice(21)", format: nil, origin: top) == .value("42"))
    }

    @Test func claimsRecordLabelSourceDetailAndRange() {
        let interpreter = LanguageTestSupport.interpreter()
        let outputs = interpreter.evaluateBlock("""
            let M = testpoint(1, 2)
            claim "two plus two is five": 2 + 2 == 5
            claim "this one holds":   len(M.theta)  ==  2
            """, origin: SourceLocation(line: 4, column: 1))
        let expected = [
            ClaimResult(label: "two plus two is five", source: "2 + 2 == 5", passed: false, detail: "4 ≠ 5",
                        range: SourceRange(start: SourceLocation(line: 5, column: 1), end: SourceLocation(line: 5, column: 41))),
            ClaimResult(label: "this one holds", source: "len(M.theta)  ==  2", passed: true, detail: "2 == 2",
                        range: SourceRange(start: SourceLocation(line: 6, column: 1), end: SourceLocation(line: 6, column: 46))),
        ]
        #expect(interpreter.claims == expected)
        #expect(outputs == expected.map(Output.claim))
        #expect(interpreter.diagnostics.isEmpty)
    }

    @Test func inlineSpansShareTheDocumentScope() {
        let interpreter = Interpreter(file: "t.md", params: ["theta": .number(0.3)])
        _ = interpreter.evaluateBlock("let v = [0.5, 0.95, 0.99]", origin: top)
        #expect(interpreter.evaluateInline("theta", format: nil, origin: top) == .value("0.3"))
        #expect(interpreter.evaluateInline("1 / (theta * (1 - theta))", format: "%.4f", origin: top) == .value("4.7619"))
        #expect(interpreter.evaluateInline("fraction(v > 0.9)", format: "%.3f", origin: top) == .value("0.667"))
        #expect(interpreter.evaluateInline("3.1e-17", format: "%.1e", origin: top) == .value("3.1e-17"))
        #expect(interpreter.evaluateInline("1234.5", format: "%g", origin: top) == .value("1234.5"))
        #expect(interpreter.evaluateInline("len(v)", format: "%d", origin: top) == .value("3"))
        #expect(interpreter.evaluateInline("v", format: "%.1f", origin: top) == .value("[0.5, 0.9, 1.0]"))
        #expect(interpreter.evaluateInline("v * 100", format: "%.0f%%", origin: top) == .value("[50%, 95%, 99%]"))
        let claim = interpreter.evaluateInlineClaim(" v[1] < 1 ", origin: SourceLocation(line: 9, column: 12))
        #expect(claim == .claim(ClaimResult(label: nil, source: "v[1] < 1", passed: true, detail: "0.5 < 1",
                                            range: SourceRange(start: SourceLocation(line: 9, column: 13), end: SourceLocation(line: 9, column: 21)))))
        #expect(interpreter.claims.count == 1)
        #expect(interpreter.diagnostics.isEmpty)
    }

    @Test func inlineFormatErrorsAreLocated() {
        let interpreter = Interpreter(file: "t.md", params: [:])
        #expect(interpreter.evaluateInline("0.5", format: "%d", origin: SourceLocation(line: 3, column: 8)) == .value("?"))
        #expect(interpreter.evaluateInline("1", format: "%s", origin: SourceLocation(line: 4, column: 8)) == .value("?"))
        #expect(interpreter.evaluateInline("\"a\"", format: "%.2f", origin: SourceLocation(line: 5, column: 8)) == .value("?"))
        #expect(interpreter.evaluateInline("1 +", format: nil, origin: SourceLocation(line: 6, column: 8)) == .value("?"))
        #expect(interpreter.evaluateInline("undefined", format: "%q", origin: SourceLocation(line: 7, column: 8)) == .value("?"))
        #expect(interpreter.diagnostics.map(\.headline) == [
            "t.md:3:8: error: format '%d' needs a whole number, got 0.5",
            "t.md:4:8: error: invalid format '%s': expected a conversion %e, %f, %g or %d",
            "t.md:5:8: error: the format '%.2f' needs a number, got a string",
            "t.md:6:11: error: expected an expression after '+', found the end of the code",
            "t.md:7:8: error: invalid format '%q': expected a conversion %e, %f, %g or %d",
        ])
    }

    @Test func bareExpressionsRenderTablesPlotsAndValues() {
        let interpreter = LanguageTestSupport.interpreter()
        let outputs = interpreter.evaluateBlock("""
            let p = testpoint(1, 2, 3)
            2 * 3
            "text"
            [0.5, 1.5]
            [[1, 2], [3, 4]]
            {dim: 3, defect: 0}
            [{a: 1}, {a: 2, b: "x"}]
            p
            table(p, every: 2, title: "points")
            plot(p)
            plot([1, 2, 3], [1, 4, 9], [1, 8, 27], labels: ["square", "cube"], logy: true, title: "powers")
            table(linspace(0, 1, 11), every: 5)
            table([[1, 2], [3, 4]], columns: ["x", "y"])
            table([{a: 1, b: 2}, {a: 3, b: 4}], columns: ["b"])
            """, origin: top)
        #expect(interpreter.diagnostics.isEmpty)
        #expect(outputs == [
            .value("6"),
            .value("text"),
            .table(Table(columns: ["index", "value"], rows: [["1", "0.5"], ["2", "1.5"]], indexColumns: 1)),
            .table(Table(columns: ["row", "1", "2"], rows: [["1", "1", "2"], ["2", "3", "4"]], indexColumns: 1)),
            .table(Table(columns: ["dim", "defect"], rows: [["3", "0"]])),
            .table(Table(columns: ["a", "b"], rows: [["1", ""], ["2", "x"]])),
            .value("testpoint(1, 2, 3)"),
            .table(Table(title: "points", columns: ["i", "coordinate"], rows: [["1", "1"], ["3", "3"]])),
            .plot(Plot(kind: .bars(edges: [0, 1, 2, 3], values: [1, 2, 3]))),
            .plot(Plot(title: "powers", kind: .lines([
                Plot.Series(label: "square", x: [1, 2, 3], y: [1, 4, 9]),
                Plot.Series(label: "cube", x: [1, 2, 3], y: [1, 8, 27]),
            ]), logY: true)),
            .table(Table(columns: ["index", "value"], rows: [["1", "0"], ["6", "0.5"], ["11", "1"]], indexColumns: 1)),
            .table(Table(columns: ["row", "x", "y"], rows: [["1", "1", "2"], ["2", "3", "4"]], indexColumns: 1)),
            .table(Table(columns: ["b"], rows: [["2"], ["4"]])),
        ])
    }

    @Test func plotAndTableArgumentErrors() {
        let interpreter = LanguageTestSupport.interpreter()
        _ = interpreter.evaluateBlock("""
            plot([1, 2], [1, 2, 3])
            plot([1, 2], [3, 4], labels: ["a", "b"])
            table([1, 2], columns: ["a", "b"])
            table("x")
            """, origin: top)
        #expect(LanguageTestSupport.errors(interpreter) == [
            "1:14: series 1 has 3 points, but X has 2",
            "2:22: labels: gives 2 names for 1 series",
            "3:7: columns: gives 2 names for a single column of values",
            "4:7: table needs a vector, matrix, record, list of records or a tabular object, got a string",
        ])
    }

    @Test func aFailedLetDoesNotCascade() {
        let interpreter = LanguageTestSupport.interpreter()
        _ = interpreter.evaluateBlock("let a = mean(\"x\")\nlet b = a + 1\nclaim b > 0\nb", origin: top)
        _ = interpreter.evaluateInline("b * 2", format: nil, origin: SourceLocation(line: 9, column: 1))
        #expect(LanguageTestSupport.errors(interpreter) == ["1:14: expected a vector for argument 1 of mean, got a string"])
        #expect(interpreter.claims.map(\.passed) == [false])
    }

    @Test func diagnosticsComeInDocumentOrder() {
        let interpreter = LanguageTestSupport.interpreter()
        _ = interpreter.evaluateBlock("nope1", origin: SourceLocation(line: 10, column: 1))
        _ = interpreter.evaluateInline("nope2", format: nil, origin: SourceLocation(line: 3, column: 5))
        #expect(interpreter.diagnostics.map(\.range.start.line) == [3, 10])
    }

    @Test func limitsAreLocatedErrors() {
        let interpreter = LanguageTestSupport.interpreter(limits: Limits(maxElements: 100, maxDepth: 20, maxStatements: 3))
        _ = interpreter.evaluateBlock("linspace(0, 1, 1000)\nmap(linspace(0, 1, 50), x => [x, x, x])\n1\n2", origin: top)
        _ = interpreter.evaluateBlock("3", origin: SourceLocation(line: 8, column: 1))
        #expect(LanguageTestSupport.errors(interpreter) == [
            "1:1: linspace would make 1000 entries, more than the limit of 100",
            "4:1: the document has more than 3 statements",
        ])
        // Past the limit, the names of the statements not run fail quietly:
        // one error for the limit, not one more for each use of those names.
        let many = LanguageTestSupport.interpreter(limits: Limits(maxStatements: 2))
        _ = many.evaluateBlock("let a = 1\nlet b = 2\nlet c = 3", origin: top)
        _ = many.evaluateBlock("let d = 4", origin: SourceLocation(line: 5, column: 1))
        #expect(many.evaluateInline("c + d", format: nil, origin: SourceLocation(line: 9, column: 1)) == .value("?"))
        #expect(LanguageTestSupport.errors(many) == ["3:1: the document has more than 2 statements"])
        let deep = LanguageTestSupport.interpreter(limits: Limits(maxDepth: 20))
        _ = deep.evaluateBlock(String(repeating: "[", count: 30) + String(repeating: "]", count: 30), origin: top)
        #expect(LanguageTestSupport.errors(deep) == ["1:21: the expression nests too deeply (more than 20 levels)"])
    }

    /// A document's first unknown names say which known name is nearest;
    /// past `suggestedUnknownNames` they are errors without the search (a
    /// document of thousands of each took minutes).
    @Test func onlyTheFirstUnknownNamesGetASuggestion() {
        let interpreter = LanguageTestSupport.interpreter()
        let count = Interpreter.suggestedUnknownNames
        _ = interpreter.evaluateBlock((0...count).map { "let value\($0) = \($0)" }.joined(separator: "\n"), origin: top)
        for k in 0...count {
            _ = interpreter.evaluateInline(k.isMultiple(of: 2) ? "valeu\(k)" : "frob\(k)(1)", format: nil, origin: SourceLocation(line: 200 + k, column: 1))
        }
        let messages = interpreter.diagnostics.map(\.message)
        #expect(messages.count == count + 1)
        #expect(messages.first == "unknown name 'valeu0'; did you mean 'value0'?")
        #expect(messages.dropLast().allSatisfy { $0.contains("did you mean") || $0.hasPrefix("unknown name 'frob") })
        #expect(messages.last == "unknown name 'valeu\(count)'")
    }

    @Test func lambdasCaptureTheScopeWhereTheyAreWritten() {
        let interpreter = LanguageTestSupport.interpreter()
        _ = interpreter.evaluateBlock("let k = 10\nlet v = map([1, 2], x => map([1, 2], y => x * k + y))", origin: top)
        guard case .list(let rows)? = interpreter.value(named: "v") else {
            Issue.record("expected a list")
            return
        }
        #expect(rows.map(\.text) == ["[11, 12]", "[21, 22]"])
        #expect(Value.list(rows).asMatrix == [[11, 12], [21, 22]])
    }
}

/// `count`, `fraction` and a failed comparison's "k of n entries hold" count
/// true entries by summing bytes: the same counts as counting one by one, for
/// every length around the eight-byte steps of the loop.
@Suite struct TrueCountTests {
    @Test func countsTrueEntriesOfEveryLength() {
        var generator = SeededInputs(state: 11)
        for length in 0..<70 {
            let b = (0..<length).map { _ in generator.next() & 1 == 1 }
            #expect(CoreBuiltins.trueCount(b) == b.filter { $0 }.count, "length \(length)")
        }
        #expect(CoreBuiltins.trueCount(Array(repeating: true, count: 100_003)) == 100_003)
    }
}
