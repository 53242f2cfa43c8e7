import NIOConcurrencyHelpers

/// One computed value, kept while the store's ``Store/changeToken()`` stays the same: what a page
/// needs from the whole store (the project filters' lists of countries, partners and publishers)
/// is then computed once per change, not for every new query.
final class TokenMemo<Value: Sendable>: Sendable {
    private let kept = NIOLockedValueBox<(token: String, value: Value)?>(nil)

    /// The value kept for `token`, else what `compute` gives, kept for it. Two requests that miss
    /// at once both compute; the later one is kept.
    func value(token: String, _ compute: () async throws -> Value) async throws -> Value {
        if let kept = kept.withLockedValue({ $0 }), kept.token == token { return kept.value }
        let value = try await compute()
        kept.withLockedValue { $0 = (token, value) }
        return value
    }
}
