import Foundation
import IATIValidation
import Portfolio
import SQLKit

/// A store holding the demo portfolio, made once: what `devcoop demo` serves.
public enum DemoStore {
    /// Who the demo's strategy and register are attributed to.
    public static let demoAuthor = "devcoop demo"

    /// Writes the demo portfolio's files into a temporary folder and imports them (validated) into
    /// a new SQLite store at `path`, with the strategy 2020–25, its mid-term review and the register
    /// of country programmes. The store appears whole or not at all: it is built beside
    /// `path` and moved there only when every file imported.
    public static func create(
        at path: String, seed: UInt64 = 1, scale: Int = 1, progress: (String) -> Void = { _ in }
    ) async throws {
        let files = FileManager.default
        let folder = files.temporaryDirectory.appendingPathComponent("devcoop-demo-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? files.removeItem(at: folder) }
        progress("writing the demo portfolio (seed \(seed), scale \(scale))")
        let portfolio = try DemoPortfolio(seed: seed, scale: scale)
        let written = try DemoFiles.write(portfolio, to: folder)

        let partial = path + ".partial"
        for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: partial + suffix) }
        let store = try await Store.open(partial)
        do {
            let validator = try Validator()
            for file in written {
                let report = await store.importFile(at: file.path, validator: validator)
                guard report.status != .failed else {
                    throw StoreError(.database, "the demo file \((file.path as NSString).lastPathComponent) did not import: \(report.error ?? "unknown error")")
                }
                progress("imported \((file.path as NSString).lastPathComponent): \(report.activities) activities")
            }
            try await addMonitoring(to: store, portfolio: portfolio, seed: seed, progress: progress)
            await store.close()
        } catch {
            await store.close()
            for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: partial + suffix) }
            throw error
        }
        try files.moveItem(atPath: partial, toPath: path)
    }

    /// Brings a demo store made by an earlier version up to today's demo: adds the strategy, the
    /// country programmes and the screenings it lacks, and changes nothing it holds.
    public static func complete(_ store: Store, seed: UInt64 = 1, scale: Int = 1, progress: (String) -> Void = { _ in }) async throws {
        try await addMonitoring(to: store, portfolio: try DemoPortfolio(seed: seed, scale: scale), seed: seed, progress: progress)
    }

    private static func addMonitoring(to store: Store, portfolio: DemoPortfolio, seed: UInt64, progress: (String) -> Void) async throws {
        if try await store.loadStrategy(try StrategyCatalog.bundled(), by: demoAuthor) {
            progress("loaded the strategy 2020–25 with its mid-term review")
        }
        let programmes = try await store.loadProgrammes(portfolio.programmeRegister(), by: demoAuthor)
        if programmes > 0 { progress("registered \(programmes) country programmes") }
        let screened = try await store.read { database in
            try await database.sql.raw("SELECT COUNT(*) AS n FROM screening").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        if screened == 0 {
            try await DemoScreenings.record(in: store, seed: seed)
            progress("recorded the E&S screenings and pipeline statuses")
        }
    }
}
