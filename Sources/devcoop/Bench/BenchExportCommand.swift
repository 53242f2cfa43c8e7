import ArgumentParser
import Foundation
import IATIValidation
import Store

/// Times an export of many activities from a new SQLite store.
struct BenchExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export N synthetic activities from a new SQLite store.",
        discussion: "Target: 10,000 activities in under 2 s.")

    @Option(help: "How many activities.")
    var activities = 10_000

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-bench-export-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("input.xml").path
        try SyntheticActivities.write(to: input, activities: activities)
        let store = try await Store.open(folder.appendingPathComponent("bench.sqlite").path)
        // Validated on the way in, as the agency's own files are: valid 2.03 is exported as published.
        let imported = await store.importFile(at: input, validator: try Validator())
        guard imported.status == .imported, imported.validSchema == true else {
            throw ValidationError("import failed or not valid: \(imported.error ?? "")")
        }
        let output = folder.appendingPathComponent("export.xml").path
        for rewrite in [false, true] {
            let started = Date()
            let report = try await store.export(ExportSelection(rewrite: rewrite), to: output)
            let seconds = Date().timeIntervalSince(started)
            print(String(format: "export of %d activities (%.1f MB)%@: %.2f s, %.0f activities/s (target: 10,000 in < 2 s)",
                         report.count, Double(report.bytes) / 1_000_000, rewrite ? ", all through the model (--rewrite)" : "",
                         seconds, Double(report.count) / seconds))
        }
        await store.close()
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(String(format: "peak RSS of devcoop: %.0f MB", Double(usage.ru_maxrss) / 1024))
    }
}
