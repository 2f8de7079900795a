/// A function value `x => EXPR`, closed over the scope where it was written.
/// A function bound by `let` knows its name, so its body may call itself
/// (the name is bound afresh in every call, so no cycle of references forms).
///
/// It holds no mutable state: calling it evaluates the body in a fresh local
/// scope layered over the captured one, so calls may run concurrently.
public final class Lambda {
    public let parameters: [String]
    package let body: Expr
    package let captured: Scope
    public let range: SourceRange
    /// The name `let` bound it to, visible in its own body.
    public let name: String?

    package init(parameters: [String], body: Expr, captured: Scope, range: SourceRange, name: String? = nil) {
        self.parameters = parameters
        self.name = name
        self.body = body
        self.captured = captured
        self.range = range
    }
}

extension Lambda {
    /// How messages name the function: `f(x, y)` or `(x, y) => …`.
    public var signatureText: String {
        if let name { return "\(name)(\(parameters.joined(separator: ", ")))" }
        return parameters.count == 1 ? "\(parameters[0]) => …" : "(\(parameters.joined(separator: ", "))) => …"
    }
}
