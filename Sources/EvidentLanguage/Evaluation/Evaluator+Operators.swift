import Foundation

/// Numbers, vectors and matrices seen alike for broadcasting.
private enum Numeric {
    case scalar(Double)
    case vector([Double])
    case matrix([[Double]])

    init?(_ value: Value) {
        switch value {
        case .number(let x): self = .scalar(x)
        case .vector(let v): self = .vector(v)
        case .matrix(let m): self = .matrix(m)
        case .list:
            guard let v = value.asVector, !v.isEmpty else { return nil }
            self = .vector(v)
        default: return nil
        }
    }

    var flat: [Double] {
        switch self {
        case .scalar(let x): return [x]
        case .vector(let v): return v
        case .matrix(let m): return m.flatMap { $0 }
        }
    }

    var shape: String {
        switch self {
        case .scalar: return "a number"
        case .vector(let v): return "a vector of \(v.count)"
        case .matrix(let m): return "a \(m.count)×\(m.first?.count ?? 0) matrix"
        }
    }
}

/// Two operands broadcast to a common shape: vector–vector of equal length,
/// matrix–matrix of equal shape, a number against anything.
private struct Broadcast {
    var lhs: [Double]
    var rhs: [Double]
    /// Rebuilds a result of the common shape from its flat entries.
    var shape: ([Double]) -> Value
    var isScalar: Bool

    init(_ a: Numeric, _ b: Numeric, op: String, at range: SourceRange) throws {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            (lhs, rhs, isScalar) = ([x], [y], true)
            shape = { .number($0[0]) }
        case (.scalar(let x), .vector(let v)):
            (lhs, rhs, isScalar) = (Array(repeating: x, count: v.count), v, false)
            shape = { .vector($0) }
        case (.vector(let v), .scalar(let y)):
            (lhs, rhs, isScalar) = (v, Array(repeating: y, count: v.count), false)
            shape = { .vector($0) }
        case (.vector(let v), .vector(let w)):
            guard v.count == w.count else {
                throw Diagnostic(.shapeMismatch, "'\(op)' needs vectors of equal length, got \(v.count) and \(w.count) entries", at: range)
            }
            (lhs, rhs, isScalar) = (v, w, false)
            shape = { .vector($0) }
        case (.matrix(let m), .scalar), (.scalar, .matrix(let m)), (.matrix(let m), .matrix):
            if case .matrix(let n) = b, case .matrix = a, (m.count != n.count || m.first?.count != n.first?.count) {
                throw Diagnostic(.shapeMismatch, "'\(op)' needs matrices of equal shape, got \(a.shape) and \(b.shape)", at: range)
            }
            let columns = m.first?.count ?? 0
            let count = m.count * columns
            let fa = a.flat, fb = b.flat
            lhs = fa.count == 1 ? Array(repeating: fa[0], count: count) : fa
            rhs = fb.count == 1 ? Array(repeating: fb[0], count: count) : fb
            isScalar = false
            shape = { flat in .matrix(stride(from: 0, to: flat.count, by: max(columns, 1)).map { Array(flat[$0..<min($0 + columns, flat.count)]) }) }
        default:
            throw Diagnostic(.shapeMismatch, "'\(op)' cannot combine \(a.shape) with \(b.shape)", at: range)
        }
    }
}

extension Evaluator {
    package func negate(_ value: Value, at range: SourceRange, operandRange: SourceRange) throws -> Value {
        switch Numeric(value) {
        case .scalar(let x): return .number(-x)
        case .vector(let v): return .vector(v.map { -$0 })
        case .matrix(let m): return .matrix(m.map { $0.map { -$0 } })
        case nil: throw Diagnostic(.typeMismatch, "'-' needs a number, vector or matrix, got \(value.typeDescription)", at: operandRange)
        }
    }

