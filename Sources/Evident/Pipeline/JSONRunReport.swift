import EvidentLanguage
import EvidentMarkdown

/// `evident run FILE --format json`: one JSON object on standard output,
/// described by docs/run-output.schema.json,
///
///     {"file":…,
///      "bindings":{NAME:{"type","line","value"},…},
///      "skipped":[{"name","type","line"}],
///      "outputs":[{"kind":"value"|"table"|"plot"|"claim","line",…}],
///      "errors":[{"line","column","id","message"}],"passed":N,"failed":M}
///
/// with keys in exactly that order. `bindings` holds every top-level name
/// whose value is plain data — numbers, booleans, strings, vectors,
/// boolean vectors, matrices, and lists and records of them — params first,
/// then the `let`s in the order they bound (`line` is null for a param);
/// `skipped` names the others (functions, tables, plots, models, points and
/// the other objects) with their type. A value's JSON form is the natural
/// one: a number, `true`/`false`, a string, an array (of numbers, of
/// booleans, of rows, of items), an object (a record's fields in order).
/// A number that is not finite, which JSON cannot hold, is written as the
/// string `"NaN"`, `"Infinity"` or `"-Infinity"`, wherever a number
/// stands. `outputs` are the rendered outputs in document order, as
/// `evident run` prints them; hidden blocks render none, but their claims
/// count in `passed` and `failed`.
public enum JSONRunReport {
    /// The document's JSON object.
    package static func json(file: String, evaluation: Evaluation, bindings: [TopLevelBinding], errors: [Diagnostic]) -> JSONValue {
        var exported: [(String, JSONValue)] = []
        var skipped: [JSONValue] = []
        for binding in bindings {
            let line = binding.range.map { JSONValue.integer($0.start.line) } ?? .null
            if let value = value(binding.value) {
                exported.append((binding.name, .object([("type", .string(binding.value.typeName)), ("line", line), ("value", value)])))
            } else {
                skipped.append(.object([("name", .string(binding.name)), ("type", .string(binding.value.typeName)), ("line", line)]))
            }
        }
        let claims = evaluation.claims
        let failed = claims.filter { !$0.passed }.count
        return .object([
            ("file", .string(file)),
            ("bindings", .object(exported)),
            ("skipped", .array(skipped)),
            ("outputs", .array(outputs(of: evaluation))),
            ("errors", .array(errors.map(JSONValue.error))),
            ("passed", .integer(claims.count - failed)),
            ("failed", .integer(failed)),
        ])
    }

    /// A finite number as a JSON number; NaN and the infinities, which
    /// JSON has not, as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    public static func number(_ x: Double) -> JSONValue {
        if x.isFinite { return .number(x) }
        if x.isNaN { return .string("NaN") }
        return .string(x < 0 ? "-Infinity" : "Infinity")
    }

    /// The JSON form of a plain-data value; nil for any other value (and
    /// for a list or record holding one).
    public static func value(_ value: Value) -> JSONValue? {
        switch value {
        case .number(let x): return number(x)
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .vector(let v): return .array(v.map(number))
        case .booleans(let b): return .array(b.map(JSONValue.bool))
        case .matrix(let m): return .array(m.map { .array($0.map(number)) })
        case .list(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items {
                guard let json = self.value(item) else { return nil }
                out.append(json)
            }
            return .array(out)
        case .record(let record):
            var fields: [(String, JSONValue)] = []
            for (name, field) in record.fields {
                guard let json = self.value(field) else { return nil }
                fields.append((name, json))
            }
            return .object(fields)
        case .lambda, .table, .plot, .object:
            return nil
        }
    }

    /// Every rendered output in document order, each with the line it comes
    /// from: a claim's own line, a span's line, else the line of its block's
    /// opening fence.
    static func outputs(of evaluation: Evaluation) -> [JSONValue] {
        var outputs: [JSONValue] = []
        for (isBlock, index) in evaluation.order {
            if isBlock {
                let entry = evaluation.blocks[index]
                guard !entry.block.hide else { continue }
                outputs += entry.outputs.map { output($0, line: entry.block.fenceLine, source: nil) }
            } else {
                let entry = evaluation.spans[index]
                outputs.append(output(entry.output, line: entry.span.origin.line, source: entry.span.code.expression))
            }
        }
        return outputs
    }

    /// One output; `source` is a span's expression, shown with its value.
    static func output(_ output: Output, line: Int, source: String?) -> JSONValue {
        switch output {
        case .value(let text):
            var members: [(String, JSONValue)] = [("kind", .string("value")), ("line", .integer(line))]
            if let source { members.append(("source", .string(source))) }
            members.append(("text", .string(text)))
            return .object(members)
        case .table(let table):
            return .object([("kind", .string("table")), ("line", .integer(line))] + self.table(table))
        case .plot(let plot):
            return .object([("kind", .string("plot")), ("line", .integer(line))] + self.plot(plot))
        case .claim(let claim):
            return .object([("kind", .string("claim"))] + JSONValue.claimMembers(claim, number: number))
        }
    }

    /// `title`, `columns` and `rows`: in a column of numbers a cell is a
    /// number at full precision (a non-finite one spelled as `number`
    /// spells it) and an empty cell null; any other cell is its text.
    static func table(_ table: Table) -> [(String, JSONValue)] {
        let numeric = (0..<table.columnCount).map(table.isNumericColumn)
        let rows: [JSONValue] = table.rows.map { row in
            .array(row.enumerated().map { index, cell in
                guard index < numeric.count, numeric[index] else { return .string(cell) }
                return self.cell(cell)
            })
        }
        return [
            ("title", table.title.map(JSONValue.string) ?? .null),
            ("columns", .array(table.columns.map(JSONValue.string))),
            ("rows", .array(rows)),
        ]
    }

    /// A cell of a numeric column.
    private static func cell(_ cell: String) -> JSONValue {
        let text = cell.trimmingWhitespace
        if text.isEmpty { return .null }
        if let x = Double(text.replacingOccurrences(of: "\u{2212}", with: "-")) { return number(x) }
        switch text.lowercased() {
        case "nan", "-nan": return number(.nan)
        case "inf", "+inf", "∞": return number(.infinity)
        case "-inf", "-∞": return number(-.infinity)
        default: return .string(cell)
        }
    }

    /// The plot's options, then `series` (each `{"label","x","y"}`) for
    /// lines, or `bars` (`{"edges","values"}`) for a histogram.
    static func plot(_ plot: Plot) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("title", plot.title.map(JSONValue.string) ?? .null),
            ("xlabel", plot.xLabel.map(JSONValue.string) ?? .null),
            ("ylabel", plot.yLabel.map(JSONValue.string) ?? .null),
            ("logx", .bool(plot.logX)),
            ("logy", .bool(plot.logY)),
            ("scatter", .bool(plot.scatter)),
            ("caption", plot.caption.map(JSONValue.string) ?? .null),
        ]
        switch plot.kind {
        case .lines(let series):
            members.append(("series", .array(series.map { series in
                .object([("label", .string(series.label)), ("x", .array(series.x.map(number))), ("y", .array(series.y.map(number)))])
            })))
        case .bars(let edges, let values):
            members.append(("bars", .object([("edges", .array(edges.map(number))), ("values", .array(values.map(number)))])))
        }
        return members
    }
}
