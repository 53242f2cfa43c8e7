import Foundation
import Hummingbird
import Store

/// One project as its page and `GET /api/v1/activities/{identifier}` show it: the activity, the
/// other reporting organisations that publish the same identifier, the related activities the
/// store holds, and the validation findings of the activity in its dataset.
struct ProjectLookup: Sendable {
    var stored: StoredActivity
    /// Other activities with the same `iati-identifier`, under other reporting organisations.
    var others: [ActivitySummary]
    /// The stored activities of the related activities' refs, by ref.
    var related: [String: ActivitySummary]
    /// What validation found in this activity (at most ``maxFindings``).
    var findings: [StoredFinding]

    static let maxFindings = 1_000

    /// The identifier of a `/projects/**` or `/api/v1/activities/**` address: every path component
    /// after the prefix, percent-decoded, joined by `/` (identifiers may hold slashes).
    static func identifier(_ context: WebRequestContext) throws -> String {
        let parts = try context.parameters.getCatchAll().map { part -> String in
            guard let decoded = String(part).removingPercentEncoding else {
                throw WebError.badRequest("the identifier in the address is not correctly percent-encoded")
            }
            return decoded
        }
        let identifier = parts.joined(separator: "/")
        guard !identifier.isEmpty, identifier.count <= 1_000 else { throw WebError.notFound("No project has this identifier.") }
        return identifier
    }

    /// The activity published under `identifier`: by `reportingOrg` when given, else the one whose
    /// reporting organisation is the identifier's prefix (its owner, by IATI's rule), else the first stored.
    init(identifier: String, reportingOrg: String?, store: Store) async throws {
        // An import that replaces the activity between the two reads removes the id found first:
        // look again (a few times) rather than answer 404 for a project that exists.
        var found: (chosen: ActivitySummary, stored: StoredActivity, candidates: [ActivitySummary])?
        for _ in 0..<3 where found == nil {
            let candidates = try await store.activities(ActivityQuery(limit: 100, identifiers: [identifier])).activities
            let chosen: ActivitySummary?
            if let reportingOrg {
                chosen = candidates.first { $0.reportingOrg == reportingOrg }
            } else {
                chosen = candidates.first { identifier.hasPrefix($0.reportingOrg + "-") } ?? candidates.first
            }
            guard let chosen else { break }
            if let stored = try await store.activity(id: chosen.id) { found = (chosen, stored, candidates) }
        }
        guard let (chosen, stored, candidates) = found else {
            throw WebError.notFound("No project has the identifier \(PageRequest.quoted(identifier))"
                + (reportingOrg.map { " under the reporting organisation \(PageRequest.quoted($0))" } ?? "") + ".")
        }
        self.stored = stored
        others = candidates.filter { $0.id != chosen.id }
        let refs = Array(Set(stored.activity.relatedActivities.compactMap(\.ref).filter { !$0.isEmpty })).prefix(1_000)
        async let findings = store.findings(FindingQuery(datasetID: chosen.datasetID, activity: identifier, limit: Self.maxFindings))
        let relatedActivities = refs.isEmpty ? [] : try await store.activities(ActivityQuery(limit: 1_000, identifiers: Array(refs))).activities
        var related: [String: ActivitySummary] = [:]
        for activity in relatedActivities where related[activity.iatiIdentifier] == nil {
            related[activity.iatiIdentifier] = activity
        }
        self.related = related
        self.findings = try await findings
    }

    /// Budgets (by their period's start) and spending (disbursements and expenditure, by their
    /// date) in US dollars per year, oldest first.
    var budgetsAndSpendingByYear: [(year: String, budget: Decimal, spending: Decimal)] {
        var years: [String: (budget: Decimal, spending: Decimal)] = [:]
        for budget in stored.budgets {
            guard let year = budget.date?.prefix(4), let usd = budget.usd.flatMap(Self.decimal) else { continue }
            years[String(year), default: (0, 0)].budget += usd
        }
        for transaction in stored.transactions where transaction.type == "3" || transaction.type == "4" {
            guard let year = transaction.date?.prefix(4), let usd = transaction.usd.flatMap(Self.decimal) else { continue }
            years[String(year), default: (0, 0)].spending += usd
        }
        return years.sorted { $0.key < $1.key }.map { (year: $0.key, budget: $0.value.budget, spending: $0.value.spending) }
    }

    static func decimal(_ text: String) -> Decimal? {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
