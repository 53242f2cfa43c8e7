import Foundation
import Hummingbird
import HummingbirdTesting
import IATIValidation
import Store
import Testing
import TestSupport
@testable import Web

/// The JSON API on the demo portfolio: figures recomputed from the store, 400s and 404s as JSON.
@Suite("The JSON API under /api/v1")
struct APITests {
    @Test("the index lists every endpoint of the route table")
    func index() async throws {
        let site = try await DemoSite.site()
        try await DemoSite.test { client in
            let index = try await Self.json(client, "/api/v1")
            let endpoints = try #require(index["endpoints"] as? [[String: Any]])
            let listed = Set(endpoints.map { "\($0["method"]!) \($0["path"]!)" })
            #expect(listed == Set(site.apiEndpoints().map { "\($0.route.method.rawValue) \($0.route.openAPIPath)" }))
            #expect(listed.contains("GET /api/v1/datasets/{id}/findings"))
        }
    }

    @Test("funding sums equal the store's report, by one and two dimensions and with filters")
    func funding() async throws {
        let store = try await DemoSite.site().store
        var regional = FundingQuery(.contributions, by: [.region, .source], from: 2020, to: 2022)
        regional.modalities = ["xbdc", "rbsa"]
        regional.sstc = false
        let cases: [(String, FundingQuery)] = [
            ("/api/v1/funding?measure=approvals&by=year&from=2020&to=2022", FundingQuery(.approvals, by: [.year], from: 2020, to: 2022)),
            ("/api/v1/funding?by=region&by=source&from=2020&to=2022&modality=xbdc&modality=rbsa&sstc=false", regional),
            ("/api/v1/funding?measure=expenditure&by=partner", FundingQuery(.expenditure, by: [.partner])),
            ("/api/v1/funding", FundingQuery()),
        ]
        try await DemoSite.test { client in
            for (uri, query) in cases {
                let expected = try await store.funding(query)
                let json = try await Self.json(client, uri)
                #expect(json["total"] as? String == expected.total, "\(uri)")
                #expect(json["measure"] as? String == query.measure.rawValue)
                let rows = try #require(json["rows"] as? [[String: Any]])
                #expect(rows.count == expected.rows.count, "\(uri)")
                for (row, want) in zip(rows, expected.rows) {
                    #expect(row["usd"] as? String == want.usd)
                    #expect((row["keys"] as? [Any])?.map { $0 as? String } == want.keys)
                    #expect(row["count"] as? Int == want.count)
                    #expect(row["cumulative_share"] != nil && row["share"] != nil)
                }
            }
            #expect(try await store.funding(FundingQuery(.approvals, by: [.year], from: 2020, to: 2022)).rows.count == 3)
        }
    }

    @Test("partners and countries add up to the store's totals")
    func partnersAndCountries() async throws {
        let store = try await DemoSite.site().store
        try await DemoSite.test { client in
            let partners = try await Self.json(client, "/api/v1/partners?from=2020&to=2022")
            let contributions = try await store.funding(FundingQuery(.contributions, by: [.partner], from: 2020, to: 2022))
            let list = try #require(partners["partners"] as? [[String: Any]])
            #expect(!list.isEmpty)
            #expect(Self.sum(list.map { $0["usd"] as! String }) == Decimal(string: contributions.total))
            #expect(partners["total"] as? String == contributions.total)
            let names = Set(contributions.rows.compactMap { $0.keys.first ?? nil })
            #expect(Set(list.compactMap { $0["name"] as? String }) == names)
            #expect(list.contains { $0["ref"] is String })

            let countries = try await Self.json(client, "/api/v1/countries?from=2020&to=2025")
            let expenditure = try await store.funding(FundingQuery(.expenditure, from: 2020, to: 2025))
            let rows = try #require(countries["countries"] as? [[String: Any]])
            #expect(!rows.isEmpty)
            let withoutCountry = Decimal(string: countries["without_country"] as! String)!
            #expect(Self.sum(rows.map { $0["usd"] as! String }) + withoutCountry == Decimal(string: expenditure.total))
            // Names come from locale data: at least most of the codes get one.
            #expect(rows.filter { ($0["name"] as? String) != ($0["code"] as? String) }.count * 2 > rows.count)
            #expect(rows.allSatisfy { $0["region"] is String })
            let asia = try await Self.json(client, "/api/v1/countries?region=asia-pacific")
            #expect((asia["countries"] as? [[String: Any]])?.allSatisfy { $0["region"] as? String == "asia-pacific" } == true)
        }
    }

