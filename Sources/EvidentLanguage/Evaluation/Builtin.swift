/// A function callable from block code.
///
/// A value with its parts in one shared, immutable box: every call of a
/// built-in looks it up and copies it, which then costs one reference count
/// instead of one per string, array and closure of the signature and body.
public struct Builtin: Sendable {
    public typealias Body = @Sendable (Arguments, CallContext) throws -> Value
    /// The built-in over all the items of a batched `map` at once (`BatchMap`):
    /// a column with item i's value the body would give for item i's
    /// arguments, or nil to decline (the call is then made per item).
    public typealias BatchBody = @Sendable (BatchArguments, BatchContext) throws -> Column?

    private final class Storage: Sendable {
        let signature: Signature
        let body: Body
        let batch: BatchBody?
        /// `signature.positionalRange`, computed once.
        let positionalRange: ClosedRange<Int>

        init(signature: Signature, body: @escaping Body, batch: BatchBody? = nil) {
            self.signature = signature
            self.body = body
            self.batch = batch
            self.positionalRange = signature.positionalRange
        }
    }

    private var storage: Storage

    public var signature: Signature {
        get { storage.signature }
        set { storage = Storage(signature: newValue, body: storage.body, batch: storage.batch) }
    }

    public var body: Body {
        get { storage.body }
        set { storage = Storage(signature: storage.signature, body: newValue, batch: storage.batch) }
    }

    /// The batch form, if the built-in has one.
    public var batch: BatchBody? { storage.batch }

    public init(_ name: String, parameters: [Parameter], summary: String, body: @escaping Body) {
        storage = Storage(signature: Signature(name: name, parameters: parameters, summary: summary), body: body)
    }

    /// The same built-in with a batch form for `map` (see `BatchMap`); a
    /// geometry built-in gets its own from its kernel (`Kernel`).
    package func batched(_ batch: @escaping BatchBody) -> Builtin {
        var copy = self
        copy.storage = Storage(signature: storage.signature, body: storage.body, batch: batch)
        return copy
    }

    public var name: String { storage.signature.name }

    /// Checks a call's arguments against the signature.
    package func validate(_ arguments: Arguments) throws {
        try storage.signature.validate(arguments, positionalRange: storage.positionalRange)
    }

    /// Runs the body.
    package func callAsFunction(_ arguments: Arguments, _ context: CallContext) throws -> Value {
        try storage.body(arguments, context)
    }
}
