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

    /// Calls `lambda` once per item of a batch (`map`): its parameter-free
    /// calls are evaluated once for the batch (see `Invariants`), with the
    /// values and errors of separate calls.
    func batch(_ lambda: Lambda) -> (_ arguments: [Value]) throws -> Value {
        let invariants = Invariants(lambda, builtins: evaluator.builtins)
        let memo = invariants.isEmpty ? nil : invariants
        return { [evaluator, range] arguments in try evaluator.call(lambda, arguments, at: range, invariants: memo) }
    }

    /// A located error if `count` entries exceed `Limits.maxElements`.
    public func checkSize(_ count: Int) throws {
        if count > limits.maxElements {
            throw LanguageError("\(callee) would make \(count) entries, more than the limit of \(limits.maxElements)", at: range)
        }
    }
}
