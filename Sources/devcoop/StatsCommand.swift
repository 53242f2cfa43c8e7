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
            let sums = stats.transactionValues.map { $0.sum ?? "(\($0.tooLarge) too large to add)" }
            let width = sums.map(\.count).max() ?? 0
            print("  type     currency  transactions  " + String(repeating: " ", count: max(0, width - 3)) + "sum")
            for (value, sum) in zip(stats.transactionValues, sums) {
                print("  " + Self.left(value.type ?? "(none)", 8) + " " + Self.left(value.currency ?? "(none)", 9) + " "
                    + Self.right(String(value.count), 12) + "  " + Self.right(sum, width))
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

extension StatsCommand {
    static func left(_ text: String, _ width: Int) -> String {
        text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }

    static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
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
