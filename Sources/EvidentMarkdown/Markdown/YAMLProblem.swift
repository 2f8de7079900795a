import EvidentLanguage
import Yams

/// Reads YAML for the front matter and the project file: the text composed
/// into nodes, or its problems as located diagnostics.
///
/// A syntax error is given as libyaml states it: the construct it was
/// reading (its context: "while parsing a flow sequence", from where that
/// construct starts) and the problem, where it was noticed. A bracket left
/// open on line 2 is noticed on a later line; the error stands at the
/// bracket, and a note at the place it was noticed.
package enum YAMLProblem {
    /// `yaml` composed (nil when empty), or the diagnostics saying why it
    /// cannot be: `WHAT: PROBLEM` with `id`. `place` turns a line and column
    /// of the YAML text (1-based) into a place in the file; `unplaced` is
    /// where a problem without a place stands.
    package static func compose(_ yaml: String, file: String, what: String, id: DiagnosticID,
                                place: (_ line: Int, _ column: Int) -> SourceLocation,
                                unplaced: SourceLocation) -> (root: Node?, diagnostics: [Diagnostic]) {
        func failed(_ message: String, at location: SourceLocation) -> [Diagnostic] {
            [Diagnostic(file: file, range: SourceRange(location), id: id, message: "\(what): \(message)")]
        }
        // An alias as a mapping key makes the duplicate-key check hash the
        // whole aliased value, which nested aliases make exponential.
        if let (line, column) = FrontMatter.aliasKey(in: yaml) {
            return (nil, failed("an alias cannot be a key", at: place(line, column)))
        }
        do {
            // Scalars are typed by `PlainScalarTypes`, YAML's default rules
            // without the regular expressions Yams compiles for them.
            return (try Yams.compose(yaml: yaml, .basic), [])
        } catch let failure as YamlError {
            switch failure {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let noticed = place(mark.line, mark.column)
                guard let context, case let start = place(context.mark.line, context.mark.column), start != noticed else {
                    return (nil, failed(problem, at: noticed))
                }
                let construct = Self.construct(context.text)
                return (nil, [
                    Diagnostic(file: file, range: SourceRange(start), id: id, message: "\(what): in the \(construct) that starts here, \(problem)"),
                    Diagnostic(file: file, range: SourceRange(noticed), severity: .note, id: id, message: "the YAML reader noticed it here"),
                ])
            case .duplicatedKeysInMapping(let duplicates, let context):
                return (nil, failed("duplicate key \(duplicates.joined(separator: ", "))", at: place(context.mark.line, context.mark.column)))
            case .reader(let problem, _, _, _):
                return (nil, failed(problem, at: unplaced))
            default:
                return (nil, failed("it cannot be read as YAML", at: unplaced))
            }
        } catch {
            return (nil, failed("it cannot be read as YAML", at: unplaced))
        }
    }

    /// libyaml's context ("while parsing a flow sequence") as the construct
    /// it names ("flow sequence").
    static func construct(_ context: String) -> String {
        var text = Substring(context)
        for prefix in ["while parsing ", "while scanning "] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        for article in ["a ", "an "] where text.hasPrefix(article) { text = text.dropFirst(article.count) }
        return String(text)
    }
}
