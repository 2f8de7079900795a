extension Value {
    /// How a value reads in prose, in claim details and in fixtures: numbers
    /// by `NumberFormat.shortest`, vectors as `[0.1, 0.2]` (long ones
    /// shortened to their first and last entries), records as
    /// `{dim: 3, defect: 0}`, objects by their first rendered value.
    public var text: String {
        switch self {
        case .number(let x): return NumberFormat.shortest(x)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return s
        case .vector(let v): return Value.bracketed(v.count) { NumberFormat.shortest(v[$0]) }
        case .booleans(let b): return Value.bracketed(b.count) { b[$0] ? "true" : "false" }
        case .matrix(let m): return Value.bracketed(m.count) { Value.vector(m[$0]).text }
        case .list(let items): return Value.bracketed(items.count) { items[$0].quotedText }
        case .record(let record): return "{" + record.fields.map { "\(Record.fieldText($0.name)): \($0.value.quotedText)" }.joined(separator: ", ") + "}"
        case .lambda(let f): return f.signatureText
        case .table(let t): return "<table\(t.title.map { " \($0)" } ?? "") with \(t.rows.count) rows>"
        case .plot(let p): return "<plot\(p.title.map { " \($0)" } ?? "")>"
        case .object(let object):
            if let outputs = try? object.render() {
                for case .value(let text) in outputs { return text }
            }
            return "<\(object.typeName)>"
        }
    }

    /// Like `text`, with strings in quotes (inside lists and records).
    package var quotedText: String {
        if case .string(let s) = self { return "\"\(s)\"" }
        return text
    }

    /// `[a, b, c]`; beyond 12 entries only the first 10 and the last are
    /// rendered, followed by the count.
    private static func bracketed(_ count: Int, _ item: (Int) -> String) -> String {
        let limit = 12
        if count <= limit { return "[" + (0..<count).map(item).joined(separator: ", ") + "]" }
        let head = (0..<(limit - 2)).map(item).joined(separator: ", ")
        return "[\(head), …, \(item(count - 1))] (\(count) entries)"
    }
}
