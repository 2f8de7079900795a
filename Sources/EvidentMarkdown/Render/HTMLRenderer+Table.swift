import EvidentLanguage

extension HTMLRenderer {
    /// A table in the style of a paper's: the caption above (with "Table N."
    /// when labelled), numeric columns right-aligned with their numbers in
    /// one style (`Table.numberCells`), so that they align on the decimal
    /// point in tabular figures, with real minus signs and powers of ten as
    /// `×10` with a raised exponent.
    public static func table(_ table: Table, label: OutputLabel? = nil) -> String {
        let count = table.columnCount
        let formatted = (0..<count).map { table.numberCells($0) }
        func cellClass(_ index: Int) -> String { formatted[index] == nil ? "" : #" class="num""# }
        var html = "<table"
        if let label { html += #" id="\#(HTML.escape(label.id))""# }
        html += #" class="evident-table">"#
        let caption = label?.caption ?? table.title
        if label != nil || !(caption ?? "").isEmpty {
            html += "<caption>"
            if let label { html += #"<span class="table-number">Table \#(label.number).</span>"# }
            if let caption, !caption.isEmpty { html += (label == nil ? "" : " ") + HTML.escape(caption) }
            html += "</caption>"
        }
        if !table.columns.isEmpty {
            html += "<thead><tr>"
            for index in 0..<count {
                let name = index < table.columns.count ? table.columns[index] : ""
                html += "<th\(cellClass(index))>\(HTML.escape(name))</th>"
            }
            html += "</tr></thead>"
        }
        let columns = formatted.map { $0.map(NumericColumnHTML.init) }
        html += "<tbody>"
        for (r, row) in table.rows.enumerated() {
            html += "<tr>"
            for index in 0..<count {
                if let column = columns[index] {
                    html += #"<td class="num">\#(column.cell(r))</td>"#
                } else {
                    let cell = index < row.count ? row[index] : ""
                    html += "<td>\(HTML.escape(cell))</td>"
                }
            }
            html += "</tr>"
        }
        html += "</tbody></table>"
        return html
    }
}

/// One numeric column's cells as HTML, padded so that right alignment puts
/// every decimal point (and every `×10`) at the same place.
private struct NumericColumnHTML {
    var cells: [NumberCell]
    /// Decimals of the fixed cells, to pad a non-finite cell beside them.
    var decimals = 0
    /// The widest exponent, in characters.
    var exponentWidth = 0

    init(_ cells: [NumberCell]) {
        self.cells = cells
        for cell in cells {
            switch cell {
            case .fixed(_, let digits, _, _):
                if let point = digits.firstIndex(of: ".") { decimals = max(decimals, digits.distance(from: point, to: digits.endIndex) - 1) }
            case .scientific(_, _, let exponent):
                exponentWidth = max(exponentWidth, Self.exponent(exponent).count)
            default: break
            }
        }
    }

    static func exponent(_ e: Int) -> String { (e < 0 ? "\u{2212}" : "") + String(abs(e)) }

    func cell(_ row: Int) -> String {
        guard row < cells.count else { return "" }
        let minus = "\u{2212}"
        switch cells[row] {
        case .fixed(let negative, let digits, let missing, let point):
            // Figure spaces are as wide as a digit, a punctuation space as the point.
            return (negative ? minus : "") + HTML.escape(digits) + (point ? "\u{2008}" : "") + String(repeating: "\u{2007}", count: missing)
        case .scientific(let negative, let mantissa, let e):
            let exponent = Self.exponent(e)
            let pad = String(repeating: "\u{2007}", count: max(0, exponentWidth - exponent.count))
            return (negative ? minus : "") + HTML.escape(mantissa) + "×10<sup>" + HTML.escape(exponent + pad) + "</sup>"
        case .literal(let text):
            let shown = HTML.escape(text.replacingOccurrences(of: "-", with: minus))
            guard decimals > 0, Double(text) == nil else { return shown }
            // NaN or ∞ beside fixed numbers: room for the point and decimals.
            return shown + "\u{2008}" + String(repeating: "\u{2007}", count: decimals)
        case .empty:
            return ""
        }
    }
}
