import EvidentLanguage
import Foundation

extension Table {
    /// Whether a cell reads as a number (and is therefore right-aligned):
    /// anything `Double` parses, a trailing `%`, a Unicode minus, and the
    /// spellings of the non-finite values.
    public static func isNumeric(_ cell: String) -> Bool {
        var text = cell.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return false }
        if text.hasSuffix("%") { text.removeLast() }
        text = text.replacingOccurrences(of: "\u{2212}", with: "-")
        if Double(text) != nil { return true }
        return ["nan", "-nan", "inf", "-inf", "+inf", "∞", "-∞"].contains(text.lowercased())
    }

    /// Whether column `index` holds numbers: every non-empty cell is numeric
    /// and at least one cell is non-empty.
    package func isNumericColumn(_ index: Int) -> Bool {
        var seen = false
        for row in rows where index < row.count {
            let cell = row[index]
            if cell.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if !Table.isNumeric(cell) { return false }
            seen = true
        }
        return seen
    }

    /// The number of columns: the header's or the widest row's.
    package var columnCount: Int { rows.reduce(columns.count) { max($0, $1.count) } }
}
