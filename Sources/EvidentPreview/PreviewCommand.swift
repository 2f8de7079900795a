import ArgumentParser
import EvidentCLI

/// `evident-preview`: what `evident preview` runs (see `PreviewHandOver`).
/// Its command line is the one that followed `preview`, parsed the same way.
struct PreviewCommand: ParsableCommand {
    static let configuration: CommandConfiguration = {
        var configuration = PreviewOptions.configuration
        configuration.commandName = "evident preview"
        return configuration
    }()

    @OptionGroup var preview: PreviewOptions

    func run() throws {
        let stop = StopSignal()
        stop.catchSignals()
        try CommandMain.finish(CommandRunner.standard().preview(path: preview.path, port: preview.port, poll: preview.poll,
                                                                options: preview.commandOptions, shouldStop: { stop.isSet }))
    }
}
