import Evident

extension CommandRunner {
    /// `evident check PATH… [--format F]`: evaluates every document and writes
    /// what it found in format `format` (`text`, `json`, `junit` or `github`);
    /// writes no page.
    public func check(paths: [String], format: String = "text", options: CommandOptions = CommandOptions()) -> CommandExit {
        guard let format = ReportFormat(rawValue: format) else {
            let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            reportError("unknown format '\(format)' (expected one of: \(known))")
            return .error
        }
        var options = options
        guard let workspace = prepare(paths, options: &options),
              let process = processor(for: options, showsProgress: format == .text) else { return .error }
        reportOptedOut(workspace, onOutput: format == .text)
        let reports = workspace.documents.map { process($0.input.path, $0.source, .check) }
        format.reporter.report(reports, to: console)
        return reports.map(CommandExit.init).max() ?? .success
    }
}
