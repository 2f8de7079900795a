import Synchronization

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
package final class Invariants: Sendable {
    // A few ranges, compared in a linear scan: hashing a range on every call
    // cost more than the scan.
    private let ranges: [SourceRange]
    private let values: Mutex<[Value?]>

    /// The built-in each call of the body names, resolved once, and whether
    /// its signature accepts the call's arguments: which built-in a name
    /// denotes and the count and names of the arguments are syntactic, so the
    /// lookup and the check need not be repeated per item.
    private let calls: [ResolvedCall]

    package struct ResolvedCall: Sendable {
        package let range: SourceRange
        package let builtin: Builtin
        /// The signature accepted the call (else the check runs again per item, for its error).
        package let valid: Bool
    }

    package init(_ lambda: Lambda, builtins: BuiltinRegistry) {
        var ranges = Set<SourceRange>()
        // `end` inside brackets is the indexed value's last index: it varies like a parameter.
        Self.collect(lambda.body, parameters: Set(lambda.parameters + ["end"] + (lambda.name.map { [$0] } ?? [])), into: &ranges)
        self.ranges = Array(ranges)
        self.values = Mutex(Array(repeating: nil, count: ranges.count))
        var calls: [ResolvedCall] = []
        Self.resolveCalls(lambda.body, builtins: builtins, into: &calls)
        self.calls = calls
    }

    package var isEmpty: Bool { ranges.isEmpty && calls.isEmpty }

    /// The built-in called at `range` and whether its arguments passed the
    /// signature check, if that call was resolved.
    package func call(at range: SourceRange) -> ResolvedCall? {
        for call in calls where call.range == range { return call }
        return nil
    }

    private static func resolveCalls(_ expr: Expr, builtins: BuiltinRegistry, into calls: inout [ResolvedCall]) {
        func visit(_ e: Expr) { resolveCalls(e, builtins: builtins, into: &calls) }
        switch expr.kind {
        case .number, .string, .bool, .name:
            break
        case .lambda(_, let body):
            visit(body)
        case .list(let items):
            items.forEach(visit)
        case .record(let fields):
            fields.forEach { visit($0.value) }
        case .unary(_, let operand):
            visit(operand)
        case .binary(_, let lhs, let rhs), .index(let lhs, let rhs):
            visit(lhs); visit(rhs)
        case .slice(let base, let lower, let upper):
            visit(base); visit(lower); visit(upper)
        case .conditional(let condition, let whenTrue, let whenFalse):
            visit(condition); visit(whenTrue); visit(whenFalse)
        case .approx(let lhs, let rhs, let tolerance, _):
            visit(lhs); visit(rhs); visit(tolerance)
        case .member(let base, _, _):
            visit(base)
        case .method(let base, _, _, let arguments):
            visit(base)
            arguments.forEach { visit($0.value) }
        case .call(let callee, _, let arguments):
            arguments.forEach { visit($0.value) }
            if let builtin = builtins[callee] {
                // The check reads only the count and names of the arguments.
                var shape = Arguments(callee: callee, range: expr.range)
                for argument in arguments {
                    if let name = argument.name {
                        shape.named.append(.init(name: name, value: .number(0), range: argument.range))
                    } else {
                        shape.positional.append(.init(value: .number(0), range: argument.range))
                    }
                }
                let valid = (try? builtin.validate(shape)) != nil
                calls.append(ResolvedCall(range: expr.range, builtin: builtin, valid: valid))
            }
        }
    }

    /// The memoised value of the expression at `range`, computing it with
    /// `evaluate` the first time; nil when that expression is not invariant.
    package func value(at range: SourceRange, _ evaluate: () throws -> Value) throws -> Value? {
        guard let slot = ranges.firstIndex(of: range) else { return nil }
        if let known = values.withLock({ $0[slot] }) { return known }
        let value = try evaluate()
        values.withLock { $0[slot] = value }
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
        case .slice(let base, let lower, let upper):
            return all([base, lower, upper])
        case .conditional(let condition, let whenTrue, let whenFalse):
            return all([condition, whenTrue, whenFalse])
        case .approx(let lhs, let rhs, let tolerance, _):
            return all([lhs, rhs, tolerance])
        case .member(let base, _, _):
            return collect(base, parameters: parameters, into: &ranges)
        case .call(let callee, _, let arguments):
            // A parameter called as a function varies with the item.
            invariant = all(arguments.map(\.value)) && !parameters.contains(callee)
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
    package func encloses(_ other: SourceRange) -> Bool {
        (start.line, start.column) <= (other.start.line, other.start.column)
            && (other.end.line, other.end.column) <= (end.line, end.column)
    }
}
