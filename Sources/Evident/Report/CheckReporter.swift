import EvidentLanguage

/// The formats `evident check --format` knows.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, junit, github, sarif

    /// The reporter that writes this format.
    public var reporter: CheckReporter {
        switch self {
        case .text: return TextCheckReport()
        case .json: return JSONCheckReport()
        case .junit: return JUnitCheckReport()
        case .github: return GitHubCheckReport()
        case .sarif: return SARIFCheckReport()
        }
    }
}

/// Writes what checking a set of documents found. Results go to standard
/// output; the text format also writes diagnostics to standard error.
public protocol CheckReporter {
    func report(_ documents: [DocumentReport], to console: Console)
}

/// Claims that held, claims that failed and errors, over any number of
/// documents. Errors are counted apart: a claim that could not be evaluated
/// fails, and the error that stopped it is counted too.
public struct ClaimTally: Equatable, Sendable {
    public var passed: Int
    public var failed: Int
    public var errors: Int

    public init(_ documents: [DocumentReport]) {
        passed = documents.reduce(0) { $0 + $1.claims.count - $1.failedClaims.count }
        failed = documents.reduce(0) { $0 + $1.failedClaims.count }
        errors = documents.reduce(0) { $0 + $1.errors.count }
    }

    /// `N passed, M failed`, then `, K errors` when there are any.
    public var summary: String { paintedSummary(colour: false) }

    /// The summary with `passed` in green and `failed` and errors in red
    /// when they are not zero and colour is on.
    public func paintedSummary(colour: Bool) -> String {
        let passedText = Colour.green.paint("\(passed) passed", enabled: colour && passed > 0)
        let failedText = Colour.red.paint("\(failed) failed", enabled: colour && failed > 0)
        guard errors > 0 else { return passedText + ", " + failedText }
        return passedText + ", " + failedText + ", " + Colour.red.paint(errors == 1 ? "1 error" : "\(errors) errors", enabled: colour)
    }
}

extension ClaimResult {
    /// The claim's label, or its expression when it has none.
    public var name: String { label ?? source }

    /// A failed claim reported like an error, at the claim's place.
    public func failureDiagnostic(file: String) -> Diagnostic {
        let label = self.label.map { "\"\($0)\"" } ?? source
        let message = detail.isEmpty ? "claim failed: \(label)" : "claim failed: \(label) — \(detail)"
        return Diagnostic(file: file, range: range, id: .claimFailed, message: message)
    }
}

/// Something a document's reader must look at: a diagnostic or a failed claim.
public enum Finding: Sendable {
    case diagnostic(Diagnostic)
    case failedClaim(ClaimResult)

    public var location: SourceLocation {
        switch self {
        case .diagnostic(let diagnostic): return diagnostic.location
        case .failedClaim(let claim): return claim.range.start
        }
    }
}

extension DocumentReport {
    /// Diagnostics and failed claims in document order (stable for equal places).
    public var findings: [Finding] {
        let all = diagnostics.map(Finding.diagnostic) + failedClaims.map(Finding.failedClaim)
        return all.enumerated()
            .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element)
    }

    /// Findings printed per document; a document with thousands of errors
    /// would otherwise bury the first ones (machine formats list them all).
    public static let printedFindingsLimit = 200

    /// Each finding compiler-style: `FILE:LINE:COL: error: MESSAGE`, the
    /// source line and a caret; at most `printedFindingsLimit` of them.
    public var formattedFindings: [String] {
        // A large document's lines are split only for a finding to show.
        if findings.isEmpty { return [] }
        let lines = Diagnostic.lines(of: source)
        var formatted = findings.prefix(Self.printedFindingsLimit).map { finding in
            switch finding {
            case .diagnostic(let diagnostic): return diagnostic.formatted(lines: lines)
            case .failedClaim(let claim): return claim.failureDiagnostic(file: file).formatted(lines: lines)
            }
        }
        if findings.count > Self.printedFindingsLimit {
            formatted.append("\(file): note: \(findings.count - Self.printedFindingsLimit) more errors and failed claims not shown")
        }
        return formatted
    }
}
