extension CommandRunner {
    /// `evident run FILE`: the document's rendered outputs as terminal text on
    /// standard output, then its errors and failed claims on standard error.
    public func run(path: String, options: CommandOptions = CommandOptions()) -> CommandExit {
        guard let process = processor(for: options) else { return .error }
        let source: String
        do {
            source = try TextFile.read(path)
        } catch {
            reportError(error)
            return .error
        }
        let report = process(path, source, .run)
        if let text = report.text, !text.isEmpty {
            console.writeOutput(text.hasSuffix("\n") ? text : text + "\n")
        }
        report.formattedFindings.forEach(console.error)
        return CommandExit(report)
    }
}
