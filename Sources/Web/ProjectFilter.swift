import Foundation
import Portfolio
import Store

/// The filters, search, order and page of a list of projects, read from a request's query
/// parameters: the one reading of them that `/projects`, `GET /api/v1/activities` and the exports
/// of the filtered list share. A bad value is a 400 naming its parameter.
///
/// | parameter | meaning |
/// |---|---|
/// | `from`, `to` | years (1990–2100): projects running at some time within them |
/// | `status` | IATI ActivityStatus code, `1`…`6` |
/// | `country` | recipient country, ISO 3166-1 alpha-2 |
/// | `region` | the agency's region: `africa`, `americas`, `arab-states`, `asia-pacific`, `europe-central-asia`, `global` |
/// | `partner` | funding partner, by name (as funding reports group) or organisation ref |
/// | `source` | funding source code (`multi-bilateral`, …) |
/// | `outcome` | P&B outcome code, `1`…`8`, `A`…`C` |
/// | `modality` | `xbdc`, `rbsa`, `lightly-earmarked` |
/// | `sstc` | `1`: South-South and triangular cooperation only; `0`: the rest |
/// | `reporting-org` | the reporting organisation's ref |
/// | `q` | text in a title or description narrative, any language (at most 200 characters) |
/// | `sort` | `stored`, `start-date`, `end-date`, `title`, `identifier`; `-` before it for descending |
/// | `after`, `before` | a page's `next` or `previous` cursor (not both) |
/// | `limit` | projects per page, 1–500 (default 25) |
struct ProjectFilter: Sendable {
    /// The largest page, and the sizes the page offers.
    static let limits = 1...500
    static let pageSizes = [10, 25, 50, 100]
    static let defaultLimit = 25
    static let maxQueryLength = 200

    /// The parameters, in the order forms and links write them (without `after`, `before` and `lang`).
    static let names = [
        "q", "from", "to", "status", "country", "region", "partner", "source", "outcome", "modality", "sstc", "reporting-org",
        "sort", "limit",
    ]

    /// The store query: every filter, the order, the page, and the US dollar totals asked for.
    var query: ActivityQuery
    /// The years chosen, if any.
    var fromYear: Int?
    var toYear: Int?
    /// The parameters that select this list (filters, search, order, page size), to rebuild
    /// links: the page's own links add `after` or `before`; exports take them as they are.
    var parameters: [(String, String)]

    init(_ page: PageRequest) throws {
        var query = ActivityQuery(limit: Self.defaultLimit, withUSDTotals: true)
        var parameters: [(String, String)] = []
        func keep(_ name: String, _ value: String?) {
            if let value { parameters.append((name, value)) }
        }

        if let text = page.string("q") {
            guard text.count <= Self.maxQueryLength else {
                throw WebError.badRequest("q must be at most \(Self.maxQueryLength) characters, not \(text.count)")
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty {
                query.text = trimmed
                keep("q", trimmed)
            }
        }
        fromYear = try page.int("from", in: Period.years)
        toYear = try page.int("to", in: Period.years)
        if let from = fromYear, let to = toYear, from > to {
            throw WebError.badRequest("from (\(from)) must not be after to (\(to))")
        }
        query.from = fromYear.map { "\($0)-01-01" }
        query.to = toYear.map { "\($0)-12-31" }
        keep("from", fromYear.map(String.init))
        keep("to", toYear.map(String.init))

        if let status = page.string("status") {
            guard ActivityStatusCode.all.contains(status) else {
                throw WebError.badRequest("status must be one of \(ActivityStatusCode.all.joined(separator: ", ")), not \(PageRequest.quoted(status))")
            }
            query.status = status
            keep("status", status)
        }
        if let country = try page.code("country", maxLength: 3) {
            guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw WebError.badRequest("country must be a two-letter ISO 3166-1 code, not \(PageRequest.quoted(country))")
            }
            query.country = country.uppercased()
            keep("country", query.country)
        }
        query.agencyRegion = try page.choice("region", Region.self)?.code
        keep("region", query.agencyRegion)
        if let partner = page.string("partner") {
            guard partner.count <= 200, !partner.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw WebError.badRequest("partner must be a partner's name or reference of at most 200 characters")
            }
            query.partner = partner
            keep("partner", partner)
        }
        query.fundingSource = try page.choice("source", FundingSource.self)?.code
        keep("source", query.fundingSource)
        query.outcome = try page.choice("outcome", Outcome.self)?.code
        keep("outcome", query.outcome)
        query.modality = try page.choice("modality", FundingModality.self)?.code
        keep("modality", query.modality)
        if let sstc = page.string("sstc") {
            switch sstc {
            case "1", "true", "yes": query.sstc = true
            case "0", "false", "no": query.sstc = false
            default: throw WebError.badRequest("sstc must be 1 (South-South and triangular cooperation only) or 0 (the rest), not \(PageRequest.quoted(sstc))")
            }
            keep("sstc", query.sstc == true ? "1" : "0")
        }
        query.reportingOrg = try page.code("reporting-org", maxLength: 100)
        keep("reporting-org", query.reportingOrg)

        if let sort = page.string("sort") {
            guard let parsed = ActivitySort(sort) else {
                throw WebError.badRequest(
                    "sort must be one of \(ActivitySort.all.map(\.description).joined(separator: ", ")), not \(PageRequest.quoted(sort))")
            }
            query.sort = parsed
            if parsed != .stored { keep("sort", sort) }
        }
        query.limit = try page.int("limit", in: Self.limits) ?? Self.defaultLimit
        if query.limit != Self.defaultLimit { keep("limit", String(query.limit)) }
        query.after = try Self.cursor("after", page, sort: query.sort)
        query.before = try Self.cursor("before", page, sort: query.sort)
        if query.after != nil, query.before != nil {
            throw WebError.badRequest("after and before cannot be given together")
        }
        self.query = query
        self.parameters = parameters
    }

    /// Whether any filter or search is set (not counting order and page size).
    var isFiltered: Bool { parameters.contains { !["sort", "limit"].contains($0.0) } }

    private static func cursor(_ name: String, _ page: PageRequest, sort: ActivitySort) throws -> ActivityCursor? {
        guard let text = page.string(name) else { return nil }
        guard text.count <= 2_000, let cursor = ActivityCursor(text) else {
            throw WebError.badRequest("\(name) is not a cursor this list gave: \(PageRequest.quoted(text))")
        }
        guard cursor.sort == sort else {
            throw WebError.badRequest("\(name) was made for the order \(cursor.sort), not \(sort): start again from the first page")
        }
        return cursor
    }
}

/// The IATI ActivityStatus codelist's codes.
enum ActivityStatusCode {
    static let all = ["1", "2", "3", "4", "5", "6"]
}
