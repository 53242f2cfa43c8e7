import Charts
import Foundation
import Hummingbird
import Portfolio
import Store

/// The things of the portfolio with a page of their own: a funding partner, a country, a region,
/// a P&B outcome. Each page filters the funding analytics by its thing.
enum EntityKind: String, CaseIterable {
    case partner, country, region, outcome

    init?(dimension: FundingQuery.Dimension) {
        switch dimension {
        case .partner: self = .partner
        case .country: self = .country
        case .region: self = .region
        case .outcome: self = .outcome
        default: return nil
        }
    }

    var dimension: FundingQuery.Dimension {
        switch self {
        case .partner: .partner
        case .country: .country
        case .region: .region
        case .outcome: .outcome
        }
    }

    /// `/partners`, `/countries` …
    var collection: String { self == .country ? "/countries" : "/\(rawValue)s" }

    /// The page of `key`: `/partners/United%20Nations`, `/countries/KH`.
    func path(_ key: String) -> String { collection + "/" + PageRequest.percentEncoded(key) }

    /// The breakdowns that say something about the thing: a partner's money by region and outcome,
    /// a country's by partner and outcome, a region's by country and source, an outcome's by region
    /// and partner.
    var breakdowns: [FundingQuery.Dimension] {
        switch self {
        case .partner: [.region, .outcome]
        case .country: [.partner, .outcome]
        case .region: [.country, .source]
        case .outcome: [.region, .partner]
        }
    }

    /// What the breakdowns sum unless `?measure=` says otherwise: what a partner gives, what is
    /// spent in a country, a region or on an outcome (few contributions name a country).
    var defaultMeasure: FundingQuery.Measure { self == .partner ? .contributions : .expenditure }

    /// The key as the funding facts hold it, or `nil` when it cannot be one (a 404 without asking the store).
    func key(_ raw: String) -> String? {
        switch self {
        case .partner: return raw.isEmpty || raw.count > FundingFilters.maxPartnerLength ? nil : raw
        case .country:
            return raw.count == 2 && raw.allSatisfy({ $0.isASCII && $0.isLetter }) ? raw.uppercased() : nil
        case .region: return Region(rawValue: raw)?.rawValue
        case .outcome: return Outcome(rawValue: raw.uppercased())?.rawValue
        }
    }

    /// The filters of the period with this thing as the only filter.
    func filters(_ key: String, period: Period) -> FundingFilters {
        var filters = FundingFilters(period: period)
        switch self {
        case .partner: filters.partners = [key]
        case .country: filters.countries = [key]
        case .region: filters.regions = [key]
        case .outcome: filters.outcomes = [key]
        }
        return filters
    }
}

extension Site {
    /// `/partners/{ref}`, `/countries/{code}`, `/regions/{code}`, `/outcomes/{code}`: the thing's
    /// name and key figures, its funding over time, its breakdowns and a link to its projects.
    /// A key without any funding fact at all is unknown: a 404.
    func addEntityPages(to router: Router<WebRequestContext>) {
        for kind in EntityKind.allCases {
            router.get("\(kind.collection)/:key") { request, context in
                let page = try PageRequest(request)
                let raw = try context.parameters.require("key")
                let decoded = raw.removingPercentEncoding ?? raw
                let period = try Period(page)
                let measure = try page.choice("measure", FundingQuery.Measure.self) ?? kind.defaultMeasure
                return try await entity(kind, decoded, page, period, measure: measure)
            }
        }
    }

