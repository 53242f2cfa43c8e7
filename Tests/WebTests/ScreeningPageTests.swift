import Foundation
import Hummingbird
import HummingbirdTesting
import Portfolio
import Store
import Testing
@testable import Web

@Suite("The E&S screening register, the results roll-up and the project page's screening section")
struct ScreeningPageTests {
    @Test("the register shows the demo store's counts per category, the screened and the missing projects")
    func registerMatchesTheStore() async throws {
        let register = try await DemoSite.site().store.screeningRegister()
        #expect(register.screened.count > register.missing.count)
        #expect(!register.missing.isEmpty)
        #expect(RiskCategory.allCases.allSatisfy { (register.counts[$0] ?? 0) > 0 }, "a spread of categories: \(register.counts)")
        try await DemoSite.test { client in
            let response = try await client.execute(uri: "/screening", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("id=\"screening-categories-title\"") && html.contains("id=\"screening-categories-data\""))
            #expect(PageReading.tableRows(html, id: "screening-register").count == register.screened.count)
            #expect(PageReading.tableRows(html, id: "screening-missing").count == register.missing.count)
            let counts = PageReading.tableRows(html, id: "screening-categories-data")
            #expect(counts.first?[0] == "High")
            #expect(counts.first.flatMap { PageReading.number($0[1]) } == register.counts[.high])
            #expect(html.contains("Any high answer on resettlement or on gender and SEAH: high."))

            let high = try await client.execute(uri: "/screening?category=high", method: .get).text
            #expect(PageReading.tableRows(high, id: "screening-register").count == register.counts[.high])

            let chinese = try await client.execute(uri: "/screening?lang=zh", method: .get)
            #expect(chinese.status == .ok)
            #expect(chinese.text.contains("环境与社会风险筛查"))
        }
    }

    @Test("every approved demo project has a screening")
    func approvedProjectsAreScreened() async throws {
        let store = try await DemoSite.site().store
        let register = try await store.screeningRegister()
        #expect(register.missing.allSatisfy { $0.status == nil || !$0.status!.requiresScreening })
    }

    @Test("bad parameters are a 400")
    func badParameters() async throws {
        try await DemoSite.test { client in
            for uri in ["/screening?category=extreme", "/results?by=region", "/results/export?format=pdf"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
            }
        }
    }

    @Test("the results page rolls up by pillar, outcome and CPO, with the not-summed rows and a CSV download")
    func resultsPage() async throws {
        let rollup = try await DemoSite.site().store.resultsRollup(by: .outcome)
        #expect(rollup.rows.contains { $0.gap == nil && $0.target != nil })
        #expect(rollup.rows.contains { $0.gap == .notAdditive })
        try await DemoSite.test { client in
            for level in ["pillar", "outcome", "cpo"] {
                let response = try await client.execute(uri: "/results?by=\(level)", method: .get)
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"results-rollup-title\"") && response.text.contains("id=\"results-rollup-data\""))
            }
            let html = try await client.execute(uri: "/results?by=outcome", method: .get).text
            #expect(html.contains("Pillar 1. Services to constituents"))
            #expect(html.contains("not a count (not added)"))
            let link = try #require(PageReading.links(html).first { $0.contains("/results/export") && $0.contains("format=csv") })
            let csv = try await client.execute(uri: link, method: .get)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let records = PageReading.csvRecords(String(decoding: Array(csv.body.readableBytesView).dropFirst(3), as: UTF8.self))
            #expect(records.first?.first == "pillar")
            #expect(records.count == rollup.rows.count + 1)
            let zh = try await client.execute(uri: "/results?lang=zh", method: .get)
            #expect(zh.status == .ok && zh.text.contains("成果汇总"))
        }
    }

    @Test("a screened project's page shows its category, measures and pipeline history")
    func projectPageSection() async throws {
        let store = try await DemoSite.site().store
        let register = try await store.screeningRegister()
        let screened = try #require(register.screened.first)
        let missing = try #require(register.missing.first)
        try await DemoSite.test { client in
            let html = try await client.execute(uri: Site.projectPath(screened.project), method: .get).text
            #expect(html.contains("id=\"screening-heading\""))
            #expect(html.contains("Required measures"))
            #expect(html.contains("Pipeline status history"))
            let unscreened = try await client.execute(uri: Site.projectPath(missing.project), method: .get).text
            #expect(unscreened.contains("no E&amp;S screening yet") || unscreened.contains("no E&S screening yet"))
        }
    }
}
