import Foundation
import Hummingbird
import HummingbirdTesting
import IATIValidation
import Store
import Testing
import TestSupport
@testable import Web

/// `/data`, `/data/{id}` and the upload form's report on the demo portfolio.
@Suite("The data page: datasets, findings, validation of an upload")
struct DataPageTests {
    @Test("/data lists every dataset with its status, counts and verdict, and the upload form; in Chinese too")
    func datasets() async throws {
        let store = try await DemoSite.site().store
        let stored = try await store.datasets()
        try await DemoSite.test { client in
            let response = try await client.execute(uri: "/data", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            for dataset in stored {
                #expect(html.contains("href=\"/data/\(dataset.id)\""))
                #expect(html.contains(Self.escaped(dataset.name)))
                #expect(html.contains("<td class=\"number\">\(Self.grouped(dataset.activityCount))</td>"))
            }
            #expect(html.contains("enctype=\"multipart/form-data\""))
            #expect(html.contains("action=\"/data/validate\""))
            #expect(html.contains("type=\"file\" name=\"file\""))
            let chinese = try await client.execute(uri: "/data?lang=zh", method: .get).text
            #expect(chinese.contains("已发布的数据及其验证"))
            #expect(chinese.contains("action=\"/data/validate?lang=zh\""))
        }
    }

    @Test("/data/{id} shows the findings by rule with counts, each finding's line and XPath, page by page")
    func dataset() async throws {
        let store = try await DemoSite.site().store
        var largest: DatasetSummary?, largestCount = -1
        for dataset in try await store.datasets() {
            let count = try await store.findings(FindingQuery(datasetID: dataset.id, limit: 10_000)).count
            if count > largestCount { (largest, largestCount) = (dataset, count) }
        }
        let dataset = try #require(largest)
        let findingCount = largestCount
        let rules = try await store.findingRules(datasetID: dataset.id)
        let first = try await store.findings(FindingQuery(datasetID: dataset.id, limit: 200))
        try await DemoSite.test { client in
            let html = try await client.execute(uri: "/data/\(dataset.id)", method: .get).text
            #expect(html.contains("<h1>\(Self.escaped(dataset.name))</h1>"))
            for rule in rules {
                #expect(html.contains("<code>\(Self.escaped(rule.rule))</code></th>"))
            }
            #expect(rules.reduce(0) { $0 + $1.count } == findingCount)
            if let finding = first.first {
                #expect(html.contains("<td class=\"number\">\(finding.line.map(String.init) ?? "–")</td><td><code class=\"xpath\">\(Self.escaped(finding.xpath ?? ""))</code>"))
            }
            if findingCount > 200 {
                let next = "/data/\(dataset.id)?after=\(first.last!.seq)"
                #expect(html.contains("href=\"\(next)\" rel=\"next\""))
                let second = try await client.execute(uri: next, method: .get)
                #expect(second.status == .ok)
                #expect(second.text.contains(">First findings</a>") || second.text.contains("First findings"))
            } else {
                #expect(!html.contains("rel=\"next\""))
            }
            let filtered = try await client.execute(uri: "/data/\(dataset.id)?severity=info&lang=fr", method: .get)
            #expect(filtered.status == .ok)
            #expect(filtered.text.contains("Constats, avec la ligne"))
        }
    }

    @Test("a file that failed to import: its page and the API say what kind of failure and at which line")
    func failedDataset() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("data-failed-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await Store.open(folder.appendingPathComponent("failed.sqlite").path)
        let report = await store.importFile(at: Fixtures.hostile("malformed.xml"))
        let line = try #require(report.line)
        #expect(report.failure == .malformed)
        let id = try #require(try await store.datasets().first?.id)
        let app = Application(router: WebServer.router(site: try await Site(store: store)))
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/data/\(id)", method: .get).text
            #expect(html.contains("Not well-formed XML"))
            #expect(html.contains(">\(line)</dd>"))
            // Nothing of the file is stored: no verdict and no "no findings" that would read as a pass.
            #expect(html.contains("This file was not imported") && html.contains("href=\"/data#upload-heading\""))
            #expect(!html.contains("id=\"verdict-heading\"") && !html.contains("id=\"findings-heading\""))
            let french = try await client.execute(uri: "/data/\(id)?lang=fr", method: .get).text
            #expect(french.contains("XML mal formé"))
            let api = try await client.execute(uri: "/api/v1/datasets?status=failed", method: .get)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(api.body.readableBytesView)) as? [String: Any])
            let dataset = try #require((json["datasets"] as? [[String: Any]])?.first)
            #expect(dataset["failure"] as? String == "malformed")
            #expect(dataset["failure_line"] as? Int == line)
        }
        await store.close()
    }

    @Test("unknown datasets are 404 pages, bad parameters 400 pages")
    func errors() async throws {
        try await DemoSite.test { client in
            #expect(try await client.execute(uri: "/data/999999", method: .get).status == .notFound)
            for uri in ["/data/abc", "/data/1?severity=fatal", "/data/1?after=-5", "/data/1?after=%3Cscript%3E"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.text.contains("class=\"error-message\""), "\(uri)")
                #expect(!response.text.contains("<script>"), "\(uri)")
            }
        }
    }

    @Test("an uploaded sample shows the verdict and findings by rule with lines; the file name is escaped")
    func upload() async throws {
        let sample = try #require(Fixtures.samples.first { $0.hasSuffix("att_worldbank-tz_44000_1.01.xml") } ?? Fixtures.samples.first)
        let expected = await (try Validator()).validate(file: sample)
        try await DemoSite.test { client in
            let (body, contentType) = Self.multipart(file: Fixtures.bytes(sample), name: "<script>alert(1)</script>.xml")
            let response = try await client.execute(uri: "/data/validate?lang=en", method: .post, headers: [.contentType: contentType], body: body)
            #expect(response.status == .ok)
            let html = response.text
            #expect(!html.contains("<script>"))
            #expect(html.contains("Validation of &lt;script&gt;alert(1)&lt;/script&gt;.xml"))
            #expect(html.contains(expected.validSchema ? ">valid</dd>" : ">not valid</dd>"))
            #expect(html.contains(expected.passes ? "This file can be published" : "This file has critical or error findings"))
            for finding in expected.findings.prefix(50) {
                #expect(html.contains("<code>\(Self.escaped(finding.rule))</code>"))
                #expect(html.contains("<td class=\"number\">\(finding.line)</td>"))
            }
            let chinese = try await client.execute(uri: "/data/validate?lang=zh", method: .post, headers: [.contentType: contentType], body: body)
            #expect(chinese.text.contains("的验证结果"))
        }
    }

    @Test("a malformed upload is reported with its line; an oversized one is a 413 page; a form without the file a 400")
    func badUploads() async throws {
        try await DemoSite.test { client in
            let (body, contentType) = Self.multipart(file: Array((HostileFiles.header + "<iati-activity>\n<title>").utf8), name: "broken.xml")
            let malformed = try await client.execute(uri: "/data/validate", method: .post, headers: [.contentType: contentType], body: body)
            #expect(malformed.status == .ok)
            #expect(malformed.text.contains("not valid"))
            #expect(malformed.text.contains("severity-critical"))

            let (large, largeType) = Self.multipart(file: [UInt8](repeating: 32, count: WebServer.maxUploadBytes), name: "big.xml")
            let tooLarge = try await client.execute(uri: "/data/validate", method: .post, headers: [.contentType: largeType], body: large)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.headers[.contentType] == "text/html; charset=utf-8")
            #expect(tooLarge.text.contains("larger than 32 MiB"))

            let (other, otherType) = Self.multipart(file: Array("x".utf8), name: "a.xml", field: "document")
            let missing = try await client.execute(uri: "/data/validate", method: .post, headers: [.contentType: otherType], body: other)
            #expect(missing.status == .badRequest)
            let truncated = try await client.execute(
                uri: "/data/validate", method: .post, headers: [.contentType: otherType], body: ByteBuffer(bytes: Array(String(buffer: other).utf8.prefix(120))))
            #expect(truncated.status == .badRequest)
        }
    }

    /// A `multipart/form-data` body as a browser sends it: one file field.
    static func multipart(file: [UInt8], name: String, field: String = "file") -> (ByteBuffer, String) {
        let boundary = "----DevCoopBoundary7MA4YWxkTrZu0gW"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(name)\"\r\nContent-Type: text/xml\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    /// `12,345`, as the pages group numbers.
    static func grouped(_ value: Int) -> String {
        var digits = String(value), out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return digits + out
    }

    /// Text as the templates escape it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
