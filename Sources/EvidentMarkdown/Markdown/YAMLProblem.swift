import EvidentLanguage
import Yams

/// A YAML syntax error as libyaml states it: the construct it was reading
/// (its context: "while parsing a flow sequence", from where that
/// construct starts) and the problem, where it was noticed. A bracket left
/// open on line 2 is noticed on a later line; the error stands at the
/// bracket, and a note at the place it was noticed.
package struct YAMLProblem {
    package var context: YamlError.Context?
    package var problem: String
    package var mark: Mark

    package init(context: YamlError.Context?, problem: String, mark: Mark) {
        self.context = context
        self.problem = problem
        self.mark = mark
    }

    /// An error (`WHAT: in the flow sequence that starts here, PROBLEM`) at
    /// the context's start, and a note where libyaml noticed the problem;
    /// without a context, the error alone where it was noticed. `location`
    /// turns a YAML mark into a place in the file.
    package func diagnostics(file: String, what: String, id: DiagnosticID = .frontMatterMalformed,
                             location: (Mark?) -> SourceLocation) -> [Diagnostic] {
        let noticed = location(mark)
        guard let context, case let start = location(context.mark), start != noticed else {
            return [Diagnostic(file: file, range: SourceRange(noticed), id: id, message: "\(what): \(problem)")]
        }
        var construct = context.text
        for prefix in ["while parsing ", "while scanning "] where construct.hasPrefix(prefix) {
            construct.removeFirst(prefix.count)
        }
        if construct.hasPrefix("a ") { construct.removeFirst(2) } else if construct.hasPrefix("an ") { construct.removeFirst(3) }
        return [
            Diagnostic(file: file, range: SourceRange(start), id: id, message: "\(what): in the \(construct) that starts here, \(problem)"),
            Diagnostic(file: file, range: SourceRange(noticed), severity: .note, id: id, message: "the YAML reader noticed it here"),
        ]
    }
}
