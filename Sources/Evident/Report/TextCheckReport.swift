/// Human-readable check output.
///
/// Per document: errors and failed claims compiler-style on standard error
/// (`FILE:LINE:COL: error: MESSAGE`, the source line and a caret), warnings
/// likewise, and one line per claim on standard output, in order
/// (`✓ FILE:LINE label`, `✗ FILE:LINE label — detail`), so that `check >
/// log` keeps the failures too. The last line on standard output is always
/// `N passed, M failed` (then `, K errors` when there are any).
public struct TextCheckReport: CheckReporter {
    public init() {}

    public func report(_ documents: [DocumentReport], to console: Console) {
        for document in documents {
            document.formattedFindings.forEach(console.error)
            for claim in document.claims {
                if claim.passed {
                    let mark = Colour.green.paint("✓", enabled: console.colourOutput)
                    console.output("\(mark) \(document.file):\(claim.range.start.line) \(claim.name)")
                } else {
                    let mark = Colour.red.paint("✗", enabled: console.colourOutput)
                    let detail = claim.detail.isEmpty ? "" : " — \(claim.detail)"
                    console.output("\(mark) \(document.file):\(claim.range.start.line) \(claim.name)\(detail)")
                }
            }
        }
        console.output(ClaimTally(documents).paintedSummary(colour: console.colourOutput))
    }
}
