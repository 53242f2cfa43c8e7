import Foundation
import Hummingbird
import Portfolio
import Store

extension Site {
    /// `GET /api/v1/funding`: the ``FundingReport`` of the query in the URL.
    func apiFunding(_ page: PageRequest) async throws -> Response {
        let query = try FundingQuery(apiRequest: page)
        return try APIResponse.json(try await store.funding(query))
    }
}

extension FundingQuery {
    /// The query of `?measure=&by=&by=&from=&to=` and the filters (`source`, `region`, `country`,
    /// `outcome`, `modality`, `sstc`, `partner`, `reporting-org`, each repeatable but `sstc`);
    /// anything the store would not understand is a 400 naming the parameter.
    init(apiRequest page: PageRequest) throws {
        self.init(try page.choice("measure", Measure.self) ?? .contributions)
        var dimensions: [Dimension] = []
        for text in page.strings("by") {
            guard let dimension = Dimension(rawValue: text) else {
                throw WebError.badRequest("by must be one of \(Dimension.allCases.map(\.rawValue).joined(separator: ", ")), not \(PageRequest.quoted(text))")
            }
            guard !dimensions.contains(dimension) else { throw WebError.badRequest("by names \(text) twice") }
            dimensions.append(dimension)
        }
        guard dimensions.count <= 2 else { throw WebError.badRequest("by may be given at most twice (two dimensions)") }
        self.dimensions = dimensions
        (from, to) = try Site.apiYears(page)
        sources = try page.choices("source", FundingSource.self)
        regions = try page.choices("region", Region.self)
        outcomes = try page.choices("outcome", Outcome.self)
        modalities = try page.choices("modality", FundingModality.self)
        countries = try page.countryCodes("country")
        reportingOrgs = try page.codes("reporting-org")
        partners = try page.names("partner")
        sstc = try page.bool("sstc")
    }
}
