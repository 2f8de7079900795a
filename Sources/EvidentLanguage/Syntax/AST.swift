/// An expression with the document range it was written at.
package struct Expr {
    /// Leaves are held in place; only the cases that hold expressions
    /// (and a call's name and place) are boxed.
    package enum Kind {
        case number(Double)
        case string(String)
        case bool(Bool)
        case name(String)
        /// `[a, b, …]`
        case list([Expr])
        /// `{name: value, …}`
        case record([Field])
        indirect case unary(UnaryOperator, Expr)
        indirect case binary(BinaryOperator, Expr, Expr)
        /// `lhs ≈ rhs ± tolerance`, `relative` when the tolerance ends in `%`.
        indirect case approx(Expr, Expr, tolerance: Expr, relative: Bool)
        /// `f(…)`: `callee` is the built-in's name.
        indirect case call(callee: String, calleeRange: SourceRange, [Argument])
        /// `x.name`
        indirect case member(Expr, name: String, nameRange: SourceRange)
        /// `x.name(…)`
        indirect case method(Expr, name: String, nameRange: SourceRange, [Argument])
        /// `x[i]`, 1-based; `x["name"]` reads a record's field.
        indirect case index(Expr, Expr)
        /// `x[a:b]`, 1-based and inclusive at both ends.
        indirect case slice(Expr, lower: Expr, upper: Expr)
        /// `x => body`, `(a, b) => body`, or the right side of `let f(a, b) = body`.
        indirect case lambda(parameters: [String], body: Expr)
        /// `if condition then a else b`: only the branch taken is evaluated.
        indirect case conditional(Expr, then: Expr, else: Expr)
    }

    package var kind: Kind
    package var range: SourceRange
}

package struct Field {
    package var name: String
    package var nameRange: SourceRange
    package var value: Expr
}

/// `value` or `name: value` in a call.
package struct Argument {
    package var name: String?
    package var value: Expr
    /// From the name (when given) to the end of the value.
    package var range: SourceRange
}

package enum UnaryOperator: String {
    case negate = "-"
    case not = "not"
}

package enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    /// `A @ B`, the matrix product.
    case matmul = "@"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case and = "and", or = "or"

    package var isComparison: Bool {
        switch self {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return true
        default: return false
        }
    }

    /// How details of claims print the operator.
    package var symbol: String {
        switch self {
        case .lessEqual: return "≤"
        case .greaterEqual: return "≥"
        case .notEqual: return "≠"
        default: return rawValue
        }
    }

    /// The comparison that holds when this one fails: `≠` for `==`, `≥`
    /// for `<`…; other operators as they are.
    package var negatedSymbol: String {
        switch self {
        case .equal: return "≠"
        case .notEqual: return "="
        case .less: return "≥"
        case .lessEqual: return ">"
        case .greater: return "≤"
        case .greaterEqual: return "<"
        default: return symbol
        }
    }
}

/// One statement of a block.
package struct Statement {
    package enum Kind {
        case `let`(name: String, nameRange: SourceRange, Expr)
        /// `source` is the expression exactly as written.
        case claim(label: String?, Expr, source: String)
        case expression(Expr)
        /// A statement that did not parse (its errors are in `ParsedBlock.errors`);
        /// `letName` is the name a failed `let` would have bound.
        case unparsed(letName: String?)
    }

    package var kind: Kind
    package var range: SourceRange
}

/// What the parser makes of a block: its statements in order (those that did
/// not parse as `.unparsed`, so that a failed `let` marks its name at the
/// right moment) and the errors.
package struct ParsedBlock {
    package var statements: [Statement] = []
    package var errors: [Diagnostic] = []

    /// The names whose `let` did not parse.
    package var failedNames: [String] {
        statements.compactMap { if case .unparsed(let name) = $0.kind { return name } else { return nil } }
    }
}
