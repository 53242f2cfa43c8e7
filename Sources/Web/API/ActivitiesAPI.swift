import Foundation
import Hummingbird
import IATI
import Store

/// `GET /api/v1/activities` (the list of `/projects`, with the same parameters, ``ProjectFilter``)
/// and `GET /api/v1/activities/{iati-identifier}` (one activity: what its page shows). Every key
/// is always present, `null` where the data has no value; errors are `{"status", "message"}`.
extension Site {
    /// `GET /api/v1/activities`: the project list's page as JSON.
    func apiActivities(_ request: Request) async throws -> Response {
        let page = try PageRequest(request)
        let filter = try ProjectFilter(page)
        let result = try await store.activities(filter.query)
        let usd = result.usd
        return try ActivitiesJSON.response([
            "total": result.total,
            "next": ActivitiesJSON.nullable(result.next?.description),
            "previous": ActivitiesJSON.nullable(result.previous?.description),
            "usd": [
                "contributions": usd?.contributions ?? "0", "approvals": usd?.approvals ?? "0",
                "expenditure": usd?.expenditure ?? "0", "incomingFunds": usd?.incomingFunds ?? "0",
                "unconverted": usd?.unconverted ?? 0,
            ] as [String: Any],
            "activities": result.activities.map { ActivitiesJSON.summary($0, among: result.activities) },
        ])
    }

    /// `GET /api/v1/activities/{iati-identifier}`: what the project's page shows, as JSON.
    func apiActivity(_ request: Request, _ context: WebRequestContext) async throws -> Response {
        let page = try PageRequest(request)
        let identifier = try ProjectLookup.identifier(context)
        let lookup = try await ProjectLookup(
            identifier: identifier, reportingOrg: try page.code("reporting-org", maxLength: 100), store: store)
        return try ActivitiesJSON.response(ActivitiesJSON.detail(lookup))
    }
}

/// The JSON of the activities endpoints, written with `JSONSerialization` so that absent values are explicit `null`s.
enum ActivitiesJSON {
    /// The object as JSON, its keys in snake_case like the rest of the API (`iati_identifier`).
    static func response(_ object: [String: Any]) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: snakeCased(object), options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func nullable(_ value: Any?) -> Any { value ?? NSNull() }

    /// `datasetId` → `dataset_id`, in nested objects and arrays too.
    static func snakeCased(_ value: Any) -> Any {
        switch value {
        case let object as [String: Any]:
            return Dictionary(uniqueKeysWithValues: object.map { (snakeCase($0.key), snakeCased($0.value)) })
        case let array as [Any]:
            return array.map(snakeCased)
        default:
            return value
        }
    }

