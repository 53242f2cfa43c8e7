/// The years a page covers, from `?from=` and `?to=`; the strategy's period 2020–2025 when absent.
struct Period: Sendable, Equatable {
    static let strategy = Period(from: 2020, to: 2025)
    static let years = 1990...2100

    var from: Int
    var to: Int

    init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    /// Reads `from` and `to`; a year out of range or `from` after `to` is a 400.
    init(_ request: PageRequest, default fallback: Period = .strategy) throws {
        from = try request.int("from", in: Self.years) ?? fallback.from
        to = try request.int("to", in: Self.years) ?? fallback.to
        guard from <= to else { throw WebError.badRequest("from (\(from)) must not be after to (\(to))") }
    }

    /// `2020–2025`, or `2022` for one year.
    var label: String { from == to ? String(from) : "\(from)–\(to)" }
    /// The first and last day, for activity date filters.
    var firstDay: String { "\(from)-01-01" }
    var lastDay: String { "\(to)-12-31" }
    var parameters: [(String, String)] { [("from", String(from)), ("to", String(to))] }
}