    /// `+ - * / ^`, elementwise with broadcasting; `+` also joins strings. A
    /// non-finite result is an error naming the operands that produced it.
    package func arithmetic(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, at range: SourceRange) throws -> Value {
        if op == .matmul { return try matrixProduct(lhs, rhs, at: range) }
        // Two numbers, the common case: the same operation and checks as the
        // general path below, without its broadcast arrays and closures.
        if case .number(let x) = lhs, case .number(let y) = rhs {
            let z: Double
            switch op {
            case .add: z = x + y
            case .subtract: z = x - y
            case .multiply: z = x * y
            case .divide: z = x / y
            case .power: z = Foundation.pow(x, y)
            default: throw Diagnostic(.typeMismatch, "'\(op.rawValue)' is not arithmetic", at: range)
            }
            if !z.isFinite {
                if op == .divide && y == 0 { throw Diagnostic(.divisionByZero, "division by zero", at: range) }
                let what = z.isNaN ? "NaN" : "an infinite value"
                throw Diagnostic(.nonFinite, "\(NumberFormat.shortest(x)) \(op.rawValue) \(NumberFormat.shortest(y)) gives \(what)", at: range)
            }
            return .number(z)
        }
        if op == .add, case .string(let a) = lhs, case .string(let b) = rhs {
            // A string is held to the entries' limit too (in bytes): doubling
            // one 28 times would otherwise take gigabytes.
            let length = a.utf8.count + b.utf8.count
            guard length <= limits.maxElements else {
                throw Diagnostic(.tooManyEntries, "the string would have \(length) bytes, more than the limit of \(limits.maxElements)", at: range)
            }
            try budget?.charge(.stringBytes, length, at: range)
            return .string(a + b)
        }
        guard let a = Numeric(lhs), let b = Numeric(rhs) else {
            if op == .add, lhs.asString != nil || rhs.asString != nil {
                throw Diagnostic(.typeMismatch, "'+' cannot combine \(lhs.typeDescription) with \(rhs.typeDescription): write a number as a string with format(x, \"%g\")", at: range)
            }
            throw Diagnostic(.typeMismatch, "'\(op.rawValue)' cannot combine \(lhs.typeDescription) with \(rhs.typeDescription)", at: range)
        }
        let pair = try Broadcast(a, b, op: op.rawValue, at: range)
        let f: (Double, Double) -> Double
        switch op {
        case .add: f = (+)
        case .subtract: f = (-)
        case .multiply: f = (*)
        case .divide: f = (/)
        case .power: f = { Foundation.pow($0, $1) }
        default: throw Diagnostic(.typeMismatch, "'\(op.rawValue)' is not arithmetic", at: range)
        }
        var result = [Double].zeros(pair.lhs.count)
        for i in result.indices {
            let (x, y) = (pair.lhs[i], pair.rhs[i])
            let z = f(x, y)
            if !z.isFinite {
                let entry = pair.isScalar ? "" : " at entry \(i + 1)"
                if op == .divide && y == 0 { throw Diagnostic(.divisionByZero, "division by zero\(entry)", at: range) }
                let what = z.isNaN ? "NaN" : "an infinite value"
                throw Diagnostic(.nonFinite, "\(NumberFormat.shortest(x)) \(op.rawValue) \(NumberFormat.shortest(y)) gives \(what)\(entry)", at: range)
            }
            result[i] = z
        }
        return pair.shape(result)
    }

