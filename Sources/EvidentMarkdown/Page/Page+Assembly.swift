import Mustache

extension Page {
    /// The page as UTF-8: `template` with `body` (the body's HTML, UTF-8)
    /// as its content, less up to two final line feeds (the pipeline's and
    /// `templateContext`'s trimming).
    ///
    /// The template is rendered around a marker and the body's bytes put in
    /// its place, so that the megabytes of a large body are not passed
    /// through Mustache. That needs a template that names `content` only as
    /// itself (`PageTemplate.contentAsWritten`: a transform, a path or a
    /// section would see the marker, not the body), the marker exactly once
    /// and the same text around two different markers; otherwise (a
    /// template without `{{content}}`, with it twice, or with it
    /// transformed) the template is given the body itself.
    /// The frame goes around the body in the body's own array, without a
    /// copy when it has `frameRoom` to spare (as the pipeline's filled body
    /// has) and no one else holds it.
    public func assemble(_ template: PageTemplate, body: consuming [UInt8]) -> [UInt8] {
        var page = body
        for _ in 0..<2 where page.last == UInt8(ascii: "\n") && !(page.count > 1 && page[page.count - 2] == UInt8(ascii: "\r")) {
            page.removeLast()
        }
        var context = templateContext
        if template.contentAsWritten {
            let halves = Self.contentMarkers.map { marker in
                context["content"] = marker
                return Self.split(Array(template.mustache.render(context).utf8), at: Array(marker.utf8))
            }
            if let (prefix, suffix) = halves[0], let second = halves[1], second.0 == prefix, second.1 == suffix {
                page.insert(contentsOf: prefix, at: 0)
                page += suffix
                return page
            }
        }
        context["content"] = String(decoding: page, as: UTF8.self)
        return Array(template.mustache.render(context).utf8)
    }

    /// The two markers the frame is rendered around.
    package static let contentMarkers = ["\u{1}eVIDENT-content-1\u{1}", "\u{1}eVIDENT-content-2\u{1}"]

    /// The room a body needs for the frame of its page to go around it in
    /// place: the template with its title, headings and claims, usually
    /// tens of kilobytes.
    package static let frameRoom = 1 << 16

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
