/// Recursive-descent parser of the block language, one function per grammar
/// rule, loosest binding first:
///
///     block       := (statement (NEWLINE | END))*
///     statement   := "let" NAME ("(" (NAME ("," NAME)*)? ")")? "=" expression
///                  | "claim" (STRING ":")? expression
///                  | expression
///     expression  := "if" expression "then" expression "else" expression
///                  | (NAME | "(" (NAME ("," NAME)*)? ")") "=>" expression
///                  | or
///     or          := and ("or" and)*
///     and         := not ("and" not)*
///     not         := "not" not | comparison
///     comparison  := additive (("<" | "<=" | ">" | ">=" | "==" | "!=") additive
///                             | "≈" additive "±" additive "%"?)?
///     additive    := multiplicative (("+" | "-") multiplicative)*
///     multiplicative := unary (("*" | "/" | "@") unary)*
///     unary       := "-" unary | power
///     power       := postfix ("^" unary)?
///     postfix     := primary ("(" arguments ")" | "." NAME ("(" arguments ")")? | "[" expression (":" expression)? "]")*
///     primary     := NUMBER | STRING | "true" | "false" | NAME | "(" expression ")"
///                  | "[" (expression ("," expression)* ","?)? "]"
///                  | "{" (KEY ":" expression ("," KEY ":" expression)* ","?)? "}"   (KEY: NAME or STRING)
///     arguments   := (argument ("," argument)* ","?)?
///     argument    := (NAME ":")? expression
///
/// Newlines end statements except inside brackets and after an operator or a
/// comma. After an error the parser skips to the next line (or resumes at the
/// line where the error was found, when that line starts a new statement), so
/// one run reports every error of a block. Nesting deeper than
/// `Limits.maxDepth`, or deep enough to leave too little of the thread's
/// stack (`StackGuard`), is a located error rather than a stack overflow.
package struct Parser {
    package let tokens: [Token]
    /// The code lexed, for the tokens' texts and strings.
    private let lexed: LexedCode
    package let limits: Limits
    package var position = 0
    /// Open brackets around the current token; newlines are skipped inside.
    package var nesting = 0
    package var depth = 0
    /// The lowest stack address this parse may reach (`StackGuard.floor`,
    /// 0 where the platform does not tell), found once the nesting is
    /// deeper than `stackWatchDepth`.
    private var stackFloor: Int?
    /// Below this depth the stack is not looked at: expressions as written
    /// never reach it, and finding the stack's bounds costs a system call.
    private static let stackWatchDepth = 24
    /// Where the token `advance` last gave is (nil before the first).
    private var previousPosition: Int?
    /// The token `advance` last gave.
    package var previous: Token? { previousPosition.map { tokens[$0] } }
    package var pendingLetName: String?
    private(set) var errors: [Diagnostic] = []

    private init(_ lexed: LexedCode, limits: Limits) {
        tokens = lexed.tokens
        self.lexed = lexed
        self.limits = limits
    }

    /// Parses a block's statements; `origin` is the document position of the
    /// code's first character.
    package static func parseBlock(_ code: String, origin: SourceLocation, limits: Limits = .standard) -> ParsedBlock {
        let lexed = Lexer.tokenize(code, origin: origin)
        var parser = Parser(lexed, limits: limits)
        var block = parser.block()
        block.errors = (lexed.errors + parser.errors).sorted { ($0.isPlaced ? $0.range.start : origin) < ($1.isPlaced ? $1.range.start : origin) }
        return block
    }

    /// Parses one expression (an inline `{= …}` or `{claim …}` span).
    package static func parseExpression(_ code: String, origin: SourceLocation, limits: Limits = .standard) -> (Expr?, [Diagnostic]) {
        let lexed = Lexer.tokenize(code, origin: origin)
        var parser = Parser(lexed, limits: limits)
        parser.nesting = 1
        var expression: Expr?
        do {
            let e = try parser.expression()
            guard parser.peekKind() == .end else { throw parser.failure(expected: "the end of the expression") }
            expression = e
        } catch let error as Diagnostic {
            if !error.isSilent { parser.errors.append(error) }
        } catch {
            parser.errors.append(Diagnostic(.internalError, "\(error)", at: SourceRange(origin)))
        }
        let errors = lexed.errors + parser.errors
        return (errors.isEmpty ? expression : nil, errors)
    }

    // MARK: Token access

    @inline(__always)
    package mutating func peek() -> Token {
        tokens[nextPosition()]
    }

    /// The kind of `peek()`, without copying the rest of the token: every
    /// precedence level asks it for every operand.
    @inline(__always)
    package mutating func peekKind() -> TokenKind {
        tokens[nextPosition()].kind
    }

    /// Where `peek()` is: newlines are skipped inside brackets.
    @inline(__always)
    private mutating func nextPosition() -> Int {
        if nesting > 0 {
            while tokens[position].kind == .newline { position += 1 }
        }
        return position
    }

    /// The token after `peek()`, newlines included.
    package mutating func peekSecond() -> Token {
        _ = peek()
        return tokens[min(position + 1, tokens.count - 1)]
    }

    @discardableResult
    @inline(__always)
    package mutating func advance() -> Token {
        let current = nextPosition()
        previousPosition = current
        if tokens[current].kind != .end { position += 1 }
        return tokens[current]
    }

    // One kind at a time, without a variadic array: most precedence levels
    // call this for every operand.
    @inline(__always)
    package mutating func match(_ kind: TokenKind) -> Token? {
        peekKind() == kind ? advance() : nil
    }

    /// `expected` is built only on failure: most callers interpolate it.
    package mutating func consume(_ kind: TokenKind, _ expected: @autoclosure () -> String) throws -> Token {
        if peekKind() == kind { return advance() }
        throw failure(expected: expected())
    }

    package mutating func consumeName(_ expected: String) throws -> (String, Token) {
        let token = peek()
        if token.kind == .identifier {
            advance()
            return (text(of: token), token)
        }
        throw failure(expected: expected)
    }

    /// The token as written (an identifier's name).
    package func text(of token: Token) -> String {
        lexed.text(of: token)
    }

    /// A string token's value.
    package func string(of token: Token) -> String {
        lexed.strings[token.string]
    }

    /// Continues a line after an operator, `=` or `:`.
    package mutating func skipNewlines() {
        while tokens[position].kind == .newline { position += 1 }
    }

    package mutating func failure(expected: String) -> Diagnostic {
        let token = peek()
        if token.kind == .invalid { return .silent(at: token.range) }
        return Diagnostic(.expectedToken, "expected \(expected), found \(lexed.quoted(token))", at: token.range)
    }

    package mutating func nested<T>(_ rule: (inout Parser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        try checkDepth()
        return try rule(&self)
    }

    package mutating func checkDepth() throws {
        if depth > limits.maxDepth {
            throw Diagnostic(.nestingTooDeep, "the expression nests too deeply (more than \(limits.maxDepth) levels)", at: peek().range)
        }
        // A rule's frame depends on the build (an address-sanitised one's
        // are several times a release build's) and on the thread's stack:
        // the limit alone cannot promise the stack holds out.
        guard depth > Self.stackWatchDepth else { return }
        let floor = stackFloor ?? StackGuard.floor() ?? 0
        stackFloor = floor
        if floor != 0, StackGuard.here() < floor {
            throw Diagnostic(.nestingTooDeep, "the expression nests too deeply for the stack (\(depth) levels)", at: peek().range)
        }
    }

    package static func startsExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .number, .string, .identifier, .true, .false, .not, .minus, .leftParen, .leftBracket, .leftBrace, .if, .invalid:
            return true
        default:
            return false
        }
    }

    /// The operand after `op`, or an error saying one was expected.
    package mutating func operand(after op: Token, _ rule: (inout Parser) throws -> Expr) throws -> Expr {
        skipNewlines()
        let next = peek()
        guard Parser.startsExpression(next.kind) else {
            var error = failure(expected: "an expression after '\(text(of: op))'")
            if next.range.start.line > op.range.end.line, error.isPlaced { error.place(at: op.range) }
            throw error
        }
        return try rule(&self)
    }

    /// The code between the UTF-8 byte offsets `start` and `end`.
    package func text(from start: Int, to end: Int) -> String {
        String(decoding: lexed.bytes[start..<max(start, end)], as: UTF8.self)
    }

    // MARK: Statements

    package mutating func block() -> ParsedBlock {
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
            } catch {
                if let error = error as? Diagnostic {
                    if !error.isSilent { errors.append(error) }
                } else {
                    errors.append(Diagnostic(.internalError, "\(error)", at: tokens[start].range))
                }
                result.statements.append(Statement(kind: .unparsed(letName: pendingLetName), range: tokens[start].range))
                synchronize(from: start)
            }
        }
        return result
    }

    package mutating func endOfStatement() throws {
        switch tokens[position].kind {
        case .newline: position += 1
        case .end: break
        default:
            nesting = 0
            throw failure(expected: "the end of the line after the statement")
        }
    }

    /// Resumes at the line where the failure happened when that line begins
    /// like a statement (`let`, `claim` or a name), else after the next newline.
    package mutating func synchronize(from start: Int) {
        nesting = 0
        let failing = tokens[position]
        if position > start, failing.startsLine {
            switch failing.kind {
            case .let, .claim, .identifier: return
            default: break
            }
        }
        while tokens[position].kind != .newline && tokens[position].kind != .end { position += 1 }
    }

    package mutating func statement() throws -> Statement {
        switch peekKind() {
        case .let: return try letStatement()
        case .claim: return try claimStatement()
        default:
            let expression = try self.expression()
            return Statement(kind: .expression(expression), range: expression.range)
        }
    }

    package mutating func letStatement() throws -> Statement {
        let keyword = advance()
        let (name, nameToken) = try consumeName("a name after 'let'")
        pendingLetName = name
        var parameters: [String]?
        if peekKind() == .leftParen, tokens[position].kind == .leftParen {
            // `let f(x, y) = body` defines a function.
            let open = advance()
            nesting += 1
            var names: [String] = []
            while peekKind() != .rightParen {
                let (parameter, _) = try consumeName(names.isEmpty ? "a parameter name or ')'" : "a parameter name after ','")
                names.append(parameter)
                if match(.comma) == nil { break }
            }
            _ = try consume(.rightParen, "',' or ')' in the parameters of '\(name)'")
            nesting -= 1
            try checkParameters(names, at: open.range.union(previous!.range))
            parameters = names
        }
        _ = try consume(.equal, "'=' after 'let \(name)\(parameters == nil ? "" : "(…)")'")
        var value = try operand(after: previous!) { try $0.expression() }
        if let parameters {
            value = Expr(kind: .lambda(parameters: parameters, body: value), range: nameToken.range.union(value.range))
        }
        return Statement(kind: .let(name: name, nameRange: nameToken.range, value),
                         range: keyword.range.union(value.range))
    }

    package mutating func claimStatement() throws -> Statement {
        let keyword = advance()
        var label: String?
        if peekKind() == .string, peekSecond().kind == .colon {
            label = string(of: peek())
            advance()
            advance()
        }
        skipNewlines()
        guard Parser.startsExpression(peekKind()) else {
            throw failure(expected: label == nil ? "an expression or a label after 'claim'" : "an expression after the claim's label")
        }
        let startOffset = peek().startOffset
        let condition = try expression()
        let source = text(from: startOffset, to: previous?.endOffset ?? startOffset)
        return Statement(kind: .claim(label: label, condition, source: source),
                         range: keyword.range.union(condition.range))
    }
}
