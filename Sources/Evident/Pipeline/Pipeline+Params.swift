import EvidentLanguage
import EvidentMarkdown

/// Where a param's value was set: what an error about a value of the
/// wrong type names, so that `--param theta=abc` is found where it was typed.
public enum ParamOrigin: Hashable, Sendable {
    /// `--param NAME=VALUE` on the command line, as typed.
    case commandLine(String)
    /// A project file's `params`, at this place.
    case projectFile(path: String, location: SourceLocation)
    /// The document's own front matter, at this line and column.
    case frontMatter(SourceLocation)

    public var description: String {
        switch self {
        case .commandLine(let typed): return "on the command line (--param \(typed))"
        case .projectFile(let path, let location): return "in \(path):\(location)"
        case .frontMatter(let location): return "in the front matter, line \(location.line)"
        }
    }
}

extension Pipeline {
    /// The front-matter params with `options.params` in place of those the
    /// document declares (an override it does not declare is for other
    /// documents), and where each value was set.
    func bindParams(_ frontMatter: FrontMatter) -> (values: [String: ParamValue], origins: [String: ParamOrigin]) {
        var params = frontMatter.paramValues
        var origins: [String: ParamOrigin] = [:]
        for (name, location) in frontMatter.paramLocations { origins[name] = .frontMatter(location) }
        for (name, value) in options.params where params[name] != nil {
            params[name] = value
            if let origin = options.paramOrigins[name] { origins[name] = origin }
        }
        return (params, origins)
    }

    /// Whether `id` is a kind of error a param of the wrong type can lead to.
    static func mayComeFromAParam(_ id: DiagnosticID) -> Bool {
        id.code.hasPrefix("E04") || [.notAFunction, .unknownMember, .geometryArgument, .invalidDistribution, .nonFinite].contains(id)
    }

    /// Each error about a value's type or shape whose code uses a param
    /// gets, after its message, the param's value and where it was set:
    /// `(theta is abc, a string, set on the command line (--param theta=abc))`.
    static func namingParams(_ diagnostics: [Diagnostic], values: [String: ParamValue], origins: [String: ParamOrigin],
                             source: String) -> [Diagnostic] {
        guard !origins.isEmpty, diagnostics.contains(where: { $0.severity == .error && mayComeFromAParam($0.id) }) else { return diagnostics }
        let lines = Diagnostic.lines(of: source)
        return diagnostics.map { diagnostic in
            guard diagnostic.severity == .error, mayComeFromAParam(diagnostic.id) else { return diagnostic }
            let used = identifiers(in: text(of: diagnostic.range, lines: lines))
            let named = used.filter { origins[$0] != nil && values[$0] != nil }
            guard !named.isEmpty else { return diagnostic }
            var annotated = diagnostic
            let parts = named.map { name -> String in
                let value = values[name]!
                return "`\(name)` is \(shown(value)), \(value.value.typeDescription), set \(origins[name]!.description)"
            }
            annotated.message += " (" + parts.joined(separator: "; ") + ")"
            return annotated
        }
    }

    /// A param's value as YAML would show it, cut short when long.
    static func shown(_ value: ParamValue) -> String {
        let text: String
        switch value {
        case .number(let x): text = NumberFormat.shortest(x)
        case .string(let s): text = "\"\(s)\""
        case .bool(let b): text = b ? "true" : "false"
        case .list(let items): text = "[" + items.map(shown).joined(separator: ", ") + "]"
        case .record(let fields): text = "{" + fields.map { "\($0.name): \(shown($0.value))" }.joined(separator: ", ") + "}"
        }
        return text.count > 40 ? String(text.prefix(39)) + "…" : text
    }

    /// The text a range covers.
    static func text(of range: SourceRange, lines: [Substring]) -> String {
        guard range.start.line >= 1, range.start.line <= lines.count else { return "" }
        let last = min(max(range.end.line, range.start.line), lines.count)
        var text = ""
        for line in range.start.line...last {
            let scalars = Array(lines[line - 1].unicodeScalars)
            let from = line == range.start.line ? max(0, range.start.column - 1) : 0
            let to = line == range.end.line ? min(scalars.count, max(from, range.end.column - 1)) : scalars.count
            if from < to { text.unicodeScalars.append(contentsOf: scalars[from..<to]) }
            text += "\n"
        }
        return text
    }

    /// The distinct identifiers in `text`, in order, outside strings and
    /// comments, not after a `.` (members are not names).
    static func identifiers(in text: String) -> [String] {
        var found: [String] = []
        var current = ""
        var afterDot = false, quoted = false, comment = false
        func finish() {
            if !current.isEmpty, !afterDot, !found.contains(current) { found.append(current) }
            current = ""
        }
        for scalar in text.unicodeScalars {
            if comment { if scalar == "\n" { comment = false }; continue }
            if quoted { if scalar == "\"" { quoted = false }; continue }
            if scalar == "_" || scalar.properties.isAlphabetic || (!current.isEmpty && ("0"..."9").contains(scalar)) {
                current.unicodeScalars.append(scalar)
                continue
            }
            finish()
            afterDot = scalar == "."
            if scalar == "\"" { quoted = true } else if scalar == "#" { comment = true }
        }
        finish()
        return found
    }
}
