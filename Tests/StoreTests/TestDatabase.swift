import Foundation
import PostgresNIO
import NIOPosix
import Logging
import Testing
@testable import Store

/// A fresh, empty database for one test: an SQLite file in a temporary folder, or a new database
/// on the PostgreSQL server named by `DEVCOOP_TEST_POSTGRES_URL`.
struct TestDatabase: Sendable, CustomTestStringConvertible {
    enum Engine: String, Sendable {
        case sqlite, postgres
    }

    var engine: Engine
    var testDescription: String { engine.rawValue }

    /// SQLite always; PostgreSQL when the environment names a server.
    static let engines: [TestDatabase] = {
        var engines = [TestDatabase(engine: .sqlite)]
        if ProcessInfo.processInfo.environment["DEVCOOP_TEST_POSTGRES_URL"]?.isEmpty == false {
            engines.append(TestDatabase(engine: .postgres))
        }
        return engines
    }()

    /// Runs `body` with the location of a new empty database, removed afterwards.
    func with<T>(_ body: (String) async throws -> T) async throws -> T {
        switch engine {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-test-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            return try await body(folder.appendingPathComponent("test.sqlite").path)
        case .postgres:
            let url = ProcessInfo.processInfo.environment["DEVCOOP_TEST_POSTGRES_URL"]!
            let name = "devcoop_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
            // A bare connection: a store would migrate the server's own database.
            let admin = try await Database.open(url, role: .writer)
            do {
                try await admin.execute("CREATE DATABASE \(name)")
            } catch {
                await admin.close()
                throw error
            }
            await admin.close()
            var components = URLComponents(string: url)!
            components.path = "/" + name
            do {
                let result = try await body(components.string!)
                await Self.drop(name, url: url)
                return result
            } catch {
                await Self.drop(name, url: url)
                throw error
            }
        }
    }

    private static func drop(_ name: String, url: String) async {
        guard let admin = try? await Database.open(url, role: .writer) else { return }
        try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        await admin.close()
    }
}

extension Store {
    /// Opens the store at `location` for `body` and closes it however `body` ends: an open
    /// PostgreSQL connection must not outlive its test.
    static func using<T>(_ location: String, _ body: (Store) async throws -> T) async throws -> T {
        let store = try await Store.open(location)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}
