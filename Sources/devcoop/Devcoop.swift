import ArgumentParser
import Foundation

/// `devcoop`: the command line of DevCoop.
struct Devcoop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devcoop",
        abstract: "Run and publish a development cooperation portfolio on the IATI Standard.",
        subcommands: [ImportCommand.self, ValidateCommand.self, ExportCommand.self, StatsCommand.self, ReportCommand.self, RatesCommand.self, StrategyCommand.self, DWCPCommand.self, ScreeningCommand.self, ProjectCommand.self, ResultsCommand.self, DemoCommand.self, ServeCommand.self, BenchCommand.self])
}

@main
enum Main {
    /// Exit codes: 0 success, 1 when some work failed (the command says which), 2 on bad usage.
    static func main() async {
        do {
            var command = try Devcoop.parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if Devcoop.exitCode(for: error) == .validationFailure || error is UsageError {
                FileHandle.standardError.write(Data((Devcoop.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            Devcoop.exit(withError: error)
        }
    }
}

/// A command was called with something it cannot work with (a path that does not exist, say).
struct UsageError: Error, CustomStringConvertible {
    var description: String
}
