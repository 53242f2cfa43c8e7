import Charts
import Foundation
import Hummingbird
import IATI
import Portfolio
import Store

extension Site {
    /// `/projects`: every project, filtered, searched, sorted and paged (``ProjectFilter``), with
    /// the count and US dollar totals of the whole filtered set.
    func addProjects(to router: Router<WebRequestContext>) {
        router.get("/projects") { request, _ in
            let page = try PageRequest(request)
            return try await projects(page, try ProjectFilter(page))
        }
    }

    private func projects(_ page: PageRequest, _ filter: ProjectFilter) async throws -> Response {
        async let listed = store.activities(filter.query)
        async let choices = projectChoices()
        let result = try await listed
        let titles = try await store.titles(of: result.activities.map(\.id))
        let language = page.language.rawValue

        let rows: [[String: Any]] = result.activities.map { activity in
            let title = ChosenText(titles[activity.id], in: language, defaultLang: activity.defaultLang)
            return [
                "href": page.link(Self.projectPath(activity.iatiIdentifier), Self.reportingOrgParameter(activity, among: result.activities)),
                "identifier": activity.iatiIdentifier,
                "title": title?.text ?? activity.title ?? text("project_untitled", page),
                "titleLang": title?.lang as Any,
                "fallback": (title?.isFallback == true ? text("project_fallback_short", page, languageName(title?.lang, page)) : nil) as Any,
                "status": coded("project_status_", activity.activityStatus, 1...6, page),
                "start": activity.startDate ?? "–",
                "end": activity.endDate ?? "–",
                "reportingOrg": activity.reportingOrg,
            ]
        }
        let totals = result.usd.map { usd -> [[String: Any]] in
            [
                ["label": text("projects_total_approvals", page), "value": Money.usd(usd.approvals)],
                ["label": text("projects_total_contributions", page), "value": Money.usd(usd.contributions)],
                ["label": text("projects_total_expenditure", page), "value": Money.usd(usd.expenditure)],
                ["label": text("projects_total_incoming", page), "value": Money.usd(usd.incomingFunds)],
            ]
        } ?? []
        let count = ValueFormat.integer.format(Double(result.total))
        let listLink = { (cursor: (String, String)?) in page.link("/projects", filter.parameters + (cursor.map { [$0] } ?? [])) }
        let selects = projectSelects(filter, try await choices, page)
        return try self.page("projects", title: text("projects_title", page), TemplateValues.cleaned([
            "action": "/projects",
            "q": filter.query.text ?? "",
            "langParam": (page.languageInURL ? page.language.rawValue : nil) as Any,
            "selects": selects,
            "clearHref": page.link("/projects"),
            "countText": result.total == 1 ? text("projects_count_one", page) : text("projects_count", page, count),
            "totals": totals,
            "unconvertedNote": ((result.usd?.unconverted ?? 0) > 0
                ? text("projects_unconverted", page, ValueFormat.integer.format(Double(result.usd?.unconverted ?? 0))) : nil) as Any,
            "rows": rows,
            "hasRows": !rows.isEmpty,
            "previousHref": result.previous.map { listLink(("before", $0.description)) } as Any,
            "nextHref": result.next.map { listLink(("after", $0.description)) } as Any,
        ]), for: page)
    }

    /// `/projects/<identifier>`, the identifier percent-encoded (`/` as `%2F`, though a plain `/` works too).
    static func projectPath(_ identifier: String) -> String {
        "/projects/" + PageRequest.percentEncoded(identifier)
    }

    /// `reporting-org=` for a link to an activity whose identifier another reporting organisation on the page also uses.
    static func reportingOrgParameter(_ activity: ActivitySummary, among others: [ActivitySummary]) -> [(String, String)] {
        others.contains { $0.iatiIdentifier == activity.iatiIdentifier && $0.id != activity.id }
            ? [("reporting-org", activity.reportingOrg)] : []
    }

    /// The language's own name for a code the interface knows, else the code.
    func languageName(_ code: String?, _ page: PageRequest) -> String {
        guard let code else { return text("project_language_unknown", page) }
        return Language(rawValue: code)?.nativeName ?? code
    }

    private func projectChoices() async throws -> ProjectChoices {
        try await projectChoicesMemo.value(token: try await store.changeToken()) { try await computeProjectChoices() }
    }

