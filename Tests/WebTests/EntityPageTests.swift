import Foundation
import HummingbirdTesting
import Portfolio
import Store
import Testing
@testable import Web

@Suite("The partner, country, region and outcome pages")
struct EntityPageTests {
    /// A known thing of each kind, its name on the page, and the filter that selects its sums.
    static let known: [(uri: String, name: String, filter: @Sendable (inout FundingQuery) -> Void)] = [
        ("/partners/Germany", "Germany", { $0.partners = ["Germany"] }),
        ("/partners/United%20Nations", "United Nations", { $0.partners = ["United Nations"] }),
        ("/countries/KH", "Cambodia", { $0.countries = ["KH"] }),
        ("/countries/kh", "Cambodia", { $0.countries = ["KH"] }),
        ("/regions/africa", "Africa", { $0.regions = ["africa"] }),
        ("/outcomes/7", "7. Protection at work", { $0.outcomes = ["7"] }),
    ]

    @Test("a known partner, country, region or outcome: its name, key figures and funding by year, as the store sums them",
          arguments: 0..<6)
    func knownPage(index: Int) async throws {
        let (uri, name, filter) = Self.known[index]
        let store = try await DemoSite.site().store
        var contributions = FundingQuery(.contributions, by: [.year], from: 2020, to: 2022)
        filter(&contributions)
        var expenditure = FundingQuery(.expenditure, by: [.year], from: 2020, to: 2022)
        filter(&expenditure)
        let given = try await store.funding(contributions), spent = try await store.funding(expenditure)
        try await DemoSite.test { client in
            let response = try await client.execute(uri: uri + "?from=2020&to=2022", method: .get)
            #expect(response.status == .ok, "\(uri)")
            let html = response.text
            #expect(html.contains("<h1>\(name)</h1>"), "\(uri)")
            #expect(html.contains("<span class=\"figure-value\">\(Money.usd(given.total))</span>"), "\(uri)")
            #expect(html.contains("<span class=\"figure-value\">\(Money.usd(spent.total))</span>"), "\(uri)")
            let years = PageReading.tableRows(html, id: "over-time-data")
            #expect(years.map { $0[0] } == ["2020", "2021", "2022"], "\(uri)")
            let byYear = Dictionary(uniqueKeysWithValues: given.rows.map { ($0.keys[0] ?? "", Int((Money.value($0.usd) / 1_000).rounded())) })
            #expect(years.map { PageReading.number($0[1]) } == ["2020", "2021", "2022"].map { byYear[$0] }, "\(uri)")
            // Two breakdowns, each a chart with its ranked table, and the link to the projects.
            #expect(html.components(separatedBy: "class=\"data-table funding-table\"").count == 3, "\(uri)")
            #expect(PageReading.links(html).contains { $0.hasPrefix("/projects?") && $0.contains("from=2020") }, "\(uri)")
        }
    }

    @Test("a partner's page: its category, breakdowns by region and outcome linked to their pages, its projects")
    func partner() async throws {
        try await DemoSite.test { client in
            let html = try await client.execute(uri: "/partners/Belgium%20%28including%20Flanders%29?from=2020&to=2022", method: .get).text
            #expect(html.contains("<h1>Belgium (including Flanders)</h1>"))
            #expect(html.contains(FundingSource.multiBilateral.englishName))
            #expect(html.contains("id=\"by-region-data\"") && html.contains("id=\"by-outcome-data\""))
            #expect(PageReading.links(html).contains { $0.hasPrefix("/regions/") && $0.hasSuffix("?from=2020&to=2022") })
            #expect(PageReading.links(html).contains { $0.hasPrefix("/outcomes/") && $0.hasSuffix("?from=2020&to=2022") })
            #expect(html.contains("href=\"/projects?partner=Belgium%20%28including%20Flanders%29&amp;from=2020&amp;to=2022\""))
            // The measure of the breakdowns is chosen in the URL.
            let spending = try await client.execute(uri: "/partners/Germany?from=2020&to=2022&measure=expenditure", method: .get).text
            var query = FundingQuery(.expenditure, by: [.region], from: 2020, to: 2022)
            query.partners = ["Germany"]
            let byRegion = try await DemoSite.site().store.funding(query)
            #expect(PageReading.tableRows(spending, id: "by-region-data").map { $0[2] } == byRegion.rows.map { Money.thousands($0.usd) })
        }
    }

    @Test("a country's page in Chinese: names from the locale data, region linked")
    func chineseCountry() async throws {
        try await DemoSite.test { client in
            let html = try await client.execute(uri: "/countries/KH?lang=zh", method: .get).text
            #expect(html.contains("<h1>柬埔寨</h1>"))
            #expect(html.contains(Region.asiaPacific.chineseName))
            #expect(html.contains("href=\"/regions/asia-pacific?from=2020&amp;to=2025&amp;lang=zh\""))
        }
    }

    @Test("an unknown partner, country, region or outcome, or one without any funding, is a 404 page", arguments: [
        "/partners/Nobody", "/partners/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/countries/ZZ", "/countries/KHM", "/countries/12",
        "/regions/mars", "/outcomes/9", "/outcomes/C",
    ])
    func unknown(uri: String) async throws {
        try await DemoSite.expectErrorPage(uri, .notFound)
    }

    @Test("bad parameters on an entity page are a 400", arguments: [
        "/countries/KH?from=abc", "/partners/Germany?measure=bogus", "/regions/africa?from=2025&to=2020",
    ])
    func badParameters(uri: String) async throws {
        try await DemoSite.expectErrorPage(uri, .badRequest)
    }

    @Test("the funding page's tables link to the entity pages, and every such link answers")
    func linksFromTheFundingPage() async throws {
        try await DemoSite.test { client in
            let html = try await client.execute(uri: "/funding?from=2020&to=2022", method: .get).text
            let links = Set(PageReading.links(html).filter { ["/partners/", "/countries/", "/regions/", "/outcomes/"].contains(where: $0.hasPrefix) })
            #expect(links.contains { $0.hasPrefix("/partners/") } && links.contains { $0.hasPrefix("/outcomes/") })
            for link in links.sorted().prefix(12) {
                let response = try await client.execute(uri: link, method: .get)
                #expect(response.status == .ok, "\(link)")
            }
        }
    }
}
