/// A number as an author typed it in a pin (`4.76`, `−0.5`, `4.4%`,
/// `1.2e-3`): its value, and half a unit of its last typed digit, the
/// tolerance a pin has unless it gives one.
///
/// `4.76` → 4.76 ± 0.005; `4.4%` → 0.044 ± 0.0005; `1.2e-3` → 0.0012 ±
/// 0.00005; `300` → 300 ± 0.5.
package struct PinnedNumber: Equatable, Sendable {
    package var value: Double
    package var halfUnit: Double
    package var isPercent: Bool
    /// Digits after the decimal point, as typed.
    package var decimals: Int

    package init?(_ text: String) {
        var body = Substring(text.replacingOccurrences(of: "\u{2212}", with: "-"))
        isPercent = body.hasSuffix("%")
        if isPercent { body = body.dropLast() }
        var mantissa = body
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let parsed = Int(body[body.index(after: e)...]) else { return nil }
            exponent = parsed
            mantissa = body[..<e]
        }
        var digits = mantissa
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard !digits.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              !(parts.first?.isEmpty ?? true) || (parts.count == 2 && !parts[1].isEmpty),
              let number = Double(mantissa) else { return nil }
        decimals = parts.count == 2 ? parts[1].count : 0
        let scale = isPercent ? 0.01 : 1
        value = number * Self.pow10(exponent) * scale
        halfUnit = 0.5 * Self.pow10(exponent - decimals) * scale
        guard value.isFinite else { return nil }
    }

    /// The tolerance `text` (after `±`) gives against this number: a
    /// percentage is relative to it (`4.76 ± 1%` allows 0.0476), a plain
    /// number is absolute (`4.76 ± 0.01`).
    package func tolerance(_ text: String) -> Double? {
        guard let given = PinnedNumber(text) else { return nil }
        return given.isPercent ? abs(value) * given.value : given.value
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
