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
            ("claims", .array(document.claims.map { .object(JSONValue.claimMembers($0)) })),
            ("errors", .array(document.errors.map(JSONValue.error))),
        ])
    }
}
