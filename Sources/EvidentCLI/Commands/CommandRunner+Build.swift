import Evident

extension CommandRunner {
    /// `evident build PATH… [-o DIR]`: one HTML page per document.
    ///
    /// Without `outputDirectory` a page is written beside its source; with it,
    /// the pages mirror the sources' paths below each directory given (a file
    /// given directly lands at `DIR/NAME.html`), and when a directory was
    /// given `DIR/index.html` lists every document, unless a document's own
    /// page takes that path.
    ///
    /// Block results are cached (see `ResultCache`) in `.evident-cache` at
    /// the project root, else in the user's cache directory, never inside
    /// `-o DIR`, unless `options` (or the project file) name another
    /// directory or no cache.
    ///
    /// Every page is written atomically. A document with failed claims still
    /// gets its page, failures marked; a document with errors gets none: its
    /// previous page, if any, stays as it was, so that a half-evaluated page
    /// never replaces a good one, and the index lists it without a link.
    /// Two documents that would share a page, or a page that would replace
    /// its own source, stop the build before anything is processed.
    public func build(paths: [String], outputDirectory: String? = nil, options: CommandOptions = CommandOptions()) -> CommandExit {
        buildSite(paths: paths, outputDirectory: outputDirectory, options: options).status
    }

    /// `build`, also giving the report of each document processed (none when
    /// the build stopped before processing, e.g. an unreadable file), for
    /// `preview` to show their diagnostics in the page.
    package func buildSite(paths: [String], outputDirectory: String?, options: CommandOptions) -> (status: CommandExit, reports: [DocumentReport]) {
        // `-o ''` (an unset variable in a script) would write pages and the
        // cache at the file system's root.
        if outputDirectory?.isEmpty == true {
            reportError("-o needs a directory; it was given an empty path")
            return (.error, [])
        }
        var options = options
        guard let workspace = prepare(paths, options: &options, excluding: outputDirectory),
              case .success(let cache) = buildCache(for: workspace, options: options, output: outputDirectory),
              let process = processor(for: options, cache: cache, shownPaths: workspace.shownPaths)
        else { return (.error, []) }
        let documents = workspace.documents

        let pages = documents.map { PagePath.page(for: $0.input, outputDirectory: outputDirectory) }
        guard pagesAreDistinct(pages, for: documents.map(\.input)) else { return (.error, []) }

        reportOptedOut(workspace, onOutput: true)
        var status = CommandExit.success
        var reports: [DocumentReport] = []
        var entries: [SiteIndex.Entry] = []
        for ((input, source), page) in zip(documents, pages) {
            let report = process(input.path, source, .build)
            reports.append(report)
            report.formattedFindings.forEach(console.error)
            var documentStatus = CommandExit(report)
            var written = false
            if documentStatus == .error {
                reportNote("\(page) was not written because \(input.path) has errors")
            } else if let html = report.page {
                written = write(html, to: page)
                if written {
                    console.output("wrote \(page)")
                } else {
                    documentStatus = .error
                }
            } else {
                reportError("\(input.path) produced no page")
                documentStatus = .error
            }
            status = max(status, documentStatus)
            entries.append(SiteIndex.Entry(
                title: report.title, source: workspace.shownPaths[input.path] ?? input.path,
                page: written ? PagePath.withHTMLExtension(input.relativePath) : nil,
                claims: report.claims.count, failedClaims: report.failedClaims.count, errors: report.errors.count))
        }

        if let outputDirectory, documents.contains(where: \.input.foundInDirectory) {
            let index = PagePath.index(in: outputDirectory)
            if pages.contains(index) {
                reportNote("\(index) is a document's page; no index page was written")
            } else if write(SiteIndex(entries: entries).html, to: index) {
                console.output("wrote \(index)")
            } else {
                status = .error
            }
        }
        console.output(ClaimTally(reports).paintedSummary(colour: console.colourOutput))
        return (status, reports)
    }

    /// Whether no two documents share a page and no page is its own source;
    /// reports each clash.
    private func pagesAreDistinct(_ pages: [String], for inputs: [DocumentInput]) -> Bool {
        var owner: [String: String] = [:]
        var distinct = true
        for (page, input) in zip(pages, inputs) {
            let key = DocumentInputs.canonical(page)
            if key == DocumentInputs.canonical(input.path) {
                reportError("the page of '\(input.path)' would replace the document itself")
                distinct = false
            } else if let other = owner[key] {
                reportError("'\(other)' and '\(input.path)' would both be written to '\(page)'")
                distinct = false
            } else {
                owner[key] = input.path
            }
        }
        return distinct
    }

    private func write(_ text: String, to path: String) -> Bool {
        write(Array(text.utf8), to: path)
    }

    private func write(_ bytes: [UInt8], to path: String) -> Bool {
        do {
            try AtomicFile.write(bytes, to: path)
            return true
        } catch {
            reportError(String(describing: error))
            return false
        }
    }
}
