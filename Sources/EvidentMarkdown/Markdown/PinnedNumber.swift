/// A number as an author typed it in a pin (`4.76`, `−0.5`, `4.4%`,
/// `1.2e-3`, `3.1 × 10⁻¹⁷`, `12,345.6`): its value, and half a unit of its
/// last typed digit, the tolerance a pin has unless it gives one.
///
/// `4.76` → 4.76 ± 0.005; `4.4%` → 0.044 ± 0.0005; `1.2e-3` → 0.0012 ±
/// 0.00005; `3.1 × 10⁻¹⁷` → 3.1e-17 ± 5e-19; `300` → 300 ± 0.5.
package struct PinnedNumber: Equatable, Sendable {
    package var value: Double
    package var halfUnit: Double
    package var isPercent: Bool
    /// Digits after the decimal point, as typed.
    package var decimals: Int
    /// The power of ten written after the digits, and how it was written
    /// (`e-3`, ` × 10⁻¹⁷`; empty for none).
    package var exponent: Int
    package var exponentText: String
    /// Whether the integer digits are grouped by thousands with commas.
    package var grouped: Bool
    /// How many digits stand before the decimal point (`3.1e-17`: 1).
    package var integerDigits: Int

    private static let superscripts: [Character: Character] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+",
    ]

    package init?(_ text: String) {
        var body = Substring(text.replacingOccurrences(of: "\u{2212}", with: "-"))
        isPercent = body.hasSuffix("%")
        if isPercent { body = body.dropLast() }
        var mantissa = body
        exponent = 0
        exponentText = ""
        if let times = body.firstIndex(of: "×") {
            // `3.1 × 10⁻¹⁷`: a power of ten in superscript digits.
            let power = body[body.index(after: times)...].drop(while: { $0 == " " })
            guard power.hasPrefix("10"), power.count > 2 else { return nil }
            let digits = String(power.dropFirst(2).map { Self.superscripts[$0] ?? "x" })
            guard let parsed = Int(digits) else { return nil }
            exponent = parsed
            mantissa = body[..<times]
            while mantissa.last == " " { mantissa = mantissa.dropLast() }
            exponentText = String(text[text.index(text.startIndex, offsetBy: mantissa.count)...]).replacingOccurrences(of: "%", with: "")
        } else if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let parsed = Int(body[body.index(after: e)...]) else { return nil }
            exponent = parsed
            mantissa = body[..<e]
            exponentText = String(body[e...])
        }
        var digits = mantissa
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard !digits.isEmpty, parts.count <= 2 else { return nil }
        // Thousands: `12,345.6`, every group after the first of three digits.
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        grouped = groups.count > 1
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) || (parts[0].isEmpty && parts.count == 2),
              !grouped || (groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }),
              parts.count == 1 || parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)),
              let number = Double(mantissa.replacingOccurrences(of: ",", with: "")) else { return nil }
        decimals = parts.count == 2 ? parts[1].count : 0
        integerDigits = parts[0].filter { $0 != "," }.count
        let scale = isPercent ? 0.01 : 1
        value = number * Self.pow10(exponent) * scale
        halfUnit = 0.5 * Self.pow10(exponent - decimals) * scale
        guard value.isFinite, halfUnit > 0 else { return nil }
    }

    /// The power of ten `exponent` written the way this number writes its
    /// own: `e-16` (or `E`, with a `+` when one was typed), or `× 10⁻¹⁶`
    /// with the spacing typed; empty when this number has no exponent.
    package func writingExponent(_ exponent: Int) -> String {
        guard !exponentText.isEmpty else { return "" }
        if let ten = exponentText.range(of: "10"), exponentText.contains("×") {
            let digits = String(exponent).map { digit in Self.superscripts.first { $0.value == digit }?.key ?? digit }
            return String(exponentText[..<ten.upperBound]) + String(digits)
        }
        let plus = exponentText.dropFirst().hasPrefix("+") && exponent >= 0 ? "+" : ""
        return String(exponentText.prefix(1)) + plus + String(exponent)
    }

    /// The tolerance `text` (after `±`) gives against this number: a
    /// percentage is relative to it (`4.76 ± 1%` allows 0.0476), a plain
    /// number is absolute (`4.76 ± 0.01`).
    package func tolerance(_ text: String) -> Double? {
        guard let given = PinnedNumber(text) else { return nil }
        return given.isPercent ? abs(value) * given.value : given.value
    }

    package static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<min(abs(exponent), 400) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
