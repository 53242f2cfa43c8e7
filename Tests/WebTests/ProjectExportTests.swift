import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing
@testable import Web

@Suite("Downloads of the project list: CSV, XLSX and IATI XML, parsed back")
struct ProjectExportTests {
    @Test("the transactions CSV holds every transaction, and its USD equal the funding totals")
    func transactionsCSV() async throws {
        let site = try await DemoSite.site()
        let response = try await DemoSite.test { try await $0.execute(uri: "/projects/export?table=transactions&format=csv", method: .get) }
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
        #expect(response.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"transactions-") == true)
        var text = response.text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let records = try parseCSV(text)
        let header = try #require(records.first)
        #expect(header == ActivityTable.transactions.columns.map(\.name))
        let stats = try await site.store.stats()
        #expect(records.count - 1 == stats.transactions)

        let type = try #require(header.firstIndex(of: "type")), usd = try #require(header.firstIndex(of: "usd"))
        var contributions = Decimal(0)
        for record in records.dropFirst() where record[type] == "11" && !record[usd].isEmpty {
            contributions += try #require(Decimal(string: record[usd]), "\(record[usd])")
        }
        let report = try await site.store.funding(FundingQuery(.contributions))
        #expect(contributions == Decimal(string: report.total))
    }

    @Test("the XLSX of budgets has the same rows as the CSV")
    func budgetsXLSX() async throws {
        let (csv, xlsx) = try await DemoSite.test { client in
            (try await client.execute(uri: "/projects/export?table=budgets&format=csv&country=KH", method: .get),
             try await client.execute(uri: "/projects/export?table=budgets&format=xlsx&country=KH", method: .get))
        }
        #expect(xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        var text = csv.text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let records = try parseCSV(text)
        #expect(records.count > 1)
        let entries = try unzipEntries(Data(buffer: xlsx.body))
        let sheet = try SheetReading(try #require(entries["xl/worksheets/sheet1.xml"]))
        #expect(sheet.rows.count == records.count)
        let header = records[0]
        let value = try #require(header.firstIndex(of: "value"))
        let column = String(UnicodeScalar(UInt8(ascii: "A") + UInt8(value)))
        for (index, record) in records.enumerated().dropFirst() {
            #expect(Decimal(string: sheet.values(row: index + 1)[column] ?? "") == Decimal(string: record[value]), "row \(index + 1)")
        }
    }

    @Test("format=xml is an IATI document of exactly the filtered activities")
    func iatiXML() async throws {
        let site = try await DemoSite.site()
        let response = try await DemoSite.test { try await $0.execute(uri: "/projects/export?format=xml&country=KH", method: .get) }
        #expect(response.status == .ok)
        let xml = response.text
        #expect(xml.hasPrefix("<?xml"))
        #expect(xml.contains("<iati-activities version=\"2.03\""))
        #expect(xml.hasSuffix("</iati-activities>\n"))
        let count = xml.components(separatedBy: "<iati-activity ").count - 1
        let expected = try await site.store.activities(ActivityQuery(country: "KH", limit: 1)).total
        #expect(expected > 0)
        #expect(count == expected)
        let document = try XMLDocument(data: Data(xml.utf8))
        #expect(try document.nodes(forXPath: "//iati-activity/recipient-country[@code='KH']/..").count == expected)
    }

    @Test("bad tables and formats are 400s naming the parameter")
    func badParameters() async throws {
        try await DemoSite.test { client in
            for uri in ["/projects/export?table=people", "/projects/export?format=pdf", "/projects/export?format=xml&table=budgets",
                        "/projects/export?country=%3Cscript%3E", "/projects/export?from=20x0"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
            }
        }
    }
}
