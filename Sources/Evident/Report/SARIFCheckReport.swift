import EvidentLanguage
import EvidentMarkdown

/// `evident check --format sarif`: SARIF 2.1.0, the format code-scanning
/// services take (GitHub's `upload-sarif` among them). One run of the tool
/// `evident`, whose rules are the diagnostic ids (E0600 for a failed claim);
/// one result per error, warning and failed claim, with its file, line and
/// column.
public struct SARIFCheckReport: CheckReporter {
    public init() {}

    public func report(_ documents: [DocumentReport], to console: Console) {
        console.output(Self.sarif(documents).serialized())
    }

    public static func sarif(_ documents: [DocumentReport]) -> JSONValue {
        var results: [JSONValue] = []
        var used: [DiagnosticID] = []
        func result(_ id: DiagnosticID, level: String, message: String, file: String, at location: SourceLocation) -> JSONValue {
            if !used.contains(id) { used.append(id) }
            return .object([
                ("ruleId", .string(id.code)),
                ("level", .string(level)),
                ("message", .object([("text", .string(message))])),
                ("locations", .array([.object([
                    ("physicalLocation", .object([
                        ("artifactLocation", .object([("uri", .string(uri(file)))])),
                        ("region", .object([("startLine", .integer(max(1, location.line))), ("startColumn", .integer(max(1, location.column)))])),
                    ])),
                ])])),
            ])
        }
        for document in documents {
            for finding in document.findings {
                switch finding {
                case .diagnostic(let diagnostic):
                    let level = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "note"
                    results.append(result(diagnostic.id, level: level, message: diagnostic.message, file: document.file, at: diagnostic.location))
                case .failedClaim(let claim):
                    let diagnostic = claim.failureDiagnostic(file: document.file)
                    results.append(result(.claimFailed, level: "error", message: diagnostic.message, file: document.file, at: claim.range.start))
                }
            }
        }
        let rules = used.sorted { $0.code < $1.code }.map { id -> JSONValue in
            .object([("id", .string(id.code)), ("shortDescription", .object([("text", .string(id.summary))]))])
        }
        return .object([
            ("version", .string("2.1.0")),
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("evident")),
                    ("version", .string(EvidentVersion.string)),
                    ("rules", .array(rules)),
                ]))])),
                ("results", .array(results)),
            ])])),
        ])
    }

    /// A path as a relative URI reference: its characters that a URI
    /// cannot hold percent-encoded, `/` kept.
    static func uri(_ path: String) -> String {
        var text = ""
        for byte in path.utf8 {
            let keep = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-._~/".utf8.contains(byte)
            text += keep ? String(UnicodeScalar(byte)) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }
        return text
    }
}
