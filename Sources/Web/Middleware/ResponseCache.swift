import Hummingbird
import NIOConcurrencyHelpers
import Store

/// Whole answers of pages and API reads, kept while the store does not change.
///
/// The dashboard's pages aggregate the whole portfolio, and the portfolio changes only when a file
/// is imported: an answer is kept under its URL, the request's `Accept-Language` and the store's
/// ``Store/changeToken()``, so the first request after an import computes afresh. When many
/// requests ask for the same missing answer at once, one computes it and the others wait for it.
/// Bounded in bytes; the oldest answers go first.
final class ResponseCache: Sendable {
    struct Entry: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer

        var response: Response { Response(status: status, headers: headers, body: .init(byteBuffer: body)) }
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var bytes = 0
        /// Requests waiting for an answer another request is computing.
        var waiting: [String: [CheckedContinuation<Entry?, Never>]] = [:]
    }

    private let state = NIOLockedValueBox(State())
    let maxBytes: Int

    init(maxBytes: Int = 64 * 1024 * 1024) {
        self.maxBytes = maxBytes
    }

    /// The kept answer of `key`; else `compute`'s, kept when it is a whole 200 answer. Only one
    /// `compute` runs per key at a time.
    func answer(_ key: String, compute: () async throws -> Response) async throws -> Response {
        enum Role { case hit(Entry), leader, follower }
        while true {
            let role: Role = state.withLockedValue { state in
                if let entry = state.entries[key] { return .hit(entry) }
                if state.waiting[key] == nil {
                    state.waiting[key] = []
                    return .leader
                }
                return .follower
            }
            switch role {
            case .hit(let entry):
                return entry.response
            case .follower:
                let entry: Entry? = await withCheckedContinuation { continuation in
                    let registered = state.withLockedValue { state -> Bool in
                        guard state.waiting[key] != nil else { return false }
                        state.waiting[key]!.append(continuation)
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
                guard response.status == .ok, let collected = try await Self.collect(response) else { return response }
                entry = collected
                return collected.response
            }
        }
    }

    private func finish(_ key: String, with entry: Entry?) {
        let waiters = state.withLockedValue { state -> [CheckedContinuation<Entry?, Never>] in
            let waiters = state.waiting.removeValue(forKey: key) ?? []
            if let entry, entry.body.readableBytes <= maxBytes / 8 {
                state.entries[key] = entry
                state.order.append(key)
                state.bytes += entry.body.readableBytes
                while state.bytes > maxBytes, !state.order.isEmpty {
                    let oldest = state.order.removeFirst()
                    state.bytes -= state.entries.removeValue(forKey: oldest)?.body.readableBytes ?? 0
                }
            }
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: entry) }
    }

    /// The response's body read whole, for a response small enough to keep (never a download).
    private static func collect(_ response: Response) async throws -> Entry? {
        guard response.headers[.contentDisposition] == nil else { return nil }
        let collector = BodyCollector()
        try await response.body.write(collector)
        return Entry(status: response.status, headers: response.headers, body: collector.box.buffer)
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
        let key = try await store.changeToken() + " " + (request.headers[.acceptLanguage] ?? "") + " " + request.uri.description
        return try await cache.answer(key) { try await next(request, context) }
    }
}
