import EvidentLanguage
import EvidentMarkdown

/// The cache keys of a document's blocks and spans.
///
/// A document is one scope evaluated top to bottom, so an item's result may
/// depend on every item before it. Its key is therefore a hash chain:
///
///     key₀ = SHA-256(format, Evident version, file, params)
///     keyᵢ = SHA-256(keyᵢ₋₁, kind, code, format, block column)
///
/// so that keyᵢ names the sources of every item up to and including item i.
/// Prose is not in any key: a prose-only edit keeps every key. The file is,
/// because diagnostics name it. Positions are not, except a block's column
/// (its indentation, which the columns of its later lines depend on): the
/// results are re-based to the item's current position when reused
/// (`ItemResult.moved`). Computing all keys is O(total code size).
///
/// Data files are not in these keys, which are known before anything runs:
/// each result carries the files its item read with their fingerprints,
/// and `ResultCache.reusable` stops at the first item whose files changed,
/// so that a data file counts in the key of every item from its first read on.
package enum CacheKey {
    /// The version of the key scheme and of the cache file layout.
    package static let format = "evident-cache 7"

    package static func keys(for document: MarkdownDocument, params: [String: ParamValue], limits: Limits = .standard,
                             version: String = EvidentVersion.string) -> [String] {
        var base = [format, version, document.file]
        for name in params.keys.sorted() {
            base += [name, params[name]!.canonical]
        }
        // Limits changed from the defaults: a result may depend on them.
        for budget in Budget.allCases where limits[budget] != Limits.standard[budget] {
            base += ["limit", budget.rawValue, String(limits[budget])]
        }
        let standard = Limits.standard
        for (name, value, usual) in [("elements", limits.maxElements, standard.maxElements), ("depth", limits.maxDepth, standard.maxDepth),
                                     ("statements", limits.maxStatements, standard.maxStatements)] where value != usual {
            base += ["limit", name, String(value)]
        }
        var key = SHA256.hex(bytes: field(base))
        var keys: [String] = []
        keys.reserveCapacity(document.items.count)
        for item in document.items {
            let parts: [String]
            switch item {
            case .block(let block):
                parts = [key, "block", String(block.origin.column), block.code]
            case .span(let span):
                switch span.code {
                case .value(let expression, let format): parts = [key, "value", expression, format ?? "-", format == nil ? "0" : "1"]
                case .claim(let expression): parts = [key, "claim", expression]
                case .pin(let expression, let typed, let tolerance, _): parts = [key, "pin", expression, typed, tolerance ?? "-", tolerance == nil ? "0" : "1"]
                }
            }
            key = SHA256.hex(bytes: field(parts))
            keys.append(key)
        }
        return keys
    }

    /// The parts, each preceded by its UTF-8 length, so that no two lists of
    /// parts give the same text.
    private static func field(_ parts: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count + 8 })
        for part in parts {
            bytes.append(contentsOf: String(part.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: part.utf8)
        }
        return bytes
    }
}

extension ItemResult {
    /// The result as it reads when the item that produced it, once at
    /// `old`, now starts at `new`: positions on the item's first line move
    /// with its start, positions on later lines move by whole lines.
    package func moved(from old: SourceLocation, to new: SourceLocation) -> ItemResult {
        guard old != new else { return self }
        func move(_ location: SourceLocation) -> SourceLocation {
            location.line == old.line
                ? SourceLocation(line: new.line, column: location.column - old.column + new.column)
                : SourceLocation(line: location.line - old.line + new.line, column: location.column)
        }
        func move(_ range: SourceRange) -> SourceRange {
            SourceRange(start: move(range.start), end: move(range.end))
        }
        func move(_ claim: ClaimResult) -> ClaimResult {
            var claim = claim
            claim.range = move(claim.range)
            return claim
        }
        var result = self
        result.outputs = outputs.map { output in
            if case .claim(let claim) = output { return .claim(move(claim)) }
            return output
        }
        result.claims = claims.map(move)
        result.diagnostics = diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.place(at: move(diagnostic.range))
            return diagnostic
        }
        return result
    }
}
