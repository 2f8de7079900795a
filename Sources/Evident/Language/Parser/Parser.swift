/// Recursive-descent parser of the block language, one function per grammar
/// rule, loosest binding first:
///
///     block       := (statement (NEWLINE | END))*
///     statement   := "let" NAME "=" expression
///                  | "claim" (STRING ":")? expression
///                  | expression
///     expression  := or
///     or          := and ("or" and)*
///     and         := not ("and" not)*
///     not         := "not" not | comparison
///     comparison  := additive (("<" | "<=" | ">" | ">=" | "==" | "!=") additive
///                             | "≈" additive "±" additive "%"?)?
///     additive    := multiplicative (("+" | "-") multiplicative)*
///     multiplicative := unary (("*" | "/") unary)*
///     unary       := "-" unary | power
///     power       := postfix ("^" unary)?
///     postfix     := primary ("(" arguments ")" | "." NAME ("(" arguments ")")? | "[" expression "]")*
///     primary     := NUMBER | STRING | "true" | "false" | NAME | "(" expression ")"
///                  | "[" (expression ("," expression)* ","?)? "]"
///                  | "{" (NAME ":" expression ("," NAME ":" expression)* ","?)? "}"
///     arguments   := (argument ("," argument)* ","?)?
///     argument    := (NAME ":")? (NAME "=>" expression | expression)
///
/// Newlines end statements except inside brackets and after an operator or a
/// comma. After an error the parser skips to the next line (or resumes at the
/// line where the error was found, when that line starts a new statement), so
/// one run reports every error of a block. Nesting deeper than
/// `Limits.maxDepth` is a located error rather than a stack overflow.
struct Parser {
    private var tokens: [Token]
    private let scalars: [Unicode.Scalar]
    private let limits: Limits
    private var position = 0
    /// Open brackets around the current token; newlines are skipped inside.
    private var nesting = 0
    private var depth = 0
    private var previous: Token?
    private var pendingLetName: String?
    private(set) var errors: [LanguageError] = []

    private init(tokens: [Token], code: String, limits: Limits) {
        self.tokens = tokens
        self.scalars = Array(code.unicodeScalars)
        self.limits = limits
    }

    /// Parses a block's statements; `origin` is the document position of the
    /// code's first character.
    static func parseBlock(_ code: String, origin: SourceLocation, limits: Limits = .standard) -> ParsedBlock {
        let (tokens, lexErrors) = Lexer.tokenize(code, origin: origin)
        var parser = Parser(tokens: tokens, code: code, limits: limits)
        var block = parser.block()
        block.errors = (lexErrors + parser.errors).sorted { ($0.range?.start ?? origin) < ($1.range?.start ?? origin) }
        return block
    }

    /// Parses one expression (an inline `{= …}` or `{claim …}` span).
    static func parseExpression(_ code: String, origin: SourceLocation, limits: Limits = .standard) -> (Expr?, [LanguageError]) {
        let (tokens, lexErrors) = Lexer.tokenize(code, origin: origin)
        var parser = Parser(tokens: tokens, code: code, limits: limits)
        parser.nesting = 1
        var expression: Expr?
        do {
            let e = try parser.expression()
            guard parser.peek().kind == .end else { throw parser.failure(expected: "the end of the expression") }
            expression = e
        } catch let error as LanguageError {
            if !error.isSilent { parser.errors.append(error) }
        } catch {
            parser.errors.append(LanguageError("\(error)", at: SourceRange(origin)))
        }
        let errors = lexErrors + parser.errors
        return (errors.isEmpty ? expression : nil, errors)
    }

    // MARK: Token access

    private mutating func peek() -> Token {
        if nesting > 0 {
            while tokens[position].kind == .newline { position += 1 }
        }
        return tokens[position]
    }

    /// The token after `peek()`, newlines included.
    private mutating func peekSecond() -> Token {
        _ = peek()
        return tokens[min(position + 1, tokens.count - 1)]
    }

    @discardableResult
    private mutating func advance() -> Token {
        let token = peek()
        if token.kind != .end { position += 1 }
        previous = token
        return token
    }

    private mutating func match(_ kinds: TokenKind...) -> Token? {
        kinds.contains(peek().kind) ? advance() : nil
    }

    private mutating func consume(_ kind: TokenKind, _ expected: String) throws -> Token {
        if peek().kind == kind { return advance() }
        throw failure(expected: expected)
    }

    private mutating func consumeName(_ expected: String) throws -> (String, Token) {
        let token = peek()
        if case .identifier(let name) = token.kind {
            advance()
            return (name, token)
        }
        throw failure(expected: expected)
    }

    /// Continues a line after an operator, `=` or `:`.
    private mutating func skipNewlines() {
        while tokens[position].kind == .newline { position += 1 }
    }

    private mutating func failure(expected: String) -> LanguageError {
        let token = peek()
        if token.kind == .invalid { return .silent(at: token.range) }
        return LanguageError("expected \(expected), found \(token.quoted)", at: token.range)
    }

