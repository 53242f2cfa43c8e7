import Charts
import Foundation
import Hummingbird
import Portfolio
import Store

extension Site {
    /// `/strategy`: the strategy as of a day (`?as-of=YYYY-MM-DD`, today by default) — the seed's
    /// tables 1–4, one per pillar: outcome, actions, the latest progress with its rating, the
    /// indicators with target against actual, and the history of assessments.
    func addStrategy(to router: Router<WebRequestContext>) {
        router.get("/strategy") { request, _ in
            let page = try PageRequest(request)
            let asOf = try page.day("as-of") ?? Self.today
            let review: StrategyReview
            do {
                review = try await store.strategyReview(asOf: asOf)
            } catch let error as StoreError where error.reason == .notFound {
                throw WebError.notFound("The store holds no strategy.")
            }
            return try strategy(page, review)
        }
    }

    /// Today, `YYYY-MM-DD` (UTC).
    static var today: String { String(Date().formatted(.iso8601).prefix(10)) }

    private func strategy(_ page: PageRequest, _ review: StrategyReview) throws -> Response {
        let lang = page.language.rawValue
        func chosen(_ text: LocalizedText) -> [String: Any] {
            ["text": text.text(lang), "fallback": !text.has(lang)]
        }
        let pillars: [[String: Any]] = review.pillars.map { pillar in
            let number = pillar.pillar.number
            let indicators = pillar.indicators.map { indicatorValues($0, pillar: number, page: page, asOf: review.asOf) }
            return TemplateValues.cleaned([
                "id": "pillar-\(number)",
                "heading": text("pillar_heading", page, String(number), pillar.pillar.title.text(lang)),
                "outcome": chosen(pillar.pillar.outcome),
                "actions": pillar.pillar.actions.map { action in
                    ["code": "\(number).\(action.number)", "text": chosen(action.text)] as [String: Any]
                },
                "latest": pillar.latest.map { assessmentValues($0, page) } as Any,
                "indicators": indicators,
                "charts": indicators.compactMap { $0["chart"] },
                "history": pillar.history.map { assessmentValues($0, page) },
            ])
        }
        return try self.page("strategy", title: text("strategy_title", page), [
            "title": review.strategy.title.text(lang),
            "period": text("strategy_period", page, review.strategy.start, review.strategy.end),
            "asOf": review.asOf,
            "asOfNote": text("as_of_note", page, review.asOf),
            "reviewHref": page.link("/strategy/review", [("as-of", review.asOf)]),
            "action": page.path,
            "langParam": (page.languageInURL ? page.language.rawValue : nil) as Any,
            "pillars": pillars,
        ], for: page)
    }

    func assessmentValues(_ assessment: ProgressAssessment, _ page: PageRequest) -> [String: Any] {
        let lang = page.language.rawValue
        return TemplateValues.cleaned([
            "date": assessment.date,
            "scope": assessment.action.map { "\(assessment.pillar).\($0)" } ?? text("whole_pillar", page),
            "rating": text("rating_\(assessment.rating.rawValue)", page),
            "ratingCode": assessment.rating.rawValue,
            "text": assessment.narrative.text(lang),
            "fallback": !assessment.narrative.has(lang),
            "by": assessment.recordedBy,
            "dataAsOf": assessment.dataAsOf.map { text("data_as_of", page, $0) } as Any,
            "evidence": assessment.evidence.joined(separator: ", "),
        ])
    }

    func indicatorValues(_ review: IndicatorReview, pillar: Int, page: PageRequest, asOf: String) -> [String: Any] {
        let indicator = review.indicator
        let format = Self.valueFormat(indicator.unit)
        let title = indicator.title.text(page.language.rawValue)
        let latest = review.latest
        var values: [String: Any] = [
            "id": indicator.id,
            "title": title,
            "scope": indicator.action.map { "\(pillar).\($0)" } ?? "\(pillar)",
            "unit": text("unit_\(indicator.unit.rawValue)", page),
            "baseline": indicator.baseline.map { format.format($0) + (indicator.baselineYear.map { " (\($0))" } ?? "") } ?? "–",
            "latest": latest.map { format.format($0.value) } ?? text("no_value", page),
            "latestDate": latest?.date ?? "",
            "source": latest.map { $0.computed ? text("computed_source", page) : $0.source } ?? "",
            "reported": review.entered.last.map { text("reported_value", page, format.format($0.value), $0.date, $0.source) } ?? "",
            "target": indicator.targets.sorted { $0.key < $1.key }.map { "\(format.format($0.value)) (\($0.key))" }.joined(separator: ", "),
        ]
        // A chart when there is more than one point to set against each other.
        var years = Set(review.yearly.map { CalendarDate.year($0.date) })
        years.formUnion(review.entered.map { CalendarDate.year($0.date) })
        years.formUnion(indicator.targets.keys)
        guard !review.yearly.isEmpty || indicator.targets.count + review.entered.count > 1 else { return values }
        let categories = years.sorted()
        func series(_ key: String, _ points: [Int: Double]) -> ChartSeries? {
            points.isEmpty ? nil : ChartSeries(name: text(key, page), values: categories.map { points[$0] })
        }
        func lastByYear(_ values: [IndicatorValue]) -> [Int: Double] {
            Dictionary(values.map { (CalendarDate.year($0.date), $0.value) }, uniquingKeysWith: { _, later in later })
        }
        let data = ChartData(
            categories: categories.map(String.init),
            series: [
                series("series_computed", lastByYear(review.yearly)), series("series_reported", lastByYear(review.entered)),
                series("series_target", indicator.targets),
            ].compactMap { $0 })
        let id = "indicator-\(indicator.id)"
        let chartTitle = text("indicator_chart_title", page, title)
        let chart = BarChart(
            title: chartTitle, description: text("indicator_chart_desc", page, title, asOf), data: data, format: format,
            layout: .grouped, valueAxisLabel: text("unit_\(indicator.unit.rawValue)", page), noDataText: text("no_data", page))
        let table = DataTable(caption: chartTitle, data: data, format: format, categoryHeader: text("year", page))
        values["chart"] = ["id": id, "svg": chart.svg(id: id), "table": table.html(id: "\(id)-data")] as [String: Any]
        return values
    }

    static func valueFormat(_ unit: IndicatorUnit) -> ValueFormat {
        switch unit {
        case .count: .integer
        case .share: .percent
        case .millionUSD: .decimal(places: 1)
        }
    }
}

extension PageRequest {
    /// A day written `YYYY-MM-DD`, or a 400 naming the parameter.
    func day(_ name: String) throws -> String? {
        guard let text = string(name) else { return nil }
        guard let day = CalendarDate.parse(text) else {
            throw WebError.badRequest("\(name) must be a date written YYYY-MM-DD, not \(Self.quoted(text))")
        }
        return day
    }
}
