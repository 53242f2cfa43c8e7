import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Store
@testable import Web

@Suite("GET /api/v1/activities and /api/v1/activities/{iati-identifier}")
struct ActivitiesAPITests {
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    @Test("pages of the filtered list carry the total, the next cursor and the US dollar totals")
    func list() async throws {
        let expected = try await DemoFacts.activities(where: "region", is: "asia-pacific")
        let store = try await DemoSite.site().store
        let totals = try #require(try await store.activities(ActivityQuery(limit: 1, agencyRegion: "asia-pacific", withUSDTotals: true)).usd)
        try await DemoSite.test { client in
            var uri = "/api/v1/activities?region=asia-pacific&limit=40&sort=title"
            var seen: [Int] = []
            while true {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let body = try Self.json(response)
                #expect(body["total"] as? Int == expected.count)
                let usd = try #require(body["usd"] as? [String: Any])
                #expect(usd["approvals"] as? String == totals.approvals && usd["expenditure"] as? String == totals.expenditure)
                #expect(usd["contributions"] as? String == totals.contributions && usd["incoming_funds"] as? String == totals.incomingFunds)
                #expect(usd["unconverted"] as? Int == totals.unconverted)
                let activities = try #require(body["activities"] as? [[String: Any]])
                seen += activities.compactMap { $0["id"] as? Int }
                for activity in activities {
                    #expect(activity["iati_identifier"] is String && activity["href"] is String && activity.keys.contains("end_date"))
                }
                #expect(body.keys.contains("next") && body.keys.contains("previous"))
                guard let next = body["next"] as? String else {
                    #expect(body["next"] is NSNull)
                    break
                }
                uri = "/api/v1/activities?region=asia-pacific&limit=40&sort=title&after=" + PageRequest.percentEncoded(next)
            }
            #expect(seen.count == expected.count && Set(seen) == expected)
        }
    }

    @Test("search works through the API as on the page")
    func search() async throws {
        let expected = try await DemoFacts.activities(withText: "技能")
        try await DemoSite.test { client in
            let body = try Self.json(try await client.execute(uri: "/api/v1/activities?limit=500&q=%E6%8A%80%E8%83%BD", method: .get))
            #expect(body["total"] as? Int == expected.count)
            #expect(Set((body["activities"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }) == expected)
        }
    }

    @Test("one activity: its summary, narratives by language, organisations, transactions with US dollars, findings")
    func one() async throws {
        try await HandMadeSite.test { client, _ in
            let response = try await client.execute(uri: "/api/v1/activities/XX-HAND-1", method: .get)
            #expect(response.status == .ok)
            let body = try Self.json(response)
            let summary = try #require(body["activity"] as? [String: Any])
            #expect(summary["iati_identifier"] as? String == "XX-HAND-1" && summary["reporting_org"] as? String == "XX-HAND")
            #expect(body["other_reporting_orgs"] as? [String] == ["XX-OTHER"])
            let title = try #require((body["narratives"] as? [String: Any])?["title"] as? [[String: Any]])
            #expect(title.count == 2 && title[0]["lang"] is NSNull && title[1]["lang"] as? String == "fr")
            #expect((title[0]["text"] as? String)?.contains("<script>") == true, "JSON carries the text as published")
            let transactions = try #require(body["transactions"] as? [[String: Any]])
            #expect(transactions.count == 2)
            #expect(transactions[0]["value"] as? String == "250000" && transactions[0]["currency"] as? String == "EUR")
            #expect(transactions.allSatisfy { ($0["usd"] as? String).flatMap { Decimal(string: $0) } != nil })
            #expect((body["budgets"] as? [[String: Any]])?.first?["usd"] is String)
            let findings = try #require(body["findings"] as? [[String: Any]])
            #expect(findings.allSatisfy { $0["rule"] is String && $0.keys.contains("line") })
            let related = try #require(body["related_activities"] as? [[String: Any]])
            #expect(related.map { $0["stored"] as? Bool } == [true, false])
            let results = try #require(body["results"] as? [[String: Any]])
            let period = try #require(((results.first?["indicators"] as? [[String: Any]])?.first?["periods"] as? [[String: Any]])?.first)
            #expect(period["target"] as? String == "500" && period["actual"] as? String == "432")

            let slashed = try await client.execute(uri: "/api/v1/activities/XX-HAND%2F2%20b", method: .get)
            #expect(try Self.json(slashed)["activity"].flatMap { ($0 as? [String: Any])?["iati_identifier"] as? String } == "XX-HAND/2 b")
        }
    }

    @Test("errors are JSON with the status and a message naming the parameter", arguments: [
        ("/api/v1/activities?sort=size", 400, "sort"), ("/api/v1/activities?after=nonsense", 400, "after"),
        ("/api/v1/activities?limit=0", 400, "limit"), ("/api/v1/activities?limit=100000", 400, "limit"),
        ("/api/v1/activities?q=" + String(repeating: "q", count: 300), 400, "q must"),
        ("/api/v1/activities?outcome=Z", 400, "outcome"), ("/api/v1/activities/NO-SUCH-ACTIVITY", 404, "NO-SUCH-ACTIVITY"),
    ])
    func errors(uri: String, status: Int, words: String) async throws {
        try await DemoSite.test { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(Int(response.status.code) == status, "\(uri)")
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let body = try Self.json(response)
            #expect(body["status"] as? Int == status)
            #expect((body["message"] as? String)?.contains(words) == true, "\(uri): \(body)")
        }
    }
}
