/// An expression with the document range it was written at.
struct Expr {
    indirect enum Kind {
        case number(Double)
        case string(String)
        case bool(Bool)
        case name(String)
        /// `[a, b, …]`
        case list([Expr])
        /// `{name: value, …}`
        case record([Field])
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `lhs ≈ rhs ± tolerance`, `relative` when the tolerance ends in `%`.
        case approx(Expr, Expr, tolerance: Expr, relative: Bool)
        /// `f(…)`: `callee` is the built-in's name.
        case call(callee: String, calleeRange: SourceRange, [Argument])
        /// `x.name`
        case member(Expr, name: String, nameRange: SourceRange)
        /// `x.name(…)`
        case method(Expr, name: String, nameRange: SourceRange, [Argument])
        /// `x[i]`, 1-based.
        case index(Expr, Expr)
        /// `x => body`, only as an argument.
        case lambda(parameters: [String], body: Expr)
    }

    var kind: Kind
    var range: SourceRange
}

struct Field {
    var name: String
    var nameRange: SourceRange
    var value: Expr
}

/// `value` or `name: value` in a call.
struct Argument {
    var name: String?
    var value: Expr
    /// From the name (when given) to the end of the value.
    var range: SourceRange
}

enum UnaryOperator: String {
    case negate = "-"
    case not = "not"
}

enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case and = "and", or = "or"

    var isComparison: Bool {
        switch self {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return true
        default: return false
        }
    }

    /// How details of claims print the operator.
    var symbol: String {
        switch self {
        case .lessEqual: return "≤"
        case .greaterEqual: return "≥"
        case .notEqual: return "≠"
        default: return rawValue
        }
    }
}

/// One statement of a block.
struct Statement {
    enum Kind {
        case `let`(name: String, nameRange: SourceRange, Expr)
        /// `source` is the expression exactly as written.
        case claim(label: String?, Expr, source: String)
        case expression(Expr)
    }

    var kind: Kind
    var range: SourceRange
}

/// What the parser makes of a block: the statements that parsed, the errors,
/// and the names whose `let` did not parse (bound as failed so that later uses
/// stay quiet).
struct ParsedBlock {
    var statements: [Statement] = []
    var errors: [LanguageError] = []
    var failedNames: [String] = []
}
