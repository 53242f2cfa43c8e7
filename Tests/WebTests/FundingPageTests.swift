import Foundation
import Hummingbird
import HummingbirdTesting
import Portfolio
import Store
import Testing
@testable import Web

@Suite("The funding page and the exports of its tables")
struct FundingPageTests {
    /// The seed's appendix table (`ilo-voluntary-contributions-2020-2022.csv`): partner and US$ thousands, largest first.
    static func appendixTable() throws -> [(partner: String, chinese: String, category: String, thousands: Int)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PortfolioTests/Fixtures/ilo-voluntary-contributions-2020-2022.csv")
        // Four plain columns: partner, partner_zh, category, total_thousand_usd.
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (fields[0], fields[1], fields[2] == "government" ? FundingSource.multiBilateral.rawValue : fields[2], Int(fields[3]) ?? -1)
        }.sorted { $0.thousands > $1.thousands }
    }

    static func report(_ query: FundingQuery) async throws -> FundingReport {
        try await DemoSite.site().store.funding(query)
    }

    @Test("the partner table for 2020–2022 is the seed's appendix table: rows, order, US$ thousands, categories")
    func partnerTableIsTheAppendix() async throws {
        let expected = try Self.appendixTable()
        #expect(expected.count == 34)
        try await DemoSite.test { client in
            let response = try await client.execute(uri: "/funding?from=2020&to=2022", method: .get)
            #expect(response.status == .ok)
            let rows = PageReading.tableRows(response.text, id: "partners")
            #expect(rows.count == expected.count)
            for (index, (row, seed)) in zip(rows, expected).enumerated() {
                #expect(row.count == 6, "\(row)")
                #expect(row[0] == String(index + 1))
                #expect(row[1] == seed.partner)
                #expect(row[2] == (FundingSource(rawValue: seed.category)?.englishName ?? "?"), "\(seed.partner)")
                #expect(PageReading.number(row[3]) == seed.thousands, "\(seed.partner): \(row[3]) on the page, \(seed.thousands) in the seed")
            }
            #expect(rows.last?[5] == "100.0%")
            let total = PageReading.tableRows(response.text, id: "partners", section: "tfoot").first
            #expect(total.flatMap { PageReading.number($0[1]) } == expected.reduce(0) { $0 + $1.thousands })
            // Every partner links to its page, for the same period.
            #expect(response.text.contains("href=\"/partners/European%20Commission?from=2020&amp;to=2022\""))
            #expect(response.text.contains("href=\"/partners/Belgium%20%28including%20Flanders%29?from=2020&amp;to=2022\""))
        }
    }

    @Test("in Chinese, the partner table names each partner as the seed's appendix does, and links it by the name the data gives")
    func partnerTableInChinese() async throws {
        let expected = try Self.appendixTable()
        try await DemoSite.test { client in
            let html = try await client.execute(uri: "/funding?from=2020&to=2022&lang=zh", method: .get).text
            let rows = PageReading.tableRows(html, id: "partners")
            #expect(rows.map { $0[1] } == expected.map(\.chinese))
            #expect(html.contains(">美国</a>") && !html.contains(">United States</a>"))
            #expect(html.contains("href=\"/partners/United%20States?from=2020&amp;to=2022&amp;lang=zh\""))
            // French names are our own; a partner's page is titled by them too.
            let french = try await client.execute(uri: "/partners/Germany?from=2020&to=2022&lang=fr", method: .get).text
            #expect(french.contains("<h1>Allemagne</h1>"))
        }
    }

    @Test("figures 1–5 and core vs non-core show the store's sums; filters narrow them; all in thousands")
    func figuresMatchTheStore() async throws {
        let byYear = try await Self.report(FundingQuery(.approvals, by: [.year], from: 2020, to: 2022))
        var africa = FundingQuery(.expenditure, by: [.outcome], from: 2020, to: 2022)
        africa.regions = ["africa"]
        let outcomes = try await Self.report(africa)
        try await DemoSite.test { client in
            let html = try await client.execute(uri: "/funding?from=2020&to=2022", method: .get).text
            for id in ["approvals-by-year", "approvals-by-source", "approvals-by-region", "approvals-by-region-source",
                       "expenditure-by-outcome", "core-non-core"] {
                #expect(html.contains("<svg") && html.contains("id=\"\(id)-title\""), "\(id)")
                #expect(html.contains("id=\"\(id)-data\""), "\(id) has its data table")
            }
            let years = PageReading.tableRows(html, id: "approvals-by-year-data")
            #expect(years.map { $0[0] } == ["2020", "2021", "2022"])
            #expect(years.map { PageReading.number($0[1]) } == byYear.rows.map { Int((Money.value($0.usd) / 1_000).rounded()) })

            let filtered = try await client.execute(uri: "/funding?from=2020&to=2022&region=africa", method: .get).text
            let rows = PageReading.tableRows(filtered, id: "expenditure-by-outcome-data")
            #expect(rows.map { $0[2] } == outcomes.rows.map { Money.thousands($0.usd) })
            #expect(rows.first?[1].hasPrefix("\(outcomes.rows[0].keys[0] ?? "?"). ") == true, "outcomes are named after their code")
            #expect(filtered.contains("<option value=\"africa\" selected>Africa</option>"))
            #expect(filtered.contains("href=\"/outcomes/7?from=2020&amp;to=2022\""))
        }
    }

    @Test("the CSV export of the partner table holds the exact sums, which add up to the total on screen")
    func csvExport() async throws {
        let report = try await Self.report(FundingQuery(.contributions, by: [.partner], from: 2020, to: 2022))
        try await DemoSite.test { client in
            let page = try await client.execute(uri: "/funding?from=2020&to=2022", method: .get).text
            let link = try #require(PageReading.links(page).first { $0.contains("/funding/export") && $0.contains("by=partner") && $0.contains("format=csv") })
            let response = try await client.execute(uri: link, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"funding-contributions-by-partner-2020-2022.csv\"")
            let bytes = Array(response.body.readableBytesView)
            #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
            let records = PageReading.csvRecords(String(decoding: bytes.dropFirst(3), as: UTF8.self))
            #expect(records.first == ["Funding partner", "Category (Code)", "Category", "Amounts", "US$", "Share", "Cumulative share",
                                      "Not converted: currency", "Not converted: sum in that currency", "Not converted: why"])
            let rows = Array(records.dropFirst())
            #expect(rows.map { $0[0] } == report.rows.map { $0.keys[0] ?? "" })
            #expect(rows.map { $0[4] } == report.rows.map(\.usd), "exact decimal text, not thousands")
            let sum = rows.reduce(Decimal(0)) { $0 + (Decimal(string: $1[4]) ?? -1) }
            #expect("\(sum)" == report.total)
            let onScreen = PageReading.tableRows(page, id: "partners", section: "tfoot").first.flatMap { PageReading.number($0[1]) }
            #expect(onScreen == Int((NSDecimalNumber(decimal: sum).doubleValue / 1_000).rounded()))
        }
    }

    @Test("the XLSX export of a cross table holds the exact sums, which add up to the totals on screen")
    func xlsxExport() async throws {
        let report = try await Self.report(FundingQuery(.approvals, by: [.region, .source], from: 2020, to: 2022))
        try await DemoSite.test { client in
            let page = try await client.execute(uri: "/funding?from=2020&to=2022&lang=zh", method: .get).text
            let link = try #require(PageReading.links(page).first {
                $0.contains("/funding/export") && $0.contains("by=region&by=source") && $0.contains("format=xlsx")
            })
            let response = try await client.execute(uri: link, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"funding-approvals-by-region-source-2020-2022.xlsx\"")
            let cells = try PageReading.xlsxCells(Data(response.body.readableBytesView))
            // Region code, region, source code, source, count, US$ (column F), share, cumulative share.
            #expect(cells["A1"] == "区域 (代码)")
            #expect(cells["F1"] == "美元")
            let rows = 2..<(2 + report.rows.count)
            #expect(rows.map { cells["F\($0)"] } == report.rows.map(\.usd))
            #expect(cells["F\(rows.upperBound)"] == nil)
            #expect(rows.compactMap { cells["B\($0)"] }.contains("非洲"))
            let sum = rows.reduce(Decimal(0)) { $0 + (Decimal(string: cells["F\($1)"] ?? "") ?? -1) }
            #expect("\(sum)" == report.total)
            // The screen's cross table: its grand total, in thousands.
            let screenTotal = PageReading.tableRows(page, id: "approvals-by-region-source-data", section: "tfoot").first?.last
            #expect(screenTotal.flatMap(PageReading.number) == Int((NSDecimalNumber(decimal: sum).doubleValue / 1_000).rounded()))
        }
    }

    @Test("Chinese names of sources and regions; the page in Chinese")
    func chinese() async throws {
        try await DemoSite.test { client in
            let html = try await client.execute(uri: "/funding?from=2020&to=2022&lang=zh", method: .get).text
            #expect(html.contains("<html lang=\"zh-Hans\">"))
            #expect(html.contains("自愿供资"))
            #expect(html.contains(FundingSource.multiBilateral.chineseName))
            #expect(html.contains(Region.asiaPacific.chineseName))
            #expect(html.contains("href=\"/partners/Germany?from=2020&amp;to=2022&amp;lang=zh\""))
        }
    }

    @Test("the names in the interface texts are Portfolio's English and Chinese names")
    func namesAgreeWithPortfolio() async throws {
        let site = try await DemoSite.site()
        let english = site.localizer.table(.en), chinese = site.localizer.table(.zh)
        for source in FundingSource.allCases {
            #expect(english["source_\(source.rawValue)"] == source.englishName)
            #expect(chinese["source_\(source.rawValue)"] == source.chineseName)
        }
        for region in Region.allCases {
            #expect(english["region_\(region.rawValue)"] == region.englishName)
            #expect(chinese["region_\(region.rawValue)"] == region.chineseName)
        }
        for modality in FundingModality.allCases {
            #expect(english["modality_\(modality.rawValue)"] == modality.englishName)
            #expect(chinese["modality_\(modality.rawValue)"] == modality.chineseName)
        }
        for language in Language.allCases {
            for outcome in Outcome.allCases { #expect(site.localizer.table(language)["outcome_\(outcome.rawValue)"] != nil) }
        }
    }

    @Test("sums that could not be converted or classified are said, never dropped")
    func unconvertedAndUnclassified() async throws {
        let site = try await DemoSite.site()
        let page = try PageRequest(Request(
            head: .init(method: .get, scheme: "http", authority: "localhost", path: "/funding"), body: .init(buffer: ByteBuffer())))
        let blocks = FundingBlocks(site: site, page: page, filters: FundingFilters(period: .strategy))
        var report = try await site.store.funding(FundingQuery(.contributions, by: [.partner], from: 2020, to: 2022))
        #expect(blocks.notes(report).isEmpty)
        // The store's types have no public initialisers: made as the API would read them.
        report.unconverted = [try JSONDecoder().decode(UnconvertedSum.self, from: Data(#"{"currency":"XAF","reason":"no-rate","count":3,"sum":"1234567.5","groups":[]}"#.utf8))]
        report.unclassified = try JSONDecoder().decode(UnclassifiedSum.self, from: Data(#"{"count":2,"usd":"2500000"}"#.utf8))
        let notes = blocks.notes(report)
        #expect(notes.count == 2)
        #expect(notes.contains { $0.contains("US$2.5 M") && $0.contains("2 amounts") })
        #expect(notes.contains { $0.contains("XAF 1,234,567.50") && $0.contains("3 amounts") && $0.contains("no-rate") })
    }

    @Test("bad parameters are a 400 naming them, never a 500", arguments: [
        "/funding?source=bogus", "/funding?region=mars", "/funding?country=ABC", "/funding?country=%3Cscript%3E",
        "/funding?outcome=9", "/funding?modality=gift", "/funding?sstc=2", "/funding?measure=everything",
        "/funding?from=2023&to=2020", "/funding?reporting-org=%3Cscript%3E", "/funding?partner=" + String(repeating: "x", count: 300),
        "/funding/export?by=partner", "/funding/export?format=pdf&by=partner", "/funding/export?format=csv&by=galaxy",
        "/funding/export?format=csv&by=year&by=year", "/funding/export?format=csv&by=year&by=region&by=source",
        "/funding/export?format=xlsx&by=year&from=abc",
    ])
    func badParameters(uri: String) async throws {
        try await DemoSite.expectErrorPage(uri, .badRequest)
    }
}

@Suite("The funding page on a store with sums it cannot convert or classify")
struct FundingPageEdgeTests {
    /// One activity: a EUR commitment from Germany, a JOD one (no ECB rate) and a USD one from a
    /// provider known only by a name that is markup.
    static let activities = """
        <?xml version="1.0" encoding="UTF-8"?>
        <iati-activities version="2.03" generated-datetime="2026-01-15T00:00:00Z">
         <iati-activity default-currency="EUR">
          <iati-identifier>XM-DAC-41302-WEB-1</iati-identifier>
          <reporting-org ref="XM-DAC-41302" type="40"><narrative>ILO</narrative></reporting-org>
          <title><narrative>Test</narrative></title>
          <participating-org ref="XM-DAC-5" role="1" type="10"><narrative>Germany</narrative></participating-org>
          <activity-status code="2"/>
          <recipient-country code="JO"/>
          <transaction><transaction-type code="11"/><transaction-date iso-date="2020-03-06"/><value value-date="2020-03-06">1000</value><provider-org ref="XM-DAC-5"/></transaction>
          <transaction><transaction-type code="11"/><transaction-date iso-date="2020-03-06"/><value currency="JOD" value-date="2020-03-06">500</value></transaction>
          <transaction><transaction-type code="11"/><transaction-date iso-date="2021-01-01"/><value currency="USD">250.5</value><provider-org><narrative>&lt;script&gt;alert(1)&lt;/script&gt;</narrative></provider-org></transaction>
         </iati-activity>
        </iati-activities>
        """

    @Test("unconverted and unclassified sums are shown, names from the data are escaped, and their pages answer")
    func unconvertedUnclassifiedAndEscaped() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("funding-edge-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("activities.xml").path
        try Self.activities.write(toFile: file, atomically: true, encoding: .utf8)
        let store = try await Store.open(folder.appendingPathComponent("edge.sqlite").path)
        #expect(await store.importFile(at: file).status == .imported)
        let report = try await store.funding(FundingQuery(.contributions, by: [.partner], from: 2020, to: 2021))
        #expect(report.unclassified.count == 1 && !report.unconverted.isEmpty, "the store has what the test is about")
        let app = Application(router: WebServer.router(site: try await Site(store: store)))
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/funding?from=2020&to=2021", method: .get).text
            #expect(!html.contains("<script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("Not converted to US dollars and not in the sums above: JOD 500.00 in 1 amounts"))
            #expect(html.contains("Of these, US$251 (1 amounts) come from partners without a funding source."))
            let rows = PageReading.tableRows(html, id: "partners")
            #expect(rows.map { $0[1] } == ["Germany", "<script>alert(1)</script>"])
            #expect(rows.last?[2] == "Not classified")
            let partnerLink = try #require(PageReading.links(html).first { $0.hasPrefix("/partners/%3Cscript") })
            let partnerPage = try await client.execute(uri: partnerLink, method: .get)
            #expect(partnerPage.status == .ok)
            #expect(!partnerPage.text.contains("<script>"))
            // The download holds what the page says: the JOD amount, in JOD, under its partner, after the converted rows.
            let csv = try await client.execute(uri: "/funding/export?format=csv&by=partner&from=2020&to=2021", method: .get)
            let records = PageReading.csvRecords(String(decoding: Array(csv.body.readableBytesView).dropFirst(3), as: UTF8.self))
            let government = FundingSource.multiBilateral.englishName
            #expect(records.dropFirst().map { Array($0.prefix(5)) + Array($0.suffix(3)) } == [
                ["Germany", "multi-bilateral", government, "1", "1133.6", "", "", ""],
                ["<script>alert(1)</script>", "", "Not classified", "1", "250.5", "", "", ""],
                ["Germany", "multi-bilateral", government, "1", "", "JOD", "500", "currency not quoted by the ECB"],
            ])
            // In Chinese, the reason is said in Chinese, on the page and in the download.
            let chinese = try await client.execute(uri: "/funding?from=2020&to=2021&lang=zh", method: .get).text
            #expect(chinese.contains("JOD 500.00") && chinese.contains("欧洲央行不报价的币种") && !chinese.contains("not quoted"))
            let chineseCSV = try await client.execute(uri: "/funding/export?format=csv&by=partner&from=2020&to=2021&lang=zh", method: .get)
            #expect(String(decoding: Array(chineseCSV.body.readableBytesView), as: UTF8.self).contains(",JOD,500,欧洲央行不报价的币种"))
        }
        await store.close()
    }
}
