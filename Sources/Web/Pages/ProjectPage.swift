import Charts
import Foundation
import Hummingbird
import IATI
import Store

extension Site {
    /// `/projects/{iati-identifier}`: everything the activity holds. `?reporting-org=` picks one of
    /// several publishers of the identifier; `?text-lang=` shows the narratives in another language.
    func addProject(to router: Router<WebRequestContext>) {
        router.get("/projects/**") { request, context in
            let page = try PageRequest(request)
            let identifier = try ProjectLookup.identifier(context)
            let lookup = try await ProjectLookup(
                identifier: identifier, reportingOrg: try page.code("reporting-org", maxLength: 100), store: store)
            async let screenings = store.screenings(project: lookup.stored.summary.iatiIdentifier)
            async let pipeline = store.pipelineHistory(project: lookup.stored.summary.iatiIdentifier)
            return try project(page, lookup, textLanguage: try page.code("text-lang", maxLength: 20),
                               screening: screeningSection(try await screenings, try await pipeline, page))
        }
    }

    private func project(_ page: PageRequest, _ lookup: ProjectLookup, textLanguage: String?, screening: [String: Any]) throws -> Response {
        let summary = lookup.stored.summary
        let activity = lookup.stored.activity
        let defaultLang = activity.lang ?? summary.defaultLang
        let wanted = textLanguage.map(ChosenText.primary) ?? page.language.rawValue
        let narrativeTexts = [activity.title] + activity.descriptions.map { Optional($0.narrative) }
        let available = ChosenText.languages(of: narrativeTexts, defaultLang: defaultLang)

        func chosen(_ narratives: NarrativeText?) -> [String: Any]? {
            guard let choice = ChosenText(narratives, in: wanted, defaultLang: defaultLang) else { return nil }
            return ["text": choice.text, "lang": choice.lang as Any,
                    "fallback": (choice.isFallback ? text("project_fallback", page, languageName(wanted, page), languageName(choice.lang, page)) : nil) as Any]
        }
        /// A short text of another element (an organisation's name, a sector's), in the reader's language if it has it.
        func name(_ narratives: NarrativeText?) -> String? {
            ChosenText(narratives, in: wanted, defaultLang: defaultLang)?.text
        }
        let title = chosen(activity.title)
        let heading = title?["text"] as? String ?? summary.iatiIdentifier

        let languageSwitch: [[String: Any]] = available.map { lang in
            ["label": languageName(lang, page), "lang": lang, "current": lang == wanted,
             "href": page.replacing(["text-lang": lang == page.language.rawValue ? nil : lang])]
        }
        let descriptions: [[String: Any]] = activity.descriptions.compactMap { description in
            guard var text = chosen(description.narrative) else { return nil }
            text["heading"] = coded("project_description_", description.type ?? "1", 1...4, page)
            return text
        }
        let dates: [[String: Any]] = activity.activityDates.compactMap { date in
            guard let iso = date.isoDate else { return nil }
            return ["label": coded("project_date_", date.type, 1...4, page, otherwise: text("project_date", page)), "value": iso]
        }
        let otherOrgs: [[String: Any]] = lookup.others.map { other in
            ["label": other.reportingOrg,
             "href": page.link(Self.projectPath(other.iatiIdentifier), [("reporting-org", other.reportingOrg)])]
        }
        let participants: [[String: Any]] = activity.participatingOrgs.map { org in
            ["name": name(org.name) ?? org.ref ?? "–", "ref": org.ref ?? "",
             "role": coded("project_role_", org.role, 1...4, page), "type": org.type ?? ""]
        }
        let countries: [[String: Any]] = activity.recipientCountries.map { country in
            ["code": country.code ?? "–", "name": name(country.narrative) ?? "", "percentage": country.percentage ?? ""]
        }
        let regions: [[String: Any]] = activity.recipientRegions.map { region in
            ["code": region.code ?? "–", "vocabulary": region.vocabulary ?? "1", "name": name(region.narrative) ?? "",
             "percentage": region.percentage ?? ""]
        }
        let sectors: [[String: Any]] = activity.sectors.map { sector in
            ["code": sector.code ?? "–", "vocabulary": sector.vocabulary ?? "1", "name": name(sector.narrative) ?? "",
             "percentage": sector.percentage ?? ""]
        }
        let locations: [[String: Any]] = activity.locations.map { location in
            ["name": name(location.name) ?? location.ref ?? "–", "description": name(location.description) ?? "",
             "point": location.point?.pos?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
             "administrative": location.administratives.compactMap(\.code).joined(separator: ", ")]
        }
        let transactions: [[String: Any]] = zip(activity.transactions, lookup.stored.transactions).map { model, projected in
            [
                "date": projected.date ?? "–",
                "type": coded("project_transaction_", projected.type, 1...13, page),
                "provider": name(model.providerOrg?.narrative) ?? model.providerOrg?.ref ?? "",
                "receiver": name(model.receiverOrg?.narrative) ?? model.receiverOrg?.ref ?? "",
                "value": projected.value.map { Money.amount($0) } ?? (model.value?.text ?? "–"),
                "currency": projected.currency ?? "",
                "usd": projected.usd.map(Money.whole) ?? "–",
            ]
        }
        let budgets: [[String: Any]] = zip(activity.budgets, lookup.stored.budgets).map { model, projected in
            [
                "start": projected.date ?? "–", "end": model.periodEnd ?? "–",
                "type": model.type == "2" ? text("project_budget_revised", page) : text("project_budget_original", page),
                "value": projected.value.map { Money.amount($0) } ?? (model.value?.text ?? "–"),
                "currency": projected.currency ?? "", "usd": projected.usd.map(Money.whole) ?? "–",
            ]
        }
        let results: [[String: Any]] = activity.results.map { result in
            [
                "title": name(result.title) ?? text("project_untitled", page),
                "description": name(result.description) as Any,
                "type": coded("project_result_type_", result.type, 1...3, page),
                "indicators": result.indicators.map { indicator -> [String: Any] in
                    let baseline = indicator.baselines.first
                    let baselineYear: String? = baseline?.year ?? baseline?.isoDate
                    return [
                        "title": name(indicator.title) ?? text("project_untitled", page),
                        "baseline": baseline?.value ?? "–",
                        "baselineYear": baselineYear as Any,
                        "periods": indicator.periods.map { period -> [String: Any] in
                            ["start": period.periodStart ?? "–", "end": period.periodEnd ?? "–",
                             "target": period.targets.compactMap(\.value).joined(separator: ", "),
                             "actual": period.actuals.compactMap(\.value).joined(separator: ", ")]
                        },
                    ]
                },
            ]
        }
        let documents: [[String: Any]] = activity.documentLinks.map { link in
            let url = link.url?.trimmingCharacters(in: .whitespaces) ?? ""
            return [
                "title": name(link.title) ?? url,
                "href": (Self.isWebAddress(url) ? url : nil) as Any,
                "url": url,
                "format": link.format ?? "", "categories": link.categories.joined(separator: ", "),
                "date": link.documentDate ?? "",
            ]
        }
        let related: [[String: Any]] = activity.relatedActivities.compactMap { relation in
            guard let ref = relation.ref, !ref.isEmpty else { return nil }
            let stored = lookup.related[ref]
            return ["ref": ref, "type": coded("project_related_", relation.type, 1...5, page),
                    "href": (stored.map { page.link(Self.projectPath($0.iatiIdentifier)) }) as Any]
        }
        let findings: [[String: Any]] = lookup.findings.map { finding in
            ["severity": finding.severity, "rule": finding.rule, "message": finding.message,
             "line": finding.line.map(String.init) ?? "–", "xpath": finding.xpath ?? ""]
        }
        let chart = budgetChart(lookup, page)

        return try self.page("project", title: heading, TemplateValues.cleaned([
            "heading": heading,
            "titleLang": title?["lang"] as Any,
            "titleFallback": title?["fallback"] as Any,
            "identifier": summary.iatiIdentifier,
            "reportingOrg": summary.reportingOrg,
            "status": coded("project_status_", summary.activityStatus, 1...6, page),
            "dataset": page.link("/data"),
            "line": summary.line.map(String.init) ?? "–",
            "listHref": page.link("/projects"),
            "apiHref": "/api/v1/activities/" + PageRequest.percentEncoded(summary.iatiIdentifier)
                + (lookup.others.isEmpty ? "" : "?reporting-org=" + PageRequest.percentEncoded(summary.reportingOrg)),
            "otherOrgs": otherOrgs, "hasOtherOrgs": !otherOrgs.isEmpty,
            "languages": languageSwitch, "hasLanguages": languageSwitch.count > 1,
            "descriptions": descriptions,
            "dates": dates,
            "participants": participants, "hasParticipants": !participants.isEmpty,
            "countries": countries, "regions": regions, "hasPlaces": !countries.isEmpty || !regions.isEmpty,
            "sectors": sectors, "hasSectors": !sectors.isEmpty,
            "locations": locations, "hasLocations": !locations.isEmpty,
            "transactions": transactions, "hasTransactions": !transactions.isEmpty,
            "budgets": budgets, "hasBudgets": !budgets.isEmpty,
            "chart": chart.svg as Any, "chartTable": chart.table as Any,
            "results": results, "hasResults": !results.isEmpty,
            "documents": documents, "hasDocuments": !documents.isEmpty,
            "related": related, "hasRelated": !related.isEmpty,
            "findings": findings, "hasFindings": !findings.isEmpty,
            "findingsCapped": lookup.findings.count >= ProjectLookup.maxFindings,
            "screening": screening,
        ]), for: page)
    }

