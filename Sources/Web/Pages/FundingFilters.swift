import Portfolio
import Store

/// The period and slice of the portfolio a funding page or export covers, read from the URL
/// (`from`, `to`, `source`, `region`, `country`, `outcome`, `modality`, `sstc`, `reporting-org`,
/// `partner`; each list parameter may repeat). A value that is not one of the agency's codes is a 400.
struct FundingFilters: Sendable, Equatable {
    var period: Period
    var sources: [String] = []
    var regions: [String] = []
    var countries: [String] = []
    var outcomes: [String] = []
    var modalities: [String] = []
    var reportingOrgs: [String] = []
    var partners: [String] = []
    /// `true`: only South-South and triangular cooperation; `false`: only the rest.
    var sstc: Bool?

    /// The longest partner name accepted in `?partner=`.
    static let maxPartnerLength = 200

    init(period: Period) {
        self.period = period
    }

    init(_ page: PageRequest) throws {
        period = try Period(page)
        sources = try Self.codes(page, "source", FundingSource.allCases.map(\.rawValue))
        regions = try Self.codes(page, "region", Region.allCases.map(\.rawValue))
        outcomes = try Self.codes(page, "outcome", Outcome.allCases.map(\.rawValue))
        modalities = try Self.codes(page, "modality", FundingModality.allCases.map(\.rawValue))
        countries = try page.codes("country").map { code in
            guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw WebError.badRequest("country must be a two-letter ISO 3166-1 code, not \(PageRequest.quoted(code))")
            }
            return code.uppercased()
        }
        reportingOrgs = try page.codes("reporting-org")
        partners = try page.strings("partner").map { name in
            guard name.count <= Self.maxPartnerLength else {
                throw WebError.badRequest("partner must be at most \(Self.maxPartnerLength) characters long")
            }
            return name
        }
        switch page.string("sstc") {
        case nil: sstc = nil
        case "1": sstc = true
        case "0": sstc = false
        case let other?: throw WebError.badRequest("sstc must be 1 or 0, not \(PageRequest.quoted(other))")
        }
    }

    /// The question these filters ask of `measure`, grouped by `dimensions`.
    func query(_ measure: FundingQuery.Measure, by dimensions: [FundingQuery.Dimension] = []) -> FundingQuery {
        var query = FundingQuery(measure, by: dimensions, from: period.from, to: period.to)
        query.sources = sources
        query.regions = regions
        query.countries = countries
        query.outcomes = outcomes
        query.modalities = modalities
        query.reportingOrgs = reportingOrgs
        query.partners = partners
        query.sstc = sstc
        return query
    }

    /// The URL parameters that give these filters back (the period first).
    var parameters: [(String, String)] {
        var items = period.parameters
        let lists: [(String, [String])] = [
            ("source", sources), ("region", regions), ("country", countries), ("outcome", outcomes),
            ("modality", modalities), ("reporting-org", reportingOrgs), ("partner", partners),
        ]
        for (name, values) in lists {
            items += values.map { (name, $0) }
        }
        if let sstc { items.append(("sstc", sstc ? "1" : "0")) }
        return items
    }

    /// Whether any filter beyond the period is set.
    var isFiltered: Bool { parameters.count > period.parameters.count }

    private static func codes(_ page: PageRequest, _ name: String, _ allowed: [String]) throws -> [String] {
        let values = page.strings(name)
        for value in values where !allowed.contains(value) {
            throw WebError.badRequest("\(name) must be one of \(allowed.joined(separator: ", ")), not \(PageRequest.quoted(value))")
        }
        return values
    }
}
