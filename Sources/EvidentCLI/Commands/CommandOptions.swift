import Foundation
import EvidentLanguage
import Evident
import EvidentMarkdown

/// The options `build`, `check` and `run` share, as typed on the command line.
public struct CommandOptions: Sendable {
    /// `--param NAME=VALUE`, in the order given; a later NAME wins.
    public var params: [String]
    /// `--limit NAME=VALUE`, in the order given; a later NAME wins.
    public var limits: [String]
    /// `--template FILE`: the path of a Mustache page template.
    public var templatePath: String?
    /// `--unsafe`: let author HTML through.
    public var unsafeHTML: Bool
    /// `--cache DIR`: keep block results in DIR.
    public var cacheDirectory: String?
    /// `--no-cache`: neither read nor write cached block results.
    public var noCache: Bool
    /// `--math-font embedded|system`; nil: as the project file says, else embedded.
    public var mathFont: MathFontChoice?
    /// The documents and directories named on the command line: the tree
    /// being built, inside which data files may be read.
    public var inputPaths: [String] = []
    /// `--allow-read DIR`: further directories data files may be read from.
    public var allowRead: [String] = []
    /// The project file of the paths given, once found: its settings apply
    /// where the command line gives none.
    public var project: ProjectFile?

    public init(params: [String] = [], limits: [String] = [], templatePath: String? = nil, unsafeHTML: Bool = false,
                cacheDirectory: String? = nil, noCache: Bool = false) {
        self.params = params
        self.limits = limits
        self.templatePath = templatePath
        self.unsafeHTML = unsafeHTML
        self.cacheDirectory = cacheDirectory
        self.noCache = noCache
    }

    /// Where block results are cached: nowhere with `--no-cache`, in
    /// `--cache DIR` when given, else as the project file's `cache` says,
    /// else at `fallback`.
    public func cacheLocation(default fallback: CacheLocation?) -> CacheLocation? {
        if noCache { return nil }
        if let cacheDirectory { return .directory(cacheDirectory) }
        switch project?.cache {
        case .directory(let directory): return .directory(directory)
        case .off: return nil
        case nil: return fallback
        }
    }

    /// Whether the cache's place was chosen (on the command line or in the
    /// project file) rather than left to the command.
    public var cacheChosen: Bool { noCache || cacheDirectory != nil || project?.cache != nil }

    /// The pipeline options these stand for: params parsed with
    /// `FrontMatter.paramValue(parsing:)` (YAML), the template file read
    /// (a `TemplateProblem` when it cannot be used).
    public func pipelineOptions() throws -> PipelineOptions {
        // An empty directory (an unset variable in a script) would mean the
        // file system's root.
        if cacheDirectory?.isEmpty == true, !noCache { throw Diagnostic(.commandLine, "--cache needs a directory; it was given an empty path") }
        var values: [String: ParamValue] = [:]
        var origins: [String: ParamOrigin] = [:]
        for param in project?.params ?? [] {
            values[param.name] = param.value
            origins[param.name] = .projectFile(path: project!.path, location: param.location)
        }
        for param in params {
            let (name, value) = try Self.parseParam(param)
            values[name] = value
            origins[name] = .commandLine(param)
        }
        let template = try templatePath.map { path in
            let text: String
            do {
                text = try TextFile.read(path)
            } catch let error as FileError {
                throw Diagnostic(.commandLine, "cannot read template '\(path)': \(error.reason)")
            }
            do {
                return try PageTemplate(text, file: path)
            } catch let diagnostic as Diagnostic {
                throw TemplateProblem(diagnostic: diagnostic, lines: PageTemplate.lines(of: text))
            }
        }
        var options = PipelineOptions(params: values, unsafeHTML: unsafeHTML, template: template)
        options.paramOrigins = origins
        options.mathFont = mathFont ?? project?.mathFont ?? .embedded
        options.readRoots = try readRoots()
        options.limits = Limits.standard.applying(project?.limits ?? [])
        options.limitOverrides = try limits.map { text in
            switch BudgetSetting.parse(assignment: text) {
            case .success(let setting): return setting
            case .failure(let problem): throw Diagnostic(.commandLine, "invalid --limit '\(text)': \(problem.message)")
            }
        }
        return options
    }

    /// Where data files may be read from: each directory named, the
    /// directory of each file named, each `--allow-read` directory, and the
    /// project's root and `allow-read` directories.
    func readRoots() throws -> [String] {
        let project = self.project.map { [$0.root] + $0.allowRead } ?? []
        for directory in allowRead {
            var isDirectory: ObjCBool = false
            guard !directory.isEmpty, FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw Diagnostic(.commandLine, "--allow-read needs an existing directory, got '\(directory)'")
            }
        }
        let trees = inputPaths.map { path -> String in
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return path }
            let parent = (path as NSString).deletingLastPathComponent
            return parent.isEmpty ? "." : parent
        }
        return trees.isEmpty && allowRead.isEmpty && project.isEmpty ? [] : trees + allowRead + project
    }

    /// The names given with `--param`, in order, each once.
    public func paramNames() -> [String] {
        var names: [String] = []
        for param in params {
            if let name = param.split(separator: "=", maxSplits: 1).first.map(String.init), !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// `NAME=VALUE` split at the first `=`; NAME must be an identifier
    /// (a letter or `_`, then letters, digits or `_`). VALUE may be empty or
    /// hold further `=`.
    public static func parseParam(_ text: String) throws -> (String, ParamValue) {
        guard let equals = text.firstIndex(of: "=") else {
            throw Diagnostic(.commandLine, "invalid --param '\(text)': expected NAME=VALUE")
        }
        let name = String(text[..<equals])
        guard let first = name.first, first.isLetter || first == "_",
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
        else {
            throw Diagnostic(.commandLine, "invalid --param '\(text)': '\(name)' is not a parameter name")
        }
        let value = String(text[text.index(after: equals)...])
        do {
            return (name, try FrontMatter.paramValue(parsing: value))
        } catch let problem as FrontMatter.ParamProblem {
            throw Diagnostic(.commandLine, "invalid --param '\(text)': the value \(problem.message)")
        } catch {
            throw Diagnostic(.commandLine, "invalid --param '\(text)': the value is not a YAML value (numbers, strings, true/false, [lists], {mappings})")
        }
    }
}

/// A page template that cannot be used: where (in the template file) and
/// why, with the template's lines for the excerpt.
struct TemplateProblem: Error {
    var diagnostic: Diagnostic
    var lines: [Substring]
}
