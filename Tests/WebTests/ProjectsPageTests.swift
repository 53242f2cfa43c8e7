import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import Store
@testable import Web

/// What the demo store holds, recomputed from its rows for the tests to compare pages with.
enum DemoFacts {
    /// The activity ids that have a funding fact with `column = value`.
    static func activities(where column: String, is value: String) async throws -> Set<Int> {
        let store = try await DemoSite.site().store
        return Set(try await store.database.sql.raw(
            "SELECT DISTINCT activity_id FROM portfolio_fact WHERE \(ident: column) = \(bind: value)"
        ).all(decodingColumn: "activity_id", as: Int.self))
    }

    /// The activity ids with a narrative containing `text` (as written: the tests search Chinese and lowercase text).
    static func activities(withText text: String) async throws -> Set<Int> {
        let store = try await DemoSite.site().store
        let rows = try await store.database.sql.raw("SELECT activity_id, text FROM narrative").all()
        var ids = Set<Int>()
        for row in rows where try row.decode(column: "text", as: String.self).lowercased().contains(text) {
            ids.insert(try row.decode(column: "activity_id", as: Int.self))
        }
        return ids
    }

    static func activityCount() async throws -> Int {
        let store = try await DemoSite.site().store
        return try await store.database.sql.raw("SELECT COUNT(*) AS n FROM activity").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    /// A Chinese run of `length` characters that begins with `start` somewhere in the demo's narratives.
    static func chineseText(startingWith start: String, length: Int) async throws -> String {
        let store = try await DemoSite.site().store
        for text in try await store.database.sql.raw("SELECT text FROM narrative WHERE lang = 'zh'").all(decodingColumn: "text", as: String.self) {
            if let range = text.range(of: start), text[range.lowerBound...].count >= length {
                return String(text[range.lowerBound...].prefix(length))
            }
        }
        throw WebError.internal("no Chinese narrative holds \(start)")
    }

    /// The page's `<h2 id="projects-count">` text.
    static func countHeading(_ html: String) -> String? {
        guard let start = html.range(of: "<h2 id=\"projects-count\">"), let end = html.range(of: "</h2>", range: start.upperBound..<html.endIndex)
        else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }

    static func formatted(_ count: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US")
        return formatter.string(from: NSNumber(value: count)) ?? String(count)
    }
}

@Suite("/projects: filters, search, order and pages")
struct ProjectsPageTests {
    @Test("without filters, every project is counted and the first page listed")
    func unfiltered() async throws {
        try await DemoSite.test { client in
            let response = try await client.execute(uri: "/projects", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            let total = try await DemoFacts.activityCount()
            #expect(DemoFacts.countHeading(html) == "\(DemoFacts.formatted(total)) projects")
            #expect(html.components(separatedBy: "<tr><td><a href=\"/projects/").count - 1 == ProjectFilter.defaultLimit)
            #expect(html.contains("rel=\"next\""))
            #expect(!html.contains("rel=\"prev\""))
            #expect(html.contains("<form class=\"filters project-filters\" method=\"get\" action=\"/projects\""))
            #expect(html.contains("class=\"figure-value\">US$"))
        }
    }

    @Test("each portfolio filter counts what the funding facts say", arguments: [
        ("region", "africa", "region"), ("outcome", "7", "outcome"), ("source", "european-commission", "funding_source"),
        ("modality", "rbsa", "modality"), ("sstc", "1", "sstc"),
    ])
    func portfolioFilter(parameter: String, value: String, column: String) async throws {
        let expected = try await DemoFacts.activities(where: column, is: value)
        #expect(!expected.isEmpty)
        try await DemoSite.test { client in
            let html = try await client.execute(uri: "/projects?\(parameter)=\(value)", method: .get).text
            #expect(DemoFacts.countHeading(html) == (expected.count == 1 ? "1 project" : "\(DemoFacts.formatted(expected.count)) projects"))
            // The form keeps the choice.
            #expect(html.contains("<option value=\"\(value)\" selected>"))
        }
    }

    @Test("a partner given by name, as the funding pages link, selects that partner's projects")
    func partner() async throws {
        let store = try await DemoSite.site().store
        let partner = try #require(try await store.funding(FundingQuery(.contributions, by: [.partner])).rows.first?.keys.first ?? nil)
        let expected = try await DemoFacts.activities(where: "partner", is: partner)
        try await DemoSite.test { client in
            let uri = "/projects?partner=" + PageRequest.percentEncoded(partner)
            let html = try await client.execute(uri: uri, method: .get).text
            #expect(DemoFacts.countHeading(html) == "\(DemoFacts.formatted(expected.count)) projects", "\(partner)")
        }
    }

    @Test("in Chinese, the partner filter lists the partners by their Chinese names in pinyin order, each selecting by its data name")
    func partnerChoicesInChinese() async throws {
        try await DemoSite.test { client in
            let html = try await client.execute(uri: "/projects?lang=zh&partner=Germany", method: .get).text
            let select = try #require(html.range(of: "name=\"partner\">").flatMap { start in
                html[start.upperBound...].range(of: "</select>").map { String(html[start.upperBound..<$0.lowerBound]) }
            })
            let options = select.components(separatedBy: "<option value=\"").dropFirst().dropFirst().map { option in
                (value: String(option.prefix { $0 != "\"" }), label: String(option.split(separator: ">")[1].prefix { $0 != "<" }))
            }
            #expect(options.count == 34)
            #expect(options.contains { $0.value == "United States" && $0.label == "美国" })
            #expect(select.contains("<option value=\"Germany\" selected>德国</option>"))
            // 爱尔兰 (ài'ěrlán) first, 中国 (zhōngguó) last: pinyin, where code point order puts 中国 (U+4E2D) first.
            #expect(options.first?.label == "爱尔兰" && options.last?.label == "中国")
        }
    }

