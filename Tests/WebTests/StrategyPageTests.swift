import Foundation
import Hummingbird
import HummingbirdTesting
import Portfolio
import Store
import Testing
@testable import Web

@Suite("The strategy page and the register of country programmes")
struct StrategyPageTests {
    @Test("/strategy shows the four pillars, the mid-term ratings and the indicators' charts, as of a day")
    func strategyPage() async throws {
        try await DemoSite.test { client in
            let response = try await client.execute(uri: "/strategy?as-of=2023-02-15", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            for number in 1...4 { #expect(html.contains("id=\"pillar-\(number)\"")) }
            #expect(html.contains("Services to constituents"))
            #expect(html.contains("Needs acceleration") && html.contains("On track"))
            #expect(html.contains("GB.347/POL/3, paragraph 13"))
            // A chart per indicator with values to compare, each with its title, description and data table.
            #expect(html.contains("id=\"indicator-dwcp-active-title\"") && html.contains("id=\"indicator-dwcp-active-desc\""))
            #expect(html.contains("id=\"indicator-dwcp-active-data\""))
            #expect(html.contains("href=\"/strategy\""))
            #expect(html.contains("href=\"/dwcps\""))
        }
    }

    @Test("before the review nothing is assessed; in Chinese the texts are Chinese")
    func asOfAndChinese() async throws {
        try await DemoSite.test { client in
            let before = try await client.execute(uri: "/strategy?as-of=2022-12-31", method: .get).text
            #expect(!before.contains("Needs acceleration"))
            #expect(before.contains("Not assessed yet on this day."))
            let chinese = try await client.execute(uri: "/strategy?as-of=2023-02-15&lang=zh", method: .get).text
            #expect(chinese.contains("为三方成员提供服务"))
            #expect(chinese.contains("需要加快"))
        }
    }

    @Test("bad parameters are a 400 naming them")
    func badParameters() async throws {
        try await DemoSite.test { client in
            for uri in ["/strategy?as-of=2023-02-30", "/strategy?as-of=yesterday", "/dwcps?as-of=2022-9-15", "/dwcps?status=paused", "/dwcps/BD-2022-2026?as-of=x"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
                let name = uri.contains("status=") ? "status" : "as-of"
                #expect(response.text.contains(name), "\(uri)")
            }
        }
    }

    @Test("/dwcps counts 55 active programmes, 52 with a committee, on 15 September 2022; filters by status")
    func programmeList() async throws {
        try await DemoSite.test { client in
            let html = try await client.execute(uri: "/dwcps?as-of=2022-09-15", method: .get).text
            #expect(html.contains("<span class=\"figure-value\">55</span><span class=\"figure-label\">active programmes</span>"))
            #expect(html.contains("<span class=\"figure-value\">52</span>"))
            let active = try await client.execute(uri: "/dwcps?as-of=2022-09-15&status=active", method: .get).text
            #expect(active.components(separatedBy: "<tr><th scope=\"row\"><a href=\"/dwcps/").count - 1 == 55)
            #expect(active.contains("href=\"/dwcps/BD-2022-2026?as-of=2022-09-15\""))
        }
    }

    @Test("/dwcps/{code} shows the programme, its outcomes and its projects with their funding; an unknown one is a 404 page")
    func oneProgramme() async throws {
        let detail = try #require(try await DemoSite.site().store.programme("BD-2022-2026", on: "2023-01-01"))
        try await DemoSite.test { client in
            let response = try await client.execute(uri: "/dwcps/BD-2022-2026?as-of=2023-01-01", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("since 2022-04-01"))
            for project in detail.projects { #expect(html.contains(project.identifier)) }
            for outcome in detail.record.programme.outcomes { #expect(html.contains(outcome.code)) }
        }
        try await DemoSite.expectErrorPage("/dwcps/XX-1999-2000", .notFound)
    }
}