    private func computeProjectChoices() async throws -> ProjectChoices {
        async let countries = store.aggregate(Aggregate(.countries, by: [.column("code"), .column("name")]))
        async let partners = store.funding(FundingQuery(.contributions, by: [.partner]))
        async let orgs = store.aggregate(Aggregate(.activities, by: [.activity("reporting_org")]))
        var codes = Set<String>()
        var names: [String: String] = [:]
        for row in try await countries {
            guard let code = row.keys[0] else { continue }
            codes.insert(code)
            if names[code] == nil, let name = row.keys[1] { names[code] = name }
        }
        return ProjectChoices(
            countries: codes.map { (code: $0, name: names[$0]) }.sorted { ($0.name ?? $0.code) < ($1.name ?? $1.code) },
            partners: try await partners.rows.compactMap { $0.keys[0] }.sorted(),
            reportingOrgs: try await orgs.compactMap { $0.keys[0] }.sorted())
    }

    private func projectSelects(_ filter: ProjectFilter, _ choices: ProjectChoices, _ page: PageRequest) -> [[String: Any]] {
        let query = filter.query
        let all = text("projects_any", page)
        func select(_ name: String, _ label: String, _ options: [(String, String)], _ current: String?, any: Bool = true) -> [String: Any] {
            var options = options
            // A value that came in the URL stays chosen even when the list does not have it.
            if let current, !options.contains(where: { $0.0 == current }) { options.append((current, current)) }
            if any { options.insert(("", all), at: 0) }
            return ["name": name, "label": label,
                    "options": options.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == (current ?? "")] }]
        }
        let years = (2000...2030).map { (String($0), String($0)) }
        let statuses = ActivityStatusCode.all.map { ($0, text("project_status_\($0)", page)) }
        // Options by label in the page language's order (pinyin for Chinese, accents after their letter for French).
        let locale = Locale(identifier: page.language.rawValue)
        func inLanguageOrder(_ a: (String, String), _ b: (String, String)) -> Bool {
            a.1.compare(b.1, options: [.caseInsensitive, .numeric], range: nil, locale: locale) == .orderedAscending
        }
        // The data's own name of a country, else the interface language's name for the code.
        let countries = choices.countries.map { country -> (String, String) in
            let name = country.name ?? locale.localizedString(forRegionCode: country.code)
            return (country.code, name.map { "\($0) (\(country.code))" } ?? country.code)
        }.sorted(by: inLanguageOrder)
        let partners = choices.partners.map { ($0, PartnerNames.bundled.name(of: $0, in: page.language.rawValue) ?? $0) }
            .sorted(by: inLanguageOrder)
        let regions = Region.allCases.map { ($0.code, text("projects_region_\($0.code)", page)) }
        let sources = FundingSource.allCases.map { ($0.code, text("projects_source_\($0.code)", page)) }
        let outcomes = Outcome.allCases.map { ($0.code, text("projects_outcome_\($0.code)", page)) }
        let modalities = FundingModality.allCases.map { ($0.code, text("projects_modality_\($0.code)", page)) }
        let sstc = [("1", text("projects_sstc_yes", page)), ("0", text("projects_sstc_no", page))]
        let sorts = ActivitySort.all.map { sort in
            (sort.description, text("projects_sort_\(sort.key.rawValue.replacingOccurrences(of: "-", with: "_"))\(sort.descending ? "_desc" : "")", page))
        }
        let limits = ProjectFilter.pageSizes.map { (String($0), String($0)) }
        return [
            select("from", text("projects_from", page), years, filter.fromYear.map(String.init)),
            select("to", text("projects_to", page), years, filter.toYear.map(String.init)),
            select("status", text("projects_status", page), statuses, query.status),
            select("country", text("projects_country", page), countries, query.country),
            select("region", text("projects_region", page), regions, query.agencyRegion),
            select("partner", text("projects_partner", page), partners, query.partner),
            select("source", text("projects_source", page), sources, query.fundingSource),
            select("outcome", text("projects_outcome", page), outcomes, query.outcome),
            select("modality", text("projects_modality", page), modalities, query.modality),
            select("sstc", text("projects_sstc", page), sstc, query.sstc.map { $0 ? "1" : "0" }),
            select("reporting-org", text("projects_reporting_org", page), choices.reportingOrgs.map { ($0, $0) }, query.reportingOrg),
            select("sort", text("projects_sort", page), sorts, query.sort.description, any: false),
            select("limit", text("projects_limit", page), limits, String(query.limit), any: false),
        ]
    }
}

/// What the project filters offer that only the store knows: countries, partners, reporting organisations.
struct ProjectChoices: Sendable {
    var countries: [(code: String, name: String?)]
    var partners: [String]
    var reportingOrgs: [String]
}
