/// Human-readable check output.
///
/// Per document: errors and failed claims compiler-style on standard error
/// (`FILE:LINE:COL: error: MESSAGE`, the source line and a caret), warnings
/// likewise, and one line per claim that held on standard output
/// (`✓ FILE:LINE label`). The last line on standard output is always
/// `N passed, M failed`.
public struct TextCheckReport: CheckReporter {
    public init() {}

    public func report(_ documents: [DocumentReport], to console: Console) {
        for document in documents {
            document.formattedFindings.forEach(console.error)
            for claim in document.claims where claim.passed {
                let mark = Colour.green.paint("✓", enabled: console.colourOutput)
                console.output("\(mark) \(document.file):\(claim.range.start.line) \(claim.name)")
            }
        }
        console.output(ClaimTally(documents).paintedSummary(colour: console.colourOutput))
    }
}
