import ArgumentParser
import Store

extension Store {
    /// Opens the `--db` store for a command; a store that cannot be opened ends it with exit code 1.
    static func openForCommand(_ location: String) async throws -> Store {
        do {
            return try await Store.open(location)
        } catch {
            Terminal.error("devcoop: \(error)")
            throw ExitCode(1)
        }
    }
}
