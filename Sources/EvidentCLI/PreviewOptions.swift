import ArgumentParser
import Evident
import EvidentLanguage
import EvidentMarkdown

/// `evident preview`'s arguments. `evident` parses them (for its help and its
/// usage errors), then hands the same command line to `evident-preview`
/// (`PreviewHandOver`), which parses them again and serves.
package struct PreviewOptions: ParsableArguments {
    package static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Serve the pages on 127.0.0.1 and rebuild and reload them as the sources change.",
        discussion: """
        Builds PATH (a document or a directory, as `evident build` does) into a temporary folder (the \
        result cache where `evident build` keeps it), and serves it on 127.0.0.1 only, printing the address. The documents, \
        the data files in their folders (.csv, .tsv, .json) and the template are watched; on a change the \
        site is rebuilt and open pages reload, keeping their scroll position. After a build with errors \
        a page shows the last good version with the errors listed over it. The reload script and the \
        list exist only in what is served, never in files. Ctrl-C stops and removes the folder.
        """
    )

    @ArgumentParser.Argument(help: "A Markdown file or a directory.")
    package var path: String

    @Option(help: ArgumentHelp("The port to listen on; 0 takes a free one.", valueName: "n"))
    package var port: UInt16 = 0

    @Flag(help: "Watch by looking at the files' times and sizes every 100 ms instead of with inotify (for network file systems, where inotify sees no remote change).")
    package var poll = false

    @OptionGroup var params: ParamOptions

    @OptionGroup var limits: LimitOptions

    @OptionGroup var page: PageOptions

    @OptionGroup var read: ReadOptions

    package init() {}

    /// What the build of each change is given.
    package var commandOptions: CommandOptions {
        var options = CommandOptions(params: params.params, limits: limits.limits, templatePath: page.template, unsafeHTML: page.unsafe)
        options.mathFont = page.mathFont
        options.allowRead = read.directories
        return options
    }
}