    @Test("search: a two-character and a longer Chinese query, in the Chinese interface")
    func chineseSearch() async throws {
        let longer = try await DemoFacts.chineseText(startingWith: "劳动", length: 4)
        for query in ["劳动", longer] {
            let expected = try await DemoFacts.activities(withText: query)
            #expect(!expected.isEmpty, "\(query)")
            try await DemoSite.test { client in
                let html = try await client.execute(uri: "/projects?lang=zh&limit=100&q=" + PageRequest.percentEncoded(query), method: .get).text
                #expect(DemoFacts.countHeading(html) == (expected.count == 1 ? "1 个项目" : "\(DemoFacts.formatted(expected.count)) 个项目"), "\(query)")
                #expect(html.contains("value=\"\(query)\""), "the search box keeps \(query)")
                #expect(html.contains(query), "a title in Chinese holds \(query)")
            }
        }
    }

    @Test("search in French over three characters ignores case; filters combine with it")
    func frenchSearch() async throws {
        let expected = try await DemoFacts.activities(withText: "travail")
        let africa = try await DemoFacts.activities(where: "region", is: "africa")
        #expect(!expected.isEmpty)
        try await DemoSite.test { client in
            let html = try await client.execute(uri: "/projects?q=TRAVAIL", method: .get).text
            #expect(DemoFacts.countHeading(html) == "\(DemoFacts.formatted(expected.count)) projects")
            let both = try await client.execute(uri: "/projects?q=travail&region=africa", method: .get).text
            let count = expected.intersection(africa).count
            #expect(DemoFacts.countHeading(both) == (count == 1 ? "1 project" : "\(DemoFacts.formatted(count)) projects"))
        }
    }

    @Test("next and previous pages under a sort neither repeat nor skip")
    func paging() async throws {
        try await DemoSite.test { client in
            var uri = "/projects?sort=-start-date&limit=100"
            var seen: [String] = []
            var pages = 0
            while true {
                let html = try await client.execute(uri: uri, method: .get).text
                seen += Self.projectLinks(html)
                pages += 1
                guard let next = Self.link(html, rel: "next") else { break }
                #expect(next.contains("sort=-start-date") && next.contains("limit=100") && next.contains("after="))
                uri = next
            }
            let total = try await DemoFacts.activityCount()
            #expect(seen.count == total && Set(seen).count == total, "\(seen.count) links on \(pages) pages for \(total) projects")
            // Back one page from the last.
            let last = try await client.execute(uri: uri, method: .get).text
            let previous = try #require(Self.link(last, rel: "prev"))
            let before = Self.projectLinks(try await client.execute(uri: previous, method: .get).text)
            let lastLinks = Self.projectLinks(last)
            #expect(before.count == 100)
            #expect(Array(seen.dropLast(lastLinks.count).suffix(100)) == before)
        }
    }

    @Test("bad parameters are a 400 naming them, never a 500", arguments: [
        "sort=size", "sort=%3Cscript%3E", "after=xyz", "after=title.3.abc", "before=-3", "limit=0", "limit=501", "limit=ten",
        "region=mars", "status=9", "country=KHM", "country=K1", "source=friends", "outcome=9", "modality=cash", "sstc=maybe",
        "from=2025&to=2020", "from=1800", "reporting-org=%3Cb%3E", "after=1&before=2",
        "q=" + String(repeating: "x", count: 201), "partner=" + String(repeating: "p", count: 201),
    ])
    func badParameters(query: String) async throws {
        try await DemoSite.test { client in
            let response = try await client.execute(uri: "/projects?" + query, method: .get)
            #expect(response.status == .badRequest, "\(query)")
            let name = String(query.prefix { $0 != "=" })
            #expect(response.text.contains(name), "the message names \(name)")
            #expect(!response.text.contains("<script>"))
        }
    }

    @Test("narratives from the data are escaped in the list")
    func escaping() async throws {
        try await HandMadeSite.test { client, _ in
            let html = try await client.execute(uri: "/projects", method: .get).text
            #expect(html.contains("Skills &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; for &amp; all")
                || html.contains("Skills &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; for &amp; all"))
            #expect(!html.contains("<script>"))
            let search = try await client.execute(uri: "/projects?q=%3Cscript%3E", method: .get).text
            #expect(DemoFacts.countHeading(search) == "1 project")
            #expect(search.contains("value=\"&lt;script&gt;\""))
            #expect(!search.contains("<script>"))
        }
    }

    /// The project links of a list page, in order.
    static func projectLinks(_ html: String) -> [String] {
        html.components(separatedBy: "<tr><td><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The `href` of the link with `rel`, its `&amp;` read back as `&`.
    static func link(_ html: String, rel: String) -> String? {
        guard let relRange = html.range(of: "rel=\"\(rel)\"") else { return nil }
        let before = html[..<relRange.lowerBound]
        guard let hrefStart = before.range(of: "href=\"", options: .backwards) else { return nil }
        return String(before[hrefStart.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }
}
