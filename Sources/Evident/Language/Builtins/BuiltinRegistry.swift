/// One parameter of a built-in, for argument checking and documentation.
public struct Parameter: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case positional
        /// Any number (at least one unless optional) of trailing positional arguments.
        case variadic
        case named
    }

    public var name: String
    public var kind: Kind
    /// What it accepts, for the docs: "vector", "number", "list of strings".
    public var type: String
    public var isOptional: Bool

    public static func positional(_ name: String, _ type: String, optional: Bool = false) -> Parameter {
        Parameter(name: name, kind: .positional, type: type, isOptional: optional)
    }

    public static func variadic(_ name: String, _ type: String, optional: Bool = false) -> Parameter {
        Parameter(name: name, kind: .variadic, type: type, isOptional: optional)
    }

    /// Named parameters are optional unless `required` is set.
    public static func named(_ name: String, _ type: String, required: Bool = false) -> Parameter {
        Parameter(name: name, kind: .named, type: type, isOptional: !required)
    }
}

/// A built-in's name, parameters and one-line summary.
public struct Signature: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var parameters: [Parameter]
    public var summary: String

    public init(name: String, parameters: [Parameter], summary: String) {
        self.name = name
        self.parameters = parameters
        self.summary = summary
    }

    /// `table(X: value, every: number?, title: string?) — summary`.
    public var description: String {
        let list = parameters.map { p -> String in
            switch p.kind {
            case .positional: return "\(p.name): \(p.type)\(p.isOptional ? "?" : "")"
            case .variadic: return "\(p.name)…: \(p.type)"
            case .named: return "\(p.name): \(p.type)\(p.isOptional ? "?" : "")"
            }
        }
        return "\(name)(\(list.joined(separator: ", "))) — \(summary)"
    }

    /// The accepted numbers of positional arguments.
    public var positionalRange: ClosedRange<Int> {
        var low = 0, high = 0
        for p in parameters {
            switch p.kind {
            case .positional:
                high += 1
                if !p.isOptional { low += 1 }
            case .variadic:
                high = Int.max
                if !p.isOptional { low += 1 }
            case .named:
                break
            }
        }
        return low...high
    }

    /// Checks arity, named-argument names and required named arguments.
    public func validate(_ arguments: Arguments) throws {
        try arguments.expect(positional: positionalRange, named: parameters.filter { $0.kind == .named }.map(\.name))
        for p in parameters where p.kind == .named && !p.isOptional && !arguments.has(p.name) {
            throw LanguageError("\(name) needs the argument '\(p.name):' (\(p.type))", at: arguments.range)
        }
    }
}

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

/// The built-in functions a document can call, by name.
///
/// Registries are values: extend one by making a new one, e.g. the geometry
/// layer's `BuiltinRegistry.core.adding(geometryBuiltins)`. A later
/// registration of a name replaces the earlier one. Calls are checked against
/// the `Signature` before the body runs, so bodies may assume the arity and
/// the named-argument names are valid; the typed accessors of `Arguments`
/// check the types.
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
