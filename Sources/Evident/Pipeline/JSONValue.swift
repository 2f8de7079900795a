import EvidentLanguage

/// A JSON value whose objects keep their keys in the order given, so that
/// output is stable from run to run.
public indirect enum JSONValue: Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int)
    /// A finite number, written in the shortest form that reads back as
    /// the same double; a NaN or an infinity is written as null (JSON has
    /// neither).
    case number(Double)
    case bool(Bool)
    case null

    /// Compact JSON text.
    public func serialized() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .object(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        case .array(let elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                element.write(to: &out)
            }
            out += "]"
        case .string(let text): Self.writeString(text, to: &out)
        case .integer(let number): out += String(number)
        case .number(let value): out += value.isFinite ? "\(value)" : "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// RFC 8259 string escaping: quote, backslash and every control
    /// character; U+2028 and U+2029 too, so the text is also valid JavaScript.
    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        out += text.replacingScalars { scalar in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            case "\u{08}": return "\\b"
            case "\u{0C}": return "\\f"
            case "\u{2028}", "\u{2029}": return "\\u" + String(scalar.value, radix: 16)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: return nil
            }
        }
        out += "\""
    }
}

/// The members the JSON reports share (`evident check --format json`, `evident run --format json`).
extension JSONValue {
    /// A claim's members: `line`, `label`, `source`, `passed`, `detail`,
    /// and `observed`, `expected`, `tolerance` when it measured them, as
    /// `number` writes them (null when not finite, unless it says otherwise).
    package static func claimMembers(_ claim: ClaimResult, number: (Double) -> JSONValue = JSONValue.number) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("line", .integer(claim.range.start.line)),
            ("label", claim.label.map(JSONValue.string) ?? .null),
            ("source", .string(claim.source)),
            ("passed", .bool(claim.passed)),
            ("detail", .string(claim.detail)),
        ]
        if let measure = claim.measure {
            let tolerance = measure.relative ? measure.tolerance / 100 * abs(measure.expected) : measure.tolerance
            members += [("observed", number(measure.observed)), ("expected", number(measure.expected)), ("tolerance", number(tolerance))]
        }
        return members
    }

    /// An error as `{"line","column","id","message"}`.
    package static func error(_ error: Diagnostic) -> JSONValue {
        .object([
            ("line", .integer(error.location.line)),
            ("column", .integer(error.location.column)),
            ("id", .string(error.id.code)),
            ("message", .string(error.message)),
        ])
    }
}
