/// Ids for headings, derived from their text and unique within a page.
///
/// Lowercase letters and digits are kept (any script), runs of other
/// characters become one `-`; an empty result becomes `section`. A repeated
/// id gets `-2`, `-3`, … Ids of the form `claim-N` belong to claim badges,
/// so a heading that slugs to one is treated as a repeat.
public enum HeadingIDs {
    public static func make(_ texts: [String]) -> [String] {
        var used = Set<String>()
        return texts.map { text in
            let base = slug(text)
            var id = base
            var count = 1
            while used.contains(id) || isClaimID(id) {
                count += 1
                id = "\(base)-\(count)"
            }
            used.insert(id)
            return id
        }
    }

    public static func slug(_ text: String) -> String {
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

    static func isClaimID(_ id: String) -> Bool {
        guard id.hasPrefix("claim-") else { return false }
        let rest = id.dropFirst(6)
        return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
