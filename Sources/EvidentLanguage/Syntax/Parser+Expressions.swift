/// The expression rules of `Parser`, loosest binding first.
extension Parser {
    package mutating func expression() throws -> Expr {
        try nested { try $0.or() }
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
                throw LanguageError(.misplacedTolerance, "'±' gives the tolerance of an approximate comparison 'A ≈ B ± TOL'", at: peek().range)
            }
            return lhs
        }
        let next = peek()
        if next.kind == .approx || Parser.comparisonOperator(next.kind) != nil {
            throw LanguageError(.chainedComparison, "comparisons do not chain: join them with 'and'", at: next.range)
        }
        if next.kind == .plusMinus {
            throw LanguageError(.misplacedTolerance, "'±' gives the tolerance of an approximate comparison 'A ≈ B ± TOL'", at: next.range)
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
        while let op = match(.star) ?? match(.slash) {
            depth += 1
            try checkDepth()
            let rhs = try operand(after: op) { try $0.unary() }
            lhs = Expr(kind: .binary(op.kind == .star ? .multiply : .divide, lhs, rhs), range: lhs.range.union(rhs.range))
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
                    throw LanguageError(.notCallable, "only a built-in function can be called here; this expression is not a function name", at: peek().range)
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
                _ = try consume(.rightBracket, "']' after the index")
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
                throw LanguageError(.argumentOrder, "positional arguments come before named ones", at: argument.range)
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
        if case .identifier(let name) = first.kind, peekSecond().kind == .colon {
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
        let first = peek()
        if case .identifier(let parameter) = first.kind, peekSecond().kind == .arrow {
            advance()
            let arrow = advance()
            let body = try operand(after: arrow) { try $0.expression() }
            return Expr(kind: .lambda(parameters: [parameter], body: body), range: first.range.union(body.range))
        }
        return try expression()
    }

    private mutating func primary() throws -> Expr {
        let token = peek()
        switch token.kind {
        case .number(let value):
            advance()
            return Expr(kind: .number(value), range: token.range)
        case .string(let value):
            advance()
            return Expr(kind: .string(value), range: token.range)
        case .true, .false:
            advance()
            return Expr(kind: .bool(token.kind == .true), range: token.range)
        case .identifier(let name):
            if peekSecond().kind == .arrow {
                throw LanguageError(.misplacedFunction, "a function 'x => …' can only be written as an argument of a call", at: token.range)
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
                let (name, nameToken) = try consumeName(fields.isEmpty ? "a field name or '}'" : "a field name after ','")
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
}
