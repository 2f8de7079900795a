import EvidentLanguage
import Foundation

/// A number of a numeric column as its column prints it, in parts that each
/// renderer spells its own way (a terminal `-` and `e-08`, a page `−` and
/// `×10⁻⁸`).
package enum NumberCell: Equatable {
    /// Digits, e.g. `0.359432`, followed by room for `missingDecimals`
    /// decimals (and the point, when `missingPoint`) so that the column's
    /// points align.
    case fixed(negative: Bool, digits: String, missingDecimals: Int = 0, missingPoint: Bool = false)
    /// A mantissa with the column's number of decimals and a power of ten.
    case scientific(negative: Bool, mantissa: String, exponent: Int)
    /// Printed as it is: a printf format's output, a non-finite value, `12%`.
    case literal(String)
    case empty
}

extension Table {
    /// The cells of column `index` formatted together, or nil when the column
    /// holds text.
    ///
    /// With `.significant(D)` every number is rounded to D significant
    /// digits and printed in one of three ways, the first that fits:
    /// - one number of decimals for the whole column, the most any of its
    ///   numbers needs once trailing zeros are dropped, when the largest
    ///   number then shows no more than D digits and the form is no wider
    ///   than an exponent form (0.500000, 0.470000, 0.359432 — R's `format`);
    /// - each number with D significant digits, aligned on the point, when
    ///   the column spans decades between 10⁻⁴ and 10¹⁵ (9.09288 above
    ///   0.000712663);
    /// - an exponent form with one mantissa length (1.2e-09 beside 0.6).
    package func numberCells(_ index: Int) -> [NumberCell]? {
        guard isNumericColumn(index) else { return nil }
        let texts = rows.map { index < $0.count ? $0[index].trimmingCharacters(in: .whitespaces) : "" }
        if case .printf(let spec) = numbers {
            guard index >= indexColumns, let format = try? NumberFormat(spec) else {
                return texts.map { $0.isEmpty ? .empty : .literal($0) }
            }
            return texts.map { text in
                guard let x = Self.number(text), x.isFinite else { return text.isEmpty ? .empty : .literal(text) }
                return .literal((try? format.format(x)) ?? text)
            }
        }
        let digits: Int
        if case .significant(let d) = numbers { digits = max(1, min(17, d)) } else { digits = 6 }
        return Self.significantColumn(texts, digits: digits)
    }

    /// A cell's number: what `Double` reads, after a Unicode minus.
    private static func number(_ text: String) -> Double? {
        Double(text.replacingOccurrences(of: "\u{2212}", with: "-"))
    }

    private struct Shape {
        var negative: Bool
        /// The significant digits, trailing zeros dropped (at least one).
        var significant: Int
        /// The decimal exponent after rounding.
        var exponent: Int
    }

    private static func shape(_ x: Double, digits: Int) -> Shape {
        guard x != 0 else { return Shape(negative: false, significant: 1, exponent: 0) }
        let text = NumberFormat.printf("%.\(digits - 1)e", abs(x))
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else {
            return Shape(negative: x < 0, significant: digits, exponent: 0)
        }
        var mantissa = text[..<e].filter { $0 != "." }
        while mantissa.count > 1, mantissa.last == "0" { mantissa.removeLast() }
        return Shape(negative: x < 0, significant: mantissa.count, exponent: exponent)
    }

    private static func significantColumn(_ texts: [String], digits: Int) -> [NumberCell] {
        let values = texts.map { text -> Double? in
            guard let x = number(text), x.isFinite else { return nil }
            return x
        }
        let shapes = values.compactMap { $0.map { shape($0, digits: digits) } }
        guard !shapes.isEmpty else { return texts.map { $0.isEmpty ? .empty : .literal($0) } }
        let nonzero = zip(values.compactMap { $0 }, shapes).filter { $0.0 != 0 }.map(\.1)
        let maxExponent = nonzero.map(\.exponent).max() ?? 0
        let minExponent = nonzero.map(\.exponent).min() ?? 0
        let negative = shapes.contains { $0.negative } ? 1 : 0
        let decimals = min(40, shapes.map { max(0, $0.significant - 1 - $0.exponent) }.max() ?? 0)
        let integerDigits = max(1, maxExponent + 1)
        let fixedWidth = negative + integerDigits + (decimals > 0 ? decimals + 1 : 0)
        let mantissaDecimals = (shapes.map(\.significant).max() ?? 1) - 1
        let exponentDigits = shapes.contains { abs($0.exponent) >= 100 } ? 3 : 2
        let scientificWidth = negative + (mantissaDecimals > 0 ? mantissaDecimals + 2 : 1) + 2 + exponentDigits
        let common = maxExponent + 1 + decimals <= max(digits, integerDigits) && fixedWidth <= scientificWidth
        let spread = !common && minExponent >= -4 && maxExponent < 15

        func decimalsOf(_ x: Double) -> Int {
            if common { return decimals }
            if x == x.rounded(), abs(x) < 1e15 { return 0 }
            return max(0, digits - 1 - shape(x, digits: digits).exponent)
        }
        if common || spread {
            let places = values.map { $0.map(decimalsOf) }
            let most = places.compactMap { $0 }.max() ?? 0
            return zip(texts, zip(values, places)).map { text, pair in
                guard let x = pair.0, let places = pair.1 else { return text.isEmpty ? .empty : .literal(text) }
                let shown = NumberFormat.printf("%.\(places)f", abs(x))
                return .fixed(negative: x < 0 && shown.contains { $0 != "0" && $0 != "." }, digits: shown,
                              missingDecimals: most - places, missingPoint: places == 0 && most > 0)
            }
        }
        return zip(texts, values).map { text, value in
            guard let x = value else { return text.isEmpty ? .empty : .literal(text) }
            let text = NumberFormat.printf("%.\(mantissaDecimals)e", abs(x))
            let e = text.firstIndex(of: "e")!
            return .scientific(negative: x < 0, mantissa: String(text[..<e]), exponent: Int(text[text.index(after: e)...]) ?? 0)
        }
    }
}

extension NumberCell {
    /// The cell for a terminal: `-0.5`, `1.20e-08` (two exponent digits at
    /// least, so a column's cells have one width).
    package var plainText: String {
        switch self {
        case .fixed(let negative, let digits, let missing, let point):
            return (negative ? "-" : "") + digits + String(repeating: " ", count: missing + (point ? 1 : 0))
        case .scientific(let negative, let mantissa, let exponent):
            let magnitude = String(abs(exponent))
            return (negative ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String(repeating: "0", count: max(0, 2 - magnitude.count)) + magnitude
        case .literal(let text): return text
        case .empty: return ""
        }
    }
}
