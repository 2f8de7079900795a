import EvidentCLI

evidentMain()
