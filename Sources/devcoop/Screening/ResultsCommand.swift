import ArgumentParser
import Foundation
import Portfolio
import Store

/// `devcoop results`: results-based management (seed §32).
struct ResultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results", abstract: "Results of the projects rolled up.", subcommands: [ResultsRollupCommand.self])
}

/// `devcoop results rollup [--by cpo|outcome|pillar]`.
struct ResultsRollupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup", abstract: "Project indicators rolled up to CPO, P&B outcome or strategy pillar: target vs actual per year.")

    @Option(help: "The level: pillar, outcome or cpo.")
    var by: ResultsRollup.Level = .pillar

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let rollup = try await Store.withCommandStore(db) { try await $0.resultsRollup(by: by) }
        if json {
            print(Terminal.json(rollup))
            return
        }
        print("Results rolled up by \(by.rawValue): \(rollup.rows.count) rows.")
        for row in rollup.rows {
            let place = [row.pillar.map { "pillar \($0)" } ?? "no pillar", row.outcome.map { "outcome \($0)" }, row.cpo.map { "CPO \($0)" }]
                .compactMap { $0 }.joined(separator: " / ")
            let figures = row.gap.map { "not summed: \($0.englishReason)" }
                ?? "target \(row.target ?? "-"), actual \(row.actual ?? "-")"
            print("  \(place) | \(row.indicator) | \(row.year ?? "no year") | \(figures) | \(row.reporting)/\(row.projects) projects reporting")
        }
    }
}

extension ResultsRollup.Level: ExpressibleByArgument {}