    static func snakeCase(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// An activity as lists show it, with the addresses of its page and of its JSON.
    static func summary(_ activity: ActivitySummary, among others: [ActivitySummary] = []) -> [String: Any] {
        let org = Site.reportingOrgParameter(activity, among: others)
        let query = org.isEmpty ? "" : "?reporting-org=" + PageRequest.percentEncoded(activity.reportingOrg)
        return [
            "id": activity.id, "datasetId": activity.datasetID, "iatiIdentifier": activity.iatiIdentifier,
            "reportingOrg": activity.reportingOrg, "title": nullable(activity.title), "activityStatus": nullable(activity.activityStatus),
            "startDate": nullable(activity.startDate), "endDate": nullable(activity.endDate),
            "defaultCurrency": nullable(activity.defaultCurrency), "defaultLang": nullable(activity.defaultLang),
            "line": nullable(activity.line),
            "href": Site.projectPath(activity.iatiIdentifier) + query,
            "api": "/api/v1/activities/" + PageRequest.percentEncoded(activity.iatiIdentifier) + query,
        ]
    }

    /// Every narrative of a text: `[{"lang": "fr"|null, "text": "…"}]`.
    static func narratives(_ text: NarrativeText?) -> [[String: Any]] {
        (text?.narratives ?? []).map { ["lang": nullable($0.lang), "text": $0.text] }
    }

    static func detail(_ lookup: ProjectLookup) -> [String: Any] {
        let activity = lookup.stored.activity
        func org(_ ref: String?, _ name: NarrativeText?) -> Any {
            if ref == nil, name?.isEmpty ?? true { return NSNull() }
            let object: [String: Any] = ["ref": nullable(ref), "name": narratives(name)]
            return object
        }
        let texts: [String: Any] = [
            "title": narratives(activity.title),
            "descriptions": activity.descriptions.map { description -> [String: Any] in
                ["type": nullable(description.type), "narratives": narratives(description.narrative)]
            },
        ]
        let dates = activity.activityDates.map { date -> [String: Any] in ["type": nullable(date.type), "isoDate": nullable(date.isoDate)] }
        let participants = activity.participatingOrgs.map { org -> [String: Any] in
            ["ref": nullable(org.ref), "type": nullable(org.type), "role": nullable(org.role), "activityId": nullable(org.activityID),
             "name": narratives(org.name)]
        }
        let countries = activity.recipientCountries.map { country -> [String: Any] in
            ["code": nullable(country.code), "percentage": nullable(country.percentage), "name": narratives(country.narrative)]
        }
        let regions = activity.recipientRegions.map { region -> [String: Any] in
            ["code": nullable(region.code), "vocabulary": nullable(region.vocabulary), "percentage": nullable(region.percentage),
             "name": narratives(region.narrative)]
        }
        let sectors = activity.sectors.map { sector -> [String: Any] in
            ["code": nullable(sector.code), "vocabulary": nullable(sector.vocabulary), "vocabularyUri": nullable(sector.vocabularyURI),
             "percentage": nullable(sector.percentage), "name": narratives(sector.narrative)]
        }
        let locations = activity.locations.map { location -> [String: Any] in
            ["ref": nullable(location.ref), "name": narratives(location.name), "description": narratives(location.description),
             "point": nullable(location.point?.pos?.trimmingCharacters(in: .whitespacesAndNewlines))]
        }
        let transactions = zip(activity.transactions, lookup.stored.transactions).map { model, projected -> [String: Any] in
            ["type": nullable(projected.type), "date": nullable(projected.date), "value": nullable(projected.value),
             "currency": nullable(projected.currency), "valueDate": nullable(projected.valueDate), "usd": nullable(projected.usd),
             "providerOrg": org(model.providerOrg?.ref, model.providerOrg?.narrative),
             "receiverOrg": org(model.receiverOrg?.ref, model.receiverOrg?.narrative)]
        }
        let budgets = zip(activity.budgets, lookup.stored.budgets).map { model, projected -> [String: Any] in
            ["type": nullable(projected.type), "status": nullable(model.status), "periodStart": nullable(projected.date),
             "periodEnd": nullable(model.periodEnd), "value": nullable(projected.value), "currency": nullable(projected.currency),
             "valueDate": nullable(projected.valueDate), "usd": nullable(projected.usd)]
        }
        let results = activity.results.map { result -> [String: Any] in
            let indicators = result.indicators.map { indicator -> [String: Any] in
                let baseline: Any = indicator.baselines.first.map { baseline -> [String: Any] in
                    ["year": nullable(baseline.year), "isoDate": nullable(baseline.isoDate), "value": nullable(baseline.value)]
                } ?? NSNull()
                let periods = indicator.periods.map { period -> [String: Any] in
                    ["periodStart": nullable(period.periodStart), "periodEnd": nullable(period.periodEnd),
                     "target": nullable(period.targets.first?.value), "actual": nullable(period.actuals.first?.value)]
                }
                return ["title": narratives(indicator.title), "measure": nullable(indicator.measure), "baseline": baseline, "periods": periods]
            }
            return ["type": nullable(result.type), "title": narratives(result.title), "description": narratives(result.description),
                    "indicators": indicators]
        }
        let documents = activity.documentLinks.map { link -> [String: Any] in
            ["url": nullable(link.url), "format": nullable(link.format), "title": narratives(link.title), "categories": link.categories,
             "languages": link.languages, "date": nullable(link.documentDate)]
        }
        let related = activity.relatedActivities.map { relation -> [String: Any] in
            ["ref": nullable(relation.ref), "type": nullable(relation.type), "stored": relation.ref.map { lookup.related[$0] != nil } ?? false]
        }
        let findings = lookup.findings.map { finding -> [String: Any] in
            ["severity": finding.severity, "category": finding.category, "rule": finding.rule, "message": finding.message,
             "line": nullable(finding.line), "xpath": nullable(finding.xpath)]
        }
        return [
            "activity": summary(lookup.stored.summary, among: lookup.others + [lookup.stored.summary]), "otherReportingOrgs": lookup.others.map(\.reportingOrg), "narratives": texts,
            "dates": dates, "participatingOrgs": participants, "recipientCountries": countries, "recipientRegions": regions,
            "sectors": sectors, "locations": locations, "transactions": transactions, "budgets": budgets, "results": results,
            "documents": documents, "relatedActivities": related, "findings": findings,
        ]
    }
}
