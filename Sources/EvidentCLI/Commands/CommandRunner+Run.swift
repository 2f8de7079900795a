extension CommandRunner {
    /// `evident run FILE`: the document's rendered outputs as terminal text on
    /// standard output, then its errors and failed claims on standard error.
    public func run(path: String, options: CommandOptions = CommandOptions()) -> CommandExit {
        // A directory or a missing file is reported as the file it should be.
        do {
            _ = try TextFile.read(path)
        } catch {
            reportError(error)
            return .error
        }
        var options = options
        guard let workspace = prepare([path], options: &options), let process = processor(for: options) else { return .error }
        reportOptedOut(workspace, onOutput: false)
        guard let (input, source) = workspace.documents.first else { return .success }
        let report = process(input.path, source, .run)
        if let text = report.text, !text.isEmpty {
            console.writeOutput(text.hasSuffix("\n") ? text : text + "\n")
        }
        report.formattedFindings.forEach(console.error)
        return CommandExit(report)
    }
}
