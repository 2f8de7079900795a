import EvidentLanguage
import EvidentMarkdown
import Foundation
import Yams

/// `evident.yml`: the settings of the tree it stands at the root of, found
/// upwards from the paths a command is given, as Git finds `.git`.
///
///     include: ["docs/**/*.md"]     # which documents a directory yields (default all *.md)
///     exclude: [README.md, drafts/] # and which it does not
///     params: {seed: 1}             # defaults for the documents that declare them
///     cache: .evident-cache         # a directory, or false for none
///     math-font: embedded           # or system
///     allow-read: [data]            # further directories csv(…) and json(…) may read
///     limits: {time: 2h}            # budgets of every document (`Budget`)
///
/// Paths are relative to the file's directory, the project root. The
/// command line overrides each setting. A key the file does not know, or a
/// value of the wrong type, is a located diagnostic (`E0915`), as is YAML
/// that does not parse.
public struct ProjectFile: Sendable {
    public static let fileName = "evident.yml"

    /// Where block results are kept: a directory (absolute) or nowhere.
    public enum CacheSetting: Hashable, Sendable {
        case directory(String)
        case off
    }

    /// A default param, with where it stands in the file.
    public struct Param: Sendable {
        public var name: String
        public var value: ParamValue
        public var location: SourceLocation
    }

    /// The path diagnostics name the file by.
    public var path: String
    /// The directory holding the file (absolute, `.` and `..` resolved).
    public var root: String
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    public var params: [Param] = []
    public var cache: CacheSetting?
    public var mathFont: MathFontChoice?
    /// Absolute directories.
    public var allowRead: [String] = []
    /// Budgets for every document; a document's front matter and the
    /// command line may change them.
    public var limits: [BudgetSetting] = []

    public init(root: String, path: String) {
        self.root = root
        self.path = path
    }

    /// The keys the file may hold.
    public static let keys = ["include", "exclude", "params", "cache", "math-font", "allow-read", "limits"]

    /// The project file in `directory` (absolute) or the nearest directory
    /// above it, or nil when there is none up to the file system's root.
    public static func find(from directory: String) -> String? {
        var current = URL(fileURLWithPath: directory).standardizedFileURL.path
        while true {
            let candidate = (current == "/" ? "" : current) + "/" + fileName
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue { return candidate }
            guard current != "/", !current.isEmpty else { return nil }
            current = (current as NSString).deletingLastPathComponent
        }
    }

    /// Whether a document at `relativePath` (from the root) is one to
    /// process: it matches an `include` pattern (any, when there are none)
    /// and no `exclude` pattern.
    public func selects(_ relativePath: String) -> Bool {
        (include.isEmpty || include.contains { $0.matches(relativePath) }) && !exclude.contains { $0.matches(relativePath) }
    }

    /// `absolutePath` relative to the root, or nil when it is not below it.
    public func relativePath(of absolutePath: String) -> String? {
        let prefix = root == "/" ? "/" : root + "/"
        return absolutePath.hasPrefix(prefix) ? String(absolutePath.dropFirst(prefix.count)) : nil
    }

    /// Parses `text`, the project file that diagnostics name `path`, whose
    /// directory is `root`.
    public static func parse(_ text: String, root: String, path: String) -> (ProjectFile, [Diagnostic]) {
        var project = ProjectFile(root: root, path: path)
        var diagnostics: [Diagnostic] = []
        func location(_ mark: Mark?) -> SourceLocation {
            mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1)
        }
        func report(_ message: String, at mark: Mark?) {
            diagnostics.append(Diagnostic(file: path, range: SourceRange(location(mark)), id: .projectFileMalformed, message: message))
        }
        let (root, problems) = YAMLProblem.compose(text, file: path, what: "malformed \(fileName)", id: .projectFileMalformed,
                                                   place: { SourceLocation(line: $0, column: $1) }, unplaced: SourceLocation(line: 1, column: 1))
        diagnostics += problems
        guard let root else { return (project, diagnostics) }
        guard let mapping = root.mapping else {
            report("\(fileName) must be a mapping of settings (\(keys.joined(separator: ", ")))", at: root.mark)
            return (project, diagnostics)
        }
        /// A string or a list of strings.
        func strings(_ node: Node, key: String) -> [String]? {
            if node.scalar != nil, FrontMatter.typeName(of: node) != .null { return [node.scalar!.string] }
            if let items = node.sequence, items.allSatisfy({ $0.scalar != nil && FrontMatter.typeName(of: $0) != .null }) {
                return items.map { $0.scalar!.string }
            }
            report("`\(key)` must be a path or a list of paths", at: node.mark)
            return nil
        }
        func absolute(_ relative: String) -> String {
            let joined = relative.hasPrefix("/") ? relative : (project.root == "/" ? "" : project.root) + "/" + relative
            return URL(fileURLWithPath: joined).standardizedFileURL.path
        }
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            switch name {
            case "include":
                project.include = strings(value, key: name)?.map(Glob.init) ?? []
            case "exclude":
                project.exclude = strings(value, key: name)?.map(Glob.init) ?? []
            case "allow-read":
                project.allowRead = strings(value, key: name)?.map(absolute) ?? []
            case "cache":
                if FrontMatter.typeName(of: value) == .bool, value.bool == false {
                    project.cache = .off
                } else if let text = value.scalar?.string, FrontMatter.typeName(of: value) == .str, !text.isEmpty {
                    project.cache = .directory(absolute(text))
                } else {
                    report("`cache` must be a directory or false", at: value.mark)
                }
            case "math-font":
                if let text = value.scalar?.string, let choice = MathFontChoice(rawValue: text) {
                    project.mathFont = choice
                } else {
                    report("`math-font` must be `embedded` or `system`", at: value.mark)
                }
            case "limits":
                project.limits = FrontMatter.budgetSettings(value, report: report)
            case "params":
                guard let entries = value.mapping else {
                    if FrontMatter.typeName(of: value) != .null { report("`params` must be a mapping of names to values", at: value.mark) }
                    continue
                }
                for (entryName, entry) in entries {
                    guard let text = entryName.scalar?.string, FrontMatter.isIdentifier(text) else {
                        report("a param name must be an identifier", at: entryName.mark)
                        continue
                    }
                    do {
                        project.params.append(Param(name: text, value: try FrontMatter.paramValue(entry), location: location(entry.mark)))
                    } catch let problem as FrontMatter.ParamProblem {
                        report("param `\(text)`: \(problem.message)", at: problem.mark ?? entry.mark)
                    } catch {
                        report("param `\(text)` cannot be read", at: entry.mark)
                    }
                }
            default:
                var message = "unknown key `\(name)` in \(fileName)"
                if let suggestion = Suggestion.nearest(to: name, among: keys) {
                    message += "; did you mean `\(suggestion)`?"
                } else {
                    message += "; it knows " + keys.map { "`\($0)`" }.joined(separator: ", ")
                }
                report(message, at: key.mark)
            }
        }
        return (project, diagnostics)
    }
}
