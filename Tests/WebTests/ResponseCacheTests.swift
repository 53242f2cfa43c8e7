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
