/// A runtime value of the block language.
///
/// Invariants: `.matrix` rows all have the same length; `.vector`, `.booleans`
/// and `.list` hold at most `Limits.maxElements` entries (checked where they
/// are built). Numbers produced by arithmetic and built-ins are finite: NaN and
/// infinities are reported as errors where they arise.
public enum Value {
    case number(Double)
    case bool(Bool)
    case string(String)
    case vector([Double])
    /// The elementwise result of comparing vectors, e.g. `c > 0.9`.
    case booleans([Bool])
    /// Rows of equal length; `m[i]` is row i as a vector, `m[i][j]` an entry.
    case matrix([[Double]])
    case list([Value])
    case record(Record)
    case lambda(Lambda)
    indirect case table(Table)
    indirect case plot(Plot)
    case object(any EvidentObject)

    /// The name of the value's type as messages show it ("vector", "point").
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .bool: return "boolean"
        case .string: return "string"
        case .vector: return "vector"
        case .booleans: return "boolean vector"
        case .matrix: return "matrix"
        case .list: return "list"
        case .record: return "record"
        case .lambda: return "function"
        case .table: return "table"
        case .plot: return "plot"
        case .object(let object): return object.typeName
        }
    }

    /// The type name with its indefinite article: "a number", "an object".
    public var typeDescription: String { Value.withArticle(typeName) }

    package static func withArticle(_ noun: String) -> String {
        guard let first = noun.lowercased().first else { return noun }
        return ("aeiou".contains(first) ? "an " : "a ") + noun
    }
}

extension Value: CustomStringConvertible {
    /// The same as `text`.
    public var description: String { text }
}

// MARK: - Conversions used by built-ins

extension Value {
    public var asNumber: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    public var asBool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var asString: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// A vector, or a list whose entries are all numbers (the empty list too).
    public var asVector: [Double]? {
        switch self {
        case .vector(let v): return v
        case .list(let items):
            var out: [Double] = []
            out.reserveCapacity(items.count)
            for item in items {
                guard case .number(let x) = item else { return nil }
                out.append(x)
            }
            return out
        case .booleans(let b) where b.isEmpty: return []
        default: return nil
        }
    }

    /// A matrix, or a non-empty list of vectors of equal length.
    public var asMatrix: [[Double]]? {
        switch self {
        case .matrix(let m): return m
        case .list(let items) where !items.isEmpty:
            var rows: [[Double]] = []
            for item in items {
                guard let row = item.asVector, row.count == (rows.first?.count ?? row.count) else { return nil }
                rows.append(row)
            }
            return rows
        default: return nil
        }
    }

    /// A boolean vector, a single boolean, or a list of booleans.
    public var asBooleans: [Bool]? {
        switch self {
        case .booleans(let b): return b
        case .bool(let b): return [b]
        case .vector(let v) where v.isEmpty: return []
        case .list(let items):
            var out: [Bool] = []
            for item in items {
                guard case .bool(let b) = item else { return nil }
                out.append(b)
            }
            return out
        default: return nil
        }
    }

    /// A list of strings (the empty list or vector too).
    public var asStrings: [String]? {
        switch self {
        case .list(let items):
            var out: [String] = []
            for item in items {
                guard case .string(let s) = item else { return nil }
                out.append(s)
            }
            return out
        case .vector(let v) where v.isEmpty: return []
        case .booleans(let b) where b.isEmpty: return []
        default: return nil
        }
    }

    /// The items of anything a built-in can iterate over: a list's values, a
    /// vector's numbers, a boolean vector's booleans or a matrix's rows.
    public var asItems: [Value]? {
        switch self {
        case .list(let items): return items
        case .vector(let v): return v.map(Value.number)
        case .booleans(let b): return b.map(Value.bool)
        case .matrix(let m): return m.map(Value.vector)
        default: return nil
        }
    }

    public var asObject: (any EvidentObject)? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// How many entries the value holds: entries of a vector, items of a list,
    /// rows of a matrix; nil for scalars and other values.
    public var count: Int? {
        switch self {
        case .vector(let v): return v.count
        case .booleans(let b): return b.count
        case .list(let items): return items.count
        case .matrix(let m): return m.count
        default: return nil
        }
    }

    /// A list literal's value: a vector when every item is a number, a boolean
    /// vector when every item is a boolean, a matrix when every item is a
    /// vector of one common, non-zero length, otherwise a list. `[]` is the
    /// empty list (accepted wherever a vector or a list of strings is expected).
    public static func collection(_ items: [Value]) -> Value {
        guard let first = items.first else { return .list([]) }
        switch first {
        case .number:
            if let v = Value.list(items).asVector { return .vector(v) }
        case .bool:
            if let b = Value.list(items).asBooleans { return .booleans(b) }
        case .vector(let row) where !row.isEmpty:
            var rows: [[Double]] = []
            rows.reserveCapacity(items.count)
            for item in items {
                guard case .vector(let r) = item, r.count == row.count else { return .list(items) }
                rows.append(r)
            }
            return .matrix(rows)
        default:
            break
        }
        return .list(items)
    }
}
