/// The built-in functions a document can call, by name.
///
/// Registries are values: extend one by making a new one, e.g. the geometry
/// layer's `BuiltinRegistry.core.adding(geometryBuiltins)`. A later
/// registration of a name replaces the earlier one. Calls are checked against
/// the `Signature` before the body runs, so bodies may assume the arity and
/// the named-argument names are valid; the typed accessors of `Arguments`
/// check the types.
///
///     let geometry = BuiltinRegistry.core.adding(
///         Builtin("dim", parameters: [.positional("m", "model")], summary: "the model's dimension") { args, _ in
///             let model = try args.object(0, as: ModelValue.self, typeName: "model")
///             return .number(Double(model.dimension))
///         },
///         Builtin("flow", parameters: [.positional("o", "objective"), .named("from", "point", required: true),
///                                      .named("T", "number"), .named("dt", "number")],
///                 summary: "the gradient flow of o") { args, context in … }
///     )
///     let interpreter = Interpreter(file: path, params: params, builtins: geometry)
public struct BuiltinRegistry: Sendable {
    private var entries: [String: Builtin] = [:]

    public init(_ builtins: [Builtin] = []) {
        for builtin in builtins { entries[builtin.name] = builtin }
    }

    public subscript(name: String) -> Builtin? { entries[name] }

    public var names: [String] { entries.keys.sorted() }

    /// Every signature, sorted by name (for a language reference).
    public var signatures: [Signature] { names.compactMap { entries[$0]?.signature } }

    public mutating func register(_ builtin: Builtin) {
        entries[builtin.name] = builtin
    }

    public func adding(_ builtins: [Builtin]) -> BuiltinRegistry {
        var copy = self
        for builtin in builtins { copy.register(builtin) }
        return copy
    }

    public func adding(_ builtins: Builtin...) -> BuiltinRegistry { adding(builtins) }

    public func adding(_ other: BuiltinRegistry) -> BuiltinRegistry {
        adding(other.names.compactMap { other[$0] })
    }
}
