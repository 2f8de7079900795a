/// A function callable from block code.
public struct Builtin: Sendable {
    public typealias Body = @Sendable (Arguments, CallContext) throws -> Value

    public var signature: Signature
    public var body: Body

    public init(_ name: String, parameters: [Parameter], summary: String, body: @escaping Body) {
        self.signature = Signature(name: name, parameters: parameters, summary: summary)
        self.body = body
    }

    public var name: String { signature.name }
}
