import ArgumentParser
import Foundation
import Store

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write what the store holds as an IATI 2.03 activity (or organisation) file.",
        discussion: "Exit code 0 when the file was written, 1 when nothing matched or writing failed, 2 on bad usage.")

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Option(name: .customLong("reporting-org"), help: "Only the activities of this reporting organisation.")
    var reportingOrg: String?

    @Option(help: "Only the activity with this iati-identifier (or, with --organisation, this organisation-identifier).")
    var activity: String?

    @Flag(help: "Export organisations (an iati-organisations file) instead of activities.")
    var organisation = false

    @Flag(help: "Write every element through the model, also those published as valid 2.03 (which are otherwise copied as published).")
    var rewrite = false

    @Option(name: .shortAndLong, help: "The file to write.")
    var output: String

    func run() async throws {
        let store = try await Store.openForCommand(db)
        let selection = ExportSelection(reportingOrg: reportingOrg, identifier: activity, organisations: organisation, rewrite: rewrite)
        let started = Date()
        let report: ExportReport
        do {
            report = try await store.export(selection, to: output)
        } catch {
            await store.close()
            Terminal.error("devcoop: export failed: \(error)")
            throw ExitCode(1)
        }
        await store.close()
        guard report.count > 0 else {
            Terminal.error("devcoop: nothing in \(store.location) matches; no file written")
            throw ExitCode(1)
        }
        print("wrote \(output): \(report.count) \(report.kind), \(Terminal.megabytes(report.bytes)) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }
}
