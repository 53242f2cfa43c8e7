import Hummingbird
import NIOConcurrencyHelpers
import Store

/// Whole answers of pages and API reads, kept while the store does not change.
///
/// The dashboard's pages aggregate the whole portfolio, and the portfolio changes only when a file
/// is imported: an answer is kept under its URL and the request's `Accept-Language`, with the
/// store's ``Store/changeToken()`` it was computed at. The first request after an import computes
/// afresh and waits for it; requests that arrive while that computation runs get the previous
/// answer at once (an import's writes land in bursts, and waiting readers would pile up behind
/// each one), so an answer is at most one computation behind the store. When there is no previous
/// answer, they wait for the one being computed. Bounded in bytes; the oldest answers go first.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        var token: String
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer

        var response: Response { Response(status: status, headers: headers, body: .init(byteBuffer: body)) }
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var bytes = 0
        /// Keys being computed, with the requests waiting for them.
        var computing: [String: [CheckedContinuation<Entry?, Never>]] = [:]

        mutating func keep(_ key: String, _ entry: Entry, maxBytes: Int) {
            if let old = entries.removeValue(forKey: key) {
                bytes -= old.body.readableBytes
                order.removeAll { $0 == key }
            }
            entries[key] = entry
            order.append(key)
            bytes += entry.body.readableBytes
            while bytes > maxBytes, !order.isEmpty {
                let oldest = order.removeFirst()
                bytes -= entries.removeValue(forKey: oldest)?.body.readableBytes ?? 0
            }
        }
    }

    private let state = NIOLockedValueBox(State())
    let maxBytes: Int

    init(maxBytes: Int = 64 * 1024 * 1024) {
        self.maxBytes = maxBytes
    }

    /// The answer of `key` kept at `token`; else `compute`'s, kept when it is a whole 200 answer.
    /// Only one `compute` runs per key at a time; meanwhile others get the key's previous answer.
    func answer(_ key: String, token: String, compute: () async throws -> Response) async throws -> Response {
        enum Role { case hit(Entry), leader, follower }
        while true {
            let role: Role = state.withLockedValue { state in
                let kept = state.entries[key]
                if let kept, kept.token == token { return .hit(kept) }
                if state.computing[key] == nil {
                    state.computing[key] = []
                    return .leader
                }
                if let kept { return .hit(kept) }
                return .follower
            }
            switch role {
            case .hit(let entry):
                return entry.response
            case .follower:
                let entry: Entry? = await withCheckedContinuation { continuation in
                    let registered = state.withLockedValue { state -> Bool in
                        guard state.computing[key] != nil else { return false }
                        state.computing[key]!.append(continuation)
                        return true
                    }
                    if !registered { continuation.resume(returning: nil) }
                }
                if let entry { return entry.response }
                // The leader failed or finished before this request waited: ask again.
                continue
            case .leader:
                var entry: Entry?
                defer { finish(key, with: entry) }
                let response = try await compute()
                guard response.status == .ok, let collected = try await Self.collect(response, token: token) else { return response }
                entry = collected
                return collected.response
            }
        }
    }

    private func finish(_ key: String, with entry: Entry?) {
        let waiters = state.withLockedValue { state -> [CheckedContinuation<Entry?, Never>] in
            let waiters = state.computing.removeValue(forKey: key) ?? []
            if let entry, entry.body.readableBytes <= maxBytes / 8 {
                state.keep(key, entry, maxBytes: maxBytes)
            }
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: entry) }
    }

    /// The response's body read whole, for a response small enough to keep (never a download).
    private static func collect(_ response: Response, token: String) async throws -> Entry? {
        guard response.headers[.contentDisposition] == nil else { return nil }
        let collector = BodyCollector()
        try await response.body.write(collector)
        return Entry(token: token, status: response.status, headers: response.headers, body: collector.box.buffer)
    }
}

/// A body writer that keeps what it is given.
private struct BodyCollector: ResponseBodyWriter {
    final class Box: @unchecked Sendable {
        // Only the one task that writes the body touches it.
        var buffer = ByteBuffer()
    }

    let box = Box()

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        box.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// Serves GET requests of pages and API reads from a ``ResponseCache``.
struct ResponseCacheMiddleware<Context: RequestContext>: RouterMiddleware {
    let cache: ResponseCache
    let store: Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard request.method == .get, !path.hasSuffix("/export"), !path.hasPrefix("/static/"), path != "/health" else {
            return try await next(request, context)
        }
        let key = (request.headers[.acceptLanguage] ?? "") + " " + request.uri.description
        return try await cache.answer(key, token: try await store.changeToken()) { try await next(request, context) }
    }
}
