import NIOConcurrencyHelpers

/// Connections that only read, opened as they are needed up to a limit and kept for the next
/// reader. On SQLite (always in WAL mode) a reader reads the last committed state and never
/// waits for the writer; on PostgreSQL each is a connection of its own.
final class ReaderPool: Sendable {
    private struct State {
        var idle: [Database] = []
        var opened = 0
        var waiters: [CheckedContinuation<Database?, Never>] = []
        var closed = false
    }

    private enum Next {
        case use(Database)
        case open
        case wait
        case closed
    }

    private let state = NIOLockedValueBox(State())
    private let limit: Int
    private let open: @Sendable () async throws -> Database

    /// - Parameters:
    ///   - limit: the most connections open at once; more readers wait for one to come back.
    ///   - open: opens one read connection.
    init(limit: Int, open: @escaping @Sendable () async throws -> Database) {
        self.limit = max(1, limit)
        self.open = open
    }

    /// Runs `body` with a read connection of its own.
    func withConnection<T>(_ body: (Database) async throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Closes the idle connections now and the others as they come back; later readers fail.
    func close() async {
        let (idle, waiters) = state.withLockedValue { state in
            state.closed = true
            defer {
                state.opened -= state.idle.count
                state.idle = []
                state.waiters = []
            }
            return (state.idle, state.waiters)
        }
        for waiter in waiters { waiter.resume(returning: nil) }
        for connection in idle { await connection.close() }
    }

    private func acquire() async throws -> Database {
        let next = state.withLockedValue { state -> Next in
            if state.closed { return .closed }
            if let connection = state.idle.popLast() { return .use(connection) }
            if state.opened < limit {
                state.opened += 1
                return .open
            }
            return .wait
        }
        switch next {
        case .use(let connection): return connection
        case .closed: throw StoreError(.closed, "the store is closed")
        case .open:
            do {
                return try await open()
            } catch {
                state.withLockedValue { $0.opened -= 1 }
                throw error
            }
        case .wait:
            let handedOver = await withCheckedContinuation { (continuation: CheckedContinuation<Database?, Never>) in
                let answer = state.withLockedValue { state -> Next in
                    if state.closed { return .closed }
                    if let connection = state.idle.popLast() { return .use(connection) }
                    state.waiters.append(continuation)
                    return .wait
                }
                switch answer {
                case .use(let connection): continuation.resume(returning: connection)
                case .closed: continuation.resume(returning: nil)
                case .open, .wait: break
                }
            }
            guard let handedOver else { throw StoreError(.closed, "the store is closed") }
            return handedOver
        }
    }

    private func release(_ connection: Database) async {
        let keep = state.withLockedValue { state -> CheckedContinuation<Database?, Never>?? in
            if state.closed {
                state.opened -= 1
                return .none
            }
            if !state.waiters.isEmpty { return .some(state.waiters.removeFirst()) }
            state.idle.append(connection)
            return .some(nil)
        }
        switch keep {
        case .none: await connection.close()
        case .some(let waiter?): waiter.resume(returning: connection)
        case .some(nil): break
        }
    }
}
