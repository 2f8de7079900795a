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
        try validate(arguments, positionalRange: positionalRange)
    }

    /// `validate` with the positional range already known (`Builtin` keeps it).
    package func validate(_ arguments: Arguments, positionalRange range: ClosedRange<Int>) throws {
        // Every call of a built-in passes here: check without allocating, and
        // build the names for the messages only when something is wrong.
        var valid = range.contains(arguments.positional.count)
        if valid {
            for (k, argument) in arguments.named.enumerated() {
                let name = argument.name ?? ""
                if !parameters.contains(where: { $0.kind == .named && $0.name == name })
                    || arguments.named[..<k].contains(where: { $0.name == name }) {
                    valid = false
                    break
                }
            }
        }
        if !valid {
            try arguments.expect(positional: range, named: parameters.filter { $0.kind == .named }.map(\.name))
        }
        for p in parameters where p.kind == .named && !p.isOptional && !arguments.has(p.name) {
            throw Diagnostic(.missingArgument, "\(name) needs the argument '\(p.name):' (\(p.type))", at: arguments.range)
        }
    }
}
