@testable import Evident
@testable import EvidentCLI
@testable import EvidentLanguage
@testable import EvidentMarkdown

/// What the `map` tests share: a document evaluated with given limits,
/// the batch plan of a lambda, and values as bit patterns (to compare
/// results bit for bit).
enum MapTestSupport {
    /// The batch plan `map` would make for `lambda` (code such as
    /// `p => norm(p.joint)`) over items bound in `scope`; nil when it has none.
    static func plan(_ lambda: String, scope: Scope = Scope()) -> BatchMap? {
        // A function is written only as an argument: take it from a call.
        guard let call = Parser.parseExpression("map(items, \(lambda))", origin: SourceLocation(line: 1, column: 1)).0,
              case .call(_, _, let arguments) = call.kind, let expr = arguments.last?.value,
              case .lambda(let parameters, let body) = expr.kind else { return nil }
        let function = Lambda(parameters: parameters, body: body, captured: scope, range: expr.range)
        let evaluator = Evaluator(scope: scope, builtins: .evident, limits: Limits(threads: 2))
        let invariants = Invariants(function, builtins: .evident)
        return BatchMap(function, evaluator: evaluator, invariants: invariants.isEmpty ? nil : invariants, at: expr.range)
    }

    static func run(_ code: String, threads: Int, batch: Bool = true) -> Interpreter {
        let i = Interpreter(file: "t.md", params: [:], builtins: .evident, limits: Limits(threads: threads, batchMap: batch))
        _ = i.evaluateBlock(code, origin: SourceLocation(line: 1, column: 1))
        return i
    }

    static func bits(_ value: Value?) -> [UInt64] {
        switch value {
        case .vector(let v)?: return v.map(\.bitPattern)
        case .booleans(let b)?: return b.map { $0 ? 1 : 0 }
        case .matrix(let m)?: return m.flatMap { $0.map(\.bitPattern) }
        case .list(let items)?: return items.flatMap { bits($0) }
        default: return []
        }
    }
}
