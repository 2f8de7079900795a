import InfoGeometry
/// The evaluated arguments of a call: positional ones first, then named ones,
/// each with its document range.
///
/// The typed accessors produce the language's errors, located at the
/// argument: "expected a vector for argument 1 of mean, got a string".
/// Positional indices are 0-based in Swift; messages count from 1.
public struct Arguments {
    public struct Argument {
        public var name: String?
        public var value: Value
        public var range: SourceRange

        public init(name: String? = nil, value: Value, range: SourceRange) {
            self.name = name
            self.value = value
            self.range = range
        }
    }

    /// The function or method called, as messages name it ("mean", "at").
    public var callee: String
    /// The whole call expression.
    public var range: SourceRange
    public var positional: [Argument]
    public var named: [Argument]

    public init(callee: String, range: SourceRange, positional: [Argument] = [], named: [Argument] = []) {
        self.callee = callee
        self.range = range
        self.positional = positional
        self.named = named
    }

    public var count: Int { positional.count }

    public func argument(named name: String) -> Argument? {
        named.first { $0.name == name }
    }

    public func has(_ name: String) -> Bool { argument(named: name) != nil }

    /// Checks the number of positional arguments and the names of the named
    /// ones (unknown names get a suggestion). Built-ins get this from their
    /// `Signature`; object methods call it themselves.
    public func expect(positional allowed: ClosedRange<Int>, named names: [String] = []) throws {
        if positional.count < allowed.lowerBound {
            let what = allowed.lowerBound == allowed.upperBound ? "\(allowed.lowerBound)" : "at least \(allowed.lowerBound)"
            throw Diagnostic(.argumentCount, "\(callee) expects \(what) positional argument\(allowed.lowerBound == 1 ? "" : "s"), got \(positional.count)", at: range)
        }
        if positional.count > allowed.upperBound {
            let what = allowed.lowerBound == allowed.upperBound ? "\(allowed.upperBound)" : "at most \(allowed.upperBound)"
            throw Diagnostic(.argumentCount, "\(callee) expects \(what) positional argument\(allowed.upperBound == 1 ? "" : "s"), got \(positional.count)",
                                at: positional[allowed.upperBound].range)
        }
        var seen: Set<String> = []
        for argument in named {
            let name = argument.name ?? ""
            guard names.contains(name) else {
                let known = names.isEmpty ? " (\(callee) takes no named arguments)" : Suggestion.didYouMean(name, among: names)
                throw Diagnostic(.unknownArgument, "unknown argument '\(name)' of \(callee)\(known)", at: argument.range)
            }
            guard seen.insert(name).inserted else {
                throw Diagnostic(.duplicateArgument, "argument '\(name)' of \(callee) is given twice", at: argument.range)
            }
        }
    }

    // MARK: Typed access

    /// The positional argument at `index`, or an arity error.
    public func value(_ index: Int) throws -> Value {
        try positionalArgument(index).value
    }

    public func value(_ name: String) -> Value? { argument(named: name)?.value }

    public func number(_ index: Int) throws -> Double { try convert(positionalArgument(index), "a number", \.asNumber) }
    public func number(_ name: String) throws -> Double? { try convertNamed(name, "a number", \.asNumber) }
    public func number(_ name: String, default fallback: Double) throws -> Double { try number(name) ?? fallback }

    public func integer(_ index: Int) throws -> Int { try whole(positionalArgument(index)) }
    public func integer(_ name: String) throws -> Int? { try argument(named: name).map(whole) }
    public func integer(_ name: String, default fallback: Int) throws -> Int { try integer(name) ?? fallback }

    public func bool(_ index: Int) throws -> Bool { try convert(positionalArgument(index), "a boolean", \.asBool) }
    public func bool(_ name: String) throws -> Bool? { try convertNamed(name, "a boolean", \.asBool) }
    public func bool(_ name: String, default fallback: Bool) throws -> Bool { try bool(name) ?? fallback }

    public func string(_ index: Int) throws -> String { try convert(positionalArgument(index), "a string", \.asString) }
    public func string(_ name: String) throws -> String? { try convertNamed(name, "a string", \.asString) }
    public func string(_ name: String, default fallback: String) throws -> String { try string(name) ?? fallback }

    public func vector(_ index: Int) throws -> [Double] { try convert(positionalArgument(index), "a vector", \.asVector) }
    public func vector(_ name: String) throws -> [Double]? { try convertNamed(name, "a vector", \.asVector) }

    public func matrix(_ index: Int) throws -> [[Double]] { try convert(positionalArgument(index), "a matrix", \.asMatrix) }
    public func matrix(_ name: String) throws -> [[Double]]? { try convertNamed(name, "a matrix", \.asMatrix) }

    public func booleans(_ index: Int) throws -> [Bool] { try convert(positionalArgument(index), "a boolean vector", \.asBooleans) }

