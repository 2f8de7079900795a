import Foundation
import Synchronization
import Testing
@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// A compact rendering of an expression tree for tests.
private func show(_ e: Expr) -> String {
    switch e.kind {
    case .number(let x): return NumberFormat.shortest(x)
    case .string(let s): return "\"\(s)\""
    case .bool(let b): return "\(b)"
    case .name(let n): return n
    case .list(let items): return "[" + items.map(show).joined(separator: " ") + "]"
    case .record(let fields): return "{" + fields.map { "\($0.name):\(show($0.value))" }.joined(separator: " ") + "}"
    case .unary(let op, let x): return "(\(op.rawValue) \(show(x)))"
    case .binary(let op, let a, let b): return "(\(op.rawValue) \(show(a)) \(show(b)))"
    case .approx(let a, let b, let t, let relative): return "(≈ \(show(a)) \(show(b)) \(show(t))\(relative ? "%" : ""))"
    case .call(let f, _, let args): return "(\(f)" + args.map { " " + ($0.name.map { "\($0):" } ?? "") + show($0.value) }.joined() + ")"
    case .member(let x, let name, _): return "(. \(show(x)) \(name))"
    case .method(let x, let name, _, let args): return "(.\(name) \(show(x))" + args.map { " " + show($0.value) }.joined() + ")"
    case .index(let x, let i): return "(idx \(show(x)) \(show(i)))"
    case .lambda(let params, let body): return "(\(params.joined(separator: " ")) => \(show(body)))"
    case .slice(let x, let a, let b): return "(slice \(show(x)) \(show(a)) \(show(b)))"
    case .conditional(let c, let a, let b): return "(if \(show(c)) \(show(a)) \(show(b)))"
    }
}

@Suite struct ParserTests {
    private func parse(_ code: String) -> String {
        let (expr, errors) = Parser.parseExpression(code, origin: SourceLocation(line: 1, column: 1))
        if let expr { return show(expr) }
        #expect(errors.allSatisfy { $0.isPlaced }, "the parser places every error")
        return errors.map { "\($0.range.start): \($0.message)" }.joined(separator: "; ")
    }

    @Test func precedenceLoosestFirst() {
        #expect(parse("a or b and not c < d + e * -f ^ g") == "(or a (and b (not (< c (+ d (* e (- (^ f g))))))))")
        #expect(parse("1 - 2 - 3") == "(- (- 1 2) 3)")
        #expect(parse("2 ^ 3 ^ 2") == "(^ 2 (^ 3 2))")
        #expect(parse("-2 ^ 2") == "(- (^ 2 2))")
        #expect(parse("2 ^ -1") == "(^ 2 (- 1))")
        #expect(parse("not not x") == "(not (not x))")
    }

    @Test func approximateComparisons() {
        #expect(parse("a ≈ b + 1 ± 1e-12") == "(≈ a (+ b 1) 1e-12)")
        #expect(parse("a ~= b +- 5%") == "(≈ a b 5%)")
        #expect(parse("x ≈ y ± t and p") == "(and (≈ x y t) p)")
    }

    @Test func postfixCallsMembersMethodsAndIndices() {
        #expect(parse("f(x).a.b(1, k: 2)[3][4]") == "(idx (idx (.b (. (f x) a) 1 2) 3) 4)")
        #expect(parse("map(S, p => cosine(p, q: 1))") == "(map S (p => (cosine p q:1)))")
        #expect(parse("table(x, every: 100,)") == "(table x every:100)")
    }

    @Test func literals() {
        #expect(parse("[1, \"a\", true, []]") == "[1 \"a\" true []]")
        #expect(parse("{dim: 3, ok: false}") == "{dim:3 ok:false}")
    }

    @Test func rangesCoverTheWholeExpression() throws {
        let (expr, _) = Parser.parseExpression("  norm(g.visible) < 1e-10", origin: SourceLocation(line: 7, column: 3))
        let e = try #require(expr)
        #expect("\(e.range.start)-\(e.range.end)" == "7:5-7:28")
        guard case .binary(_, let lhs, _) = e.kind, case .call(_, let calleeRange, let args) = lhs.kind else {
            Issue.record("expected a comparison of a call")
            return
        }
        #expect("\(calleeRange.start)-\(calleeRange.end)" == "7:5-7:9")
        #expect("\(args[0].range.start)-\(args[0].range.end)" == "7:10-7:19")
    }

