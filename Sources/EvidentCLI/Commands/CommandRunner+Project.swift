import Evident
import EvidentLanguage
import EvidentMarkdown
import Foundation

/// What a command works on: the documents its paths name, as the project
/// file (if any) selects them, with their text.
struct Workspace {
    /// The documents to process, in order.
    var documents: [(input: DocumentInput, source: String)] = []
    /// Documents whose front matter says `evident: false`: not processed.
    var optedOut: [DocumentInput] = []
    /// The path a page and the index show for each document: relative to the
    /// project root, else to the directory it was found in (a file named
    /// directly: its name).
    var shownPaths: [String: String] = [:]
    /// The project root, else the deepest directory holding every path given
    /// (absolute, links resolved): what a cache without a project is keyed by.
    var sourceRoot: String
    /// Documents that could not be read (missing, not UTF-8), each with how
    /// many of `documents` come before it; only when the command asked to
    /// go on without them (`check`), else reading stops the command.
    var unreadable: [(position: Int, error: FileError)] = []
}

/// A failure whose reason was printed where it was found.
struct AlreadyReported: Error {}

extension CommandRunner {
    /// The project file above `paths`, read, or nil when there is none;
    /// `.failure` after reporting a project file that cannot be used (or
    /// two, for paths in different projects).
    func findProject(for paths: [String]) -> Result<ProjectFile?, AlreadyReported> {
        var found: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            let absolute = DocumentInputs.absolute(path)
            let exists = FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory)
            let directory = exists && isDirectory.boolValue ? absolute : (absolute as NSString).deletingLastPathComponent
            if let file = ProjectFile.find(from: directory), !found.contains(file) { found.append(file) }
        }
        guard let file = found.first else { return .success(nil) }
        guard found.count == 1 else {
            reportError("the paths given belong to different projects (\(found.map { Self.shown($0) }.joined(separator: " and "))); check them one project at a time")
            return .failure(AlreadyReported())
        }
        let text: String
        do {
            text = try TextFile.read(file)
        } catch {
            reportError(error)
            return .failure(AlreadyReported())
        }
        let shownPath = Self.shown(file)
        let (project, diagnostics) = ProjectFile.parse(text, root: (file as NSString).deletingLastPathComponent, path: shownPath)
        let lines = Diagnostic.lines(of: text)
        diagnostics.forEach { console.error($0.formatted(lines: lines)) }
        return diagnostics.contains { $0.severity == .error } ? .failure(AlreadyReported()) : .success(project)
    }

    /// An absolute path as diagnostics show it: relative to the working
    /// directory (`../evident.yml` from below the project root), so that
    /// output does not depend on where the tree is on the machine.
    static func shown(_ absolute: String, from working: String = FileManager.default.currentDirectoryPath) -> String {
        let target = absolute.split(separator: "/"), base = DocumentInputs.absolute(working).split(separator: "/")
        let shared = zip(target, base).prefix { $0 == $1 }.count
        let parts = Array(repeating: "..", count: base.count - shared) + target[shared...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// The project, the documents and the options of a command over
    /// `paths`: the project file found and read (its settings under the
    /// command line's), the documents selected by its `include` and
    /// `exclude` (a file named on the command line that they leave out is
    /// noted), read, and those with `evident: false` set apart. Nil after
    /// reporting why the command cannot go on: a path naming nothing to
    /// process, an unreadable file, a project file with errors, or a
    /// `--param` that no document declares. With `keepingUnreadable`, a
    /// missing or unreadable document does not stop it: it is left in
    /// `unreadable`, unreported, for the command to report with the others.
    func prepare(_ paths: [String], options: inout CommandOptions, excluding excluded: String? = nil,
                 keepingUnreadable: Bool = false) -> Workspace? {
        guard !paths.isEmpty else {
            reportError("no input files")
            return nil
        }
        for param in options.params {
            do {
                _ = try CommandOptions.parseParam(param)
            } catch {
                reportError(String(describing: error))
                return nil
            }
        }
        switch findProject(for: paths) {
        case .failure: return nil
        case .success(let project): options.project = project
        }
        let project = options.project
        let inputs = DocumentInputs(paths: paths, excluding: excluded)
        var workspace = Workspace(sourceRoot: project?.root ?? Self.commonDirectory(of: paths))
        // Missing documents are kept only when nothing else stops the command.
        let kept = keepingUnreadable && inputs.problems.count == inputs.missing.count ? inputs.missing : []
        inputs.problems.filter { problem in !kept.contains { $0.problem == problem } }.forEach(reportError)
        var readable = inputs.problems.count == kept.count
        var missing = kept[...]
        var declared: Set<String> = []
        var frontMattersRead = true
        if reservesHeap { HeapGrowth.reserve(forFiles: inputs.documents.map(\.path)) }
        for (index, input) in inputs.documents.enumerated() {
            while let first = missing.first, first.position <= index {
                workspace.unreadable.append((workspace.documents.count, FileError(.read, path: first.path, reason: "no such file")))
                missing.removeFirst()
            }
            let absolute = DocumentInputs.absolute(input.path)
            let relative = project?.relativePath(of: absolute)
            if let project, let relative, !project.selects(relative) {
                if !input.foundInDirectory { reportNote("skipped \(input.path): \(project.path) excludes it") }
                continue
            }
            let source: String
            do {
                source = try TextFile.read(input.path)
            } catch let error as FileError where keepingUnreadable {
                workspace.unreadable.append((workspace.documents.count, error))
                continue
            } catch {
                reportError(error)
                readable = false
                continue
            }
            let (frontMatter, problems) = FrontMatter.read(source, file: input.path)
            if frontMatter.evident == false {
                workspace.optedOut.append(input)
                continue
            }
            frontMattersRead = frontMattersRead && problems.isEmpty
            declared.formUnion(frontMatter.params.map(\.name))
            workspace.documents.append((input, source))
            workspace.shownPaths[input.path] = relative ?? input.relativePath
        }
        for rest in missing {
            workspace.unreadable.append((workspace.documents.count, FileError(.read, path: rest.path, reason: "no such file")))
        }
        guard readable else { return nil }
        if workspace.documents.isEmpty, workspace.optedOut.isEmpty, workspace.unreadable.isEmpty {
            reportError("no documents to process: " + (project.map { "\($0.path) leaves out every one given" } ?? "none was given"))
            return nil
        }
        // A --param is for the documents that declare it; one that none
        // declares is a mistake (unless a front matter or a document could
        // not be read).
        if frontMattersRead, workspace.unreadable.isEmpty {
            for name in options.paramNames() where !declared.contains(name) {
                var message = "--param \(name): no document declares a param `\(name)`"
                if let suggestion = Suggestion.nearest(to: name, among: declared.sorted()) {
                    message += "; did you mean `\(suggestion)`?"
                } else if declared.isEmpty {
                    message += "; their front matter declares no params"
                } else {
                    message += "; the params declared are " + declared.sorted().map { "`\($0)`" }.joined(separator: ", ")
                }
                reportError(message)
                return nil
            }
        }
        return workspace
    }

    /// Says which documents were skipped for `evident: false`: a line each on
    /// standard output with the text format, a note on standard error with
    /// the others (whose standard output is for machines).
    func reportOptedOut(_ workspace: Workspace, onOutput: Bool) {
        for input in workspace.optedOut {
            if onOutput {
                console.output("skipped \(input.path) (evident: false)")
            } else {
                reportNote("skipped \(input.path): its front matter says evident: false")
            }
        }
    }

    /// Where `build` keeps block results unless told otherwise: at the
    /// project root, else in the user's cache keyed by the source root;
    /// never inside the output directory (a default that would be falls back
    /// to the user's cache). A chosen place inside it is a usage error:
    /// the cache would be published with the site.
    func buildCache(for workspace: Workspace, options: CommandOptions, output: String?) -> Result<CacheLocation?, AlreadyReported> {
        let user = CacheLocation.userCache(for: DocumentInputs.canonical(workspace.sourceRoot), environment: environment)
        let fallback = options.project.map { CacheLocation.project(root: $0.root) } ?? user
        let chosen = options.cacheLocation(default: fallback)
        guard let output, case .directory(let directory)? = chosen, Self.isInside(directory, output) else { return .success(chosen) }
        if options.cacheChosen {
            reportError("the cache directory '\(directory)' is inside the output directory '\(output)', which would publish it; choose another with --cache")
            return .failure(AlreadyReported())
        }
        return .success(user)
    }

    /// Whether `path` is `directory` or below it, links resolved.
    static func isInside(_ path: String, _ directory: String) -> Bool {
        let inner = DocumentInputs.canonical(path), outer = DocumentInputs.canonical(directory)
        return inner == outer || inner.hasPrefix(outer == "/" ? "/" : outer + "/")
    }

    /// The deepest directory holding every path (each a directory, or a
    /// file standing for its own), absolute with links resolved.
    static func commonDirectory(of paths: [String]) -> String {
        let directories = paths.map { path -> [String] in
            var isDirectory: ObjCBool = false
            let canonical = DocumentInputs.canonical(path)
            let exists = FileManager.default.fileExists(atPath: canonical, isDirectory: &isDirectory)
            let directory = exists && isDirectory.boolValue ? canonical : (canonical as NSString).deletingLastPathComponent
            return directory.split(separator: "/").map(String.init)
        }
        guard var common = directories.first else { return "/" }
        for other in directories.dropFirst() {
            common = Array(zip(common, other).prefix { $0 == $1 }.map(\.0))
        }
        return "/" + common.joined(separator: "/")
    }
}
