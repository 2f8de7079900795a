/// Author macros from front matter: name (with its backslash, e.g. "\\R") →
/// replacement TeX, with #1…#9 for arguments (arity = highest #n used).
///
/// A macro is expanded as TeX expands `\newcommand`'s: its arguments (a
/// token, or a braced group without its braces) replace `#1`…`#9` in the
/// body, and the result is read again, so a body may use other macros.
/// An author's macro wins over a built-in command of the same name.
package struct TeXMacros: Sendable, Equatable {
    struct Macro: Sendable, Equatable {
        var body: [TeXToken]
        var arity: Int
    }

    /// By name without the backslash.
    private(set) var macros: [String: Macro] = [:]

    /// No macros.
    package init() {}

    /// Error: a name that is not `\letters`, or a body that does not lex or
    /// whose braces do not balance; offset and length are in the body (a bad
    /// name points at the whole body).
    package init(_ definitions: [String: String]) throws(TeXError) {
        // Sorted, so that with several bad definitions the same one is reported.
        for (name, body) in definitions.sorted(by: { $0.key < $1.key }) {
            let letters = name.unicodeScalars.dropFirst()
            guard name.unicodeScalars.first == "\\", !letters.isEmpty, letters.allSatisfy(TeXLexer.isLetter) else {
                throw TeXError("a macro's name must be a backslash and letters, like `\\R`, not `\(name)`",
                               offset: 0, length: body.unicodeScalars.count)
            }
            let tokens = try TeXLexer.tokens(of: body, allowsParameters: true)
            var open: [TeXToken] = []
            var arity = 0
            for token in tokens {
                switch token.kind {
                case .beginGroup: open.append(token)
                case .endGroup:
                    guard open.popLast() != nil else {
                        throw TeXError("unbalanced `}` in the definition of `\(name)`: no matching `{`", at: token)
                    }
                case .parameter(let n): arity = max(arity, n)
                default: break
                }
            }
            if let unclosed = open.last {
                throw TeXError("unbalanced `{` in the definition of `\(name)`: no matching `}`", at: unclosed)
            }
            macros[String(scalars: letters)] = Macro(body: tokens, arity: arity)
        }
    }

    func macro(_ name: String) -> Macro? { macros[name] }

    var isEmpty: Bool { macros.isEmpty }
    var names: [String] { Array(macros.keys) }
}
