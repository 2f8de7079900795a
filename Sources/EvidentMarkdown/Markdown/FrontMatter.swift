import EvidentLanguage
import Yams

/// The YAML block between `---` lines at the very top of a document.
///
/// Only `title` (a string), `params` (a map of numbers and strings),
/// `macros` (TeX commands for the page's math: `\\R: \\mathbb{R}`),
/// `limits` (the document's budgets: `limits: {time: 2h}`) and
/// `evident` (false: the document is not evaluated) are read; other keys
/// are left to other tools. Problems become located
/// diagnostics, never crashes.
public struct FrontMatter: Sendable, Equatable {
    public var title: String?
    /// The params in the order written.
    public var params: [(name: String, value: ParamValue)]
    /// Where the `params` key stands, for diagnostics about params.
    public var paramsLocation: SourceLocation?
    /// How many lines the front matter takes, delimiters included (0 without one).
    public var lineCount: Int
    /// TeX macros for the page's math, name (with its backslash) to body,
    /// with where each body stands.
    public var macros: [(name: String, body: String, location: SourceLocation)] = []
    /// `evident: false` opts the document out: it is not evaluated (a README
    /// that shows the syntax, say). Nil when the key is absent.
    public var evident: Bool?
    /// Where each param's value stands, for errors that name where a param
    /// was set.
    public var paramLocations: [String: SourceLocation] = [:]
    /// The budgets the document sets for itself (`Limits`), in the order written.
    public var limits: [BudgetSetting] = []

    public init(title: String? = nil, params: [(name: String, value: ParamValue)] = [], paramsLocation: SourceLocation? = nil, lineCount: Int = 0) {
        self.title = title
        self.params = params
        self.paramsLocation = paramsLocation
        self.lineCount = lineCount
    }

