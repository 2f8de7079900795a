extension TeXMacros {
    /// At most this many macro uses are expanded in one formula, and the
    /// tokens waiting to be read never exceed `maximumTokens`: a macro that
    /// uses itself is an error, not a hang or an exhausted memory.
    static let maximumExpansions = 100_000
    static let maximumTokens = 1_000_000

    /// `tokens` with every macro use replaced by its body. Tokens from a body
    /// carry the place of the outermost use in the formula, so that an error
    /// inside an expansion points at the macro the author wrote.
    ///
    /// Linear in the number of tokens produced, which the limits bound.
    func expand(_ tokens: [TeXToken]) throws(TeXError) -> [TeXToken] {
        guard !macros.isEmpty else { return tokens }
        var output: [TeXToken] = []
        output.reserveCapacity(tokens.count)
        // The tokens still to read, the next one last.
        var pending = Array(tokens.reversed())
        var expansions = 0
        while let token = pending.popLast() {
            guard case .command(let name) = token.kind, let macro = macros[name] else {
                output.append(token)
                continue
            }
            expansions += 1
            if expansions > Self.maximumExpansions || pending.count + output.count > Self.maximumTokens {
                throw TeXError("the macro `\\\(name)` does not stop expanding (it uses itself?)", at: token)
            }
            var arguments: [[TeXToken]] = []
            for index in 0..<macro.arity {
                arguments.append(try Self.argument(index + 1, of: name, at: token, from: &pending))
            }
            var body: [TeXToken] = []
            body.reserveCapacity(macro.body.count)
            for part in macro.body {
                if case .parameter(let n) = part.kind {
                    body.append(contentsOf: arguments[n - 1])
                } else {
                    body.append(TeXToken(kind: part.kind, offset: token.offset, length: token.length))
                }
            }
            pending.append(contentsOf: body.reversed())
        }
        return output
    }

    /// One argument from the pending tokens: a single token, or a braced
    /// group without its braces; spaces before it are skipped.
    private static func argument(_ number: Int, of name: String, at use: TeXToken,
                                 from pending: inout [TeXToken]) throws(TeXError) -> [TeXToken] {
        while let next = pending.last, next.kind == .space { pending.removeLast() }
        guard let first = pending.popLast(), first.kind != .endGroup else {
            throw TeXError("the macro `\\\(name)` is missing its argument #\(number)", at: use)
        }
        guard first.kind == .beginGroup else { return [first] }
        var group: [TeXToken] = []
        var depth = 1
        while let token = pending.popLast() {
            switch token.kind {
            case .beginGroup: depth += 1
            case .endGroup:
                depth -= 1
                if depth == 0 { return group }
            default: break
            }
            group.append(token)
        }
        throw TeXError("unbalanced `{`: no matching `}`", at: first)
    }
}
