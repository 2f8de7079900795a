import EvidentLanguage

/// `evident check --format github`: GitHub Actions workflow commands, which
/// the runner turns into annotations on the files.
///
///     ::error file=F,line=L,col=C,title=T::MESSAGE     (failed claims, errors)
///     ::warning file=F,line=L,col=C,title=T::MESSAGE   (warnings)
///     ::notice title=evident check::N passed, M failed (always, last)
public struct GitHubCheckReport: CheckReporter {
    public init() {}

    public func report(_ documents: [DocumentReport], to console: Console) {
        for line in Self.commands(documents) { console.output(line) }
    }

    public static func commands(_ documents: [DocumentReport]) -> [String] {
        var lines: [String] = []
        for document in documents {
            for finding in document.findings {
                switch finding {
                case .diagnostic(let diagnostic):
                    let severity = diagnostic.severity.rawValue
                    let command = diagnostic.severity == .note ? "notice" : severity
                    lines.append(annotation(command, file: document.file, at: diagnostic.location, title: "evident \(severity) \(diagnostic.id)", message: diagnostic.message))
                case .failedClaim(let claim):
                    let title = claim.label.map { "claim failed: \($0)" } ?? "claim failed"
                    let message = claim.detail.isEmpty ? claim.source : "\(claim.source) — \(claim.detail)"
                    lines.append(annotation("error", file: document.file, at: claim.range.start, title: title, message: message))
                }
            }
        }
        lines.append("::notice title=evident check::" + escapeData(ClaimTally(documents).summary))
        return lines
    }

    package static func annotation(_ command: String, file: String, at location: SourceLocation, title: String, message: String) -> String {
        let properties = [
            "file=" + escapeProperty(file),
            "line=\(location.line)",
            "col=\(location.column)",
            "title=" + escapeProperty(title),
        ]
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))"
    }

    /// A command's message: `%`, carriage return and line feed become
    /// `%25`, `%0D` and `%0A` (what the Actions runner decodes).
    public static func escapeData(_ text: String) -> String {
        escape(text, property: false)
    }

    /// A property value: as a message, and also `:` and `,` (which end a
    /// property) become `%3A` and `%2C`.
    public static func escapeProperty(_ text: String) -> String {
        escape(text, property: true)
    }

    private static func escape(_ text: String, property: Bool) -> String {
        text.replacingScalars { scalar in
            switch scalar {
            case "%": return "%25"
            case "\r": return "%0D"
            case "\n": return "%0A"
            case ":" where property: return "%3A"
            case "," where property: return "%2C"
            default: return nil
            }
        }
    }
}