    /// A comparison's value (a boolean, or a boolean vector for vectors and
    /// matrices, entry by entry) and a detail for claims. Any comparison that
    /// meets a NaN is false.
    package func compare(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, at range: SourceRange) throws -> (value: Value, detail: String) {
        // The detail states what is true: the operator when the comparison
        // holds, its negation when it fails (`4 ≠ 5`, never `4 == 5`), with
        // numbers given as many digits as it takes to tell them apart.
        func scalarDetail(_ holds: Bool) -> (Value, String) {
            let symbol = holds ? op.symbol : op.negatedSymbol
            if case .number(let a) = lhs, case .number(let b) = rhs {
                let (x, y) = NumberFormat.distinguishing(a, b)
                // NaN compares false every way: no operator holds.
                if !holds, a.isNaN || b.isNaN { return (.bool(false), "\(x) \(op.symbol) \(y) is false (NaN compares false)") }
                return (.bool(holds), "\(x) \(symbol) \(y)")
            }
            return (.bool(holds), "\(lhs.quotedText) \(symbol) \(rhs.quotedText)")
        }
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)):
            guard op == .equal || op == .notEqual else {
                throw Diagnostic(.typeMismatch, "'\(op.rawValue)' compares numbers; strings compare only with == and !=", at: range)
            }
            return scalarDetail((a == b) == (op == .equal))
        case (.bool(let a), .bool(let b)):
            guard op == .equal || op == .notEqual else {
                throw Diagnostic(.typeMismatch, "'\(op.rawValue)' compares numbers; booleans compare only with == and !=", at: range)
            }
            return scalarDetail((a == b) == (op == .equal))
        case (.number(let a), .number(let b)):
            // Two numbers, the common case: as the entries below compare,
            // without the broadcast's arrays.
            return scalarDetail(Self.compare(op, [a], [b])[0])
        default:
            break
        }
        guard let a = Numeric(lhs), let b = Numeric(rhs) else {
            throw Diagnostic(.typeMismatch, "cannot compare \(lhs.typeDescription) with \(rhs.typeDescription)", at: range)
        }
        let pair = try Broadcast(a, b, op: op.rawValue, at: range)
        let holds = Self.compare(op, pair.lhs, pair.rhs)
        if pair.isScalar {
            return scalarDetail(holds[0])
        }
        let passing = CoreBuiltins.trueCount(holds)
        let detail: String
        if let i = holds.firstIndex(of: false) {
            let (x, y) = NumberFormat.distinguishing(pair.lhs[i], pair.rhs[i])
            detail = "entry \(i + 1): \(x) \(op.negatedSymbol) \(y) (\(passing) of \(holds.count) entries hold)"
        } else {
            detail = "\(op.symbol) holds for all \(holds.count) entries"
        }
        return (.booleans(holds), detail)
    }

    /// Entry by entry `a op b` (`!=` is false where either side is NaN), one
    /// loop per operator: a sample's comparisons called a closure per entry.
    private static func compare(_ op: BinaryOperator, _ a: [Double], _ b: [Double]) -> [Bool] {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                switch op {
                case .less: return (0..<a.count).map { a[$0] < b[$0] }
                case .lessEqual: return (0..<a.count).map { a[$0] <= b[$0] }
                case .greater: return (0..<a.count).map { a[$0] > b[$0] }
                case .greaterEqual: return (0..<a.count).map { a[$0] >= b[$0] }
                case .equal: return (0..<a.count).map { a[$0] == b[$0] }
                default: return (0..<a.count).map { !a[$0].isNaN && !b[$0].isNaN && a[$0] != b[$0] }
                }
            }
        }
    }

    /// `A ≈ B ± TOL`: the largest |a − b| over all entries is at most TOL, or,
    /// with `%`, the largest |a − b| / |b| is at most TOL/100 (where b = 0 only
    /// a = 0 passes). NaN never passes.
    package func approximate(_ lhsExpr: Expr, _ rhsExpr: Expr, tolerance tolExpr: Expr, relative: Bool) throws -> (passed: Bool, detail: String, measure: ClaimMeasure?) {
        let lhs = try evaluate(lhsExpr), rhs = try evaluate(rhsExpr), tol = try evaluate(tolExpr)
        let range = lhsExpr.range.union(rhsExpr.range)
        guard let a = Numeric(lhs), let b = Numeric(rhs) else {
            throw Diagnostic(.typeMismatch, "'≈' compares numbers, vectors or matrices, got \(lhs.typeDescription) and \(rhs.typeDescription)", at: range)
        }
        guard case .number(let tolerance) = tol else {
            throw Diagnostic(.typeMismatch, "expected a number as the tolerance, got \(tol.typeDescription)", at: tolExpr.range)
        }
        guard tolerance >= 0, tolerance.isFinite else {
            throw Diagnostic(.invalidArgument, "the tolerance must be a non-negative number, got \(NumberFormat.shortest(tolerance))", at: tolExpr.range)
        }
        let pair = try Broadcast(a, b, op: "≈", at: range)
        var worst = 0.0
        var sawNaN = false
        for (x, y) in zip(pair.lhs, pair.rhs) {
            let difference = abs(x - y)
            let measure: Double
            if relative {
                measure = difference == 0 ? 0 : difference / abs(y)
            } else {
                measure = difference
            }
            if measure.isNaN { sawNaN = true } else { worst = max(worst, measure) }
        }
        let prefix = pair.isScalar ? "" : "max "
        let measure = pair.isScalar && !pair.lhs.isEmpty && !pair.rhs.isEmpty
            ? ClaimMeasure(observed: pair.lhs[0], expected: pair.rhs[0], tolerance: tolerance, relative: relative) : nil
        if sawNaN {
            return (false, "\(prefix)|a − b| is NaN (NaN never passes)", measure)
        }
        if relative {
            let bound = tolerance / 100
            let passed = worst <= bound
            let (shown, limit) = NumberFormat.stated(worst * 100, against: tolerance, holds: passed)
            return (passed, "\(prefix)|a − b| / |b| = \(shown)% \(passed ? "≤" : ">") \(limit)%", measure)
        }
        let passed = worst <= tolerance
        let (shown, limit) = NumberFormat.stated(worst, against: tolerance, holds: passed)
        return (passed, "\(prefix)|a − b| = \(shown) \(passed ? "≤" : ">") \(limit)", measure)
    }

    /// `condition`, with the numbers a claim `a ≈ b ± t` of two scalars compared.
    package func measuredCondition(_ expr: Expr) throws -> (passed: Bool, detail: String, measure: ClaimMeasure?) {
        if case .approx(let lhs, let rhs, let tolerance, let relative) = expr.kind {
            return try approximate(lhs, rhs, tolerance: tolerance, relative: relative)
        }
        let (passed, detail) = try condition(expr)
        return (passed, detail, nil)
    }

    /// A claim's outcome and the detail that explains it: comparisons show the
    /// observed values (`0.0123 > 0.01`), `≈` the difference against the
    /// tolerance, `and`/`or` their deciding parts, `not` its operand. A boolean
    /// vector passes iff every entry is true.
    package func condition(_ expr: Expr) throws -> (passed: Bool, detail: String) {
        switch expr.kind {
        case .binary(.and, let lhs, let rhs):
            let left = try condition(lhs)
            guard left.passed else { return (false, left.detail) }
            let right = try condition(rhs)
            return (right.passed, "\(left.detail) and \(right.detail)")
        case .binary(.or, let lhs, let rhs):
            let left = try condition(lhs)
            if left.passed { return (true, left.detail) }
            let right = try condition(rhs)
            return (right.passed, "\(left.detail) or \(right.detail)")
        case .unary(.not, let operand):
            let inner = try condition(operand)
            return (!inner.passed, "not (\(inner.detail))")
        case .binary(let op, let lhs, let rhs) where op.isComparison:
            let (value, detail) = try compare(op, try evaluate(lhs), try evaluate(rhs), at: expr.range)
            return (value.asBooleans?.allSatisfy { $0 } ?? false, detail)
        case .approx(let lhs, let rhs, let tolerance, let relative):
            let outcome = try approximate(lhs, rhs, tolerance: tolerance, relative: relative)
            return (outcome.passed, outcome.detail)
        default:
            let value = try evaluate(expr)
            switch value {
            case .bool(let b):
                return (b, b ? "true" : "false")
            case .booleans(let b):
                let count = b.filter { $0 }.count
                return (count == b.count, "\(count) of \(b.count) entries true")
            default:
                throw Diagnostic(.claimNotBoolean, "a claim needs a boolean (a comparison, 'and', 'or', 'not'), got \(value.typeDescription)", at: expr.range)
            }
        }
    }
}
