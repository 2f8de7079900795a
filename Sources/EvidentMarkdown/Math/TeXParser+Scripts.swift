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

    /// TeX's `'` is `^{\prime}`, a large glyph made small by the superscript.
    /// A Unicode math font's ′ is already small and raised, so in an
    /// `<msup>` browsers draw it tiny and apart from its letter (Latin
    /// Modern Math's larger form is an `ssty` variant that the embedded subset
    /// does not keep): the primes follow their base in one `<mrow>`, and any
    /// scripts apply to both (`f'^2` is f′²). `^\prime` alone is read as `'`.
    static func scripts(_ base: TeXNode, sub: TeXNode?, sup: TeXNode?, primes: Int, limits: TeXLimits) -> TeXNode {
        var base = base, sup = sup, primes = primes
        if primes == 0, let count = sup.flatMap(primeCount) {
            primes = count
            sup = nil
        }
        if primes > 0 {
            let marks = ["′", "″", "‴", "⁗"]
            let mark = primes <= 4 ? marks[primes - 1] : String(repeating: "′", count: primes)
            base = .row([base, .op(mark, TeXOperator(.ordinary, lspace: "0", rspace: "0"))])
        }
        guard sub != nil || sup != nil else { return base }
        return .scripts(base: base, sub: sub, sup: sup, limits: limits)
    }

    /// How many primes a superscript of only `\prime`s writes.
    static func primeCount(_ sup: TeXNode) -> Int? {
        switch sup {
        case .op("′", _): return 1
        case .row(let nodes) where !nodes.isEmpty:
            var count = 0
            for node in nodes {
                guard case .op("′", _) = node else { return nil }
                count += 1
            }
            return count
        default: return nil
        }
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
