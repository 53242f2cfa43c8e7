import ArgumentParser

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks measured against a reference in the same run (build with -c release).",
        subcommands: [BenchImportCommand.self, BenchValidateCommand.self, BenchExportCommand.self, BenchGenerateCommand.self, BenchFundingCommand.self])
}
