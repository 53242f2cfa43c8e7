import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import Store
import TestSupport
import Testing
@testable import Web

@Suite("Answers kept while the store does not change")
struct ResponseCacheTests {
    @Test("the project filters' lists are computed once per change token, and again after an import")
    func projectChoicesFollowTheStore() async throws {
        let memo = TokenMemo<Int>()
        let computed = NIOLockedValueBox(0)
        func value(_ token: String) async throws -> Int {
            try await memo.value(token: token) { computed.withLockedValue { $0 += 1; return $0 } }
        }
        #expect(try await value("1.0.0") == 1)
        #expect(try await value("1.0.0") == 1)
        #expect(try await value("2.0.0") == 2)
        #expect(computed.withLockedValue { $0 } == 2)

        // On a served store: a partner that a later import brings is offered at once.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-choices-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await Store.open(folder.appendingPathComponent("choices.sqlite").path)
        func file(_ name: String, partner: String, dac: Int) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try """
                <iati-activities version="2.03"><iati-activity default-currency="USD">
                 <iati-identifier>XM-DAC-41302-\(name)</iati-identifier>
                 <reporting-org ref="XM-DAC-41302" type="40"><narrative>ILO</narrative></reporting-org>
                 <title><narrative>\(name)</narrative></title>
                 <participating-org ref="XM-DAC-\(dac)" role="1" type="10"><narrative>\(partner)</narrative></participating-org>
                 <activity-status code="2"/>
                 <transaction><transaction-type code="11"/><transaction-date iso-date="2021-05-01"/><value value-date="2021-05-01">1000</value>
                  <provider-org ref="XM-DAC-\(dac)"/></transaction>
                </iati-activity></iati-activities>
                """.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        #expect(await store.importFile(at: try file("a.xml", partner: "Germany", dac: 5)).status == .imported)
        let later = try file("b.xml", partner: "Japan", dac: 701)
        let app = Application(router: WebServer.router(site: try await Site(store: store)))
        try await app.test(.router) { client in
            let first = try await client.execute(uri: "/projects?q=a", method: .get).text
            #expect(first.contains("<option value=\"Germany\">") && !first.contains("<option value=\"Japan\">"))
            #expect(await store.importFile(at: later).status == .imported)
            let second = try await client.execute(uri: "/projects?q=b", method: .get).text
            #expect(second.contains("<option value=\"Germany\">") && second.contains("<option value=\"Japan\">"))
        }
        await store.close()
    }

    @Test("an import changes what the cached pages and API answer")
    func importInvalidates() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-cache-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await Store.open(folder.appendingPathComponent("cache.sqlite").path)
        let samples = Array(Fixtures.samples.prefix(2))
        #expect(samples.count == 2)
        _ = await store.importFile(at: samples[0])
        var logger = Logger(label: "devcoop.webtests")
        logger.logLevel = .warning
        let app = Application(router: WebServer.router(site: try await Site(store: store)), logger: logger)
        try await app.test(.router) { client in
            func datasets() async throws -> Int {
                let response = try await client.execute(uri: "/api/v1/datasets", method: .get)
                let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                return (object?["datasets"] as? [Any])?.count ?? -1
            }
            #expect(try await datasets() == 1)
            #expect(try await datasets() == 1)
            let before = try await client.execute(uri: "/data", method: .get).text
            _ = await store.importFile(at: samples[1])
            #expect(try await datasets() == 2)
            let after = try await client.execute(uri: "/data", method: .get).text
            #expect(before != after)
            #expect(after.contains((samples[1] as NSString).lastPathComponent))
        }
        await store.close()
    }

    @Test("many requests for one missing answer get the same answer")
    func concurrentRequestsShareOneAnswer() async throws {
        let cache = ResponseCache()
        let computed = NIOLockedBox()
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    let response = try await cache.answer("k", token: "1") {
                        computed.increment()
                        try await Task.sleep(for: .milliseconds(50))
                        return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "answer")))
                    }
                    var text = ""
                    let collector = TextCollector()
                    try await response.body.write(collector)
                    text = collector.box.text
                    return text
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies.count == 20 && bodies.allSatisfy { $0 == "answer" })
        #expect(computed.count == 1)
    }
}

extension ResponseCacheTests {
    @Test("while a changed answer is computed, other requests get the previous one; then the new one")
    func previousAnswerWhileRecomputing() async throws {
        let cache = ResponseCache()
        func text(_ response: Response) async throws -> String {
            let collector = TextCollector()
            try await response.body.write(collector)
            return collector.box.text
        }
        func plain(_ text: String) -> Response {
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        #expect(try await text(cache.answer("k", token: "1") { plain("old") }) == "old")
        let (started, startedSignal) = AsyncStream.makeStream(of: Void.self)
        let (gate, opening) = AsyncStream.makeStream(of: Void.self)
        let leader = Task {
            try await text(cache.answer("k", token: "2") {
                startedSignal.yield()
                for await _ in gate { break }
                return plain("new")
            })
        }
        for await _ in started { break }
        // The store changed (token 2) and its answer is being computed: the previous one, at once.
        #expect(try await text(cache.answer("k", token: "2") { plain("computed twice") }) == "old")
        opening.yield()
        #expect(try await leader.value == "new")
        #expect(try await text(cache.answer("k", token: "2") { plain("computed twice") }) == "new")
    }
}

private final class NIOLockedBox: Sendable {
    private let value = NIOLockedValueBox(0)
    func increment() { value.withLockedValue { $0 += 1 } }
    var count: Int { value.withLockedValue { $0 } }
}

private struct TextCollector: ResponseBodyWriter {
    final class Box: @unchecked Sendable { var text = "" }
    let box = Box()
    mutating func write(_ buffer: ByteBuffer) async throws { box.text += String(buffer: buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
