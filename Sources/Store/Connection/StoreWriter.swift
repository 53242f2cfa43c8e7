/// The store's one write connection and the lock that serializes its use: imports (and later
/// data entry) from any number of tasks run one after the other, and no transaction ever sees
/// another's statements.
///
/// Across processes the engines serialize writers themselves (SQLite's write lock, which
/// `BEGIN IMMEDIATE` takes at once; PostgreSQL's row and table locks).
final class StoreWriter: Sendable {
    let database: Database
    private let lock = AsyncLock()

    init(database: Database) {
        self.database = database
    }

    /// Runs `body` in a transaction of its own, after every write asked for before it.
    func transaction<T: Sendable>(_ body: (Database) async throws -> T) async throws -> T {
        try await lock.withLock {
            try await database.transaction { try await body(database) }
        }
    }

    /// ``transaction(_:)`` for a bulk write (an import), with a page cache of 32 MiB while it runs
    /// (``Database/withPageCache(kibibytes:_:)``).
    func bulkTransaction<T: Sendable>(_ body: (Database) async throws -> T) async throws -> T {
        try await lock.withLock {
            try await database.withPageCache(kibibytes: 32 << 10) {
                try await database.transaction { try await body(database) }
            }
        }
    }

    /// Runs `body` alone on the write connection, for work that manages its own transactions (migrations).
    func exclusive<T: Sendable>(_ body: (Database) async throws -> T) async throws -> T {
        try await lock.withLock { try await body(database) }
    }
}
