import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import Store
@testable import Web

/// The demo portfolio in one SQLite store, made once per test process and shared by every web
/// test (the pages only read it), with the site and router on top.
enum DemoSite {
    private static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-webtests-\(UUID())")
    private static let demo = Task<String, any Error> {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("demo.sqlite").path
        try await DemoStore.create(at: path)
        // Copied before anything opens it: the copies start from the file as the demo wrote it.
        try FileManager.default.copyItem(atPath: path, toPath: pristine)
        return path
    }
    private static let pristine = folder.appendingPathComponent("pristine.sqlite").path
    private static let shared = Task<Site, any Error> { try await Site(store: Store.open(try await demo.value)) }

    static func site() async throws -> Site { try await shared.value }

    /// A copy of the demo store of its own, for a test that writes.
    static func copy() async throws -> String {
        _ = try await demo.value
        let path = folder.appendingPathComponent("copy-\(UUID()).sqlite").path
        try FileManager.default.copyItem(atPath: pristine, toPath: path)
        return path
    }

    /// Runs `body` with a client of the site's router (no socket).
    static func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        var logger = Logger(label: "devcoop.webtests")
        logger.logLevel = .warning
        let app = Application(router: WebServer.router(site: try await site()), logger: logger)
        return try await app.test(.router, body)
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
}
