import EvidentLanguage

/// `evident check --format json`: one JSON object on standard output,
///
///     {"documents":[{"file":…,"claims":[{"line","label","source","passed","detail"
///                                        [,"observed","expected","tolerance"]}],
///                    "errors":[{"line","column","id","message"}]}],"passed":N,"failed":M,"errors":K}
///
/// with keys in exactly that order and `label` null when the claim has none;
/// `observed`, `expected` and `tolerance` (absolute) are numbers, given for
/// claims `a ≈ b ± t` of two scalars and for pins;
/// `id` is the error's `DiagnosticID` (`E0301`).
/// `errors` holds the diagnostics of severity error; warnings go to standard
/// error, compiler-style.
public struct JSONCheckReport: CheckReporter {
    public init() {}

    public func report(_ documents: [DocumentReport], to console: Console) {
        for document in documents {
            for warning in document.diagnostics where warning.severity != .error {
                console.error(warning.formatted(source: document.source))
            }
        }
        console.output(Self.json(documents).serialized())
    }

    public static func json(_ documents: [DocumentReport]) -> JSONValue {
        let tally = ClaimTally(documents)
        return .object([
            ("documents", .array(documents.map(document))),
            ("passed", .integer(tally.passed)),
            ("failed", .integer(tally.failed)),
            ("errors", .integer(tally.errors)),
        ])
    }

    private static func document(_ document: DocumentReport) -> JSONValue {
        .object([
            ("file", .string(document.file)),
            ("claims", .array(document.claims.map { .object(claimMembers($0)) })),
            ("errors", .array(document.errors.map(error))),
        ])
    }

    /// A claim's members: `line`, `label`, `source`, `passed`, `detail`,
    /// and `observed`, `expected`, `tolerance` when it measured them, as
    /// `number` writes them (null when not finite, unless it says otherwise).
    package static func claimMembers(_ claim: ClaimResult, number: (Double) -> JSONValue = JSONValue.number) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("line", .integer(claim.range.start.line)),
            ("label", claim.label.map(JSONValue.string) ?? .null),
            ("source", .string(claim.source)),
            ("passed", .bool(claim.passed)),
            ("detail", .string(claim.detail)),
        ]
        if let measure = claim.measure {
            let tolerance = measure.relative ? measure.tolerance / 100 * abs(measure.expected) : measure.tolerance
            members += [("observed", number(measure.observed)), ("expected", number(measure.expected)), ("tolerance", number(tolerance))]
        }
        return members
    }

    /// An error as `{"line","column","id","message"}`.
    package static func error(_ error: Diagnostic) -> JSONValue {
        .object([
            ("line", .integer(error.location.line)),
            ("column", .integer(error.location.column)),
            ("id", .string(error.id.code)),
            ("message", .string(error.message)),
        ])
    }
}
