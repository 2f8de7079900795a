import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

@Suite struct SemanticsTests {
    private let here = SourceRange(SourceLocation(line: 1, column: 1))
    private var evaluator: Evaluator { Evaluator(scope: Scope(), builtins: .core, limits: .standard) }

    private func expr(_ code: String) throws -> Expr {
        let (expr, errors) = Parser.parseExpression(code, origin: SourceLocation(line: 1, column: 1))
        #expect(errors.isEmpty)
        return try #require(expr)
    }

    @Test func anyComparisonThatMeetsNaNIsFalse() throws {
        for op in [BinaryOperator.less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual] {
            #expect(try evaluator.compare(op, .number(.nan), .number(1), at: here).value.asBool == false)
            #expect(try evaluator.compare(op, .number(1), .number(.nan), at: here).value.asBool == false)
            #expect(try evaluator.compare(op, .vector([1, .nan]), .number(1), at: here).value.asBooleans?[1] == false)
        }
    }

    @Test func nanNeverPassesAnApproximateComparison() throws {
        let scope = Scope(bindings: ["x": .value(.vector([1, .nan])), "y": .value(.number(.nan))])
        let evaluator = Evaluator(scope: scope, builtins: .core, limits: .standard)
        #expect(try evaluator.condition(try expr("x ≈ 1 ± 1e9")) == (false, "max |a − b| is NaN (NaN never passes)"))
        #expect(try evaluator.condition(try expr("y ≈ y ± 1%")) == (false, "|a − b| is NaN (NaN never passes)"))
        #expect(try evaluator.condition(try expr("y > 0 or y <= 0")) == (false, "NaN > 0 is false (NaN compares false) or NaN ≤ 0 is false (NaN compares false)"))
        #expect(try evaluator.condition(try expr("not y > 0")) == (true, "not (NaN > 0 is false (NaN compares false))"))
    }

    @Test func booleanVectorsReduceWithAllInBooleanContexts() throws {
        let scope = Scope(bindings: ["v": .value(.vector([1, 2, 3]))])
        let evaluator = Evaluator(scope: scope, builtins: .core, limits: .standard)
        #expect(try evaluator.evaluate(try expr("v > 1")).text == "[false, true, true]")
        #expect(try evaluator.evaluate(try expr("v > 1 and true")).text == "false")
        #expect(try evaluator.evaluate(try expr("v > 0 and true")).text == "true")
        #expect(try evaluator.evaluate(try expr("not v > 1")).text == "true")
        #expect(try evaluator.evaluate(try expr("v > 1 or false")).text == "false")
        #expect(try evaluator.evaluate(try expr("count(v > 1)")).text == "2")
        #expect(try evaluator.evaluate(try expr("[[1, 2], [3, 4]] > 2")).text == "[false, false, true, true]")
    }

    @Test func andOrShortCircuit() throws {
        #expect(try evaluator.evaluate(try expr("false and undefined_name > 0")).text == "false")
        #expect(try evaluator.evaluate(try expr("true or undefined_name > 0")).text == "true")
        #expect(throws: Diagnostic(.typeMismatch, "expected a boolean for 'and', got a number", at: SourceRange(start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 2)))) {
            try evaluator.evaluate(try expr("1 and true"))
        }
    }

    /// A string is held to the entries' limit (in bytes), so doubling one
    /// cannot take gigabytes.
    @Test func stringsAreHeldToTheLimit() throws {
        let interpreter = Interpreter(file: "t.md", params: [:], limits: Limits(maxElements: 64))
        let code = "let a = \"0123456789abcdef\"\nlet b = a + a\nlet c = b + b\nlet d = c + c"
        _ = interpreter.evaluateBlock(code, origin: SourceLocation(line: 1, column: 1))
        #expect(interpreter.diagnostics.map(\.id) == [.tooManyEntries])
        #expect(interpreter.diagnostics.first?.message == "the string would have 128 bytes, more than the limit of 64")
        #expect(interpreter.diagnostics.first?.range.start == SourceLocation(line: 4, column: 9))
    }

    /// Each value is held to `maxElements`, and the document to
    /// `maxTotalEntries` in all: nested maps of small lists stop with a
    /// located error instead of building billions of numbers.
    @Test func aDocumentsMapsAreHeldToTheirTotalEntries() throws {
        let limits = Limits(maxElements: 1_000, threads: 1, maxTotalEntries: 20_000)
        let interpreter = Interpreter(file: "t.md", params: [:], limits: limits)
        let code = "let xs = linspace(0, 1, 50)\nlet big = map(xs, a => map(xs, b => map(xs, c => a + b + c)))"
        _ = interpreter.evaluateBlock(code, origin: SourceLocation(line: 1, column: 1))
        #expect(interpreter.diagnostics.map(\.id) == [.budgetSpent])
        #expect(interpreter.diagnostics.first?.message.contains("entries budget (20000 entries built by maps) is spent") == true)
        // Within the budget the same shape evaluates.
        let small = Interpreter(file: "t.md", params: [:], limits: limits)
        _ = small.evaluateBlock("let xs = linspace(0, 1, 10)\nlet big = map(xs, a => map(xs, b => a + b))", origin: SourceLocation(line: 1, column: 1))
        #expect(small.diagnostics.isEmpty)
    }

    @Test func relativeTolerance() throws {
        #expect(try evaluator.condition(try expr("0 ≈ 0 ± 1%")) == (true, "|a − b| / |b| = 0% ≤ 1%"))
        #expect(try evaluator.condition(try expr("1e-300 ≈ 0 ± 50%")) == (false, "|a − b| / |b| = ∞% > 50%"))
        #expect(try evaluator.condition(try expr("[99, 202] ≈ [100, 200] ± 1.5%")) == (true, "max |a − b| / |b| = 1% ≤ 1.5%"))
    }

    @Test func matricesBroadcastAndCompareByShape() throws {
        #expect(try evaluator.evaluate(try expr("[[1, 2], [3, 4]] - [[1, 1], [1, 1]]")).text == "[[0, 1], [2, 3]]")
        #expect(try evaluator.evaluate(try expr("2 ^ [[1, 2]]")).text == "[[2, 4]]")
        #expect(try evaluator.condition(try expr("[[1, 2]] ≈ [[1, 2.001]] ± 1e-2")).passed)
        #expect(throws: Diagnostic.self) { try evaluator.evaluate(try expr("[[1, 2]] + [[1, 2], [3, 4]]")) }
    }
}
