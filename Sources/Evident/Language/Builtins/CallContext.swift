/// What a built-in or a method may use besides its arguments: where it was
/// called, the limits, and a way to call a function value (`map`'s lambda).
public struct CallContext {
    public let callee: String
    public let range: SourceRange
    let evaluator: Evaluator

    public var limits: Limits { evaluator.limits }

    /// Calls `lambda` with `arguments`. The evaluation shares no mutable state
    /// with other calls.
    public func call(_ lambda: Lambda, _ arguments: [Value]) throws -> Value {
        try evaluator.call(lambda, arguments, at: range)
    }

    /// A located error if `count` entries exceed `Limits.maxElements`.
    public func checkSize(_ count: Int) throws {
        if count > limits.maxElements {
            throw LanguageError("\(callee) would make \(count) entries, more than the limit of \(limits.maxElements)", at: range)
        }
    }
}
