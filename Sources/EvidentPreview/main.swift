import EvidentCLI

CommandMain.run(PreviewCommand.self)
