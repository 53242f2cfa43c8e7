import Charts
import Hummingbird
import Store

extension Site {
    /// `/`: key figures of a period and approvals by year, with links into everything else.
    func addOverview(to router: Router<WebRequestContext>) {
        router.get("/") { request, _ in
            let page = try PageRequest(request)
            let period = try Period(page)
            return try await overview(page, period)
        }
    }

    private func overview(_ page: PageRequest, _ period: Period) async throws -> Response {
        async let approvals = store.funding(FundingQuery(.approvals, from: period.from, to: period.to))
        async let expenditure = store.funding(FundingQuery(.expenditure, from: period.from, to: period.to))
        async let partners = store.funding(FundingQuery(.contributions, by: [.partner], from: period.from, to: period.to))
        async let countries = store.funding(FundingQuery(.expenditure, by: [.country], from: period.from, to: period.to))
        async let byYear = store.funding(FundingQuery(.approvals, by: [.year], from: period.from, to: period.to))
        async let active = store.activities(ActivityQuery(from: period.firstDay, to: period.lastDay, limit: 1))
        var rbsaQuery = FundingQuery(.contributions, from: period.from, to: period.to)
        rbsaQuery.modalities = ["rbsa"]
        async let rbsa = store.funding(rbsaQuery)

        let years = try await byYear
        let data = ChartData(
            categories: years.rows.map { $0.keys.first.flatMap { $0 } ?? "–" },
            values: years.rows.map { Money.value($0.usd) / 1_000 },
            seriesName: text("approvals_usd_thousands", page))
        let chartTitle = text("chart_approvals_by_year", page, period.label)
        let chart = BarChart(
            title: chartTitle,
            description: text("chart_approvals_by_year_desc", page, period.label),
            data: data, format: .thousands, layout: .single, valueAxisLabel: text("usd_thousands", page),
            noDataText: text("no_data", page))
        let table = DataTable(caption: chartTitle, data: data, format: .thousands, categoryHeader: text("year", page),
                              totalsLabel: text("total", page))

        let figures: [[String: Any]] = [
            figure("figure_approvals", Money.usd(try await approvals.total), page.link("/funding", period.parameters), page),
            figure("figure_expenditure", Money.usd(try await expenditure.total), page.link("/funding", period.parameters), page),
            figure("figure_active_projects", ValueFormat.integer.format(Double(try await active.total)),
                   page.link("/projects", period.parameters), page),
            figure("figure_partners", ValueFormat.integer.format(Double(try await partners.rows.filter { $0.keys.first! != nil }.count)),
                   page.link("/funding", period.parameters), page),
            figure("figure_countries", ValueFormat.integer.format(Double(try await countries.rows.filter { $0.keys.first! != nil }.count)),
                   page.link("/projects", period.parameters), page),
            figure("figure_rbsa", Money.usd(try await rbsa.total), page.link("/funding", period.parameters + [("modality", "rbsa")]), page),
        ]
        return try self.page("overview", title: text("overview_title", page), [
            "period": periodForm(page, period),
            "figures": figures,
            "chart": chart.svg(id: "approvals-by-year"),
            "table": table.html(id: "approvals-by-year-data"),
            "fundingLink": page.link("/funding", period.parameters),
            "projectsLink": page.link("/projects", period.parameters),
            "dataLink": page.link("/data"),
        ], for: page)
    }

    private func figure(_ key: String, _ value: String, _ href: String, _ page: PageRequest) -> [String: Any] {
        ["label": text(key, page), "value": value, "href": href]
    }

    /// The period chooser every page with a period shows: a GET form, so it works without script.
    func periodForm(_ page: PageRequest, _ period: Period) -> [String: Any] {
        let years = Array(2010...2030)
        return TemplateValues.cleaned([
            "label": period.label,
            "action": page.path,
            "langParam": (page.languageInURL ? page.language.rawValue : nil) as String? as Any,
            "fromYears": years.map { ["year": $0, "selected": $0 == period.from] },
            "toYears": years.map { ["year": $0, "selected": $0 == period.to] },
            "hidden": page.parameters.filter { !["from", "to", "lang", "after"].contains($0.name) }
                .map { ["name": $0.name, "value": $0.value] },
        ])
    }
}