    @Test("datasets, one dataset's rules and its findings page by page agree with the store")
    func datasetsAndFindings() async throws {
        let store = try await DemoSite.site().store
        let stored = try await store.datasets()
        try await DemoSite.test { client in
            let json = try await Self.json(client, "/api/v1/datasets")
            let datasets = try #require(json["datasets"] as? [[String: Any]])
            #expect(datasets.map { $0["id"] as? Int } == stored.map(\.id))
            #expect(datasets.allSatisfy { $0["path"] == nil && $0["activity_count"] is Int })
            let imported = try await Self.json(client, "/api/v1/datasets?status=imported")
            #expect((imported["datasets"] as? [Any])?.count == stored.filter { $0.status == "imported" }.count)

            // The dataset with the most findings: its rules add up to the findings read a page at a time.
            var largest = stored[0], largestCount = -1
            for dataset in stored {
                let count = try await store.findings(FindingQuery(datasetID: dataset.id, limit: 10_000)).count
                if count > largestCount { (largest, largestCount) = (dataset, count) }
            }
            let detail = try await Self.json(client, "/api/v1/datasets/\(largest.id)")
            #expect((detail["dataset"] as? [String: Any])?["name"] as? String == largest.name)
            let rules = try #require(detail["rules"] as? [[String: Any]])
            #expect(rules.reduce(0) { $0 + ($1["count"] as! Int) } == largestCount)
            var seen = 0, after: Int? = nil, pages = 0
            repeat {
                let page = try await Self.json(client, "/api/v1/datasets/\(largest.id)/findings?limit=7" + (after.map { "&after=\($0)" } ?? ""))
                seen += (page["findings"] as? [Any])?.count ?? 0
                after = page["next"] as? Int
                #expect(page.keys.contains("next"))
                pages += 1
            } while after != nil && pages < 10_000
            #expect(seen == largestCount)
            if let severity = rules.first?["severity"] as? String {
                let page = try await Self.json(client, "/api/v1/datasets/\(largest.id)/findings?severity=\(severity)&limit=1000")
                let findings = try #require(page["findings"] as? [[String: Any]])
                #expect(!findings.isEmpty && findings.allSatisfy { $0["severity"] as? String == severity })
            }
        }
    }

