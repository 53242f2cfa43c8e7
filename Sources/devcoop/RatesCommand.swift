import ArgumentParser
import Foundation
import Store

/// `devcoop rates`: the exchange rates the store converts with.
struct RatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rates", abstract: "Manage the ECB exchange rates.", subcommands: [RatesLoadCommand.self])
}

/// `devcoop rates load FILE`: a newer ECB file; every portfolio sum is converted again.
struct RatesLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load a newer ECB rate file (eurofxref-hist.zip or its CSV) and convert every sum again.",
        discussion: "The ECB publishes it at https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip.")

    @Argument(help: "The ECB file: eurofxref-hist.zip or eurofxref-hist.csv.")
    var file: String

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw UsageError(description: "cannot read \(file)")
        }
        let source = "ECB euro reference rates (\((file as NSString).lastPathComponent))"
        let loaded = try await Store.withCommandStore(db) { try await $0.loadExchangeRates(file: data, source: source) }
        if json {
            print(Terminal.json(loaded))
        } else {
            print("Loaded \(loaded.source): \(loaded.currencies) currencies, \(loaded.firstDay) to \(loaded.lastDay); \(loaded.factsRebuilt) sums converted again.")
        }
    }
}
