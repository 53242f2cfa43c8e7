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

    @OptionGroup var output: JSONOutputOptions

    @Flag(inversion: .prefixedNo, help: "Validate each file (schema, codelists, rulesets) and store its findings with it.")
    var validate = true

    @Argument(help: "IATI XML files (gzip-compressed ones too), or folders searched recursively for .xml and .xml.gz files.")
    var paths: [String]

    /// What every file adds up to.
    struct Totals {
        var files = 0
        var imported = 0
        var failed = 0
        var activities = 0
        var organisations = 0
        var transactions = 0
        var budgets = 0
        var bytes = 0
        var seconds = 0.0

        mutating func add(_ report: ImportReport) {
            files += 1
            imported += report.status == .imported ? 1 : 0
            failed += report.status == .failed ? 1 : 0
            activities += report.activities
            organisations += report.organisations
            transactions += report.transactions
            budgets += report.budgets
            bytes += report.bytes
        }

        func write(to json: inout JSONWriter) {
            json.beginObject()
            for (name, value) in [("files", files), ("imported", imported), ("failed", failed), ("activities", activities),
                                  ("organisations", organisations), ("transactions", transactions), ("budgets", budgets), ("bytes", bytes)] {
                json.key(name)
                json.int(value)
            }
            json.key("seconds"); json.double(seconds)
            json.endObject()
        }
    }

    func run() async throws {
        let files = try InputFiles.expand(paths)
        guard !files.isEmpty else { throw UsageError(description: "no .xml files in \(paths.joined(separator: ", "))") }
        MemoryTrim.limitArenasToCores()
        let store = try await Store.openForCommand(db)
        let validator = validate ? try Validator() : nil
        let started = Date()
        var stream = output.stream()
        var totals = Totals()
        let positions = Dictionary(files.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        let count = files.count
        await store.importFiles(files, validator: validator, progress: { progress in
            let fraction = progress.totalBytes > 0 ? Double(progress.bytesRead) / Double(progress.totalBytes) : 0
            Terminal.progress("\(positions[progress.path] ?? 0)/\(count) \(Terminal.bar(fraction: fraction)) \(Terminal.megabytes(progress.bytesRead)) / \(Terminal.megabytes(progress.totalBytes)), \(progress.activities) activities  \(URL(fileURLWithPath: progress.path).lastPathComponent)")
        }) { report in
            Terminal.clearProgress()
            totals.add(report)
            if stream != nil {
                Self.write(report, to: &stream!.json)
                stream!.endFile()
            } else {
                print(Self.line(for: report))
            }
        }
        totals.seconds = (Date().timeIntervalSince(started) * 100).rounded() / 100
        await store.close()
        if stream != nil {
            stream!.finish { totals.write(to: &$0) }
        } else {
            print("\(totals.imported) of \(totals.files) files imported into \(store.location) (\(store.engineName)): \(totals.activities) activities, \(totals.organisations) organisations, \(totals.transactions) transactions, \(totals.budgets) budgets, \(Terminal.megabytes(totals.bytes)) in \(String(format: "%.2f", totals.seconds)) s" + (totals.failed > 0 ? "; \(totals.failed) failed" : ""))
        }
        if totals.failed > 0 { throw ExitCode(1) }
    }

    /// One file's object, with the field names `JSONEncoder` gave it: `path`, `status`, `version`,
    /// `kind`, the counts, `duplicates` (the first ``ImportReport/maxListedDuplicates``) and
    /// `duplicate_count`, `upgraded`, and when they apply `valid_schema`, `findings` (counts by
    /// severity), `error`, `failure` (``ImportReport/Failure``) and `line`.
    static func write(_ report: ImportReport, to json: inout JSONWriter) {
        json.beginObject()
        json.key("path"); json.string(report.path)
        json.key("status"); json.string(report.status.rawValue)
        for (name, value) in [("version", report.version), ("kind", report.kind)] {
            if let value { json.key(name); json.string(value) }
        }
        for (name, value) in [("activities", report.activities), ("organisations", report.organisations),
                              ("transactions", report.transactions), ("budgets", report.budgets)] {
            json.key(name); json.int(value)
        }
        json.key("duplicates")
        json.beginArray()
        for duplicate in report.duplicates { json.string(duplicate) }
        json.endArray()
        json.key("duplicate_count"); json.int(report.duplicateCount)
        json.key("upgraded"); json.bool(report.upgraded)
        if let valid = report.validSchema { json.key("valid_schema"); json.bool(valid) }
        if let findings = report.findings {
            json.key("findings")
            json.beginObject()
            for (severity, count) in findings.sorted(by: { $0.key < $1.key }) { json.key(severity); json.int(count) }
            json.endObject()
        }
        if let error = report.error { json.key("error"); json.string(error) }
        if let failure = report.failure { json.key("failure"); json.string(failure.rawValue) }
        if let line = report.line { json.key("line"); json.int(line) }
        json.endObject()
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