    @Test("bad parameters are 400s and unknown ids 404s, as JSON naming the problem; never a 500")
    func errors() async throws {
        let badRequests = [
            ("/api/v1/funding?by=planet", "by"), ("/api/v1/funding?by=year&by=region&by=source", "by"),
            ("/api/v1/funding?by=year&by=year", "by"), ("/api/v1/funding?measure=profit", "measure"),
            ("/api/v1/funding?from=abc", "from"), ("/api/v1/funding?from=2024&to=2020", "from"),
            ("/api/v1/funding?country=KHM", "country"), ("/api/v1/funding?sstc=maybe", "sstc"),
            ("/api/v1/funding?source=friends", "source"), ("/api/v1/funding?region=moon", "region"),
            ("/api/v1/funding?outcome=9", "outcome"), ("/api/v1/funding?modality=cash", "modality"),
            ("/api/v1/funding?reporting-org=%3Cscript%3E", "reporting-org"), ("/api/v1/funding?partner=a%01b", "partner"),
            ("/api/v1/partners?to=99999999999999999999", "to"), ("/api/v1/countries?region=x", "region"),
            ("/api/v1/datasets?status=lost", "status"), ("/api/v1/datasets/abc", "id"),
            ("/api/v1/datasets/1/findings?limit=0", "limit"), ("/api/v1/datasets/1/findings?after=-1", "after"),
            ("/api/v1/datasets/1/findings?severity=fatal", "severity"),
        ]
        try await DemoSite.test { client in
            for (uri, parameter) in badRequests {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
                let json = try Self.object(response)
                #expect(json["status"] as? Int == 400, "\(uri)")
                #expect((json["message"] as? String)?.contains(parameter) == true, "\(uri): \(json)")
            }
            for uri in ["/api/v1/datasets/999999", "/api/v1/datasets/999999/findings", "/api/v1/nothing", "/api/v1/datasets/99999999999"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .notFound, "\(uri)")
                #expect(try Self.object(response)["status"] as? Int == 404, "\(uri)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test("a posted sample validates as the validator says; a malformed file gets a critical finding; nothing is stored")
    func validate() async throws {
        let store = try await DemoSite.site().store
        let before = try await store.datasets().count
        let sample = try #require(Fixtures.samples.first { $0.hasSuffix("att_be-dgd_XM-DAC-2-10_4acts.xml") } ?? Fixtures.samples.first)
        let expected = await (try Validator()).validate(file: sample)
        try await DemoSite.test { client in
            let response = try await client.execute(
                uri: "/api/v1/validate", method: .post, headers: [.contentType: "application/xml"],
                body: ByteBuffer(bytes: Fixtures.bytes(sample)))
            #expect(response.status == .ok)
            let report = try Self.object(response)
            #expect(report["valid_schema"] as? Bool == expected.validSchema)
            #expect(report["passes"] as? Bool == expected.passes)
            let counts = try #require(report["counts"] as? [String: Int])
            for severity in Finding.Severity.allCases { #expect(counts[severity.rawValue] == (expected.counts[severity] ?? 0)) }
            #expect((report["findings"] as? [Any])?.count == expected.findings.count)
            #expect((report["rules"] as? [[String: Any]])?.reduce(0) { $0 + ($1["count"] as! Int) } == expected.findings.count)

            let malformed = try await client.execute(
                uri: "/api/v1/validate", method: .post, body: ByteBuffer(string: HostileFiles.header + "<iati-activity><title>"))
            #expect(malformed.status == .ok)
            let broken = try Self.object(malformed)
            #expect(broken["valid_schema"] as? Bool == false && broken["passes"] as? Bool == false)
            #expect(((broken["counts"] as? [String: Int])?["critical"] ?? 0) >= 1)
            let line = (broken["findings"] as? [[String: Any]])?.first?["line"] as? Int
            #expect(line != nil && line! >= 2)

            let empty = try await client.execute(uri: "/api/v1/validate", method: .post)
            #expect(empty.status == .badRequest)
        }
        #expect(try await store.datasets().count == before)
    }

    @Test("a body over the limit is a 413 with a JSON message")
    func oversized() async throws {
        try await DemoSite.test { client in
            let body = ByteBuffer(repeating: UInt8(ascii: " "), count: WebServer.maxUploadBytes + 1)
            let response = try await client.execute(uri: "/api/v1/validate", method: .post, body: body)
            #expect(response.status == .contentTooLarge)
            let json = try Self.object(response)
            #expect(json["status"] as? Int == 413)
            #expect((json["message"] as? String)?.contains("MiB") == true)
        }
    }

    @Test("hostile uploads (200,000 attributes, entities, gzip) get the CLI's clear errors within seconds")
    func hostile() async throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let attributes = try files.manyAttributes(count: 200_000)
        let entities = try files.write(
            HostileFiles.header.replacingOccurrences(of: "<iati-activities", with: "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><iati-activities")
                + "<iati-activity>&a;</iati-activity></iati-activities>", as: "entities.xml")
        let sample = try #require(Fixtures.samples.first)
        let gzipped = try files.gzip(sample, as: "sample.xml.gz")
        try await DemoSite.test { client in
            for path in [attributes, entities] {
                let started = ContinuousClock.now
                let response = try await client.execute(uri: "/api/v1/validate", method: .post, body: ByteBuffer(bytes: Fixtures.bytes(path)))
                #expect(ContinuousClock.now - started < .seconds(20), "\(path)")
                #expect(response.status == .ok)
                let report = try Self.object(response)
                #expect(report["passes"] as? Bool == false, "\(path)")
                #expect(((report["counts"] as? [String: Int])?["critical"] ?? 0) >= 1, "\(path)")
            }
            let response = try await client.execute(uri: "/api/v1/validate", method: .post, body: ByteBuffer(bytes: Fixtures.bytes(gzipped)))
            let plain = try await client.execute(uri: "/api/v1/validate", method: .post, body: ByteBuffer(bytes: Fixtures.bytes(sample)))
            #expect(try Self.object(response)["counts"] as? [String: Int] == Self.object(plain)["counts"] as? [String: Int])
        }
    }

    static func json(_ client: any TestClientProtocol, _ uri: String) async throws -> [String: Any] {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .ok, "\(uri): \(response.text.prefix(300))")
        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        return try object(response)
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    static func sum(_ values: [String]) -> Decimal {
        values.reduce(Decimal(0)) { $0 + (Decimal(string: $1) ?? 0) }
    }
}
