import NIOConcurrencyHelpers

/// The store's one write connection and the lock that serializes its use: imports (and later
/// data entry) from any number of tasks run one after the other, and no transaction ever sees
/// another's statements.
///
/// Across processes the engines serialize writers themselves (SQLite's write lock, which
/// `BEGIN IMMEDIATE` takes at once; PostgreSQL's row and table locks).
final class StoreWriter: Sendable {
    let database: Database
    private let lock = AsyncLock()
    /// The page cache of a bulk write (``Database/withPageCache(kibibytes:_:)``).
    static let bulkPageCacheKibibytes = 32 << 10
    /// The ``bulkRun(_:)``s going on, and the page cache to go back to after the last: changed
    /// only while `lock` is held.
    private let bulkRuns = NIOLockedValueBox(BulkRuns())

    private struct BulkRuns {
        var count = 0
        var previousPageCache: Int?
    }

    init(database: Database) {
        self.database = database
    }

    /// Runs `body` in a transaction of its own, after every write asked for before it.
    func transaction<T: Sendable>(_ body: (Database) async throws -> T) async throws -> T {
        try await lock.withLock {
            try await database.transaction { try await body(database) }
        }
    }

    /// ``transaction(_:)`` for a bulk write (an import), with a page cache of 32 MiB while it runs,
    /// or while the ``bulkRun(_:)`` it is part of runs.
    func bulkTransaction<T: Sendable>(_ body: (Database) async throws -> T) async throws -> T {
        try await lock.withLock {
            if bulkRuns.withLockedValue({ $0.count }) > 0 {
                return try await database.transaction { try await body(database) }
            }
            return try await database.withPageCache(kibibytes: Self.bulkPageCacheKibibytes) {
                try await database.transaction { try await body(database) }
            }
        }
    }

    /// Runs `body`, a run of ``bulkTransaction(_:)``s (a folder import), with the large page cache
    /// from the first to the last instead of for each: the pages one file's import leaves in the
    /// cache are those the next one writes to (measured on the generated corpus: 0.4–0.5 s of
    /// 5.7 s without validation). The cache is an optimisation: when it cannot be set, `body`
    /// runs all the same.
    func bulkRun<T: Sendable>(_ body: () async -> T) async -> T {
        await lock.withLock {
            guard bulkRuns.withLockedValue({ $0.count }) == 0 else { return bulkRuns.withLockedValue { $0.count += 1 } }
            let previous = try? await database.setPageCache(kibibytes: Self.bulkPageCacheKibibytes)
            bulkRuns.withLockedValue { $0 = BulkRuns(count: 1, previousPageCache: previous) }
        }
        let value = await body()
        await lock.withLock {
            let previous = bulkRuns.withLockedValue { runs -> Int? in
                runs.count -= 1
                return runs.count == 0 ? runs.previousPageCache : nil
            }
            try? await database.restorePageCache(previous)
        }
        return value
    }

    /// Runs `body` alone on the write connection, for work that manages its own transactions (migrations).
    func exclusive<T: Sendable>(_ body: (Database) async throws -> T) async throws -> T {
        try await lock.withLock { try await body(database) }
    }
}
