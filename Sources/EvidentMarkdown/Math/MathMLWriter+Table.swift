/// Tables: MathML Core has no `columnalign` or `columnspacing`, so a cell's
/// alignment and padding are CSS on its `<mtd>`, which Chromium and Firefox
/// both honour.
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

    /// The CSS of a cell in `column` of a row of `count` cells.
    static func cellStyle(_ table: TeXTable, column: Int, of count: Int) -> String {
        switch table.layout {
        case .centered:
            return ""
        case .stacked:
            return "padding:0"
        case .cases:
            return column == 0 ? "text-align:left;padding-left:0;padding-right:0" : "text-align:left;padding-left:1em;padding-right:0"
        case .aligned:
            if column % 2 == 1 { return "text-align:left;padding-left:0;padding-right:0" }
            return column == 0 ? "text-align:right;padding-left:0;padding-right:0" : "text-align:right;padding-left:1em;padding-right:0"
        case .array:
            var parts: [String] = []
            switch column < table.columns.count ? table.columns[column] : .center {
            case .left: parts.append("text-align:left")
            case .right: parts.append("text-align:right")
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