    public var paramValues: [String: ParamValue] {
        Dictionary(params.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    public static func == (a: FrontMatter, b: FrontMatter) -> Bool {
        a.title == b.title && a.paramsLocation == b.paramsLocation && a.lineCount == b.lineCount && a.evident == b.evident && a.limits == b.limits
            && a.macros.map(\.name) == b.macros.map(\.name) && a.macros.map(\.body) == b.macros.map(\.body)
            && a.params.map(\.name) == b.params.map(\.name) && a.params.map(\.value) == b.params.map(\.value)
    }

    /// Splits `source` into its front matter and the Markdown body. Front
    /// matter starts with a `---` line on line 1 followed by a non-blank line,
    /// and ends at the next `---` or `...` line.
    ///
    /// The body keeps the document's line numbering: the front matter's lines
    /// are replaced by empty lines, so that line N of the body is line N of
    /// the document.
    public static func split(_ source: String, file: String) -> (frontMatter: FrontMatter, body: String, diagnostics: [Diagnostic]) {
        split(source, file: file, makingBody: true)
    }

    /// The front matter of `source` alone, as `split` reads it, without
    /// the copy of the body that `split` makes.
    public static func read(_ source: String, file: String) -> (frontMatter: FrontMatter, diagnostics: [Diagnostic]) {
        let (frontMatter, _, diagnostics) = split(source, file: file, makingBody: false)
        return (frontMatter, diagnostics)
    }

    private static func split(_ source: String, file: String, makingBody: Bool) -> (frontMatter: FrontMatter, body: String, diagnostics: [Diagnostic]) {
        // Only the lines up to the closing delimiter are looked at: the rest
        // of the document is copied once, whatever its size.
        func isDelimiter(_ line: Substring, closing: Bool) -> Bool {
            var text = line
            while text.last == " " || text.last == "\t" || text.last == "\r" { text.removeLast() }
            return text == "---" || (closing && text == "...")
        }
        var lines: [Substring] = []
        /// Where the text after the last line read starts, nil at the end.
        var rest: String.Index? = source.startIndex
        func readLine() -> Substring? {
            guard let start = rest else { return nil }
            if let newline = source.utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
                rest = source.index(after: newline)
                lines.append(source[start..<newline])
            } else {
                rest = nil
                lines.append(source[start...])
            }
            return lines.last
        }
        // As in pandoc, `---` followed by a blank line is a thematic break,
        // not the start of front matter.
        guard let first = readLine(), isDelimiter(first, closing: false),
              let second = readLine(), !second.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) else {
            return (FrontMatter(), source, [])
        }
        var end = 1
        while !isDelimiter(lines[end], closing: true) {
            guard readLine() != nil else {
                let diagnostic = Diagnostic(file: file, range: SourceRange(start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 4)),
                                            id: .frontMatterUnclosed, message: "front matter is not closed: add a line `---` after it")
                return (FrontMatter(), source, [diagnostic])
            }
            end += 1
        }
        let yaml = lines[1..<end].map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }.joined(separator: "\n")
        var frontMatter = FrontMatter(lineCount: end + 1)
        // The front matter's lines become empty lines, so that the body keeps
        // the document's line numbers.
        let body = !makingBody ? "" : rest.map { String(repeating: "\n", count: end + 1) + source[$0...] } ?? String(repeating: "\n", count: end)
        var diagnostics: [Diagnostic] = []

        /// A YAML mark (1-based within the YAML text) as a document position.
        func location(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return SourceLocation(line: 2, column: 1) }
            return SourceLocation(line: mark.line + 1, column: mark.column)
        }
        func report(_ message: String, at mark: Mark?) {
            diagnostics.append(Diagnostic(file: file, range: SourceRange(location(mark)), id: .frontMatterMalformed, message: message))
        }

        let (root, problems) = YAMLProblem.compose(yaml, file: file, what: "malformed front matter", id: .frontMatterMalformed,
                                                   place: { SourceLocation(line: $0 + 1, column: $1) }, unplaced: location(nil))
        diagnostics += problems
        guard let root else { return (frontMatter, body, diagnostics) }
        guard let mapping = root.mapping else {
            report("front matter must be a mapping of keys to values", at: root.mark)
            return (frontMatter, body, diagnostics)
        }
        for (key, value) in mapping {
            switch key.scalar?.string {
            case "title":
                if let scalar = value.scalar, typeName(of: value) != .null {
                    frontMatter.title = scalar.string
                } else {
                    report("`title` must be a string", at: value.mark)
                }
            case "params":
                frontMatter.paramsLocation = location(key.mark)
                guard let params = value.mapping else {
                    if typeName(of: value) != .null { report("`params` must be a mapping of names to numbers or strings", at: value.mark) }
                    continue
                }
                for (name, entry) in params {
                    guard let nameText = name.scalar?.string, isIdentifier(nameText) else {
                        report("a param name must be an identifier", at: name.mark)
                        continue
                    }
                    do {
                        frontMatter.params.append((nameText, try paramValue(entry)))
                        frontMatter.paramLocations[nameText] = location(entry.mark)
                    } catch let problem as ParamProblem {
                        report("param `\(nameText)`: \(problem.message)", at: problem.mark ?? entry.mark)
                    } catch {
                        report("param `\(nameText)` cannot be read", at: entry.mark)
                    }
                }
            case "limits":
                frontMatter.limits = budgetSettings(value, report: report)
            case "evident":
                guard typeName(of: value) == .bool, let flag = value.bool else {
                    report("`evident` must be true or false (false: the document is not evaluated)", at: value.mark)
                    continue
                }
                frontMatter.evident = flag
            case "macros":
                guard let macros = value.mapping else {
                    if typeName(of: value) != .null { report("`macros` must be a mapping of TeX commands to their definitions", at: value.mark) }
                    continue
                }
                for (name, entry) in macros {
                    guard let nameText = name.scalar?.string, let bodyText = entry.scalar?.string, typeName(of: entry) != .null else {
                        report("a macro is a TeX command and its definition, both strings", at: name.mark)
                        continue
                    }
                    let command = nameText.hasPrefix("\\") ? nameText : "\\" + nameText
                    frontMatter.macros.append((command, bodyText, location(entry.mark)))
                }
            default:
                continue
            }
        }
        return (frontMatter, body, diagnostics)
    }

    /// A `limits` mapping (front matter, `evident.yml`) as budget settings
    /// in the order written; what cannot be read is reported where it stands.
    package static func budgetSettings(_ value: Node, report: (String, Mark?) -> Void) -> [BudgetSetting] {
        guard let limits = value.mapping else {
            if typeName(of: value) != .null { report("`limits` must be a mapping of budgets to values (`time: 2h`, `flow-steps: 1e8`)", value.mark) }
            return []
        }
        var settings: [BudgetSetting] = []
        for (name, entry) in limits {
            guard let nameText = name.scalar?.string, let valueText = entry.scalar?.string, typeName(of: entry) != .null else {
                report("a limit is a budget's name and its value (`time: 2h`)", name.mark)
                continue
            }
            switch BudgetSetting.parse(name: nameText, value: valueText) {
            case .success(let setting): settings.append(setting)
            case .failure(let problem): report(problem.message, Budget(rawValue: nameText) == nil ? name.mark : entry.mark)
            }
        }
        return settings
    }

    /// Why a YAML value cannot be a param, and where.
    package struct ParamProblem: Error {
        package var message: String
        package var mark: Mark?
    }

    /// A YAML value as a param: numbers (finite), strings, booleans, and
    /// sequences and mappings of them, at most 32 deep and 100,000 values
    /// in all (aliases count each time they are used: a YAML alias bomb
    /// stops here instead of filling the memory).
    ///
    /// `commandLine`: the value was typed as `--param NAME=VALUE`, where
    /// YAML's reading of `nan`, `inf` or `-inf` as text would silently turn
    /// a number param into a string; a plain scalar that spells a number
    /// that is not finite is refused there, as `1e400` is (quoted, it is text).
    package static func paramValue(_ node: Node, commandLine: Bool = false) throws -> ParamValue {
        var budget = 100_000
        return try paramValue(node, depth: 0, budget: &budget, commandLine: commandLine)
    }

    private static func paramValue(_ node: Node, depth: Int, budget: inout Int, commandLine: Bool) throws -> ParamValue {
        guard depth < 32 else { throw ParamProblem(message: "nested more than 32 deep", mark: node.mark) }
        budget -= 1
        guard budget >= 0 else { throw ParamProblem(message: "holds more than 100,000 values", mark: nil) }
        switch node {
        case .scalar:
            switch typeName(of: node) {
            case .int, .float:
                guard let number = node.float, number.isFinite else { throw ParamProblem(message: "must be a finite number", mark: node.mark) }
                return .number(number)
            case .bool:
                return .bool(node.bool ?? false)
            case .str:
                let text = node.scalar?.string ?? ""
                if commandLine, node.scalar?.style == .plain, let number = Double(text), !number.isFinite {
                    throw ParamProblem(message: "must be a finite number (quoted, \"\(text)\" is the text)", mark: node.mark)
                }
                return .string(text)
            default:
                throw ParamProblem(message: "must be a number, a string, a boolean, a list or a mapping, not null", mark: node.mark)
            }
        case .sequence(let sequence):
            return .list(try sequence.map { try paramValue($0, depth: depth + 1, budget: &budget, commandLine: commandLine) })
        case .mapping(let mapping):
            var fields: [ParamField] = []
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { throw ParamProblem(message: "a key must be a string", mark: key.mark) }
                fields.append(ParamField(name: name, value: try paramValue(value, depth: depth + 1, budget: &budget, commandLine: commandLine)))
            }
            return .record(fields)
        default:
            throw ParamProblem(message: "cannot be read", mark: node.mark)
        }
    }

    /// `--param NAME=VALUE`'s VALUE read as a YAML flow value
    /// (`0.5`, `abc`, `true`, `[0.2, 0.8]`, `{a: 1}`); empty is the empty string.
    package static func paramValue(parsing text: String) throws -> ParamValue {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return .string(text) }
        guard let node = try Yams.compose(yaml: text, .basic) else { return .string(text) }
        return try paramValue(node, commandLine: true)
    }

    /// A node's YAML type under the default rules: a plain untagged scalar
    /// by its text, a quoted one or `!` a string, an explicit tag itself.
    package static func typeName(of node: Node) -> Tag.Name {
        guard case .scalar(let scalar) = node else { return Tag.Name(rawValue: node.tag.rawValue) }
        switch scalar.tag.rawValue {
        case Tag.Name.implicit.rawValue: return PlainScalarTypes.tag(of: scalar.string)
        case Tag.Name.nonSpecific.rawValue: return .str
        case let explicit: return Tag.Name(rawValue: explicit)
        }
    }

    package static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// The place (line and column in `yaml`, 1-based) of the first alias
    /// (`*name`) in key position: after an explicit key's `?`, or followed
    /// by `:`. Quoted strings and comments are skipped; an alias is a `*`
    /// that starts a node (at a line's start, or after an indicator `-`,
    /// `?`, `:`, `[`, `{` or `,`), never one inside a plain scalar.
    static func aliasKey(in yaml: String) -> (line: Int, column: Int)? {
        let scalars = Array(yaml.unicodeScalars)
        let blank: Set<Unicode.Scalar> = [" ", "\t", "\n"]
        var line = 1, column = 1, i = 0
        // The indicator that the next node follows ("\n" at a line's start); nil inside a scalar.
        var indicator: Unicode.Scalar? = "\n"
        var quote: Unicode.Scalar?
        func advance() {
            if scalars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
        func followedByBlank(_ k: Int) -> Bool { k + 1 >= scalars.count || blank.contains(scalars[k + 1]) }
        while i < scalars.count {
            let c = scalars[i]
            if let open = quote {
                if c == "\\" && open == "\"" && i + 1 < scalars.count { advance() } else if c == open { quote = nil }
                advance()
                continue
            }
            if c == "#" && (i == 0 || blank.contains(scalars[i - 1])) {
                while i < scalars.count, scalars[i] != "\n" { advance() }
                continue
            }
            if c == "\n" {
                indicator = "\n"
            } else if c == " " || c == "\t" {
            } else if indicator != nil && (c == "\"" || c == "'") {
                quote = c
                indicator = nil
            } else if indicator != nil && c == "*" {
                let start = (line, column)
                var k = i + 1
                while k < scalars.count, !" \t\n,[]{}".unicodeScalars.contains(scalars[k]) { k += 1 }
                while k < scalars.count, scalars[k] == " " || scalars[k] == "\t" { k += 1 }
                if indicator == "?" || (k < scalars.count && scalars[k] == ":") { return start }
                indicator = nil
            } else if "[{,".unicodeScalars.contains(c) || (c == ":" && followedByBlank(i))
                        || (indicator != nil && (c == "-" || c == "?") && followedByBlank(i)) {
                indicator = c
            } else {
                indicator = nil
            }
            advance()
        }
        return nil
    }
}
