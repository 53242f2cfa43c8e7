import Charts
import Hummingbird
import Portfolio
import Store

extension Site {
    /// `/strategy/review?as-of=&lang=`: the review document as one printable page.
    func addReview(to router: Router<WebRequestContext>) {
        router.get("/strategy/review") { request, _ in
            let page = try PageRequest(request)
            let asOf = try page.day("as-of") ?? Self.today
            let document = try await review(asOf: asOf, page: page)
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: document.html(stylesheet: "/static/review.css"))))
        }
    }

    /// The Governing-Body-style review of the strategy as of `asOf` (`YYYY-MM-DD`), from live data:
    /// purpose, context, assessment, one section per pillar (its table of outcome, actions and
    /// progress, its action-level assessments and its indicators), next steps, a draft-decision
    /// placeholder, and the appendix (figures 1–5 and the partner table). Throws a ``StoreError``
    /// `.notFound` when the store holds no strategy.
    public func review(asOf: String, language: Language) async throws -> ReviewDocument {
        try await review(asOf: asOf, page: PageRequest(path: "/strategy/review", language: language))
    }

    private func review(asOf: String, page: PageRequest) async throws -> ReviewDocument {
        let review = try await store.strategyReview(asOf: asOf)
        let lang = page.language.rawValue
        func text(_ key: String, _ arguments: String...) -> String { localizer.text(key, page.language, arguments) }
        let strategyTitle = review.strategy.title.text(lang)
        let startYear = CalendarDate.year(review.strategy.start), endYear = CalendarDate.year(review.strategy.end)
        // Funding is counted by whole years: those of the strategy ended by the review's day.
        let lastYear = max(startYear, min(endYear, CalendarDate.year(asOf) - 1))
        let strategyYears = Period(from: startYear, to: lastYear)
        let longYears = Period(from: startYear - 6, to: lastYear)

        var blocks: [ReviewDocument.Block] = []
        blocks.append(.heading(level: 2, text: text("rv_purpose_heading"), id: "purpose"))
        blocks.append(.paragraph(text("rv_purpose", strategyTitle, asOf)))
        blocks += ["rv_objectives", "rv_policy", "rv_followup", "rv_author"].map { .paragraph(text($0)) }

        blocks += try await context(review, period: strategyYears, text: text)
        blocks += assessment(review, page: page, text: text)
        blocks.append(.heading(level: 2, text: text("rv_pillars_heading"), id: "pillars"))
        for pillar in review.pillars {
            blocks += pillarSection(pillar, asOf: review.asOf, page: page, text: text)
        }
        blocks += nextSteps(review, page: page, text: text)
        blocks.append(.heading(level: 2, text: text("rv_decision_heading"), id: "decision"))
        blocks.append(.note(text("rv_decision", strategyTitle)))
        blocks += try await appendix(page: page, strategyYears: strategyYears, longYears: longYears, text: text)

        let final = asOf > review.strategy.end
        return ReviewDocument(
            language: page.language,
            frontMatter: [text("rv_body"), text("rv_segment"), text("rv_date", asOf)],
            title: text(final ? "rv_title_final" : "rv_title_mid", strategyTitle),
            blocks: blocks,
            colophon: text("rv_colophon", Self.today, asOf, strategyYears.label))
    }

    private typealias Text = (String, String...) -> String

    private func context(_ review: StrategyReview, period: Period, text: Text) async throws -> [ReviewDocument.Block] {
        async let approvals = store.funding(FundingQuery(.approvals, from: period.from, to: period.to))
        async let expenditure = store.funding(FundingQuery(.expenditure, from: period.from, to: period.to))
        async let partners = store.funding(FundingQuery(.contributions, by: [.partner], from: period.from, to: period.to))
        async let countries = store.funding(FundingQuery(.expenditure, by: [.country], from: period.from, to: period.to))
        async let active = store.activities(ActivityQuery(from: period.firstDay, to: period.lastDay, limit: 1))
        func known(_ report: FundingReport) -> String {
            ValueFormat.integer.format(Double(report.rows.filter { $0.keys.first.flatMap { $0 } != nil }.count))
        }
        return [
            .heading(level: 2, text: text("rv_context_heading"), id: "context"),
            .paragraph(text("rv_context_funding", period.label, Money.usd(try await approvals.total), Money.usd(try await expenditure.total))),
            .paragraph(text("rv_context_reach", known(try await countries), ValueFormat.integer.format(Double(try await active.total)),
                            known(try await partners))),
        ]
    }

    private func assessment(_ review: StrategyReview, page: PageRequest, text: Text) -> [ReviewDocument.Block] {
        let lang = page.language.rawValue
        let rows = review.pillars.map { pillar -> [String] in
            let number = String(pillar.pillar.number)
            guard let latest = pillar.latest else { return [number, pillar.pillar.title.text(lang), text("not_assessed"), "–"] }
            return [number, pillar.pillar.title.text(lang), text("rating_\(latest.rating.rawValue)"), latest.date]
        }
        let indicators = review.pillars.flatMap(\.indicators)
        return [
            .heading(level: 2, text: text("rv_assessment_heading"), id: "assessment"),
            .paragraph(text("rv_assessment_lead", review.asOf)),
            .table(.init(caption: text("rv_ratings_caption", review.asOf),
                         header: [text("pillars"), text("rv_pillar_title"), text("assessment_rating"), text("review_date")], rows: rows)),
            .paragraph(text("rv_indicators_summary", String(indicators.filter { $0.latest != nil }.count), String(indicators.count),
                            String(indicators.filter { $0.computed != nil }.count))),
        ]
    }

    private func pillarSection(_ pillar: PillarReview, asOf: String, page: PageRequest, text: Text) -> [ReviewDocument.Block] {
        let lang = page.language.rawValue
        let number = pillar.pillar.number
        func chosen(_ localized: LocalizedText) -> String {
            localized.text(lang) + (localized.has(lang) ? "" : " " + text("not_translated"))
        }
        var rows = [[text("pillar_outcome"), chosen(pillar.pillar.outcome)]]
        rows += pillar.pillar.actions.map { [text("rv_action", "\(number).\($0.number)"), chosen($0.text)] }
        rows.append([text("latest_progress"), pillar.latest.map { chosen($0.narrative) } ?? text("not_assessed")])
        var blocks: [ReviewDocument.Block] = [
            .heading(level: 3, text: text("rv_pillar_heading", String(number), pillar.pillar.title.text(lang)), id: "pillar-\(number)"),
            .table(.init(caption: text("rv_pillar_table", String(number)), header: [text("rv_table_part"), text("rv_table_text")], rows: rows)),
        ]
        if let latest = pillar.latest {
            blocks.append(.note(text("rv_rating", text("rating_\(latest.rating.rawValue)"), latest.date, latest.dataAsOf ?? latest.date)))
        }
        let actionAssessments = pillar.history.filter { $0.action != nil }
        if !actionAssessments.isEmpty {
            blocks.append(.paragraph(text("rv_action_assessments")))
            blocks.append(.list(actionAssessments.map { assessment in
                "\(number).\(assessment.action!) — \(text("rating_\(assessment.rating.rawValue)")) (\(assessment.date)): \(chosen(assessment.narrative))"
            }))
        }
        if !pillar.indicators.isEmpty {
            let rows = pillar.indicators.map { indicator -> [String] in
                let values = indicatorValues(indicator, pillar: number, page: page, asOf: asOf)
                let latest = [values["latest"], values["latestDate"]].compactMap { $0 as? String }.filter { !$0.isEmpty }
                return ["title", "scope", "unit", "baseline", "target"].map { values[$0] as? String ?? "" }
                    + [latest.count == 2 ? "\(latest[0]) (\(latest[1]))" : latest.first ?? "", values["source"] as? String ?? ""]
            }
            blocks.append(.table(.init(
                caption: text("rv_indicators_caption", String(number)),
                header: ["indicator_name", "indicator_scope", "indicator_unit", "indicator_baseline", "indicator_target",
                         "indicator_latest", "indicator_source"].map { text($0) },
                rows: rows)))
        }
        return blocks
    }

    private func nextSteps(_ review: StrategyReview, page: PageRequest, text: Text) -> [ReviewDocument.Block] {
        let lang = page.language.rawValue
        var blocks: [ReviewDocument.Block] = [.heading(level: 2, text: text("rv_next_heading"), id: "next-steps")]
        blocks.append(.list(review.pillars.map { pillar in
            let title = pillar.pillar.title.text(lang), number = String(pillar.pillar.number)
            guard let latest = pillar.latest else { return text("rv_next_unassessed", number, title) }
            let rating = text("rating_\(latest.rating.rawValue)")
            switch latest.rating {
            case .needsAcceleration, .offTrack: return text("rv_next_accelerate", number, title, rating, latest.date)
            case .onTrack, .progressing: return text("rv_next_maintain", number, title, rating, latest.date)
            }
        }))
        // Each indicator against its next target: the numbers, no verdict (for some, lower is better).
        let year = CalendarDate.year(review.asOf)
        let targets = review.pillars.flatMap(\.indicators).compactMap { indicator -> String? in
            guard let next = indicator.indicator.targets.filter({ $0.key >= year }).min(by: { $0.key < $1.key }) else { return nil }
            let (targetYear, target) = (next.key, next.value)
            let format = Self.valueFormat(indicator.indicator.unit)
            let title = indicator.indicator.title.text(lang)
            guard let latest = indicator.latest else {
                return text("rv_next_target_no_value", title, format.format(target), String(targetYear))
            }
            return text("rv_next_target", title, format.format(latest.value), latest.date, format.format(target), String(targetYear))
        }
        if !targets.isEmpty {
            blocks.append(.paragraph(text("rv_next_targets", String(year))))
            blocks.append(.list(targets))
        }
        return blocks
    }

    private func appendix(page: PageRequest, strategyYears: Period, longYears: Period, text: Text) async throws -> [ReviewDocument.Block] {
        let long = FundingBlocks(site: self, page: page, filters: FundingFilters(period: longYears))
        let recent = FundingBlocks(site: self, page: page, filters: FundingFilters(period: strategyYears))
        async let byYear = store.funding(long.filters.query(.approvals, by: [.year]))
        async let yearSource = store.funding(long.filters.query(.approvals, by: [.year, .source]))
        async let yearRegion = store.funding(long.filters.query(.approvals, by: [.year, .region]))
        async let regionSource = store.funding(recent.filters.query(.approvals, by: [.region, .source]))
        async let outcomes = store.funding(recent.filters.query(.expenditure, by: [.outcome]))
        async let partners = store.funding(recent.filters.query(.contributions, by: [.partner]))

        let (years, sources, regions) = (try await byYear, try await yearSource, try await yearRegion)
        let (regionSources, outcomeReport) = (try await regionSource, try await outcomes)
        let yearData = long.yearData([(text("approvals_usd_thousands"), years)])
        let charts: [(block: [String: Any], data: ChartData, categoryHeader: String)] = [
            (long.columnFigure("approvals-by-year", "fig_approvals_year", yearData, layout: .single, report: years), yearData, text("year")),
            (long.columnFigure("approvals-by-source", "fig_approvals_source", long.crossData(sources), layout: .stacked, report: sources),
             long.crossData(sources), text("year")),
            (long.columnFigure("approvals-by-region", "fig_approvals_region", long.crossData(regions), layout: .stacked, report: regions),
             long.crossData(regions), text("year")),
            (recent.regionSourceFigure(regionSources), recent.crossData(regionSources), text("filter_region")),
            (recent.rankedChart(outcomeReport, id: "expenditure-by-outcome", title: text("fig_expenditure_outcome", strategyYears.label),
                                description: text("fig_expenditure_outcome_desc", strategyYears.label)),
             recent.chartData(outcomeReport, seriesName: text("usd_thousands")), text("dimension_outcome").capitalizedFirst),
        ]
        func figure(_ index: Int) -> ReviewDocument.Block {
            let (block, data, categoryHeader) = charts[index]
            let title = block["title"] as? String ?? ""
            return .figure(.init(number: index + 1, title: title, svg: block["svg"] as? String ?? "",
                                 data: Self.table(data, caption: text("rv_figure_data", title), categoryHeader: categoryHeader,
                                                  total: text("total"))))
        }

        let partnerReport = try await partners
        let partnerRows = partnerReport.rows.map { row in [recent.labels.name(.partner, row.keys.first ?? nil), Money.thousands(row.usd)] }
        let partnerTable = ReviewDocument.Table(
            caption: text("rv_partner_table", strategyYears.label), header: [text("rv_partner"), text("rv_partner_total", strategyYears.label)],
            rows: partnerRows + [[text("total"), Money.thousands(partnerReport.total)]], numeric: true)

        return [
            .heading(level: 2, text: text("rv_appendix_heading"), id: "appendix"),
            .paragraph(text("rv_appendix_lead")),
            figure(0),
            .table(partnerTable),
            figure(1), figure(2), figure(3), figure(4),
            .note(text("rv_appendix_note", strategyYears.label)),
        ]
    }

    /// A chart's data as a table: one row per category, one column per series, and the row totals when there are several series.
    private static func table(_ data: ChartData, caption: String, categoryHeader: String, total: String) -> ReviewDocument.Table {
        let several = data.series.count > 1
        let rows = data.categories.indices.map { index in
            [data.categories[index]] + data.series.indices.map { ValueFormat.thousands.format(data.value(series: $0, category: index)) }
                + (several ? [ValueFormat.thousands.format(data.total(category: index))] : [])
        }
        return .init(caption: caption, header: [categoryHeader] + data.series.map(\.name) + (several ? [total] : []), rows: rows, numeric: true)
    }
}
