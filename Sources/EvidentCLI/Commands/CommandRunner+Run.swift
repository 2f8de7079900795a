import Evident

/// The formats `evident run --format` knows.
public enum RunFormat: String, CaseIterable, Sendable {
    /// The outputs as terminal text.
    case text
    /// The plain-data bindings and the outputs as one JSON object
    /// (`JSONRunReport`, docs/run-output.schema.json).
    case json
}

extension CommandRunner {
    /// `evident run FILE [--format text|json]`: the document's rendered
    /// outputs as terminal text (or, as JSON, with its bindings) on standard
    /// output, then its errors and failed claims on standard error.
    public func run(path: String, format: String = "text", options: CommandOptions = CommandOptions()) -> CommandExit {
        guard let format = RunFormat(rawValue: format) else {
            let known = RunFormat.allCases.map(\.rawValue).joined(separator: ", ")
            reportError("unknown format '\(format)' (expected one of: \(known))")
            return .error
        }
        // A directory or a missing file is reported as the file it should be.
        do {
            _ = try TextFile.read(path)
        } catch {
            reportError(error)
            return .error
        }
        var options = options
        guard let workspace = prepare([path], options: &options),
              let process = processor(for: options, showsProgress: format == .text) else { return .error }
        reportOptedOut(workspace, onOutput: false)
        guard let (input, source) = workspace.documents.first else { return .success }
        switch format {
        case .text:
            let report = process(input.path, source, .run)
            if let text = report.text, !text.isEmpty {
                console.writeOutput(text.hasSuffix("\n") ? text : text + "\n")
            }
            report.formattedFindings.forEach(console.error)
            return CommandExit(report)
        case .json:
            let report = process(input.path, source, .json)
            if let json = report.json { console.output(json.serialized()) }
            report.formattedFindings.forEach(console.error)
            return CommandExit(report)
        }
    }
}
