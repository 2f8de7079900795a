/// A finite random variable: a name and a number of states (at least 2).
public struct Variable: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let cardinality: Int

    /// The largest cardinality a single variable may have.
    public static let maximumCardinality = 1 << 16

    public init(name: String, cardinality: Int = 2) throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw GeometryError.invalidArgument("a variable name must be letters, digits or '_', got '\(name)'")
        }
        guard cardinality >= 2 else {
            throw GeometryError.invalidArgument("variable '\(name)' must have at least 2 states, got \(cardinality)")
        }
        guard cardinality <= Variable.maximumCardinality else {
            throw GeometryError.limitExceeded("variable '\(name)' has \(cardinality) states; at most \(Variable.maximumCardinality) are allowed")
        }
        self.name = name
        self.cardinality = cardinality
    }

    /// Reads `"x"` (two states) or `"x:k"` (k states).
    public init(parsing spec: String) throws {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            try self.init(name: spec.trimmingWhitespace())
        case 2:
            let text = parts[1].trimmingWhitespace()
            guard let k = Int(text) else {
                throw GeometryError.invalidArgument("the number of states in '\(spec)' must be a whole number, got '\(text)'")
            }
            try self.init(name: parts[0].trimmingWhitespace(), cardinality: k)
        default:
            throw GeometryError.invalidArgument("a variable is written \"name\" or \"name:k\", got '\(spec)'")
        }
    }

    public var description: String { cardinality == 2 ? name : "\(name):\(cardinality)" }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
