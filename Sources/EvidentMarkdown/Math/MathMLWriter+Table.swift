/// Tables: MathML Core has no `columnalign` or `columnspacing`, so a cell's
/// alignment and padding are CSS on its `<mtd>`. Chromium lays a cell's
/// content out as one block, which `text-align: right` does not move but
/// `-webkit-right` does (its own cells are `-webkit-center`); Firefox takes
/// either. So an alignment is written twice, the prefixed one last.
extension MathMLWriter {
    mutating func writeTable(_ table: TeXTable) {
        output += table.displayStyle ? "<mtable displaystyle=\"true\">" : "<mtable>"
        for row in table.rows {
            output += "<mtr>"
            for (column, cell) in row.enumerated() {
                let style = Self.cellStyle(table, column: column, of: row.count)
                output += style.isEmpty ? "<mtd>" : "<mtd style=\"\(HTML.escape(style))\">"
                writeContents(cell, display: table.displayStyle)
                output += "</mtd>"
            }
            output += "</mtr>"
        }
        output += "</mtable>"
    }

    static let left = "text-align:left;text-align:-webkit-left"
    static let right = "text-align:right;text-align:-webkit-right"

    /// The CSS of a cell in `column` of a row of `count` cells.
    static func cellStyle(_ table: TeXTable, column: Int, of count: Int) -> String {
        switch table.layout {
        case .centered:
            return ""
        case .stacked:
            return "padding:0"
        case .cases:
            return column == 0 ? left + ";padding-left:0;padding-right:0" : left + ";padding-left:1em;padding-right:0"
        case .aligned:
            if column % 2 == 1 { return left + ";padding-left:0;padding-right:0" }
            return column == 0 ? right + ";padding-left:0;padding-right:0" : right + ";padding-left:1em;padding-right:0"
        case .array:
            var parts: [String] = []
            switch column < table.columns.count ? table.columns[column] : .center {
            case .left: parts.append(left)
            case .right: parts.append(right)
            case .center: break
            }
            if table.rules.contains(column) { parts.append("border-left:0.06em solid") }
            if column == count - 1, table.rules.contains(max(table.columns.count, count)) {
                parts.append("border-right:0.06em solid")
            }
            return parts.joined(separator: ";")
        }
    }
}
