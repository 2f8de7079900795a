import Evident
import EvidentLanguage

extension CommandRunner {
    /// `evident check PATH… [--format F]`: evaluates every document and writes
    /// what it found in format `format` (`text`, `json`, `junit`, `github`
    /// or `sarif`); writes no page. A document that is missing or cannot be
    /// read is one more document with an error (E1001, where the problem
    /// lies, else at 1:1) among the others' results, in every format.
    public func check(paths: [String], format: String = "text", options: CommandOptions = CommandOptions()) -> CommandExit {
        guard let format = ReportFormat(rawValue: format) else {
            let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            reportError("unknown format '\(format)' (expected one of: \(known))")
            return .error
        }
        var options = options
        guard let workspace = prepare(paths, options: &options, keepingUnreadable: true),
              let process = processor(for: options, showsProgress: format == .text) else { return .error }
        reportOptedOut(workspace, onOutput: format == .text)
        var reports = workspace.documents.map { process($0.input.path, $0.source, .check) }
        for (position, error) in workspace.unreadable.reversed() {
            reports.insert(Self.unreadableReport(error), at: position)
        }
        format.reporter.report(reports, to: console)
        return reports.map(CommandExit.init).max() ?? .success
    }

    /// A document that could not be read, as a report holding that one error.
    static func unreadableReport(_ error: FileError) -> DocumentReport {
        let location = error.location ?? SourceLocation(line: 1, column: 1)
        let diagnostic = Diagnostic(file: error.path, range: SourceRange(location), id: error.id, message: "cannot read: \(error.reason)")
        return DocumentReport(file: error.path, source: "", title: error.path, claims: [], diagnostics: [diagnostic])
    }
}