    private func entity(_ kind: EntityKind, _ raw: String, _ page: PageRequest, _ period: Period,
                        measure: FundingQuery.Measure) async throws -> Response {
        let notFound = WebError.notFound("No \(kind.rawValue) \(PageRequest.quoted(raw)) has funding in the portfolio.")
        guard let key = kind.key(raw) else { throw notFound }
        // Known: some fact of any measure, in any year.
        let everything = kind.filters(key, period: Period(from: Period.years.lowerBound, to: Period.years.upperBound))
        var known = false
        for measure in FundingQuery.Measure.allCases where !known {
            known = try await store.funding(everything.query(measure)).count > 0
        }
        guard known else { throw notFound }

        let filters = kind.filters(key, period: period)
        let blocks = FundingBlocks(site: self, page: page, filters: filters)
        let labels = blocks.labels
        let name = labels.name(kind.dimension, key)
        async let contributions = store.funding(filters.query(.contributions, by: [.year]))
        async let expenditure = store.funding(filters.query(.expenditure, by: [.year]))
        async let allContributions = store.funding(FundingFilters(period: period).query(.contributions))
        async let allExpenditure = store.funding(FundingFilters(period: period).query(.expenditure))
        async let first = store.funding(filters.query(measure, by: [kind.breakdowns[0]]))
        async let second = store.funding(filters.query(measure, by: [kind.breakdowns[1]]))
        async let category = kind == .partner ? store.funding(filters.query(.contributions, by: [.partner])) : nil

        let label = period.label
        let overTimeTitle = text("entity_over_time", page, name, label)
        let (given, spent) = (try await contributions, try await expenditure)
        let overTime = blocks.yearData([(blocks.measureName(.contributions), given), (blocks.measureName(.expenditure), spent)])
        let chart = BarChart(title: overTimeTitle, description: text("entity_over_time_desc", page, name, label), data: overTime,
                             format: .thousands, layout: .grouped, valueAxisLabel: text("usd_thousands", page),
                             noDataText: text("no_data", page))
        let table = DataTable(caption: overTimeTitle, data: overTime, format: .thousands, categoryHeader: text("year", page),
                              totalsLabel: text("total", page))
        var downloads = blocks.downloads(.contributions, by: [.year])
        for index in downloads.indices {
            downloads[index]["label"] = blocks.measureName(.contributions) + " " + (downloads[index]["label"] as? String ?? "")
        }
        for var link in blocks.downloads(.expenditure, by: [.year]) {
            link["label"] = blocks.measureName(.expenditure) + " " + (link["label"] as? String ?? "")
            downloads.append(link)
        }
        let overTimeBlock = blocks.chartBlock(id: "over-time", svg: chart.svg(id: "over-time"), table: table.html(id: "over-time-data"),
                                              reports: [given, spent], downloads: downloads)

        let measureName = blocks.measureName(measure)
        let breakdowns = try await [first, second].map { report in
            let dimension = text("dimension_\(report.dimensions[0].rawValue)", page)
            return blocks.rankedChart(report, id: "by-\(report.dimensions[0].rawValue)",
                                      title: text("entity_by", page, measureName, dimension, label),
                                      description: text("entity_by_desc", page, measureName.lowercased(), dimension, label))
        }

        func share(_ part: String, of whole: String) -> String {
            let total = Money.value(whole)
            return total == 0 ? "–" : ValueFormat.percent.format(Money.value(part) / total)
        }
        let allGiven = try await allContributions.total, allSpent = try await allExpenditure.total
        var figures: [[String: Any]] = [
            ["label": blocks.measureName(.contributions), "value": Money.usd(given.total),
             "detail": text("entity_share", page, blocks.measureName(.contributions).lowercased()) + ": " + share(given.total, of: allGiven), "href": false],
            ["label": blocks.measureName(.expenditure), "value": Money.usd(spent.total),
             "detail": text("entity_share", page, blocks.measureName(.expenditure).lowercased()) + ": " + share(spent.total, of: allSpent), "href": false],
        ]
        if let partnerRow = try await category?.rows.first {
            figures.append(["label": text("category", page), "value": labels.shortName(.source, partnerRow.category),
                            "detail": labels.sourceName(partnerRow.category), "href": false])
        }
        if kind == .country, let region = CountryRegions.bundled.region(of: key) {
            figures.append(["label": text("entity_region", page), "value": labels.name(.region, region.rawValue), "detail": false,
                            "href": labels.href(.region, region.rawValue, period: period) ?? false])
        }

        return try self.page("entity", title: name, [
            "kindLabel": text("entity_\(kind.rawValue)", page),
            "name": name,
            "code": kind == .partner || name == key ? false as Any : key as Any,
            "lead": text("entity_lead", page, label),
            "period": periodForm(page, period),
            "figures": figures,
            "overTime": overTimeBlock,
            "measures": FundingQuery.Measure.allCases.map { option in
                ["value": option.rawValue, "label": blocks.measureName(option), "selected": option == measure,
                 "href": page.replacing(["measure": option.rawValue]), "current": option == measure]
            },
            "breakdowns": breakdowns,
            "projectsLink": page.link("/projects", [(kind.rawValue, key)] + period.parameters),
            "fundingLink": page.link("/funding", filters.parameters),
        ], for: page)
    }
}
