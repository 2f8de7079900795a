/// Scripts: `^`, `_`, primes, and where a large operator's limits go.
extension TeXParser {
    /// `\limits` or `\nolimits` after a large operator.
    mutating func parseLimits(_ limits: TeXLimits?) throws(TeXError) -> TeXLimits? {
        var limits = limits
        while let token = peek(), case .command(let name) = token.kind, name == "limits" || name == "nolimits" {
            guard limits != nil else {
                throw TeXError("`\\\(name)` must follow a large operator such as `\\sum` or `\\lim`", at: token)
            }
            advance()
            limits = name == "limits" ? .always : .never
        }
        return limits
    }

    mutating func parseScripts(_ base: TeXNode, limits: TeXLimits?) throws(TeXError) -> TeXNode {
        var sub: TeXNode? = nil
        var sup: TeXNode? = nil
        var primes = 0
        while let token = peek() {
            switch token.kind {
            case .character("'"):
                if sup != nil { throw Self.doubleScript(token, "superscript") }
                advance()
                primes += 1
            case .caret:
                if sup != nil { throw Self.doubleScript(token, "superscript") }
                advance()
                sup = try parseArgument(of: token, missing: .superscript)
            case .underscore:
                if sub != nil { throw Self.doubleScript(token, "subscript") }
                advance()
                sub = try parseArgument(of: token, missing: .subscript)
            default:
                return Self.scripts(base, sub: sub, sup: sup, primes: primes, limits: limits ?? .never)
            }
        }
        return Self.scripts(base, sub: sub, sup: sup, primes: primes, limits: limits ?? .never)
    }

    static func doubleScript(_ token: TeXToken, _ kind: String) -> TeXError {
        TeXError("double \(kind): use braces, as in `{x^a}^b` or `x^{ab}`", at: token)
    }

    static func scripts(_ base: TeXNode, sub: TeXNode?, sup: TeXNode?, primes: Int, limits: TeXLimits) -> TeXNode {
        var sup = sup
        if primes > 0 {
            let marks = ["′", "″", "‴", "⁗"]
            let prime = TeXNode.op(primes <= 4 ? marks[primes - 1] : String(repeating: "′", count: primes), TeXOperator(.ordinary))
            sup = sup.map { .row([prime, $0]) } ?? prime
        }
        guard sub != nil || sup != nil else { return base }
        return .scripts(base: base, sub: sub, sup: sup, limits: limits)
    }

    /// What is missing when an argument is.
    enum Missing {
        case argument(Int, of: Int)
        case superscript, `subscript`, relation

        func message(for command: TeXToken) -> String {
            switch self {
            case .argument(let number, let total):
                let which = total == 1 ? "its argument" : "its \(["first", "second", "third"][min(number, 3) - 1]) argument"
                return "`\(TeXParser.spelling(command))` is missing \(which)"
            case .superscript: return "missing superscript after `^`"
            case .`subscript`: return "missing subscript after `_`"
            case .relation: return "`\\not` must be followed by a relation such as `=` or `\\in`"
            }
        }
    }
}
