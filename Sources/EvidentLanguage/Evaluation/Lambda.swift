/// A function value `x => EXPR`, closed over the scope where it was written.
///
/// It holds no mutable state: calling it evaluates the body in a fresh local
/// scope layered over the captured one, so calls may run concurrently.
public final class Lambda {
    public let parameters: [String]
    package let body: Expr
    package let captured: Scope
    public let range: SourceRange

    package init(parameters: [String], body: Expr, captured: Scope, range: SourceRange) {
        self.parameters = parameters
        self.body = body
        self.captured = captured
        self.range = range
    }
}
