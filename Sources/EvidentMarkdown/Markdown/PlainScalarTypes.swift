import Yams

/// The type YAML 1.1 gives a plain (unquoted, untagged) scalar: the rules of
/// Yams's default resolver (`Resolver.default`: bool, int, float, merge,
/// null, timestamp, value, else str, the first that matches), matched by
/// hand. The resolver's rules are regular expressions that ICU compiles, and
/// ICU's first compilation builds Unicode tables, a cost every `evident`
/// process that reads front matter would pay for the handful of scalars a
/// front matter holds (docs/performance.md). `PlainScalarTypesTests` checks these matchers against
/// Yams's resolver on every string over the rules' alphabet up to length 4
/// and on thousands of longer ones.
package enum PlainScalarTypes {
    package static func tag(of text: String) -> Tag.Name {
        let s = Array(text.utf8)
        if isBool(s) { return .bool }
        if isInt(s) { return .int }
        if isFloat(s) { return .float }
        if s == Array("<<".utf8) { return .merge }
        if isNull(s) { return .null }
        if isTimestamp(s) { return .timestamp }
        if s == [UInt8(ascii: "=")] { return .value }
        return .str
    }

    private static let bools: Set<[UInt8]> = Set(["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                                                  "on", "On", "ON", "off", "Off", "OFF"].map { Array($0.utf8) })
    private static let nulls: Set<[UInt8]> = Set(["~", "null", "Null", "NULL", ""].map { Array($0.utf8) })

    package static func isBool(_ s: [UInt8]) -> Bool { bools.contains(s) }
    package static func isNull(_ s: [UInt8]) -> Bool { nulls.contains(s) }

    // MARK: Character classes

    private static func digit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func digitOrUnderscore(_ c: UInt8) -> Bool { digit(c) || c == 0x5F }
    private static func octalOrUnderscore(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x37) || c == 0x5F }
    private static func binaryOrUnderscore(_ c: UInt8) -> Bool { c == 0x30 || c == 0x31 || c == 0x5F }
    private static func hexOrUnderscore(_ c: UInt8) -> Bool {
        digitOrUnderscore(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }
    private static func sign(_ c: UInt8) -> Bool { c == 0x2B || c == 0x2D }

    /// A cursor over the bytes of one candidate.
    private struct Cursor {
        let s: [UInt8]
        var i = 0
        var atEnd: Bool { i == s.count }
        var peek: UInt8? { i < s.count ? s[i] : nil }

        mutating func take(_ test: (UInt8) -> Bool) -> Bool {
            guard let c = peek, test(c) else { return false }
            i += 1
            return true
        }
        mutating func take(_ byte: UInt8) -> Bool { take { $0 == byte } }
        /// As many as match; returns how many.
        @discardableResult mutating func takeAll(_ test: (UInt8) -> Bool) -> Int {
            let start = i
            while take(test) {}
            return i - start
        }
        mutating func optionalSign() { _ = take(PlainScalarTypes.sign) }
        mutating func literal(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            guard i + bytes.count <= s.count, Array(s[i..<(i + bytes.count)]) == bytes else { return false }
            i += bytes.count
            return true
        }
    }

    // MARK: int

    /// `[-+]?0b[0-1_]+ | [-+]?0o?[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+`
    package static func isInt(_ s: [UInt8]) -> Bool {
        var start = Cursor(s: s)
        start.optionalSign()
        // 0b…, 0x…
        for (marker, test) in [(UInt8(ascii: "b"), binaryOrUnderscore as (UInt8) -> Bool), (UInt8(ascii: "x"), hexOrUnderscore)] {
            var c = start
            if c.take(0x30), c.take(marker), c.takeAll(test) > 0, c.atEnd { return true }
        }
        // 0o?[0-7_]+: with the o, or without it.
        var octal = start
        if octal.take(0x30) {
            var withO = octal
            if withO.take(UInt8(ascii: "o")), withO.takeAll(octalOrUnderscore) > 0, withO.atEnd { return true }
            if octal.takeAll(octalOrUnderscore) > 0, octal.atEnd { return true }
        }
        // 0 | [1-9][0-9_]*
        var decimal = start
        if decimal.take(0x30), decimal.atEnd { return true }
        decimal = start
        if decimal.take({ $0 >= 0x31 && $0 <= 0x39 }) {
            decimal.takeAll(digitOrUnderscore)
            if decimal.atEnd { return true }
            // …(?::[0-5]?[0-9])+ to the end
            if sexagesimalGroups(decimal, then: { $0.atEnd }) { return true }
        }
        return false
    }

    /// `(?::[0-5]?[0-9])+` from `c`, followed by what `rest` accepts; each
    /// group takes one digit or two (the first 0–5), whichever lets the rest
    /// match, as the regular expression would by backtracking.
    private static func sexagesimalGroups(_ c: Cursor, then rest: (Cursor) -> Bool) -> Bool {
        var c = c
        guard c.take(0x3A) else { return false }
        for width in [2, 1] {
            var g = c
            if width == 2 {
                guard g.take({ $0 >= 0x30 && $0 <= 0x35 }), g.take(digit) else { continue }
            } else {
                guard g.take(digit) else { continue }
            }
            if rest(g) || sexagesimalGroups(g, then: rest) { return true }
        }
        return false
    }

    // MARK: float

    /// `[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)? | \.[0-9_]+(?:[eE][-+][0-9]+)?
    /// | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)`
    package static func isFloat(_ s: [UInt8]) -> Bool {
        var signed = Cursor(s: s)
        signed.optionalSign()
        // [0-9][0-9_]* (\.[0-9_]*)? ([eE][-+]?[0-9]+)?
        var c = signed
        if c.take(digit) {
            c.takeAll(digitOrUnderscore)
            var mantissa = c
            if mantissa.take(0x2E) { mantissa.takeAll(digitOrUnderscore) }
            // The fraction is optional: try the exponent after it, and after the integer part alone.
            for var m in [mantissa, c] {
                if m.atEnd { return true }
                if m.take({ $0 == 0x65 || $0 == 0x45 }) {
                    m.optionalSign()
                    if m.takeAll(digit) > 0, m.atEnd { return true }
                }
            }
            // [0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
            if sexagesimalGroups(c, then: { rest in
                var r = rest
                guard r.take(0x2E) else { return false }
                r.takeAll(digitOrUnderscore)
                return r.atEnd
            }) { return true }
        }
        // \.[0-9_]+([eE][-+][0-9]+)?, unsigned
        var dot = Cursor(s: s)
        if dot.take(0x2E), dot.takeAll(digitOrUnderscore) > 0 {
            if dot.atEnd { return true }
            if dot.take({ $0 == 0x65 || $0 == 0x45 }), dot.take(sign), dot.takeAll(digit) > 0, dot.atEnd { return true }
        }
        // [-+]?\.(inf|Inf|INF)
        for word in [".inf", ".Inf", ".INF"] {
            var w = signed
            if w.literal(word), w.atEnd { return true }
        }
        // \.(nan|NaN|NAN), unsigned
        return [".nan", ".NaN", ".NAN"].contains { word in
            var w = Cursor(s: s)
            return w.literal(word) && w.atEnd
        }
    }

    // MARK: timestamp

    /// `[0-9]{4}-[0-9]{2}-[0-9]{2} | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?`
    package static func isTimestamp(_ s: [UInt8]) -> Bool {
        var date = Cursor(s: s)
        guard date.takeAll(digit) == 4, date.take(0x2D) else { return false }
        // 1 or 2 digits for the month and the day (exactly 2 in the date-only form).
        for monthWidth in [2, 1] {
            var m = date
            guard takeDigits(&m, monthWidth), m.take(0x2D) else { continue }
            for dayWidth in [2, 1] {
                var d = m
                guard takeDigits(&d, dayWidth) else { continue }
                if monthWidth == 2 && dayWidth == 2 && d.atEnd { return true }
                if timeOfDay(d) { return true }
            }
        }
        return false
    }

    /// Exactly `count` digits.
    private static func takeDigits(_ c: inout Cursor, _ count: Int) -> Bool {
        for _ in 0..<count { guard c.take(digit) else { return false } }
        return true
    }

    /// `(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?` to the end.
    private static func timeOfDay(_ c: Cursor) -> Bool {
        var c = c
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        if !c.take({ $0 == 0x54 || $0 == 0x74 }) {
            guard c.takeAll(blank) > 0 else { return false }
        }
        for hourWidth in [2, 1] {
            var h = c
            guard takeDigits(&h, hourWidth), h.take(0x3A), takeDigits(&h, 2), h.take(0x3A), takeDigits(&h, 2) else { continue }
            var f = h
            if f.take(0x2E) { f.takeAll(digit) }
            // The fraction is optional; the zone too, after optional blanks.
            for var rest in [f, h] {
                if rest.atEnd { return true }
                rest.takeAll(blank)
                var z = rest
                if z.take(UInt8(ascii: "Z")), z.atEnd { return true }
                if rest.take(sign) {
                    for zoneWidth in [2, 1] {
                        var zone = rest
                        guard takeDigits(&zone, zoneWidth) else { continue }
                        if zone.atEnd { return true }
                        if zone.take(0x3A), takeDigits(&zone, 2), zone.atEnd { return true }
                    }
                }
            }
        }
        return false
    }
}
