/// The expression rules of `Parser`, loosest binding first.
extension Parser {
    package mutating func expression() throws -> Expr {
        try nested { parser in
            switch parser.peekKind() {
            case .if:
                return try parser.conditional()
            case .identifier, .leftParen:
                if let parameters = parser.lambdaParameters() { return try parser.lambda(parameters) }
                return try parser.or()
            default:
                return try parser.or()
            }
        }
    }

    /// `if C then A else B`; the branches are whole expressions, so the
    /// construct binds loosest, like a lambda's body.
    private mutating func conditional() throws -> Expr {
        let keyword = advance()
        let condition = try operand(after: keyword) { try $0.expression() }
        guard let then = matchAcrossLines(.then) else {
            throw failure(expected: "'then' after the condition of 'if'")
        }
        let whenTrue = try operand(after: then) { try $0.expression() }
        guard let otherwise = matchAcrossLines(.else) else {
            throw failure(expected: "'else' and a second branch: 'if C then A else B' needs both")
        }
        let whenFalse = try operand(after: otherwise) { try $0.expression() }
        return Expr(kind: .conditional(condition, then: whenTrue, else: whenFalse), range: keyword.range.union(whenFalse.range))
    }

    /// `kind`, also at the start of a following line (`then` and `else`
    /// may begin lines of their own).
    private mutating func matchAcrossLines(_ kind: TokenKind) -> Token? {
        let saved = position
        skipNewlines()
        if let token = match(kind) { return token }
        position = saved
        return nil
    }

    /// The parameters when a lambda starts here (`x =>`, `(a, b) =>`, `() =>`),
    /// without consuming anything; nil otherwise.
    private mutating func lambdaParameters() -> [String]? {
        let first = peek()
        if first.kind == .identifier {
            return peekSecond().kind == .arrow ? [text(of: first)] : nil
        }
        guard first.kind == .leftParen else { return nil }
        var i = position + 1
        var names: [String] = []
        func skip() { while tokens[i].kind == .newline { i += 1 } }
        skip()
        if tokens[i].kind != .rightParen {
            while true {
                skip()
                guard tokens[i].kind == .identifier else { return nil }
                names.append(text(of: tokens[i]))
                i += 1
                skip()
                if tokens[i].kind == .comma { i += 1; continue }
                break
            }
        }
        guard tokens[i].kind == .rightParen, tokens[i + 1].kind == .arrow else { return nil }
        return names
    }

    /// The lambda whose `parameters` `lambdaParameters` found here.
    private mutating func lambda(_ parameters: [String]) throws -> Expr {
        let first = advance()
        if first.kind == .leftParen {
            while advance().kind != .rightParen {}
        }
        try checkParameters(parameters, at: first.range)
        let arrow = advance()
        let body = try operand(after: arrow) { try $0.expression() }
        return Expr(kind: .lambda(parameters: parameters, body: body), range: first.range.union(body.range))
    }

    /// Parameters of a function are distinct names.
    package func checkParameters(_ parameters: [String], at range: SourceRange) throws {
        var seen = Set<String>()
        for name in parameters where !seen.insert(name).inserted {
            throw Diagnostic(.duplicateArgument, "the parameter '\(name)' is given twice", at: range)
        }
    }

