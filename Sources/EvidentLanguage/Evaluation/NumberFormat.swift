import CFormat
import Foundation

/// A validated printf-style number format for `{= EXPR | FMT}`.
///
/// Accepted: literal text, `%%`, and exactly one conversion
/// `%[flags][width][.precision]conv` with flags from `-+ 0#`, width and
/// precision of at most two digits, and `conv` one of `e E f F g G d i`. Only
/// the validated conversion reaches the C library's formatting, always with
/// one argument of the type it expects (a Double, or a long for `d`/`i`).
public struct NumberFormat: Hashable, Sendable {
    public let spec: String
    private let prefix: String
    private let conversion: String
    private let suffix: String
    private let integral: Bool
    /// The C format: the prefix, the conversion and the suffix.
    private let printfFormat: String

    public init(_ spec: String) throws {
        self.spec = spec
        let s = Array(spec.unicodeScalars)
        var i = 0
        var prefix = "", suffix = ""
        var conversion: String?
        var integral = false
        func invalid(_ why: String) -> Diagnostic { Diagnostic(.invalidArgument, "invalid format '\(spec)': \(why)") }
        while i < s.count {
            guard s[i] == "%" else {
                if conversion == nil { prefix.unicodeScalars.append(s[i]) } else { suffix.unicodeScalars.append(s[i]) }
                i += 1
                continue
            }
            if i + 1 < s.count, s[i + 1] == "%" {
                if conversion == nil { prefix += "%%" } else { suffix += "%%" }
                i += 2
                continue
            }
            guard conversion == nil else { throw invalid("only one conversion is allowed") }
            var c = "%"
            i += 1
            while i < s.count, "-+ 0#".unicodeScalars.contains(s[i]) { c.unicodeScalars.append(s[i]); i += 1 }
            var digits = 0
            while i < s.count, Lexer.isDigit(s[i]) { c.unicodeScalars.append(s[i]); i += 1; digits += 1 }
            guard digits <= 2 else { throw invalid("the width has more than two digits") }
            if i < s.count, s[i] == "." {
                c += "."
                i += 1
                digits = 0
                while i < s.count, Lexer.isDigit(s[i]) { c.unicodeScalars.append(s[i]); i += 1; digits += 1 }
                guard digits <= 2 else { throw invalid("the precision has more than two digits") }
            }
            guard i < s.count, "eEfFgGdi".unicodeScalars.contains(s[i]) else {
                throw invalid("expected a conversion %e, %f, %g or %d")
            }
            if s[i] == "d" || s[i] == "i" {
                integral = true
                c += "ld"
            } else {
                c.unicodeScalars.append(s[i])
            }
            i += 1
            conversion = c
        }
        guard let conversion else { throw invalid("expected a conversion such as %.3f, %.2e, %g or %d") }
        self.prefix = prefix
        self.conversion = conversion
        self.suffix = suffix
        self.integral = integral
        printfFormat = prefix + conversion + suffix
    }

    /// Whether the conversion is `%d` or `%i`, which takes whole numbers only.
    public var wholeNumbersOnly: Bool { integral }

    /// The number formatted; `%d` needs a whole number.
    public func format(_ x: Double) throws -> String {
        let body: String
        if integral {
            guard x == x.rounded(), abs(x) < 9e15 else {
                throw Diagnostic(.invalidArgument, "format '\(spec)' needs a whole number, got \(NumberFormat.shortest(x))")
            }
            body = Self.printf(printfFormat) { evident_format_long($0, $1, $2, Int(x)) }
        } else {
            body = Self.printf(printfFormat, x)
        }
        return body
    }

    /// `String(format: format, x)` for a format with one floating-point
    /// conversion, by the C library's `snprintf` directly (what Foundation
    /// calls for these conversions, without its own format parser: a page
    /// with thousands of formatted values spent most of their time there).
    package static func printf(_ format: String, _ x: Double) -> String {
        printf(format) { evident_format_double($0, $1, $2, x) }
    }

    /// What `write(buffer, capacity, format)` writes, a C `snprintf` with
    /// the format's one argument; with room for what it needs when 512
    /// bytes are not enough.
    private static func printf(_ format: String, _ write: (UnsafeMutablePointer<CChar>, Int, UnsafePointer<CChar>) -> Int32) -> String {
        format.withCString { format in
            var capacity = 512
            while true {
                let text: String? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
                    let count = Int(write(buffer.baseAddress!, capacity, format))
                    guard count >= 0 else { return "" }
                    if count >= capacity {
                        capacity = count + 1
                        return nil
                    }
                    return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: count), as: UTF8.self)
                }
                if let text { return text }
            }
        }
    }

    /// The default rendering of a number: whole numbers below 1e15 without a
    /// fraction, others with up to 7 significant digits (`%.7g`, trailing zeros
    /// dropped, exponent without padding: `1e-12`, `3.1e-17`, `1.5e8`). So
    /// 0.1 + 0.2 shows as `0.3`.
    public static func shortest(_ x: Double) -> String {
        significant(x, digits: 7)
    }

    /// `a` and `b` with as many significant digits as it takes (7 to 17)
    /// for two different numbers to read differently.
    public static func distinguishing(_ a: Double, _ b: Double) -> (String, String) {
        var digits = 7
        while true {
            let (x, y) = (significant(a, digits: digits), significant(b, digits: digits))
            if a == b || a.isNaN || b.isNaN || x != y || digits >= 17 { return (x, y) }
            digits += 1
        }
    }

    /// `x` with `digits` significant digits, or more (up to 17) until the
    /// number the text reads as passes `shows`: a claim's detail prints its
    /// observed value so that the reader sees the outcome (`0.10000001 > 0.1`,
    /// never `0.1 > 0.1`).
    public static func significant(_ x: Double, digits: Int, until shows: (Double) -> Bool) -> String {
        var digits = digits
        while true {
            let text = significant(x, digits: digits)
            if digits >= 17 || !x.isFinite || Double(text).map(shows) == true { return text }
            digits += 1
        }
    }

    /// A measure and the bound it is compared with, `holds` telling whether
    /// `measure ≤ bound`: the measure with `digits` significant digits and the
    /// bound as `shortest` shows it, both with more digits when the texts
    /// would state the other outcome.
    public static func stated(_ measure: Double, against bound: Double, holds: Bool, digits: Int = 2) -> (measure: String, bound: String) {
        let shownBound = shortest(bound)
        guard let readBound = Double(shownBound) else { return (significant(measure, digits: digits), shownBound) }
        let shown = significant(measure, digits: digits) { ($0 <= readBound) == holds }
        if let read = Double(shown), (read <= readBound) == holds { return (shown, shownBound) }
        // The bound's own rounding hides the outcome: both in full.
        return (significant(measure, digits: 17), significant(bound, digits: 17))
    }

    /// `x` with at most `digits` significant digits, in the style of `shortest`.
    public static func significant(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-∞" : "∞" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let text = printf("%.\(max(1, min(digits, 17)))g", x)
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        let mantissa = text[..<e]
        var exponent = text[text.index(after: e)...]
        var sign = ""
        if exponent.first == "-" || exponent.first == "+" {
            if exponent.first == "-" { sign = "-" }
            exponent = exponent.dropFirst()
        }
        let trimmed = exponent.drop { $0 == "0" }
        return "\(mantissa)e\(sign)\(trimmed.isEmpty ? "0" : trimmed)"
    }
}
