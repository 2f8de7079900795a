import ArgumentParser
import EvidentCLI

/// `evident-preview`: what `evident preview` runs (see `PreviewOptions`).
/// Its command line is the one that followed `preview`, parsed the same way.
@main
struct PreviewCommand: ParsableCommand {
    static let configuration: CommandConfiguration = {
        var configuration = PreviewOptions.configuration
        configuration.commandName = "evident preview"
        return configuration
    }()

    @OptionGroup var preview: PreviewOptions

    static func main() {
        CommandMain.run(Self.self) { var command = try parseAsRoot(); try command.run() }
    }

    func run() throws {
        let options = preview.commandOptions
        let stop = StopSignal()
        stop.catchSignals()
        try EvidentCommand.finish(EvidentCommand.runner().preview(path: preview.path, port: preview.port, poll: preview.poll,
                                                                  options: options, shouldStop: { stop.isSet }))
    }
}