    private mutating func or() throws -> Expr {
        var lhs = try and()
        let saved = depth
        defer { depth = saved }
        while let op = match(.or) {
            depth += 1
            try checkDepth()
            let rhs = try operand(after: op) { try $0.and() }
            lhs = Expr(kind: .binary(.or, lhs, rhs), range: lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func and() throws -> Expr {
        var lhs = try not()
        let saved = depth
        defer { depth = saved }
        while let op = match(.and) {
            depth += 1
            try checkDepth()
            let rhs = try operand(after: op) { try $0.not() }
            lhs = Expr(kind: .binary(.and, lhs, rhs), range: lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func not() throws -> Expr {
        guard let op = match(.not) else { return try comparison() }
        let operand = try nested { parser in try parser.operand(after: op) { try $0.not() } }
        return Expr(kind: .unary(.not, operand), range: op.range.union(operand.range))
    }

    /// The comparison `kind` spells, by a switch: looking it up in a
    /// dictionary hashed every operand's token, names and strings included.
    private static func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .equalEqual: return .equal
        case .bangEqual: return .notEqual
        default: return nil
        }
    }

    private mutating func comparison() throws -> Expr {
        let lhs = try additive()
        let result: Expr
        if let op = match(.approx) {
            let rhs = try operand(after: op) { try $0.additive() }
            guard let pm = match(.plusMinus) else {
                throw failure(expected: "'±' (or '+-') and a tolerance after 'A ≈ B'")
            }
            let tolerance = try operand(after: pm) { try $0.additive() }
            var range = lhs.range.union(tolerance.range)
            var relative = false
            if let percent = match(.percent) {
                relative = true
                range = range.union(percent.range)
            }
            result = Expr(kind: .approx(lhs, rhs, tolerance: tolerance, relative: relative), range: range)
        } else if let binary = Parser.comparisonOperator(peekKind()) {
            let op = advance()
            let rhs = try operand(after: op) { try $0.additive() }
            result = Expr(kind: .binary(binary, lhs, rhs), range: lhs.range.union(rhs.range))
        } else {
            if peekKind() == .plusMinus {
                throw Diagnostic(.misplacedTolerance, "'±' gives the tolerance of an approximate comparison 'A ≈ B ± TOL'", at: peek().range)
            }
            return lhs
        }
        let next = peek()
        if next.kind == .approx || Parser.comparisonOperator(next.kind) != nil {
            throw Diagnostic(.chainedComparison, "comparisons do not chain: join them with 'and'", at: next.range)
        }
        if next.kind == .plusMinus {
            throw Diagnostic(.misplacedTolerance, "'±' gives the tolerance of an approximate comparison 'A ≈ B ± TOL'", at: next.range)
        }
        return result
    }

    private mutating func additive() throws -> Expr {
        var lhs = try multiplicative()
        let saved = depth
        defer { depth = saved }
        while let op = match(.plus) ?? match(.minus) {
            depth += 1
            try checkDepth()
            let rhs = try operand(after: op) { try $0.multiplicative() }
            lhs = Expr(kind: .binary(op.kind == .plus ? .add : .subtract, lhs, rhs), range: lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func multiplicative() throws -> Expr {
        var lhs = try unary()
        let saved = depth
        defer { depth = saved }
        while let op = match(.star) ?? match(.slash) ?? match(.at) {
            depth += 1
            try checkDepth()
            let rhs = try operand(after: op) { try $0.unary() }
            let kind: BinaryOperator = op.kind == .star ? .multiply : op.kind == .slash ? .divide : .matmul
            lhs = Expr(kind: .binary(kind, lhs, rhs), range: lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func unary() throws -> Expr {
        guard let op = match(.minus) else { return try power() }
        let operand = try nested { parser in try parser.operand(after: op) { try $0.unary() } }
        return Expr(kind: .unary(.negate, operand), range: op.range.union(operand.range))
    }

    private mutating func power() throws -> Expr {
        let base = try postfix()
        guard let op = match(.caret) else { return base }
        let exponent = try nested { parser in try parser.operand(after: op) { try $0.unary() } }
        return Expr(kind: .binary(.power, base, exponent), range: base.range.union(exponent.range))
    }

    private mutating func postfix() throws -> Expr {
        var expr = try primary()
        let saved = depth
        defer { depth = saved }
        while true {
            switch peekKind() {
            case .leftParen:
                guard case .name(let callee) = expr.kind else {
                    throw Diagnostic(.notCallable, "only a function's name can be called here; bind the function with 'let' and call it by name", at: peek().range)
                }
                depth += 1
                try checkDepth()
                advance()
                let arguments = try self.arguments()
                expr = Expr(kind: .call(callee: callee, calleeRange: expr.range, arguments), range: expr.range.union(previous!.range))
            case .dot:
                depth += 1
                try checkDepth()
                advance()
                let (name, nameToken) = try consumeName("a member name after '.'")
                if peekKind() == .leftParen, tokens[position].kind == .leftParen {
                    advance()
                    let arguments = try self.arguments()
                    expr = Expr(kind: .method(expr, name: name, nameRange: nameToken.range, arguments),
                                range: expr.range.union(previous!.range))
                } else {
                    expr = Expr(kind: .member(expr, name: name, nameRange: nameToken.range), range: expr.range.union(nameToken.range))
                }
            case .leftBracket:
                depth += 1
                try checkDepth()
                let open = advance()
                nesting += 1
                let index = try operand(after: open) { try $0.expression() }
                if let colon = match(.colon) {
                    let upper = try operand(after: colon) { try $0.expression() }
                    _ = try consume(.rightBracket, "']' after the slice")
                    nesting -= 1
                    expr = Expr(kind: .slice(expr, lower: index, upper: upper), range: expr.range.union(previous!.range))
                    continue
                }
                _ = try consume(.rightBracket, "']' or ':' after the index")
                nesting -= 1
                expr = Expr(kind: .index(expr, index), range: expr.range.union(previous!.range))
            default:
                return expr
            }
        }
    }

    /// After `(`: the arguments and the closing `)`.
    private mutating func arguments() throws -> [Argument] {
        nesting += 1
        var arguments: [Argument] = []
        var sawNamed = false
        if match(.rightParen) != nil {
            nesting -= 1
            return arguments
        }
        while true {
            let argument = try self.argument()
            if argument.name != nil {
                sawNamed = true
            } else if sawNamed {
                throw Diagnostic(.argumentOrder, "positional arguments come before named ones", at: argument.range)
            }
            arguments.append(argument)
            if match(.comma) != nil {
                if match(.rightParen) != nil { break }
                continue
            }
            _ = try consume(.rightParen, "',' or ')' after an argument")
            break
        }
        nesting -= 1
        return arguments
    }

    private mutating func argument() throws -> Argument {
        let first = peek()
        if first.kind == .identifier, peekSecond().kind == .colon {
            let name = text(of: first)
            advance()
            let colon = advance()
            let value = try operand(after: colon) { try $0.lambdaOrExpression() }
            return Argument(name: name, value: value, range: first.range.union(value.range))
        }
        guard Parser.startsExpression(first.kind) else { throw failure(expected: "an argument") }
        let value = try lambdaOrExpression()
        return Argument(name: nil, value: value, range: value.range)
    }

    private mutating func lambdaOrExpression() throws -> Expr {
        try expression()
    }

    private mutating func primary() throws -> Expr {
        let token = peek()
        switch token.kind {
        case .number:
            advance()
            return Expr(kind: .number(token.number), range: token.range)
        case .string:
            advance()
            return Expr(kind: .string(string(of: token)), range: token.range)
        case .true, .false:
            advance()
            return Expr(kind: .bool(token.kind == .true), range: token.range)
        case .identifier:
            let name = text(of: token)
            if peekSecond().kind == .arrow {
                throw Diagnostic(.misplacedFunction, "a function 'x => …' inside an expression needs parentheses: (x => …)", at: token.range)
            }
            advance()
            return Expr(kind: .name(name), range: token.range)
        case .leftParen:
            advance()
            nesting += 1
            var inner = try operand(after: token) { try $0.expression() }
            let close = try consume(.rightParen, "')' to close the '(' at \(token.range.start)")
            nesting -= 1
            inner.range = token.range.union(close.range)
            return inner
        case .leftBracket:
            advance()
            nesting += 1
            var items: [Expr] = []
            while peekKind() != .rightBracket {
                guard Parser.startsExpression(peekKind()) else { throw failure(expected: items.isEmpty ? "an expression or ']'" : "an expression after ','") }
                items.append(try expression())
                if match(.comma) == nil { break }
            }
            let close = try consume(.rightBracket, "',' or ']' in the list opened at \(token.range.start)")
            nesting -= 1
            return Expr(kind: .list(items), range: token.range.union(close.range))
        case .leftBrace:
            advance()
            nesting += 1
            var fields: [Field] = []
            while peekKind() != .rightBrace {
                let (name, nameToken) = try fieldName(fields.isEmpty ? "a field name or '}'" : "a field name after ','")
                let colon = try consume(.colon, "':' after the field name '\(name)'")
                let value = try operand(after: colon) { try $0.expression() }
                fields.append(Field(name: name, nameRange: nameToken.range, value: value))
                if match(.comma) == nil { break }
            }
            let close = try consume(.rightBrace, "',' or '}' in the record opened at \(token.range.start)")
            nesting -= 1
            return Expr(kind: .record(fields), range: token.range.union(close.range))
        default:
            throw failure(expected: "an expression")
        }
    }

    /// A record's field name: a name or a string (`{"median cos": m}`).
    private mutating func fieldName(_ expected: String) throws -> (String, Token) {
        let token = peek()
        if token.kind == .string {
            advance()
            return (string(of: token), token)
        }
        return try consumeName(expected)
    }
}
