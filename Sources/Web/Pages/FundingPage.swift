import Charts
import Hummingbird
import Portfolio
import Store

extension Site {
    /// `/funding`: the seed's appendix for any period and slice of the portfolio — approvals by
    /// year (fig. 1), by funding source (fig. 2), by region (fig. 3), by region and source (fig. 4),
    /// expenditure by outcome (fig. 5), the partner table and core vs non-core — and
    /// `/funding/export`, every one of those tables as CSV or Excel.
    func addFunding(to router: Router<WebRequestContext>) {
        router.get("/funding") { request, _ in
            let page = try PageRequest(request)
            let filters = try FundingFilters(page)
            let measure = try page.choice("measure", FundingQuery.Measure.self) ?? .contributions
            return try await funding(page, filters, partnerMeasure: measure)
        }
        router.get("/funding/export") { request, _ in
            let page = try PageRequest(request)
            return try await FundingExport(page).response(site: self, page: page)
        }
    }

    private func funding(_ page: PageRequest, _ filters: FundingFilters, partnerMeasure: FundingQuery.Measure) async throws -> Response {
        async let byYear = store.funding(filters.query(.approvals, by: [.year]))
        async let yearSource = store.funding(filters.query(.approvals, by: [.year, .source]))
        async let yearRegion = store.funding(filters.query(.approvals, by: [.year, .region]))
        async let regionSource = store.funding(filters.query(.approvals, by: [.region, .source]))
        async let outcomes = store.funding(filters.query(.expenditure, by: [.outcome]))
        async let partners = store.funding(filters.query(partnerMeasure, by: [.partner]))
        async let core = store.funding(filters.query(.contributions, by: [.core]))
        async let countries = store.funding(filters.query(.expenditure, by: [.country]))
        async let allCountries = store.funding(FundingFilters(period: filters.period).query(.expenditure, by: [.country]))

        let blocks = FundingBlocks(site: self, page: page, filters: filters)
        let period = filters.period.label
        let years = try await byYear
        let fig1 = blocks.columnFigure("approvals-by-year", "fig_approvals_year",
                                       blocks.yearData([(text("approvals_usd_thousands", page), years)]), layout: .single, report: years)
        let fig2 = blocks.columnFigure("approvals-by-source", "fig_approvals_source", blocks.crossData(try await yearSource),
                                       layout: .stacked, report: try await yearSource)
        let fig3 = blocks.columnFigure("approvals-by-region", "fig_approvals_region", blocks.crossData(try await yearRegion),
                                       layout: .stacked, report: try await yearRegion)
        let fig4 = blocks.regionSourceFigure(try await regionSource)

        let fig5 = blocks.rankedChart(try await outcomes, id: "expenditure-by-outcome", title: text("fig_expenditure_outcome", page, period),
                                      description: text("fig_expenditure_outcome_desc", page, period))
        let coreTitle = text("core_title", page, period)
        let coreBlock = blocks.rankedChart(try await core, id: "core-non-core", title: coreTitle, description: text("core_desc", page, period))
        let partnerTable = blocks.rankedTable(
            try await partners, id: "partners",
            caption: text("partners_table_title", page, blocks.measureName(partnerMeasure).lowercased(), period))

        return try self.page("funding", title: text("funding_title", page), [
            "period": periodForm(page, filters.period),
            "filters": filterForm(page, filters, partnerMeasure: partnerMeasure, countries: try await allCountries, labels: blocks.labels),
            "total": Money.usd(years.total),
            "figures": [fig1, fig2, fig3, fig4],
            "outcomes": fig5,
            "partners": partnerTable,
            "core": coreBlock,
            "countries": blocks.rankedTable(try await countries, id: "expenditure-by-country",
                                            caption: text("countries_table_title", page, period)),
            "regions": Region.allCases.map { region in
                ["name": blocks.labels.name(.region, region.rawValue),
                 "href": blocks.labels.href(.region, region.rawValue, period: filters.period) ?? ""]
            },
        ], for: page)
    }

    /// The filter form (GET): every filter as a select of the agency's codes, the period kept.
    private func filterForm(_ page: PageRequest, _ filters: FundingFilters, partnerMeasure: FundingQuery.Measure,
                            countries: FundingReport, labels: FundingLabels) -> [String: Any] {
        func select(_ name: String, _ label: String, _ options: [(value: String, label: String)], chosen: [String]) -> [String: Any] {
            ["name": name, "id": "filter-\(name)", "label": text(label, page),
             "options": [["value": "", "label": text("filter_any", page), "selected": chosen.isEmpty]]
                + options.map { ["value": $0.value, "label": $0.label, "selected": chosen.contains($0.value)] }]
        }
        let countryCodes = countries.rows.compactMap { row -> String? in row.keys.first.flatMap { $0 } }
            .map { (value: $0, label: labels.name(.country, $0)) }.sorted { $0.label < $1.label }
        let measures = FundingQuery.Measure.allCases.map { (value: $0.rawValue, label: text("measure_\($0.rawValue)", page)) }
        let selects: [[String: Any]] = [
            select("source", "filter_source", FundingSource.allCases.map { ($0.rawValue, labels.name(.source, $0.rawValue)) }, chosen: filters.sources),
            select("region", "filter_region", Region.allCases.map { ($0.rawValue, labels.name(.region, $0.rawValue)) }, chosen: filters.regions),
            select("country", "filter_country", countryCodes, chosen: filters.countries),
            select("outcome", "filter_outcome", Outcome.allCases.map { ($0.rawValue, labels.name(.outcome, $0.rawValue)) }, chosen: filters.outcomes),
            select("modality", "filter_modality", FundingModality.allCases.map { ($0.rawValue, labels.name(.modality, $0.rawValue)) },
                   chosen: filters.modalities),
            select("sstc", "filter_sstc", [("1", text("sstc_only", page)), ("0", text("sstc_none", page))],
                   chosen: filters.sstc.map { [$0 ? "1" : "0"] } ?? []),
            select("measure", "filter_measure", measures, chosen: [partnerMeasure.rawValue]),
        ]
        let texts: [[String: Any]] = [
            ["name": "reporting-org", "id": "filter-reporting-org", "label": text("filter_reporting_org", page),
             "value": filters.reportingOrgs.first ?? ""],
            ["name": "partner", "id": "filter-partner", "label": text("filter_partner", page), "value": filters.partners.first ?? ""],
        ]
        return [
            "action": page.path, "selects": selects, "texts": texts,
            "period": filters.period.parameters.map { ["name": $0.0, "value": $0.1] },
            "langParam": (page.languageInURL ? page.language.rawValue : nil) as Any,
            "clear": filters.isFiltered ? page.link(page.path, filters.period.parameters) as Any : false as Any,
        ]
    }
}
