import ArgumentParser
import Foundation
import Store

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Show what the store holds.")

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let store = try await Store.openForCommand(db)
        let stats = try await store.stats()
        await store.close()
        if json {
            print(Terminal.json(stats))
            return
        }
        print("Store \(store.location) (\(store.engineName))")
        print("  datasets       \(stats.datasets) imported" + (stats.failedDatasets > 0 ? ", \(stats.failedDatasets) failed" : ""))
        print("  activities     \(stats.activities)")
        print("  organisations  \(stats.organisations)")
        print("  transactions   \(stats.transactions)")
        print("  budgets        \(stats.budgets)")
        print("Transactions by type:")
        for count in stats.transactionsByType {
            print("  \(count.key.padding(toLength: 8, withPad: " ", startingAt: 0)) \(TransactionTypeName.name(count.key).padding(toLength: 22, withPad: " ", startingAt: 0)) \(count.count)")
        }
        if !stats.transactionValues.isEmpty {
            print("Transaction values (exact sums):")
            print("  type     currency  transactions  sum")
            for value in stats.transactionValues {
                let sum = value.sum ?? "(\(value.tooLarge) too large to add)"
                print("  \((value.type ?? "(none)").padding(toLength: 8, withPad: " ", startingAt: 0)) "
                    + "\((value.currency ?? "(none)").padding(toLength: 9, withPad: " ", startingAt: 0)) "
                    + "\(String(repeating: " ", count: max(0, 12 - String(value.count).count)))\(value.count)  \(sum)")
            }
        }
        print("Publishers (reporting organisations):")
        for count in stats.publishers.prefix(20) {
            print("  \((count.key.isEmpty ? "(none)" : count.key).padding(toLength: 30, withPad: " ", startingAt: 0)) \(count.count) activities")
        }
        if stats.publishers.count > 20 { print("  … and \(stats.publishers.count - 20) more") }
        if stats.validatedDatasets > 0 {
            print("Validation: \(stats.schemaValidDatasets) of \(stats.validatedDatasets) validated datasets valid against the 2.03 schema; findings: "
                + stats.findings.map { "\($0.count) \($0.key)" }.joined(separator: ", "))
        }
        print("Languages of titles and descriptions:")
        print("  " + stats.languages.map { "\($0.key) \($0.count)" }.joined(separator: ", "))
    }
}

/// The names of IATI's TransactionType codes, for people reading the stats.
enum TransactionTypeName {
    static func name(_ code: String) -> String {
        [
            "1": "Incoming Funds", "2": "Outgoing Commitment", "3": "Disbursement", "4": "Expenditure",
            "5": "Interest Payment", "6": "Loan Repayment", "7": "Reimbursement", "8": "Purchase of Equity",
            "9": "Sale of Equity", "10": "Credit Guarantee", "11": "Incoming Commitment", "12": "Outgoing Pledge",
            "13": "Incoming Pledge",
        ][code] ?? ""
    }
}
