/// Fragments that go into rendered HTML after rendering, where cmark cannot
/// hold them as nodes (a table cell holds no custom node): each stands in
/// the HTML as a marker, a control character the body does not hold, the
/// fragment's number and the character again (`CommonMark` puts the markers
/// in text nodes).
struct DeferredFragments {
    let mark: UInt8
    private(set) var fragments: [String] = []

    init(mark: UInt8) { self.mark = mark }

    /// The marker of `html`, which goes in when `insert` is called.
    mutating func marker(for html: String) -> String {
        let mark = String(UnicodeScalar(self.mark))
        fragments.append(html)
        return mark + String(fragments.count - 1) + mark
    }

    /// `html` with each marker replaced by its fragment.
    func insert(into html: [UInt8]) -> [UInt8] {
        guard !fragments.isEmpty else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(html.count + fragments.reduce(0) { $0 + $1.utf8.count })
        var i = 0
        while i < html.count {
            if html[i] == mark, let close = html[(i + 1)...].firstIndex(of: mark),
               let index = Int(String(decoding: html[(i + 1)..<close], as: UTF8.self)), index < fragments.count {
                out.append(contentsOf: fragments[index].utf8)
                i = close + 1
            } else {
                out.append(html[i])
                i += 1
            }
        }
        return out
    }
}
