import EvidentLanguage

/// Turns evaluation outputs into plain text for terminals (`evident run`).
public enum TextRenderer {
    public static func render(_ output: Output) -> String {
        switch output {
        case .value(let text): return text
        case .table(let table): return self.table(table)
        case .plot(let plot): return ASCIIPlot().render(plot)
        case .claim(let claim): return self.claim(claim)
        }
    }

    /// `✓ LABEL — DETAIL` or `✗ …`; the source stands in for a missing label.
    public static func claim(_ claim: ClaimResult) -> String {
        let mark = claim.passed ? "✓ passed" : "✗ FAILED"
        let label = claim.label.flatMap { $0.isEmpty ? nil : $0 } ?? claim.source
        return claim.detail.isEmpty ? "\(mark): \(label)" : "\(mark): \(label) — \(claim.detail)"
    }

    /// Aligned columns: numbers in their column's style (`Table.numberCells`)
    /// right-aligned, text left-aligned, a rule under the header, the title
    /// above.
    public static func table(_ table: Table) -> String {
        let count = table.columnCount
        let formatted = (0..<count).map { table.numberCells($0)?.map(\.plainText) }
        let numeric = formatted.map { $0 != nil }
        let header = (0..<count).map { $0 < table.columns.count ? table.columns[$0] : "" }
        let body = table.rows.enumerated().map { r, row in
            (0..<count).map { c in formatted[c].map { r < $0.count ? $0[r] : "" } ?? (c < row.count ? row[c] : "") }
        }
        var widths = Array(repeating: 0, count: count)
        for row in [header] + body {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.unicodeScalars.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let gap = String(repeating: " ", count: widths[index] - cell.unicodeScalars.count)
                parts.append(numeric[index] ? gap + cell : cell + gap)
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines: [String] = []
        if let title = table.title, !title.isEmpty { lines.append(title) }
        if !table.columns.isEmpty {
            lines.append(line(header))
            lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        }
        lines += body.map(line)
        return lines.joined(separator: "\n")
    }
}
