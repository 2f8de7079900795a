/// A TeX error: what, and where in the TeX source (offsets in Unicode
/// scalars from the start of `tex`).
///
/// Only the first error of a formula is reported: a formula is short, and
/// after an unbalanced brace or an unknown command the rest of it rarely
/// means what the author meant.
package struct TeXError: Error, Equatable, Sendable {
    package var message: String
    package var offset: Int
    package var length: Int

    package init(_ message: String, offset: Int, length: Int) {
        self.message = message
        self.offset = offset
        self.length = length
    }

    /// An error about `token`, at its place.
    init(_ message: String, at token: TeXToken) {
        self.init(message, offset: token.offset, length: token.length)
    }
}

extension TeXError {
    /// The deepest nesting of groups, arguments, environments and `\left`
    /// pairs a formula may have. It bounds the parser's and the writer's
    /// recursion, so no input can exhaust the stack.
    static let maximumDepth = 200

    static func tooDeep(at token: TeXToken) -> TeXError {
        TeXError("nesting deeper than \(maximumDepth) levels", at: token)
    }
}
