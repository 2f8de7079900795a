/// Turns tabular values into `Table`s: vectors (an index and a value column),
/// matrices (a row index and one column per matrix column), records (one row,
/// a column per field), lists of records (a row per record, the union of the
/// fields as columns), tables and objects (their own `table(_:)`).
public enum Tabulation {
    /// The table for `value`, or a located-later error naming what was given.
    public static func table(_ value: Value, options: TableOptions) throws -> Table {
        var table = try unnamed(value, options: options)
        if let renamed = options.renamed {
            // `columns: {old: "new"}` chose the columns by their old names;
            // a vector's or matrix's index column keeps its name.
            table.columns = table.columns.dropLast(renamed.count) + renamed
        }
        return table
    }

    private static func unnamed(_ value: Value, options: TableOptions) throws -> Table {
        switch value {
        case .table(var table):
            let kept = options.keptRows(of: table.rows.count)
            table.rows = kept.map { table.rows[$0] }
            if let title = options.title { table.title = title }
            return try selectColumns(table, options.columns)
        case .vector(let v):
            return try indexed(v.map(Table.cell), options: options)
        case .booleans(let b):
            return try indexed(b.map { $0 ? "true" : "false" }, options: options)
        case .matrix(let m):
            let width = m.first?.count ?? 0
            var headers = (1...max(width, 1)).prefix(width).map(String.init)
            if let columns = options.columns {
                guard columns.count == width else {
                    throw Diagnostic(.invalidArgument, "columns: gives \(columns.count) names for a matrix of \(width) columns")
                }
                headers = columns
            }
            let rows = options.keptRows(of: m.count).map { i in ["\(i + 1)"] + m[i].map(Table.cell) }
            return Table(title: options.title, columns: ["row"] + headers, rows: rows, indexColumns: 1)
        case .record(let record):
            let table = Table(title: options.title, columns: record.names, rows: [record.fields.map { cell($0.value) }])
            return try selectColumns(table, options.columns)
        case .list(let items):
            var records: [Record] = []
            for item in items {
                guard case .record(let record) = item else {
                    return try indexed(items.map(cell), options: options)
                }
                records.append(record)
            }
            var names: [String] = []
            for record in records {
                for name in record.names where !names.contains(name) { names.append(name) }
            }
            let rows = options.keptRows(of: records.count).map { i in names.map { records[i][$0].map(cell) ?? "" } }
            return try selectColumns(Table(title: options.title, columns: names, rows: rows), options.columns)
        case .object(let object):
            if let table = try object.table(options) { return table }
            throw Diagnostic(.typeMismatch, "table cannot show \(value.typeDescription)")
        default:
            throw Diagnostic(.typeMismatch, "table needs a vector, matrix, record, list of records or a tabular object, got \(value.typeDescription)")
        }
    }

    /// A cell's text: numbers at full precision (`Table.cell`), a 1×1
    /// matrix as its number, strings as they are.
    public static func cell(_ value: Value) -> String {
        switch value {
        case .number(let x): return Table.cell(x)
        case .matrix(let m) where m.count == 1 && m[0].count == 1: return Table.cell(m[0][0])
        default: return value.text
        }
    }

    private static func indexed(_ cells: [String], options: TableOptions) throws -> Table {
        if let columns = options.columns, columns.count != 1 {
            throw Diagnostic(.invalidArgument, "columns: gives \(columns.count) names for a single column of values")
        }
        let rows = options.keptRows(of: cells.count).map { ["\($0 + 1)", cells[$0]] }
        return Table(title: options.title, columns: ["index", options.columns?.first ?? "value"], rows: rows, indexColumns: 1)
    }

    private static func selectColumns(_ table: Table, _ columns: [String]?) throws -> Table {
        guard let columns else { return table }
        var indices: [Int] = []
        for name in columns {
            guard let index = table.columns.firstIndex(of: name) else {
                throw Diagnostic(.unknownMember, "unknown column '\(name)'" + Suggestion.didYouMean(name, among: table.columns)
                                    + " (columns: \(table.columns.joined(separator: ", ")))")
            }
            indices.append(index)
        }
        var selected = table
        selected.columns = columns
        selected.rows = table.rows.map { row in indices.map { $0 < row.count ? row[$0] : "" } }
        selected.indexColumns = 0
        return selected
    }
}
