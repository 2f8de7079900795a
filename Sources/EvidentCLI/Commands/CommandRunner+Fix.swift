import Evident
import EvidentMarkdown

extension CommandRunner {
    /// `evident fix PATH… [--write]`: for every failing pin and failing
    /// `claim EXPR ≈ LITERAL ± TOL`, the literal retyped from the value
    /// computed, as a unified diff on standard output (exit 1 when there is
    /// one, 0 when nothing needs fixing). With `write`, each changed file
    /// is read again and compared before it is replaced (atomically), and
    /// the documents are checked again: the exit code is that check's.
    public func fix(paths: [String], write: Bool, acceptLarge: Bool = false, options: CommandOptions = CommandOptions()) -> CommandExit {
        var options = options
        guard let workspace = prepare(paths, options: &options), let process = processor(for: options, showsProgress: false) else { return .error }
        let documents = workspace.documents
        var proposed = false
        var status = CommandExit.success
        for (input, source) in documents {
            let report = process(input.path, source, .check)
            let errors = report.diagnostics.filter { $0.severity == .error && $0.id != .claimFailed }
            for diagnostic in errors { console.error(diagnostic.headline) }
            if !errors.isEmpty { status = .error }
            var edits = LiteralFix.edits(source: source, claims: report.claims)
            if !acceptLarge {
                for edit in edits where edit.large {
                    console.error("\(input.path):\(edit.line): \(edit.old) → \(edit.new) is more than ten times the tolerance away or flips the sign; "
                                  + "left as it is (--accept-large to take it)")
                    status = max(status, .claimFailed)
                }
                edits.removeAll { $0.large }
            }
            guard !edits.isEmpty else { continue }
            proposed = true
            let fixed = LiteralFix.apply(edits, to: source)
            guard write else {
                var diff = LiteralFix.unifiedDiff(from: source, to: fixed, path: input.path)
                if diff.hasSuffix("\n") { diff.removeLast() }
                console.output(diff)
                continue
            }
            do {
                guard try TextFile.read(input.path) == source else {
                    reportError("\(input.path) changed while it was checked; nothing was written to it")
                    status = .error
                    continue
                }
                try AtomicFile.write(fixed, to: input.path)
                for edit in edits { console.error("\(input.path):\(edit.line): \(edit.old) → \(edit.new)") }
            } catch {
                reportError(error)
                status = .error
            }
        }
        guard write, proposed else { return max(status, proposed ? .claimFailed : .success) }
        // Checked again, as written.
        guard let again = prepare(paths, options: &options) else { return .error }
        let reports = again.documents.map { process($0.input.path, $0.source, .check) }
        ReportFormat.text.reporter.report(reports, to: console)
        return max(status, reports.map(CommandExit.init).max() ?? .success)
    }
}
