/// A function callable from block code.
///
/// A value with its parts in one shared, immutable box: every call of a
/// built-in looks it up and copies it, which then costs one reference count
/// instead of one per string, array and closure of the signature and body.
public struct Builtin: Sendable {
    public typealias Body = @Sendable (Arguments, CallContext) throws -> Value

    private final class Storage: Sendable {
        let signature: Signature
        let body: Body
        /// `signature.positionalRange`, computed once.
        let positionalRange: ClosedRange<Int>

        init(signature: Signature, body: @escaping Body) {
            self.signature = signature
            self.body = body
            self.positionalRange = signature.positionalRange
        }
    }

    private var storage: Storage

    public var signature: Signature {
        get { storage.signature }
        set { storage = Storage(signature: newValue, body: storage.body) }
    }

    public var body: Body {
        get { storage.body }
        set { storage = Storage(signature: storage.signature, body: newValue) }
    }

    public init(_ name: String, parameters: [Parameter], summary: String, body: @escaping Body) {
        storage = Storage(signature: Signature(name: name, parameters: parameters, summary: summary), body: body)
    }

    public var name: String { storage.signature.name }

    /// Checks a call's arguments against the signature.
    func validate(_ arguments: Arguments) throws {
        try storage.signature.validate(arguments, positionalRange: storage.positionalRange)
    }

    /// Runs the body.
    func callAsFunction(_ arguments: Arguments, _ context: CallContext) throws -> Value {
        try storage.body(arguments, context)
    }
}
