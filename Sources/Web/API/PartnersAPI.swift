import Foundation
import Hummingbird
import Portfolio
import Store

extension Site {
    private struct PartnerList: Encodable {
        var measure: String
        var from: Int?
        var to: Int?
        /// The sum of `usd` over the partners, exact decimal text.
        var total: String
        var partners: [FundingPartnerTotal]
    }

    /// `GET /api/v1/partners?from=&to=&measure=`: every funding partner with its identifier, name,
    /// funding source and what it gave (contributions unless `measure` says otherwise).
    func apiPartners(_ page: PageRequest) async throws -> Response {
        let measure = try page.choice("measure", FundingQuery.Measure.self) ?? .contributions
        let (from, to) = try Self.apiYears(page)
        let partners = try await store.fundingPartners(FundingQuery(measure, from: from, to: to))
        let total = partners.reduce(Decimal(0)) { $0 + (Decimal(string: $1.usd) ?? 0) }
        return try APIResponse.json(PartnerList(measure: measure.rawValue, from: from, to: to, total: "\(total)", partners: partners))
    }

    private struct CountryList: Encodable {
        struct Country: Encodable {
            var code: String
            var name: String
            var region: String?
            var count: Int
            var usd: String
        }

        var measure: String
        var from: Int?
        var to: Int?
        var total: String
        /// Expenditure without a country (regional and global work).
        var withoutCountry: String
        var countries: [Country]
    }

    /// `GET /api/v1/countries?from=&to=&region=`: every country with expenditure, with its name and
    /// the agency's region, largest first.
    func apiCountries(_ page: PageRequest) async throws -> Response {
        let (from, to) = try Self.apiYears(page)
        var query = FundingQuery(.expenditure, by: [.country], from: from, to: to)
        query.regions = try page.choices("region", Region.self)
        let report = try await store.funding(query)
        var countries: [CountryList.Country] = []
        var withoutCountry = "0"
        for row in report.rows {
            guard let code = row.keys.first ?? nil else {
                withoutCountry = row.usd
                continue
            }
            countries.append(CountryList.Country(
                code: code, name: Self.countryName(code), region: CountryRegions.bundled.region(of: code)?.code,
                count: row.count, usd: row.usd))
        }
        return try APIResponse.json(CountryList(
            measure: FundingQuery.Measure.expenditure.rawValue, from: from, to: to, total: report.total,
            withoutCountry: withoutCountry, countries: countries))
    }

    /// A country's English name (from the system's locale data); its code when unknown.
    static func countryName(_ code: String) -> String {
        Locale(identifier: "en").localizedString(forRegionCode: code) ?? code
    }

    /// `?from=&to=` as optional years (no bound when absent), `from` not after `to`.
    static func apiYears(_ page: PageRequest) throws -> (Int?, Int?) {
        let from = try page.int("from", in: Period.years), to = try page.int("to", in: Period.years)
        if let from, let to, from > to { throw WebError.badRequest("from (\(from)) must not be after to (\(to))") }
        return (from, to)
    }
}
