import ArgumentParser
import Store

extension Store {
    /// Opens the `--db` store for a command; a store that cannot be opened ends it with exit code 1.
    static func openForCommand(_ location: String) async throws -> Store {
        do {
            return try await Store.open(location)
        } catch {
            Terminal.error("devcoop: \(StoreError.cause(of: error))")
            throw ExitCode(1)
        }
    }

    /// Runs `body` on the `--db` store and closes it; a store error ends the command with exit code 1.
    static func withCommandStore<T: Sendable>(_ location: String, _ body: (Store) async throws -> T) async throws -> T {
        let store = try await openForCommand(location)
        do {
            let value = try await body(store)
            await store.close()
            return value
        } catch {
            await store.close()
            Terminal.error("devcoop: \(StoreError.cause(of: error))")
            throw ExitCode(1)
        }
    }
}
