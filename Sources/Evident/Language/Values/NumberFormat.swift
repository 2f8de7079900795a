import Foundation

/// A validated printf-style number format for `{= EXPR | FMT}`.
///
/// Accepted: literal text, `%%`, and exactly one conversion
/// `%[flags][width][.precision]conv` with flags from `-+ 0#`, width and
/// precision of at most two digits, and `conv` one of `e E f F g G d i`. Only
/// the validated conversion reaches `String(format:)`, always with one
/// argument of the type it expects (a Double, or an Int for `d`/`i`).
public struct NumberFormat: Hashable, Sendable {
    public let spec: String
    private let prefix: String
    private let conversion: String
    private let suffix: String
    private let integral: Bool

    public init(_ spec: String) throws {
        self.spec = spec
        let s = Array(spec.unicodeScalars)
        var i = 0
        var prefix = "", suffix = ""
        var conversion: String?
        var integral = false
        func invalid(_ why: String) -> LanguageError { LanguageError("invalid format '\(spec)': \(why)") }
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
    }

    /// The number formatted; `%d` needs a whole number.
    public func format(_ x: Double) throws -> String {
        let body: String
        if integral {
            guard x == x.rounded(), abs(x) < 9e15 else {
                throw LanguageError("format '\(spec)' needs a whole number, got \(NumberFormat.shortest(x))")
            }
            body = String(format: prefix + conversion + suffix, Int(x))
        } else {
            body = String(format: prefix + conversion + suffix, x)
        }
        return body
    }

    /// The default rendering of a number: whole numbers below 1e15 without a
    /// fraction, others with up to 7 significant digits (`%.7g`, trailing zeros
    /// dropped, exponent without padding: `1e-12`, `3.1e-17`, `1.5e8`). So
    /// 0.1 + 0.2 shows as `0.3`.
    public static func shortest(_ x: Double) -> String {
        significant(x, digits: 7)
    }

    /// `x` with at most `digits` significant digits, in the style of `shortest`.
    public static func significant(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-∞" : "∞" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let text = String(format: "%.\(max(1, min(digits, 17)))g", x)
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

extension Value {
    /// How a value reads in prose, in claim details and in fixtures: numbers
    /// by `NumberFormat.shortest`, vectors as `[0.1, 0.2]` (long ones
    /// shortened to their first and last entries), records as
    /// `{dim: 3, defect: 0}`, objects by their first rendered value.
    public var text: String {
        switch self {
        case .number(let x): return NumberFormat.shortest(x)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return s
        case .vector(let v): return Value.bracketed(v.map(NumberFormat.shortest))
        case .booleans(let b): return Value.bracketed(b.map { $0 ? "true" : "false" })
        case .matrix(let m): return Value.bracketed(m.map { Value.bracketed($0.map(NumberFormat.shortest)) })
        case .list(let items): return Value.bracketed(items.map(\.quotedText))
        case .record(let record): return "{" + record.fields.map { "\($0.name): \($0.value.quotedText)" }.joined(separator: ", ") + "}"
        case .lambda(let f): return "\(f.parameters.joined(separator: ", ")) => …"
        case .table(let t): return "<table\(t.title.map { " \($0)" } ?? "") with \(t.rows.count) rows>"
        case .plot(let p): return "<plot\(p.title.map { " \($0)" } ?? "")>"
        case .object(let object):
            if let outputs = try? object.render() {
                for case .value(let text) in outputs { return text }
            }
            return "<\(object.typeName)>"
        }
    }

    /// Like `text`, with strings in quotes (inside lists and records).
    var quotedText: String {
        if case .string(let s) = self { return "\"\(s)\"" }
        return text
    }

    private static func bracketed(_ items: [String]) -> String {
        let limit = 12
        if items.count <= limit { return "[" + items.joined(separator: ", ") + "]" }
        let head = items.prefix(limit - 2).joined(separator: ", ")
        return "[\(head), …, \(items[items.count - 1])] (\(items.count) entries)"
    }
}
