extension String {
    /// The text without leading and trailing white space and line breaks:
    /// the scalars Foundation's `.whitespacesAndNewlines` names (the Unicode
    /// White_Space scalars and U+200B, tested over every scalar), found
    /// without Foundation's bridging to NSString on every call.
    package var trimmingWhitespace: String {
        // Most texts start and end with a visible ASCII character, and then
        // there is nothing to trim: looking up the scalars' Unicode
        // properties was a fifth of an inline claim's evaluation.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) { return self }
        let scalars = unicodeScalars
        func trimmed(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace || s == "\u{200B}" }
        guard let first = scalars.firstIndex(where: { !trimmed($0) }),
              let last = scalars.lastIndex(where: { !trimmed($0) }) else { return "" }
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
