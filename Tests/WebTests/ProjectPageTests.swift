import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Store
@testable import Web

@Suite("/projects/{iati-identifier}: everything one activity holds")
struct ProjectPageTests {
    /// A demo activity with transactions, budgets, results and narratives in Chinese.
    static func demoActivity() async throws -> StoredActivity {
        let store = try await DemoSite.site().store
        let page = try await store.activities(ActivityQuery(text: "劳动", limit: 200))
        for summary in page.activities {
            guard let stored = try await store.activity(id: summary.id) else { continue }
            if !stored.activity.results.isEmpty, stored.transactions.contains(where: { $0.type == "4" }), !stored.budgets.isEmpty,
               stored.activity.title?.narratives.contains(where: { $0.lang == "zh" }) == true {
                return stored
            }
        }
        throw WebError.internal("no demo activity has results, expenditure, budgets and a Chinese title")
    }

    @Test("a demo project shows its narratives, organisations, transactions with US dollars, chart, results and findings")
    func demoProject() async throws {
        let stored = try await Self.demoActivity()
        let activity = stored.activity
        try await DemoSite.test { client in
            let response = try await client.execute(uri: Site.projectPath(stored.summary.iatiIdentifier), method: .get)
            #expect(response.status == .ok)
            let html = response.text
            let englishTitle = try #require(activity.title?.narratives.first { $0.lang == nil }?.text)
            #expect(html.contains("<h1 lang=\"en\">\(Self.escaped(englishTitle))</h1>"))
            #expect(html.contains(stored.summary.iatiIdentifier))
            // Every transaction is a row, every converted one with its US dollars.
            let rows = Self.section(html, "transactions-heading").components(separatedBy: "<tr><td class=\"date\">").count - 1
            #expect(rows == stored.transactions.count)
            for transaction in stored.transactions.prefix(5) {
                if let usd = transaction.usd { #expect(html.contains(">\(Money.whole(usd))</td>"), "\(usd)") }
            }
            #expect(html.contains("<svg") && html.contains("id=\"budget-spending-data\""))
            // The chart's table sums what the test sums: spending of every year.
            let spending = stored.transactions.filter { $0.type == "3" || $0.type == "4" }
                .compactMap { $0.usd.flatMap { Decimal(string: $0) } }.reduce(0, +)
            let formatted = Money.whole(NSDecimalNumber(decimal: spending).stringValue)
            #expect(Self.section(html, "money-heading").contains(formatted), "spending total \(formatted)")
            // Results with their indicators' periods.
            let indicator = try #require(activity.results.first?.indicators.first)
            if let target = indicator.periods.first?.targets.first?.value { #expect(html.contains(">\(Self.escaped(target))</td>")) }
            #expect(html.contains("id=\"findings-heading\""))
            // Other languages of the narratives are one click away.
            #expect(html.contains("hreflang=\"zh\""))
        }
    }

    @Test("the narratives follow the interface language, with a visible note when they fall back")
    func narrativeLanguages() async throws {
        let stored = try await Self.demoActivity()
        let chinese = try #require(stored.activity.title?.narratives.first { $0.lang == "zh" }?.text)
        let path = Site.projectPath(stored.summary.iatiIdentifier)
        try await DemoSite.test { client in
            let html = try await client.execute(uri: path + "?lang=zh", method: .get).text
            #expect(html.contains("<h1 lang=\"zh\">\(Self.escaped(chinese))</h1>"))
            #expect(!html.contains("class=\"fallback\">没有"))
            // The Chinese interface showing the English texts.
            let english = try await client.execute(uri: path + "?lang=zh&text-lang=en", method: .get).text
            #expect(english.contains("<h1 lang=\"en\">"))
        }
        try await HandMadeSite.test { client, _ in
            // Spanish is not among the hand-made texts: English shown, with the note.
            let html = try await client.execute(uri: "/projects/XX-HAND-1?lang=es", method: .get).text
            #expect(html.contains("No disponible en Español; se muestra en English."))
            let french = try await client.execute(uri: "/projects/XX-HAND-1?lang=fr", method: .get).text
            #expect(french.contains("<h1 lang=\"fr\">Compétences pour tous</h1>"))
        }
    }

    @Test("hostile text is escaped, only web addresses become links, slashes and several publishers work")
    func handMade() async throws {
        try await HandMadeSite.test { client, _ in
            let response = try await client.execute(uri: "/projects/XX-HAND-1", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            #expect(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>bold"))
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
            #expect(html.contains("&lt;script&gt;donor()&lt;/script&gt;"))
            #expect(!html.contains("href=\"javascript:"))
            #expect(html.contains("href=\"https://example.org/report.pdf\""))
            // Published by two organisations: the owner of the prefix is shown, the other linked.
            #expect(html.contains("<dd>XX-HAND</dd>") && html.contains("href=\"/projects/XX-HAND-1?reporting-org=XX-OTHER\""))
            // The related activity in the store is linked; the one elsewhere is not.
            #expect(html.contains("href=\"/projects/XX-HAND%2F2%20b\""))
            #expect(!html.contains("href=\"/projects/XX-ELSEWHERE-9\""))
            // Original currency and US dollars side by side.
            #expect(html.contains(">250,000</td><td>EUR</td>"))
            #expect(html.contains(">100,000.50</td><td>EUR</td>"))
            // Findings of this activity, with lines.
            #expect(html.contains("class=\"findings\""))

            let other = try await client.execute(uri: "/projects/XX-HAND-1?reporting-org=XX-OTHER", method: .get).text
            #expect(other.contains("The same identifier, published by another organisation"))
            #expect(other.contains("href=\"/projects/XX-HAND-1?reporting-org=XX-HAND\""))
            for uri in ["/projects/XX-HAND%2F2%20b", "/projects/XX-HAND/2%20b"] {
                let child = try await client.execute(uri: uri, method: .get)
                #expect(child.status == .ok, "\(uri)")
                #expect(child.text.contains("Child with a slash"), "\(uri)")
            }
        }
    }

    @Test("an unknown identifier or publisher is a 404 page; a bad one a 400", arguments: [
        ("/projects/NO-SUCH-PROJECT", HTTPResponse.Status.notFound), ("/projects/XX-HAND-1?reporting-org=XX-NOBODY", .notFound),
        ("/projects/%3Cscript%3Ealert(1)%3C%2Fscript%3E", .notFound), ("/projects/%ZZ", .badRequest), ("/projects/XX-HAND-1?text-lang=%3Cx%3E", .badRequest),
    ])
    func unknown(uri: String, status: HTTPResponse.Status) async throws {
        try await HandMadeSite.test { client, _ in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == status, "\(uri)")
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(!response.text.contains("<script>"))
        }
    }

    /// The HTML between the heading with `id` and the next section's end.
    static func section(_ html: String, _ id: String) -> String {
        guard let start = html.range(of: "id=\"\(id)\"") else { return "" }
        let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)?.lowerBound ?? html.endIndex
        return String(html[start.upperBound..<end])
    }

    /// Text as the templates escape it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
