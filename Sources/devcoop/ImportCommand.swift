import ArgumentParser
import Foundation
import IATIValidation
import Store

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import IATI activity and organisation files (1.0x to 2.03) into the store.",
        discussion: """
            Each file is imported in one transaction: all of it or, when it fails, nothing. \
            Exit code 0 when every file imported, 1 when some failed, 2 on bad usage.
            """)

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Flag(help: "Print one JSON object with every file's result and the totals.")
    var json = false

    @Flag(inversion: .prefixedNo, help: "Validate each file (schema, codelists, rulesets) and store its findings with it.")
    var validate = true

    @Argument(help: "IATI XML files (gzip-compressed ones too), or folders searched recursively for .xml and .xml.gz files.")
    var paths: [String]

    struct Output: Encodable {
        struct File: Encodable {
            var path: String
            var status: String
            var version: String?
            var kind: String?
            var activities: Int
            var organisations: Int
            var transactions: Int
            var budgets: Int
            /// The first duplicate identifiers (at most ``ImportReport/maxListedDuplicates``).
            var duplicates: [String]
            var duplicateCount: Int
            var upgraded: Bool
            var validSchema: Bool?
            var findings: [String: Int]?
            var error: String?
            /// The kind of failure (``ImportReport/Failure``): `malformed`, `not-iati`, `io`, `database`…
            var failure: String?
            var line: Int?
        }

        struct Totals: Encodable {
            var files = 0
            var imported = 0
            var failed = 0
            var activities = 0
            var organisations = 0
            var transactions = 0
            var budgets = 0
            var bytes = 0
            var seconds = 0.0
        }

        var files: [File] = []
        var totals = Totals()
    }

    func run() async throws {
        let files = try InputFiles.expand(paths)
        guard !files.isEmpty else { throw UsageError(description: "no .xml files in \(paths.joined(separator: ", "))") }
        let store = try await Store.openForCommand(db)
        let validator = validate ? try Validator() : nil
        let started = Date()
        var output = Output()
        for (index, path) in files.enumerated() {
            let position = "\(index + 1)/\(files.count)"
            let report = await store.importFile(at: path, validator: validator) { progress in
                let fraction = progress.totalBytes > 0 ? Double(progress.bytesRead) / Double(progress.totalBytes) : 0
                Terminal.progress("\(position) \(Terminal.bar(fraction: fraction)) \(Terminal.megabytes(progress.bytesRead)) / \(Terminal.megabytes(progress.totalBytes)), \(progress.activities) activities  \(URL(fileURLWithPath: path).lastPathComponent)")
            }
            Terminal.clearProgress()
            output.files.append(Output.File(
                path: report.path, status: report.status.rawValue, version: report.version, kind: report.kind,
                activities: report.activities, organisations: report.organisations, transactions: report.transactions,
                budgets: report.budgets, duplicates: report.duplicates, duplicateCount: report.duplicateCount, upgraded: report.upgraded,
                validSchema: report.validSchema, findings: report.findings, error: report.error,
                failure: report.failure?.rawValue, line: report.line))
            output.totals.files += 1
            output.totals.imported += report.status == .imported ? 1 : 0
            output.totals.failed += report.status == .failed ? 1 : 0
            output.totals.activities += report.activities
            output.totals.organisations += report.organisations
            output.totals.transactions += report.transactions
            output.totals.budgets += report.budgets
            output.totals.bytes += report.bytes
            if !json { print(Self.line(for: report)) }
        }
        output.totals.seconds = (Date().timeIntervalSince(started) * 100).rounded() / 100
        await store.close()
        if json {
            print(Terminal.json(output))
        } else {
            let totals = output.totals
            print("\(totals.imported) of \(totals.files) files imported into \(store.location) (\(store.engineName)): \(totals.activities) activities, \(totals.organisations) organisations, \(totals.transactions) transactions, \(totals.budgets) budgets, \(Terminal.megabytes(totals.bytes)) in \(String(format: "%.2f", totals.seconds)) s" + (totals.failed > 0 ? "; \(totals.failed) failed" : ""))
        }
        if output.totals.failed > 0 { throw ExitCode(1) }
    }

    static func line(for report: ImportReport) -> String {
        let name = report.path
        guard report.status == .imported else { return "FAILED    \(name): \(report.error ?? "unknown error")" }
        var parts = ["\(report.kind ?? "?") \(report.version ?? "(no version)")" + (report.upgraded ? " → 2.03" : "")]
        if report.kind == "organisations" {
            parts.append("\(report.organisations) organisations")
        } else {
            parts.append("\(report.activities) activities")
            parts.append("\(report.transactions) transactions")
        }
        parts.append("\(report.budgets) budgets")
        if let valid = report.validSchema, let findings = report.findings {
            parts.append("schema \(valid ? "valid" : "not valid"), \(findings["critical", default: 0] + findings["error", default: 0]) errors, \(findings["warning", default: 0]) warnings")
        }
        if let first = report.duplicates.first {
            parts.append("\(report.duplicateCount) duplicate identifiers skipped (first: \(first))")
        }
        return "imported  \(name): " + parts.joined(separator: ", ")
    }
}