    public func strings(_ index: Int) throws -> [String] { try convert(positionalArgument(index), "a list of strings", \.asStrings) }
    public func strings(_ name: String) throws -> [String]? { try convertNamed(name, "a list of strings", \.asStrings) }

    /// A list's items, a vector's numbers or a matrix's rows.
    public func items(_ index: Int) throws -> [Value] { try convert(positionalArgument(index), "a list", \.asItems) }
    public func items(_ name: String) throws -> [Value]? { try convertNamed(name, "a list", \.asItems) }

    public func lambda(_ index: Int) throws -> Lambda {
        try convert(positionalArgument(index), "a function 'x => …'") { if case .lambda(let f) = $0 { return f } else { return nil } }
    }

    /// An object of type `T`; `typeName` names it in the error ("a point").
    public func object<T>(_ index: Int, as type: T.Type, typeName: String) throws -> T {
        try convert(positionalArgument(index), Value.withArticle(typeName)) { $0.asObject as? T }
    }

    public func object<T>(_ name: String, as type: T.Type, typeName: String) throws -> T? {
        guard let argument = argument(named: name) else { return nil }
        return try convert(argument, Value.withArticle(typeName)) { $0.asObject as? T }
    }

    /// A named argument that must be present, read with one of the named
    /// accessors: `try args.required("at") { try args.object($0, as: Point.self, typeName: "point") }`.
    public func required<T>(_ name: String, _ access: (String) throws -> T?) throws -> T {
        guard let value = try access(name) else {
            throw Diagnostic(.missingArgument, "\(callee) needs the argument '\(name):'", at: range)
        }
        return value
    }

    /// A type error for the argument at `index`: "expected WHAT for argument 2 of f, got a string".
    public func typeError(_ index: Int, expected: String) -> Diagnostic {
        let argument = positional.indices.contains(index) ? positional[index] : nil
        return Diagnostic(.typeMismatch, "expected \(expected) for argument \(index + 1) of \(callee), got \(argument?.value.typeDescription ?? "nothing")",
                             at: argument?.range ?? range)
    }

    /// A located error about the argument at `index` (or the named one).
    public func error(_ index: Int, _ message: String, id: DiagnosticID = .invalidArgument) -> Diagnostic {
        Diagnostic(id, message, at: positional.indices.contains(index) ? positional[index].range : range)
    }

    public func error(_ name: String, _ message: String, id: DiagnosticID = .invalidArgument) -> Diagnostic {
        Diagnostic(id, message, at: argument(named: name)?.range ?? range)
    }

    // MARK: Helpers

    private func positionalArgument(_ index: Int) throws -> Argument {
        guard positional.indices.contains(index) else {
            throw Diagnostic(.argumentCount, "\(callee) expects at least \(index + 1) positional argument\(index == 0 ? "" : "s"), got \(positional.count)", at: range)
        }
        return positional[index]
    }

    private func describe(_ argument: Argument) -> String {
        if let name = argument.name { return "argument '\(name)' of \(callee)" }
        let index = positional.firstIndex { $0.range == argument.range } ?? 0
        return "argument \(index + 1) of \(callee)"
    }

    /// `expected` is built only for the message: every built-in call converts
    /// its arguments, and most succeed.
    private func convert<T>(_ argument: Argument, _ expected: @autoclosure () -> String, _ conversion: (Value) -> T?) throws -> T {
        if let converted = conversion(argument.value) { return converted }
        throw Diagnostic(.typeMismatch, "expected \(expected()) for \(describe(argument)), got \(argument.value.typeDescription)", at: argument.range)
    }

    private func convertNamed<T>(_ name: String, _ expected: @autoclosure () -> String, _ conversion: (Value) -> T?) throws -> T? {
        guard let argument = argument(named: name) else { return nil }
        return try convert(argument, expected(), conversion)
    }

    private func whole(_ argument: Argument) throws -> Int {
        let x = try convert(argument, "a whole number", \.asNumber)
        guard x == x.rounded(), abs(x) < 9e15 else {
            throw Diagnostic(.typeMismatch, "expected a whole number for \(describe(argument)), got \(NumberFormat.shortest(x))", at: argument.range)
        }
        return Int(x)
    }
}

/// Runs a geometry computation, turning its errors into language errors at the call.
package func geometry<T>(_ args: Arguments, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as GeometryError {
        throw Diagnostic(error.diagnosticID, error.description, at: args.range)
    }
}

package func seedArgument(_ args: Arguments) throws -> UInt64 {
    guard let seed = try args.integer("seed") else { throw Diagnostic(.missingArgument, "\(args.callee) needs the argument 'seed:' (a whole number)", at: args.range) }
    guard seed >= 0 else { throw args.error("seed", "a seed is a whole number ≥ 0, got \(seed)") }
    return UInt64(seed)
}