    /// Budgets against spending by year, in US dollars, with its data table; `nil`s when there is neither.
    private func budgetChart(_ lookup: ProjectLookup, _ page: PageRequest) -> (svg: String?, table: String?) {
        let years = lookup.budgetsAndSpendingByYear
        guard !years.isEmpty else { return (nil, nil) }
        func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
        let data = ChartData(categories: years.map(\.year), series: [
            ChartSeries(name: text("project_chart_budget", page), values: years.map { double($0.budget) }),
            ChartSeries(name: text("project_chart_spending", page), values: years.map { double($0.spending) }),
        ])
        let title = text("project_chart_title", page)
        let chart = BarChart(
            title: title, description: text("project_chart_desc", page), data: data, format: .integer, layout: .grouped,
            valueAxisLabel: "US$", noDataText: text("no_data", page))
        let table = DataTable(caption: title, data: data, format: .integer, categoryHeader: text("year", page),
                              totalsLabel: text("total", page))
        return (chart.svg(id: "budget-spending"), table.html(id: "budget-spending-data"))
    }

    /// The name of a code of an IATI codelist the interface has texts for (`prefix` + code), else
    /// the code itself as published (`otherwise` when there is none).
    func coded(_ prefix: String, _ code: String?, _ known: ClosedRange<Int>, _ page: PageRequest, otherwise: String = "–") -> String {
        guard let code else { return otherwise }
        guard let number = Int(code), known.contains(number), String(number) == code else { return code }
        return text(prefix + code, page)
    }

    /// Only `http` and `https` addresses become links: a `javascript:` or `data:` URL in a
    /// published file must not run in the reader's browser.
    static func isWebAddress(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), url.host?.isEmpty == false else { return false }
        return scheme == "http" || scheme == "https"
    }
}
