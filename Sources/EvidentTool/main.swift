import EvidentCLI

EvidentCommand.main()
