extension String {
    /// The string with each Unicode scalar for which `replacement` returns a
    /// string replaced by it; the other scalars are kept. The escaping of the
    /// report formats (JSON, XML, workflow commands) is built on it.
    package func replacingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if let replaced = replacement(scalar) {
                out += replaced
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
