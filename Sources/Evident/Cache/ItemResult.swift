import EvidentLanguage

/// What evaluating one block or span gave: its outputs (exactly one for a
/// span), the claims it recorded and the diagnostics it reported, in order.
/// The unit the result cache stores, with the data files the item read
/// (and their fingerprints then), which the cache checks before reusing it.
public struct ItemResult: Hashable, Sendable {
    public var outputs: [Output]
    public var claims: [ClaimResult]
    public var diagnostics: [Diagnostic]
    public var reads: [DataRead]

    public init(outputs: [Output], claims: [ClaimResult] = [], diagnostics: [Diagnostic] = [], reads: [DataRead] = []) {
        self.outputs = outputs
        self.claims = claims
        self.diagnostics = diagnostics
        self.reads = reads
    }
}