    private mutating func nested<T>(_ rule: (inout Parser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        try checkDepth()
        return try rule(&self)
    }

    private mutating func checkDepth() throws {
        if depth > limits.maxDepth {
            throw LanguageError("the expression nests too deeply (more than \(limits.maxDepth) levels)", at: peek().range)
        }
    }

    private static func startsExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .number, .string, .identifier, .true, .false, .not, .minus, .leftParen, .leftBracket, .leftBrace, .invalid:
            return true
        default:
            return false
        }
    }

    /// The operand after `op`, or an error saying one was expected.
    private mutating func operand(after op: Token, _ rule: (inout Parser) throws -> Expr) throws -> Expr {
        skipNewlines()
        guard Parser.startsExpression(peek().kind) else {
            throw failure(expected: "an expression after '\(op.text)'")
        }
        return try rule(&self)
    }

    private func text(from start: Int, to end: Int) -> String {
        String(String.UnicodeScalarView(scalars[start..<max(start, end)]))
    }

    // MARK: Statements

    private mutating func block() -> ParsedBlock {
        var result = ParsedBlock()
        while true {
            skipNewlines()
            if tokens[position].kind == .end { break }
            let start = position
            nesting = 0
            depth = 0
            pendingLetName = nil
            do {
                let statement = try self.statement()
                try endOfStatement()
                result.statements.append(statement)
            } catch let error as LanguageError {
                if !error.isSilent { errors.append(error) }
                if let name = pendingLetName { result.failedNames.append(name) }
                synchronize(from: start)
            } catch {
                errors.append(LanguageError("\(error)", at: tokens[start].range))
                synchronize(from: start)
            }
        }
        return result
    }

    private mutating func endOfStatement() throws {
        switch tokens[position].kind {
        case .newline: position += 1
        case .end: break
        default:
            nesting = 0
            throw failure(expected: "the end of the line after the statement")
        }
    }

    /// Resumes at the line where the failure happened when it begins a new
    /// statement, else after the next newline.
    private mutating func synchronize(from start: Int) {
        nesting = 0
        let failing = tokens[position]
        if position > start, failing.startsLine,
           failing.kind == .let || failing.kind == .claim || Parser.startsExpression(failing.kind) {
            return
        }
        while tokens[position].kind != .newline && tokens[position].kind != .end { position += 1 }
    }

    private mutating func statement() throws -> Statement {
        switch peek().kind {
        case .let: return try letStatement()
        case .claim: return try claimStatement()
        default:
            let expression = try self.expression()
            return Statement(kind: .expression(expression), range: expression.range)
        }
    }

    private mutating func letStatement() throws -> Statement {
        let keyword = advance()
        let (name, nameToken) = try consumeName("a name after 'let'")
        pendingLetName = name
        _ = try consume(.equal, "'=' after 'let \(name)'")
        let value = try operand(after: previous!) { try $0.expression() }
        return Statement(kind: .let(name: name, nameRange: nameToken.range, value),
                         range: keyword.range.union(value.range))
    }

    private mutating func claimStatement() throws -> Statement {
        let keyword = advance()
        var label: String?
        if case .string(let text) = peek().kind, peekSecond().kind == .colon {
            label = text
            advance()
            advance()
        }
        skipNewlines()
        guard Parser.startsExpression(peek().kind) else {
            throw failure(expected: label == nil ? "an expression or a label after 'claim'" : "an expression after the claim's label")
        }
        let startOffset = peek().startOffset
        let condition = try expression()
        let source = text(from: startOffset, to: previous?.endOffset ?? startOffset)
        return Statement(kind: .claim(label: label, condition, source: source),
                         range: keyword.range.union(condition.range))
    }

    // MARK: Expressions

    mutating func expression() throws -> Expr {
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

    private static let comparisonOperators: [TokenKind: BinaryOperator] = [
        .less: .less, .lessEqual: .lessEqual, .greater: .greater, .greaterEqual: .greaterEqual,
        .equalEqual: .equal, .bangEqual: .notEqual,
    ]

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
        } else if let binary = Parser.comparisonOperators[peek().kind] {
            let op = advance()
            let rhs = try operand(after: op) { try $0.additive() }
            result = Expr(kind: .binary(binary, lhs, rhs), range: lhs.range.union(rhs.range))
        } else {
            if peek().kind == .plusMinus {
                throw LanguageError("'±' gives the tolerance of an approximate comparison 'A ≈ B ± TOL'", at: peek().range)
            }
            return lhs
        }
        let next = peek()
        if next.kind == .approx || Parser.comparisonOperators[next.kind] != nil {
            throw LanguageError("comparisons do not chain: join them with 'and'", at: next.range)
        }
        if next.kind == .plusMinus {
            throw LanguageError("'±' gives the tolerance of an approximate comparison 'A ≈ B ± TOL'", at: next.range)
        }
        return result
    }

    private mutating func additive() throws -> Expr {
        var lhs = try multiplicative()
        let saved = depth
        defer { depth = saved }
        while let op = match(.plus, .minus) {
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
        while let op = match(.star, .slash) {
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
            switch peek().kind {
            case .leftParen:
                guard case .name(let callee) = expr.kind else {
                    throw LanguageError("only a built-in function can be called here; this expression is not a function name", at: peek().range)
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
                if peek().kind == .leftParen, tokens[position].kind == .leftParen {
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
                throw LanguageError("positional arguments come before named ones", at: argument.range)
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
                throw LanguageError("a function 'x => …' can only be written as an argument of a call", at: token.range)
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
            while peek().kind != .rightBracket {
                guard Parser.startsExpression(peek().kind) else { throw failure(expected: items.isEmpty ? "an expression or ']'" : "an expression after ','") }
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
            while peek().kind != .rightBrace {
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
