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

    /// §25–26 and figures 1–5 of the seed, as the demo portfolio was generated to give them.
    static func expectTheSeedsOtherFigures(_ store: Store) async throws {
        let approvals = try await store.funding(FundingQuery(.approvals, by: [.year]))
        let byYear = Dictionary(uniqueKeysWithValues: approvals.rows.map { ($0.keys[0] ?? "", Decimal(string: $0.usd) ?? 0) })
        // The generator fixes each year's approvals in US$; commitments in other currencies come back
        // within cents of their share after conversion.
        #expect(abs((byYear["2017"] ?? 0) - 369_000_000) < 1_000, "2017, a record year of about US$369 million")
        #expect(byYear.max { $0.value < $1.value }?.key == "2017")
        let approvals2020To2022 = ["2020", "2021", "2022"].reduce(Decimal(0)) { $0 + (byYear[$1] ?? 0) }
        #expect(approvals2020To2022 > 1_000_000_000 && approvals2020To2022 < 1_100_000_000, "slightly over US$1 billion")

        var rbsa = FundingQuery(.contributions, by: [.partner], from: 2020, to: 2022)
        rbsa.modalities = [FundingModality.rbsa.rawValue]
        let core = try await store.funding(rbsa)
        #expect(core.total == "50900000")
        #expect(Set(core.rows.compactMap { $0.keys[0] }) == [
            "Belgium (including Flanders)", "Denmark", "France", "Germany", "Italy", "Luxembourg", "Netherlands", "Norway", "Sweden",
        ])

        // Expenditure led by the five areas of §26, each an outcome of its own.
        let spending = try await store.funding(FundingQuery(.expenditure, by: [.outcome], from: 2020, to: 2022))
        // Child and forced labour (7), social protection (8), skills (5), employment-intensive
        // investment (3) and enterprise development (4).
        #expect(Set(spending.rows.prefix(5).compactMap { $0.keys[0] }) == ["7", "8", "5", "3", "4"])
        #expect(spending.unclassified.count == 0)

        // Every cross-tabulation adds up to the same total.
        let approvalsByRegionAndSource = try await store.funding(FundingQuery(.approvals, by: [.region, .source]))
        #expect(approvalsByRegionAndSource.total == approvals.total)
        #expect(Set(approvalsByRegionAndSource.rows.compactMap { $0.keys[0] }).isSuperset(of: ["africa", "americas", "arab-states", "asia-pacific", "europe-central-asia"]))
    }

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
                try await Self.expectTheSeedsOtherFigures(store)
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