    @Test func errorsSayWhatWasExpectedAndFound() {
        #expect(parse("f(1 2)") == "1:5: expected ',' or ')' after an argument, found number 2")
        #expect(parse("[1, 2") == "1:6: expected ',' or ']' in the list opened at 1:1, found the end of the code")
        #expect(parse("a.") == "1:3: expected a member name after '.', found the end of the code")
        #expect(parse("a b") == "1:3: expected the end of the expression, found name 'b'")
        #expect(parse("(1)(2)") == "1:4: only a function's name can be called here; bind the function with 'let' and call it by name")
    }

    @Test func claimStatementsKeepTheirSourceAndLabel() throws {
        let block = Parser.parseBlock("claim \"the label\": a  ≈ b ± 1  # why\nclaim x > 0", origin: SourceLocation(line: 1, column: 1))
        #expect(block.errors.isEmpty)
        guard block.statements.count == 2,
              case .claim(let label, _, let source) = block.statements[0].kind,
              case .claim(let label2, _, let source2) = block.statements[1].kind else {
            Issue.record("expected two claims")
            return
        }
        #expect(label == "the label")
        #expect(source == "a  ≈ b ± 1")
        #expect(label2 == nil)
        #expect(source2 == "x > 0")
        #expect(block.statements[1].range.start == SourceLocation(line: 2, column: 1))
    }

    @Test func recoveryReportsEveryErrorOfABlock() {
        let code = "let a = (1 +\nlet b = 2\nlet c = * 3\nlet d = 4\n1 2"
        let block = Parser.parseBlock(code, origin: SourceLocation(line: 1, column: 1))
        #expect(block.errors.map { "\($0.range.start): \($0.message)" } == [
            "1:12: expected an expression after '+', found keyword 'let'",
            "3:9: expected an expression after '=', found '*'",
            "5:3: expected the end of the line after the statement, found number 2",
        ])
        #expect(block.statements.map(\.range.start.line) == [1, 2, 3, 4, 5])
        #expect(block.failedNames == ["a", "c"])
    }

    @Test func syntaxErrorExampleIsReportedOnItsLine() {
        // examples/failing/syntax-error.md: the block's code starts at document line 4.
        let block = Parser.parseBlock("let x = (1 +\n", origin: SourceLocation(line: 4, column: 1))
        #expect(block.errors.map { "\($0.range.start): \($0.message)" } ==
                ["4:13: expected an expression after '+', found the end of the code"])
        #expect(block.failedNames == ["x"])
    }

    @Test func deepNestingIsALocatedError() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        let block = Parser.parseBlock(deep + "\nlet ok = 1", origin: SourceLocation(line: 1, column: 1))
        #expect(block.errors.count == 1)
        #expect(block.errors.first?.message == "the expression nests too deeply (more than 200 levels)")
        #expect(block.statements.count == 2)
        let chain = "x" + String(repeating: "[1]", count: 5000)
        #expect(Parser.parseBlock(chain, origin: SourceLocation(line: 1, column: 1)).errors.first?.message ==
                "the expression nests too deeply (more than 200 levels)")
        let sum = Array(repeating: "1", count: 5000).joined(separator: "+")
        #expect(Parser.parseBlock(sum, origin: SourceLocation(line: 1, column: 1)).errors.count == 1)
        let negations = String(repeating: "-", count: 5000) + "1"
        #expect(Parser.parseBlock(negations, origin: SourceLocation(line: 1, column: 1)).errors.count == 1)
    }

    /// Where the thread's stack cannot hold the nesting the limit allows,
    /// the parser stops where the stack runs low, with a located error.
    @Test func nestingThatTheStackCannotHoldIsALocatedError() {
        let deep = String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
        let limits = Limits(maxDepth: 1_000_000)
        let parsed = Mutex<ParsedBlock?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            parsed.withLock { $0 = Parser.parseBlock(deep + "\nlet ok = 1", origin: SourceLocation(line: 1, column: 1), limits: limits) }
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
        done.wait()
        let block = parsed.withLock { $0 }
        #expect(block?.errors.count == 1)
        #expect(block?.errors.first?.message.hasPrefix("the expression nests too deeply for the stack") == true)
        #expect(block?.errors.first?.range.start.line == 1)
        #expect(block?.statements.count == 2)
    }

    @Test func everyStatementOfTheAcceptanceDocumentsParses() throws {
        let url = LanguageTestSupport.fixturesURL().appendingPathComponent("language/acceptance-blocks.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        let block = Parser.parseBlock(text, origin: SourceLocation(line: 1, column: 1))
        #expect(block.errors.map { "\($0.range.start): \($0.message)" } == [])
        #expect(block.statements.count == text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.count)
    }
}
