import Foundation
import Portfolio
import Testing
@testable import Store

/// The seed's appendix table comes out of the store: the demo portfolio, written as the ILO
/// publishes and imported like any publisher's files, gives every partner its 2020–22
/// contributions; so does a new store that imports what the first one exports.
@Suite(.serialized) struct DemoPortfolioReportTests {
    struct TableRow: Equatable, CustomStringConvertible {
        var partner: String
        var category: String
        var usd: Decimal
        var description: String { "\(partner) (\(category)): \(usd)" }
    }

    /// `ilo-voluntary-contributions-2020-2022.csv` of the seed, US$ thousands in US$, largest first.
    static func appendixTable() throws -> [TableRow] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PortfolioTests/Fixtures/ilo-voluntary-contributions-2020-2022.csv")
        // Four plain columns: partner, partner_zh, category, total_thousand_usd.
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return TableRow(
                partner: fields[0], category: fields[2] == "government" ? FundingSource.multiBilateral.rawValue : fields[2],
                usd: (Decimal(string: fields[3]) ?? -1) * 1000)
        }
    }

    static func rows(of report: FundingReport) -> [TableRow] {
        report.rows.map { TableRow(partner: $0.keys.first.flatMap { $0 } ?? "", category: $0.category ?? "", usd: Decimal(string: $0.usd) ?? -1) }
    }

    static let contributions2020To2022 = FundingQuery(.contributions, by: [.partner], from: 2020, to: 2022)

    @Test(arguments: TestDatabase.engines)
    func theAppendixTableComesBackAndSurvivesExportAndImport(database: TestDatabase) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try DemoFiles.write(try DemoPortfolio(seed: 1), to: folder)
        let expected = try Self.appendixTable()
        #expect(expected.count == 34)
        let exported = folder.appendingPathComponent("exported.xml").path

        try await database.with { location in
            try await Store.using(location) { store in
                for file in files {
                    let report = await store.importFile(at: file.path)
                    #expect(report.status == .imported, "\(file.path): \(report)")
                }
                let report = try await store.funding(Self.contributions2020To2022)
                // Ties in the table (none today) would be ordered by name in both.
                #expect(Self.rows(of: report) == expected.sorted { $0.usd > $1.usd })
                #expect(report.total == "\(expected.reduce(0) { $0 + $1.usd })")
                #expect(report.unconverted.isEmpty && report.unclassified.count == 0)
                let export = try await store.export(ExportSelection(reportingOrg: DemoPortfolio.reportingOrg), to: exported)
                #expect(export.count == files.dropLast().reduce(0) { $0 + $1.count })
            }
        }
        try await database.with { location in
            try await Store.using(location) { store in
                #expect(await store.importFile(at: exported).status == .imported)
                let report = try await store.funding(Self.contributions2020To2022)
                #expect(Self.rows(of: report) == expected.sorted { $0.usd > $1.usd })
            }
        }
    }
}
