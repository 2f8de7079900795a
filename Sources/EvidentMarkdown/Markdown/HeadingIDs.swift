/// Ids for headings, derived from their text and unique within a page.
///
/// Lowercase letters and digits are kept (any script), runs of other
/// characters become one `-`; an empty result becomes `section`. A repeated
/// id gets `-2`, `-3`, … Ids of the form `claim-N` belong to claim badges,
/// so a heading that slugs to one is treated as a repeat, and the repeats
/// of a heading `Claim` are numbered `claim-section-2`, `claim-section-3`, …
///
/// Linear in the headings: each id given, and each base seen, is kept with
/// the count its repeats go on from, every count below it being taken
/// already (the taken ids only grow). A heading whose id is new, as most are, costs one lookup.
public enum HeadingIDs {
    public static func make(_ texts: [String]) -> [String] {
        var taken: [String: Int] = [:]
        taken.reserveCapacity(texts.count)
        func isNew(_ next: inout Int) -> Bool {
            guard next == 0 else { return false }
            next = 2
            return true
        }
        return texts.map { text in
            let base = slug(text)
            if !isClaimID(base), isNew(&taken[base, default: 0]) { return base }
            let numbered = base == "claim" ? "claim-section" : base
            var count = taken[base] ?? 2
            var id = "\(numbered)-\(count)"
            while taken[id] != nil || isClaimID(id) {
                count += 1
                id = "\(numbered)-\(count)"
            }
            taken[base] = count + 1
            taken[id] = 2
            return id
        }
    }

    public static func slug(_ text: String) -> String {
        // Most headings are ASCII: their bytes are slugged without decoding.
        asciiSlug(text) ?? scalarSlug(text)
    }

    /// `slug` of any text, scalar by scalar.
    static func scalarSlug(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash && !result.isEmpty { result += "-" }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return result.isEmpty ? "section" : result
    }

    /// `slug` of ASCII text, byte by byte; nil when the text is not ASCII.
    static func asciiSlug(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (lower >= UInt8(ascii: "0") && lower <= UInt8(ascii: "9")) {
                if pendingDash && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingDash = false
                bytes.append(lower)
            } else {
                pendingDash = true
            }
        }
        return bytes.isEmpty ? "section" : String(decoding: bytes, as: UTF8.self)
    }

    package static func isClaimID(_ id: String) -> Bool {
        guard id.hasPrefix("claim-") else { return false }
        let rest = id.dropFirst(6)
        return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
