import Foundation
import Hummingbird
import Portfolio
import Store

extension Site {
    /// `/dwcps`: the register of Decent Work Country Programmes on a day (`?status=`, `?as-of=`),
    /// with how many are active and how many of those have a tripartite steering committee; and
    /// `/dwcps/{code}`: one programme, its outcomes and the projects that serve it, with their funding.
    func addProgrammes(to router: Router<WebRequestContext>) {
        router.get("/dwcps") { request, _ in
            let page = try PageRequest(request)
            let day = try page.day("as-of") ?? Self.today
            let status = try page.choice("status", CountryProgrammeStatus.self)
            async let records = store.programmes(on: day, status: status)
            async let counts = store.programmeCounts(on: day)
            return try programmeList(page, day: day, status: status, records: try await records, counts: try await counts)
        }
        router.get("/dwcps/:code") { request, context in
            let page = try PageRequest(request)
            let raw = try context.parameters.require("code")
            let code = raw.removingPercentEncoding ?? raw
            let day = try page.day("as-of") ?? Self.today
            guard let detail = try await store.programme(code, on: day) else {
                throw WebError.notFound("No country programme \(PageRequest.quoted(code)) is registered.")
            }
            return try programme(page, detail)
        }
    }

    private func programmeList(
        _ page: PageRequest, day: String, status: CountryProgrammeStatus?, records: [CountryProgrammeRecord], counts: CountryProgrammeCounts
    ) throws -> Response {
        let statuses: [[String: Any]] = [["value": "", "label": text("filter_any", page), "selected": status == nil]]
            + CountryProgrammeStatus.allCases.map { ["value": $0.rawValue, "label": text("status_\($0.rawValue)", page), "selected": $0 == status] }
        return try self.page("dwcps", title: text("dwcps_title", page), [
            "asOf": day,
            "action": page.path,
            "langParam": (page.languageInURL ? page.language.rawValue : nil) as Any,
            "statuses": statuses,
            "figures": [
                ["value": String(counts.active), "label": text("count_active", page)],
                ["value": String(counts.activeWithCommittee), "label": text("count_committee", page)],
                ["value": String(counts.inPreparation), "label": text("status_in-preparation", page)],
                ["value": String(counts.ended), "label": text("status_ended", page)],
            ],
            "caption": text("dwcps_caption", page, day),
            "rows": records.map { record in
                TemplateValues.cleaned([
                    "code": record.programme.code,
                    "href": page.link("/dwcps/" + PageRequest.percentEncoded(record.programme.code), day == Self.today ? [] : [("as-of", day)]),
                    "country": FundingLabels.countryName(record.programme.country, page.language) ?? record.programme.country,
                    "period": "\(record.programme.start) – \(record.programme.end)",
                    "status": text("status_\(record.status.rawValue)", page),
                    "committee": record.hasCommittee ? text("committee_since", page, record.programme.committeeSince ?? "") : text("no_committee", page),
                    "projects": String(record.projectCount),
                    "commitments": Money.usd(record.commitmentsUSD),
                ])
            },
        ], for: page)
    }

    private func programme(_ page: PageRequest, _ detail: CountryProgrammeDetail) throws -> Response {
        let programme = detail.record.programme
        let lang = page.language.rawValue
        return try self.page("dwcp", title: programme.code, [
            "code": programme.code,
            "title": programme.title.text(lang),
            "country": FundingLabels.countryName(programme.country, page.language) ?? programme.country,
            "period": "\(programme.start) – \(programme.end)",
            "status": text("status_\(detail.record.status.rawValue)", page),
            "day": text("as_of_note", page, detail.record.day),
            "committee": programme.committeeSince.map { text("committee_since", page, $0) } ?? text("no_committee", page),
            "outcomes": programme.outcomes.map { ["code": $0.code, "text": $0.text.text(lang), "fallback": !$0.text.has(lang)] as [String: Any] },
            "projectsCaption": text("linked_projects_caption", page, programme.code),
            "projectCount": String(detail.record.projectCount),
            "commitments": Money.usd(detail.record.commitmentsUSD),
            "projects": detail.projects.map { project in
                TemplateValues.cleaned([
                    "identifier": project.identifier,
                    "href": page.link("/projects/" + PageRequest.percentEncoded(project.identifier)),
                    "title": project.title ?? project.identifier,
                    "outcome": project.outcome ?? "–",
                    "commitments": Money.usd(project.commitmentsUSD),
                    "expenditure": Money.usd(project.expenditureUSD),
                ])
            },
            "versions": detail.versions.map { ["by": $0.recordedBy, "at": $0.recordedAt] },
            "back": page.link("/dwcps"),
        ], for: page)
    }
}
