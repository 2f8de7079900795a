/// Checks that a string is one well-formed `<math>` element of MathML Core:
/// a small XML reader (tags, double-quoted attributes, character references)
/// that also holds every element to Core's list, every attribute to those
/// the converter may write, and the script and fraction elements to their
/// number of children. Foundation's `XMLDocument` on Linux repairs broken
/// markup instead of rejecting it, so it cannot be the judge.
enum MathMLCoreChecker {
    static let elements: Set<String> = [
        "math", "mrow", "mi", "mn", "mo", "mtext", "mspace", "ms", "msub", "msup", "msubsup", "munder",
        "mover", "munderover", "mfrac", "msqrt", "mroot", "mtable", "mtr", "mtd", "mstyle", "mpadded",
        "mphantom", "merror", "mmultiscripts", "mprescripts", "semantics", "annotation",
    ]

    /// Attributes of Core (no `columnalign`, `rowalign`, `columnspacing`, `mfenced`'s, …).
    static let attributes: Set<String> = [
        "display", "alttext", "mathvariant", "displaystyle", "scriptlevel", "form", "stretchy", "minsize",
        "maxsize", "movablelimits", "lspace", "rspace", "largeop", "symmetric", "fence", "separator",
        "linethickness", "accent", "accentunder", "width", "height", "depth", "style",
    ]

    static let childCounts: [String: Int] = [
        "msub": 2, "msup": 2, "msubsup": 3, "munder": 2, "mover": 2, "munderover": 3, "mfrac": 2, "mroot": 2,
    ]

    static let leaves: Set<String> = ["mi", "mn", "mo", "mtext", "ms", "annotation"]

    /// The problems found; empty when the markup is good.
    static func problems(_ markup: String) -> [String] {
        var problems: [String] = []
        var stack: [(name: String, children: Int)] = []
        var roots = 0
        let text = Array(markup.unicodeScalars)
        var i = 0

        func readName() -> String {
            var name = ""
            while i < text.count, text[i].properties.isAlphabetic || ("0"..."9").contains(text[i]) || text[i] == "-" {
                name.unicodeScalars.append(text[i]); i += 1
            }
            return name
        }
        /// Checks a run of character data (text or an attribute's value) up to `end`.
        func checkCharacters(until end: Unicode.Scalar) -> String {
            var value = ""
            while i < text.count, text[i] != end {
                if text[i] == "<" { problems.append("a raw `<` at \(i)"); return value }
                if text[i] == "&" {
                    var reference = ""
                    i += 1
                    while i < text.count, text[i] != ";", reference.count < 10 { reference.unicodeScalars.append(text[i]); i += 1 }
                    let named = ["amp", "lt", "gt", "quot", "apos"].contains(reference)
                    let decimal = reference.hasPrefix("#") && reference.dropFirst().allSatisfy(\.isNumber) && reference.count > 1
                    let hex = reference.hasPrefix("#x") && reference.dropFirst(2).allSatisfy(\.isHexDigit) && reference.count > 2
                    if i >= text.count || !(named || decimal || hex) { problems.append("a bad reference `&\(reference)` at \(i)") }
                }
                value.unicodeScalars.append(text[i])
                i += 1
            }
            return value
        }

        while i < text.count {
            if text[i] != "<" {
                let start = i
                let content = checkCharacters(until: "<")
                if stack.isEmpty, !content.isEmpty { problems.append("text outside an element at \(start)") }
                else if let top = stack.last, !leaves.contains(top.name), !content.allSatisfy(\.isWhitespace) {
                    problems.append("text in `\(top.name)` at \(start)")
                }
                continue
            }
            i += 1
            if i < text.count, text[i] == "/" {
                i += 1
                let name = readName()
                if i >= text.count || text[i] != ">" { problems.append("a bad end tag at \(i)"); return problems }
                i += 1
                guard let open = stack.popLast(), open.name == name else {
                    problems.append("`</\(name)>` does not close the open element"); return problems
                }
                if let count = childCounts[name], count != open.children {
                    problems.append("`\(name)` has \(open.children) children, not \(count)")
                }
                continue
            }
            let name = readName()
            if !elements.contains(name) { problems.append("`\(name)` is not a MathML Core element") }
            if stack.isEmpty { roots += 1; if name != "math" { problems.append("the root is `\(name)`") } }
            if let top = stack.last, leaves.contains(top.name) { problems.append("`\(name)` inside `\(top.name)`") }
            if !stack.isEmpty { stack[stack.count - 1].children += 1 }
            var seen: Set<String> = []
            while true {
                while i < text.count, text[i] == " " { i += 1 }
                guard i < text.count else { problems.append("an unfinished tag"); return problems }
                if text[i] == ">" { i += 1; stack.append((name, 0)); break }
                if text[i] == "/", i + 1 < text.count, text[i + 1] == ">" {
                    i += 2
                    if let count = childCounts[name], count != 0 { problems.append("`\(name)` has 0 children, not \(count)") }
                    break
                }
                let attribute = readName()
                guard !attribute.isEmpty, i + 1 < text.count, text[i] == "=", text[i + 1] == "\"" else {
                    problems.append("a bad attribute in `\(name)` at \(i)"); return problems
                }
                i += 2
                let value = checkCharacters(until: "\"")
                i += 1
                if !seen.insert(attribute).inserted { problems.append("`\(attribute)` twice on `\(name)`") }
                if !attributes.contains(attribute) { problems.append("`\(attribute)` is not a MathML Core attribute") }
                if attribute == "mathvariant", value != "normal" || name != "mi" {
                    problems.append("mathvariant=\"\(value)\" on `\(name)`")
                }
                if attribute == "display", name != "math" { problems.append("`display` on `\(name)`") }
            }
        }
        if !stack.isEmpty { problems.append("`\(stack.last!.name)` is not closed") }
        if roots != 1 { problems.append("\(roots) root elements") }
        return problems
    }
}
