import Charts
import Hummingbird
import Portfolio
import Store

extension Site {
    /// `/screening`: the E&S screening register (seed §34) — the screened projects with their
    /// category, date and checklist version, the projects still without a screening, the number of
    /// projects in each category, and the written rules that give the category. `?category=` keeps
    /// the screened projects of one category.
    func addScreening(to router: Router<WebRequestContext>) {
        router.get("/screening") { request, _ in
            let page = try PageRequest(request)
            let category = try page.choice("category", RiskCategory.self)
            return try await screening(page, category: category)
        }
    }

    private func screening(_ page: PageRequest, category chosen: RiskCategory?) async throws -> Response {
        let register = try await store.screeningRegister()
        let categories = RiskCategory.allCases.reversed()
        let data = ChartData(
            categories: categories.map { text("screening_category_\($0.rawValue)", page) },
            values: categories.map { Double(register.counts[$0] ?? 0) },
            seriesName: text("screening_projects", page))
        let title = text("screening_chart_title", page)
        let screenedCount = register.screened.count
        let chart = BarChart(
            title: title, description: text("screening_chart_desc", page, String(screenedCount), String(register.missing.count)),
            data: data, format: .integer, layout: .single, valueAxisLabel: text("screening_projects", page), noDataText: text("no_data", page))
        let table = DataTable(caption: title, data: data, format: .integer, categoryHeader: text("screening_category", page),
                              totalsLabel: text("total", page))
        func entry(_ entry: ScreeningRegister.Entry) -> [String: Any] {
            [
                "project": entry.project, "href": page.link(Self.projectPath(entry.project)), "title": entry.title ?? "",
                "category": entry.category.map { text("screening_category_\($0.rawValue)", page) } ?? "",
                "categoryCode": entry.category?.rawValue ?? "",
                "date": entry.screenedAt.map { String($0.prefix(10)) } ?? "", "by": entry.screenedBy ?? "",
                "version": entry.checklistVersion.map(String.init) ?? "",
                "status": entry.status.map { text("pipeline_\($0.rawValue)", page) } ?? text("pipeline_none", page),
            ]
        }
        let screened = register.screened.filter { chosen == nil || $0.category == chosen }
        let filters: [[String: Any]] = [["label": text("filter_any", page), "href": page.link("/screening"), "current": chosen == nil]]
            + RiskCategory.allCases.map { category in
                ["label": text("screening_category_\(category.rawValue)", page),
                 "href": page.link("/screening", [("category", category.rawValue)]), "current": category == chosen]
            }
        let checklist = ScreeningChecklist.current
        return try self.page("screening", title: text("screening_title", page), [
            "svg": chart.svg(id: "screening-categories"), "table": table.html(id: "screening-categories-data"),
            "screened": screened.map(entry), "hasScreened": !screened.isEmpty, "screenedCount": screenedCount,
            "missing": register.missing.map(entry), "hasMissing": !register.missing.isEmpty, "missingCount": register.missing.count,
            "filters": filters,
            "version": String(checklist.version),
            "rules": (1...checklist.rules.count).map { text("screening_rule_\($0)", page) },
            "areas": ScreeningArea.allCases.map { text("screening_area_\($0.rawValue)", page) }.joined(separator: "; "),
        ], for: page)
    }

    /// The project page's screening section: the latest screening (category, measures, who and
    /// when) and the pipeline status history; `nil` values when the project has neither.
    func screeningSection(_ screenings: [Screening], _ pipeline: [PipelineChange], _ page: PageRequest) -> [String: Any] {
        let latest = screenings.first
        return [
            "screened": latest != nil,
            "category": latest.map { text("screening_category_\($0.category.rawValue)", page) } as Any,
            "categoryCode": latest?.category.rawValue as Any,
            "by": latest?.screenedBy as Any,
            "date": latest.map { String($0.screenedAt.prefix(10)) } as Any,
            "version": latest.map { String($0.checklistVersion) } as Any,
            "rule": latest.map { text("screening_rule_\($0.rule)", page) } as Any,
            "measures": latest?.measures.map(\.text) ?? [],
            "earlier": max(0, screenings.count - 1),
            "pipeline": pipeline.map { change in
                ["status": text("pipeline_\(change.status.rawValue)", page), "date": String(change.changedAt.prefix(10)), "by": change.changedBy]
            },
            "hasPipeline": !pipeline.isEmpty,
            "registerHref": page.link("/screening"),
        ]
    }
}
