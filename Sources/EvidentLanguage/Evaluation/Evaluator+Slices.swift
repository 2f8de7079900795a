/// Slices, `end` inside brackets, and the matrix product `A @ B`.
extension Evaluator {
    /// This evaluator with `end` bound to the last index of `base`, when
    /// one of `exprs` (indices or slice bounds) mentions `end`; itself otherwise.
    package func withEnd(of base: Value, for exprs: Expr...) -> Evaluator {
        guard let count = base.count, exprs.contains(where: { Self.mentionsEnd($0) }) else { return self }
        var copy = self
        copy.locals["end"] = .number(Double(count))
        return copy
    }

    /// Whether `expr` mentions the name `end` outside nested brackets (where
    /// `end` means the inner base's last index).
    private static func mentionsEnd(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .number, .string, .bool: return false
        case .name(let name): return name == "end"
        case .list(let items): return items.contains(where: mentionsEnd)
        case .record(let fields): return fields.contains { mentionsEnd($0.value) }
        case .unary(_, let operand): return mentionsEnd(operand)
        case .binary(_, let lhs, let rhs): return mentionsEnd(lhs) || mentionsEnd(rhs)
        case .approx(let lhs, let rhs, let tolerance, _): return mentionsEnd(lhs) || mentionsEnd(rhs) || mentionsEnd(tolerance)
        case .call(_, _, let arguments): return arguments.contains { mentionsEnd($0.value) }
        case .member(let base, _, _): return mentionsEnd(base)
        case .method(let base, _, _, let arguments): return mentionsEnd(base) || arguments.contains { mentionsEnd($0.value) }
        case .index(let base, _), .slice(let base, _, _): return mentionsEnd(base)
        case .lambda(_, let body): return mentionsEnd(body)
        case .conditional(let c, let a, let b): return mentionsEnd(c) || mentionsEnd(a) || mentionsEnd(b)
        }
    }

    /// `x[a:b]`: entries (items, rows) a through b, 1-based, both included;
    /// `x[a:a-1]` is empty.
    package func sliced(_ base: Value, _ lowerExpr: Expr, _ upperExpr: Expr, at range: SourceRange) throws -> Value {
        guard let count = base.count, !isRecordLike(base) else {
            throw Diagnostic(.typeMismatch, "\(base.typeDescription) cannot be sliced", at: range)
        }
        let inner = withEnd(of: base, for: lowerExpr, upperExpr)
        func bound(_ expr: Expr) throws -> Int {
            let value = try inner.evaluate(expr)
            guard case .number(let x) = value else {
                throw Diagnostic(.typeMismatch, "expected a number as the bound of a slice, got \(value.typeDescription)", at: expr.range)
            }
            guard x == x.rounded(), abs(x) < 9e15 else {
                throw Diagnostic(.indexOutOfRange, "the bound of a slice must be a whole number, got \(NumberFormat.shortest(x))", at: expr.range)
            }
            return Int(x)
        }
        let a = try bound(lowerExpr), b = try bound(upperExpr)
        guard a >= 1, b <= count, b >= a - 1 else {
            let what = b < a - 1 ? "it ends before it starts" : count == 0 ? "the \(base.typeName) is empty" : "expected bounds within 1…\(count)"
            throw Diagnostic(.indexOutOfRange, "the slice \(a):\(b) is out of range: \(what)", at: range)
        }
        let lower = a - 1, upper = b
        switch base {
        case .vector(let v): return .vector(Array(v[lower..<upper]))
        case .booleans(let v): return .booleans(Array(v[lower..<upper]))
        case .matrix(let m): return upper > lower ? .matrix(Array(m[lower..<upper])) : .list([])
        case .list(let items): return .list(Array(items[lower..<upper]))
        default: throw Diagnostic(.typeMismatch, "\(base.typeDescription) cannot be sliced", at: range)
        }
    }

    private func isRecordLike(_ value: Value) -> Bool {
        if case .record = value { return true }
        return false
    }

    /// `A @ B`: matrix × matrix, matrix × vector (a column), vector (a row)
    /// × matrix, or vector × vector (their inner product). Shapes that do
    /// not fit are an error naming both.
    package func matrixProduct(_ lhs: Value, _ rhs: Value, at range: SourceRange) throws -> Value {
        enum Operand {
            case matrix([[Double]])
            case vector([Double])
        }
        func operand(_ value: Value) throws -> Operand {
            switch value {
            case .matrix(let m): return .matrix(m)
            case .vector(let v): return .vector(v)
            default:
                if let m = value.asMatrix { return .matrix(m) }
                if let v = value.asVector, !v.isEmpty { return .vector(v) }
                throw Diagnostic(.typeMismatch, "'@' multiplies matrices and vectors, got \(value.typeDescription)", at: range)
            }
        }
        func shape(_ operand: Operand) -> String {
            switch operand {
            case .matrix(let m): return "a \(m.count)×\(m.first?.count ?? 0) matrix"
            case .vector(let v): return "a vector of \(v.count)"
            }
        }
        let a = try operand(lhs), b = try operand(rhs)
        func mismatch() -> Diagnostic {
            Diagnostic(.shapeMismatch, "'@' needs as many columns on the left as rows on the right, got \(shape(a)) @ \(shape(b))", at: range)
        }
        func product(_ m: [[Double]], _ n: [[Double]]) throws -> [[Double]] {
            let inner = m.first?.count ?? 0
            guard inner == n.count else { throw mismatch() }
            let columns = n.first?.count ?? 0
            try checkSize(m.count * columns, at: range)
            return m.map { row in
                var out = [Double](repeating: 0, count: columns)
                for k in 0..<inner {
                    let x = row[k]
                    let other = n[k]
                    for j in 0..<columns { out[j] += x * other[j] }
                }
                return out
            }
        }
        let result: Value
        switch (a, b) {
        case (.matrix(let m), .matrix(let n)):
            result = .matrix(try product(m, n))
        case (.matrix(let m), .vector(let v)):
            guard (m.first?.count ?? 0) == v.count else { throw mismatch() }
            result = .vector(try product(m, v.map { [$0] }).map { $0[0] })
        case (.vector(let v), .matrix(let n)):
            guard v.count == n.count else { throw mismatch() }
            result = .vector(try product([v], n)[0])
        case (.vector(let v), .vector(let w)):
            // A row times a column, as NumPy reads it: δ @ G @ δ is δᵀGδ.
            guard v.count == w.count else { throw mismatch() }
            result = .number(zip(v, w).reduce(0) { $0 + $1.0 * $1.1 })
        }
        try checkProduced(result, by: "'@'", at: range)
        return result
    }

    private func checkSize(_ count: Int, at range: SourceRange) throws {
        if count > limits.maxElements {
            throw Diagnostic(.tooManyEntries, "'@' would make \(count) entries, more than the limit of \(limits.maxElements)", at: range)
        }
    }
}
