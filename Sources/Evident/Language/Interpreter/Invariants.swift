import Foundation

/// The parts of a lambda's body that do not depend on its parameters, each
/// evaluated once for a whole `map` instead of once per item.
///
/// `map(S, p => cosine(natgrad(elbo(T, q: "target"), at: p), …))` builds the
/// same objective `elbo(T, q: "target")` for every item; built-ins are pure
/// functions of their arguments, so the first value computed serves every
/// item (and the objective's own caches with it). Only calls and method calls
/// that mention no parameter and hold no lambda are memoised, the largest
/// such subexpressions. Evaluation stays lazy: a subexpression is computed
/// when an item first reaches it, and a failure is not remembered, so each
/// item that reaches it fails the same way as without the memo — errors and
/// values are those of a plain evaluation.
final class Invariants: @unchecked Sendable {
    // A few ranges, compared in a linear scan: hashing a range on every call
    // cost more than the scan.
    private let ranges: [SourceRange]
    private let lock = NSLock()
    private var values: [Value?]

    init(_ lambda: Lambda) {
        var ranges = Set<SourceRange>()
        Self.collect(lambda.body, parameters: Set(lambda.parameters), into: &ranges)
        self.ranges = Array(ranges)
        self.values = Array(repeating: nil, count: ranges.count)
    }

    var isEmpty: Bool { ranges.isEmpty }

    /// The memoised value of the expression at `range`, computing it with
    /// `evaluate` the first time; nil when that expression is not invariant.
    func value(at range: SourceRange, _ evaluate: () throws -> Value) throws -> Value? {
        guard let slot = ranges.firstIndex(of: range) else { return nil }
        lock.lock()
        let known = values[slot]
        lock.unlock()
        if let known { return known }
        let value = try evaluate()
        lock.lock()
        values[slot] = value
        lock.unlock()
        return value
    }

    /// Adds the largest invariant calls under `expr`; returns whether `expr`
    /// itself is invariant (mentions no parameter and holds no lambda).
    @discardableResult
    private static func collect(_ expr: Expr, parameters: Set<String>, into ranges: inout Set<SourceRange>) -> Bool {
        func all(_ exprs: [Expr]) -> Bool {
            var invariant = true
            for e in exprs where !collect(e, parameters: parameters, into: &ranges) { invariant = false }
            return invariant
        }
        let invariant: Bool
        switch expr.kind {
        case .number, .string, .bool:
            return true
        case .name(let name):
            return !parameters.contains(name)
        case .lambda:
            return false
        case .list(let items):
            return all(items)
        case .record(let fields):
            return all(fields.map(\.value))
        case .unary(_, let operand):
            return collect(operand, parameters: parameters, into: &ranges)
        case .binary(_, let lhs, let rhs), .index(let lhs, let rhs):
            return all([lhs, rhs])
        case .approx(let lhs, let rhs, let tolerance, _):
            return all([lhs, rhs, tolerance])
        case .member(let base, _, _):
            return collect(base, parameters: parameters, into: &ranges)
        case .call(_, _, let arguments):
            invariant = all(arguments.map(\.value))
        case .method(let base, _, _, let arguments):
            invariant = all([base] + arguments.map(\.value))
        }
        if invariant {
            // Only the outermost invariant call is kept: drop those inside it.
            ranges = ranges.filter { !expr.range.encloses($0) }
            ranges.insert(expr.range)
        }
        return invariant
    }
}

extension SourceRange {
    /// Whether `other` lies within this range.
    func encloses(_ other: SourceRange) -> Bool {
        (start.line, start.column) <= (other.start.line, other.start.column)
            && (other.end.line, other.end.column) <= (end.line, end.column)
    }
}
