import Mustache

extension Page {
    /// The page as UTF-8: `template` with `body` (the body's HTML, UTF-8)
    /// as its content, less up to two final line feeds (the pipeline's and
    /// `templateContext`'s trimming).
    ///
    /// The template is rendered around a marker and the body's bytes put in
    /// its place, so that the megabytes of a large body are copied once
    /// rather than passed through Mustache. That needs the marker exactly
    /// once and the same text around two different markers; otherwise (a
    /// template without `{{content}}`, or with it twice) the template is
    /// given the body itself.
    public func assemble(_ template: PageTemplate, body: [UInt8]) -> [UInt8] {
        let template = template.mustache
        // The end moves, not the slice: removing from a slice of an array
        // the caller still holds copies the whole body.
        var end = body.endIndex
        for _ in 0..<2 where end > 0 && body[end - 1] == UInt8(ascii: "\n") && !(end > 1 && body[end - 2] == UInt8(ascii: "\r")) {
            end -= 1
        }
        let content = body[..<end]
        var context = templateContext
        let halves = ["\u{1}evident-content-1\u{1}", "\u{1}evident-content-2\u{1}"].map { marker in
            context["content"] = marker
            return Self.split(Array(template.render(context).utf8), at: Array(marker.utf8))
        }
        if let (prefix, suffix) = halves[0], let second = halves[1], second.0 == prefix, second.1 == suffix {
            // Appended into one array of the page's size: `prefix + content
            // + suffix` copies a large body twice, into fresh pages each time.
            var page: [UInt8] = []
            page.reserveCapacity(prefix.count + content.count + suffix.count)
            page += prefix
            page += content
            page += suffix
            return page
        }
        context["content"] = String(decoding: content, as: UTF8.self)
        return Array(template.render(context).utf8)
    }

    /// The text before and after the one occurrence of `marker` (which starts
    /// with a byte that occurs in nothing but markers); nil unless it occurs
    /// exactly once.
    private static func split(_ text: [UInt8], at marker: [UInt8]) -> ([UInt8], [UInt8])? {
        var found: Int?
        var i = 0
        while let start = text[i...].firstIndex(of: marker[0]) {
            if text[start...].starts(with: marker) {
                guard found == nil else { return nil }
                found = start
                i = start + marker.count
            } else {
                i = start + 1
            }
        }
        guard let start = found else { return nil }
        return (Array(text[..<start]), Array(text[(start + marker.count)...]))
    }
}
