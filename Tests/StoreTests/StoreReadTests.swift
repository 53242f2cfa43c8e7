import Foundation
import IATI
import IATIValidation
import IATIXML
import Testing
import TestSupport
@testable import Store

/// The read API on both engines, against what the sample files hold.
@Suite(.serialized) struct StoreReadTests {
    /// Samples of distinct publishers, 2.01 to 2.03 and one legacy 1.01 file.
    static let files = [
        "iaticloud_nl-mfa_XM-DAC-7_13acts.xml", "flattener_beis_GB-GOV-13_9acts.xml",
        "pwyf-merger_dfid-bi_GB-GOV-1_77acts.xml", "iaticloud_maec-spain-indonesia_ES-DIR3-E04585801_2.01.xml",
        "att_worldbank-tz_44000_1.01.xml", "pydantic-iati_11.11.11_BE-BCE_KBO-0421210424_18acts.xml",
    ].map { name in Fixtures.samples.first { $0.hasSuffix("/" + name) }! }

    /// The activities the files hold as the store keeps them: the first of each identifier.
    static func activities(in paths: [String]) throws -> [Activity] {
        var activities: [Activity] = []
        for path in paths {
            var seen = Set<String>()
            try IATIReader().read(file: path) { event in
                guard case .activity(let element) = event else { return }
                let activity = Activity(node: element.node)
                if seen.insert(key(activity)).inserted { activities.append(activity) }
            }
        }
        return activities
    }

    static func key(_ activity: Activity) -> String {
        (activity.reportingOrg?.ref?.trimmingXMLWhitespace() ?? "") + "|" + (activity.iatiIdentifier?.trimmingXMLWhitespace() ?? "")
    }

    static func key(_ summary: ActivitySummary) -> String { summary.reportingOrg + "|" + summary.iatiIdentifier }

    /// Every activity `query` selects, page after page.
    static func all(_ store: Store, _ query: ActivityQuery) async throws -> (keys: [String], total: Int) {
        var query = query
        var keys: [String] = []
        var total = -1
        while true {
            let page = try await store.activities(query)
            if total >= 0 { #expect(page.total == total, "the total changed between pages") }
            total = page.total
            keys += page.activities.map(key)
            guard let next = page.next else { break }
            query.after = next
        }
        return (keys, total)
    }

    /// The most frequent value, for a filter that selects some activities but not all.
    static func mostFrequent(_ values: [String]) -> String? {
        Dictionary(grouping: values, by: { $0 }).max { $0.value.count < $1.value.count }?.key
    }

    @Test(arguments: TestDatabase.engines)
    func filtersSelectWhatTheFilesHold(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            for path in Self.files { #expect(await store.importFile(at: path).status == .imported, "\(path)") }
            let activities = try Self.activities(in: Self.files)

            func check(_ query: ActivityQuery, _ expected: (Activity) -> Bool, _ what: String, mayBeEmpty: Bool = false) async throws {
                let (keys, total) = try await Self.all(store, query)
                let wanted = activities.filter(expected).map(Self.key)
                #expect(keys.count == Set(keys).count, "\(what): a page repeated an activity")
                #expect(Set(keys) == Set(wanted), "\(what)")
                #expect(total == wanted.count, "\(what)")
                #expect(mayBeEmpty || !wanted.isEmpty, "\(what) selects nothing: a weak test")
            }
            let all = ActivityQuery(limit: 7)
            try await check(all, { _ in true }, "everything")
            var query = all
            query.reportingOrg = "GB-GOV-1"
            try await check(query, { $0.reportingOrg?.ref == "GB-GOV-1" }, "reporting org")
            let country = try #require(Self.mostFrequent(activities.flatMap { $0.recipientCountries.compactMap(\.code) }))
            query = all
            query.country = country
            try await check(query, { $0.recipientCountries.contains { $0.code == country } }, "country \(country)")
            let sector = try #require(Self.mostFrequent(activities.flatMap { $0.sectors.compactMap(\.code) }))
            query = all
            query.sector = sector
            try await check(query, { $0.sectors.contains { $0.code == sector } }, "sector \(sector)")
            let org = try #require(Self.mostFrequent(activities.flatMap { $0.participatingOrgs.compactMap(\.ref) }))
            query = all
            query.participatingOrg = org
            try await check(query, { $0.participatingOrgs.contains { $0.ref == org } }, "participating org \(org)")
            query = all
            query.status = "2"
            query.reportingOrg = "GB-GOV-1"
            try await check(query, { $0.activityStatus == "2" && $0.reportingOrg?.ref == "GB-GOV-1" }, "status and reporting org")
            query = all
            query.text = "EDUCATION"
            try await check(query, { activity in
                let texts = (activity.title?.narratives ?? []) + activity.descriptions.flatMap { $0.narrative.narratives }
                return texts.contains { $0.text.lowercased().contains("education") }
            }, "text")
            // Running at some time in 2015: started by its end, not ended before its start.
            func date(_ activity: Activity, _ types: [String]) -> String? {
                for type in types {
                    if let date = activity.activityDates.first(where: { $0.type == type })?.isoDate, date.count >= 10 {
                        return String(date.prefix(10))
                    }
                }
                return nil
            }
            query = all
            query.from = "2015-01-01"
            query.to = "2015-12-31"
            try await check(query, { activity in
                (date(activity, ["4", "3"]).map { $0 >= "2015-01-01" } ?? true) && (date(activity, ["2", "1"]).map { $0 <= "2015-12-31" } ?? true)
            }, "dates")
            // `%` and `_` are what they are, not LIKE's wildcards.
            for text in ["%", "_", "\\"] {
                query = all
                query.text = text
                try await check(query, { activity in
                    let texts = (activity.title?.narratives ?? []) + activity.descriptions.flatMap { $0.narrative.narratives }
                    return texts.contains { $0.text.contains(text) }
                }, "text \(text)", mayBeEmpty: true)
            }
            await #expect(throws: StoreError.self) { try await store.activities(ActivityQuery(limit: 0)) }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func pagesNeitherRepeatNorSkipWhileImportsAddActivities(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let first = Array(Self.files.prefix(3)), later = Array(Self.files.dropFirst(3))
            for path in first { #expect(await store.importFile(at: path).status == .imported) }
            let before = Set(try await Self.all(store, ActivityQuery(limit: 1_000)).keys)
            var query = ActivityQuery(limit: 10)
            var seen: [String] = []
            var imports = later[...]
            while true {
                let page = try await store.activities(query)
                seen += page.activities.map(Self.key)
                // Another file is imported between two pages.
                if let path = imports.popFirst() { #expect(await store.importFile(at: path).status == .imported) }
                guard let next = page.next else { break }
                query.after = next
            }
            #expect(seen.count == Set(seen).count, "an activity came twice")
            #expect(before.isSubset(of: Set(seen)), "an activity was skipped")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func oneActivityIsWhatTheFileHolds(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            for path in Self.files { #expect(await store.importFile(at: path).status == .imported) }
            let activities = try Self.activities(in: Self.files)
            let page = try await store.activities(ActivityQuery(limit: 1_000))
            #expect(page.activities.count == activities.count)
            for summary in page.activities {
                let stored = try #require(try await store.activity(id: summary.id))
                let fromFile = try #require(activities.first { Self.key($0) == Self.key(summary) })
                #expect(stored.activity == fromFile, "\(summary.iatiIdentifier)")
                #expect(stored.transactions.count == fromFile.transactions.count)
                #expect(stored.budgets.count == fromFile.budgets.count)
                for (projected, transaction) in zip(stored.transactions, fromFile.transactions) {
                    #expect(projected.type == transaction.transactionType)
                    #expect(projected.currency == (transaction.value?.currency ?? fromFile.defaultCurrency))
                }
                let byKey = try await store.activity(reportingOrg: summary.reportingOrg, identifier: summary.iatiIdentifier)
                #expect(byKey?.summary == summary)
            }
            #expect(try await store.activity(id: 999_999) == nil)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func datasetsAndFindingsAsValidated(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            let validator = try Validator()
            var reports: [ImportReport] = []
            for path in Self.files.prefix(3) { reports.append(await store.importFile(at: path, validator: validator)) }
            #expect(await store.importFile(at: Fixtures.hostile("malformed.xml")).status == .failed)
            let datasets = try await store.datasets()
            #expect(datasets.count == 4)
            #expect(datasets.first?.status == "failed", "newest first")
            #expect(try await store.datasets(status: "failed").count == 1)
            for report in reports {
                let dataset = try #require(datasets.first { $0.sha256 == report.sha256 })
                #expect(try await store.dataset(id: dataset.id) == dataset)
                #expect(dataset.activityCount == report.activities)
                let validation = try #require(dataset.validation)
                #expect(validation.validSchema == report.validSchema)
                #expect(validation.errors == report.findings?["error"])
                // Every finding, a page of 50 at a time, in order.
                var findings: [StoredFinding] = []
                var query = FindingQuery(datasetID: dataset.id, limit: 50)
                while case let page = try await store.findings(query), !page.isEmpty {
                    findings += page
                    query.afterSeq = page.last!.seq
                }
                #expect(findings.count == report.findings?.values.reduce(0, +))
                #expect(findings.map(\.seq) == findings.map(\.seq).sorted())
                #expect(findings.filter { $0.severity == "error" }.count == validation.errors)
                if let activity = findings.compactMap(\.activity).first {
                    let own = try await store.findings(FindingQuery(datasetID: dataset.id, activity: activity, limit: 10_000))
                    #expect(own == findings.filter { $0.activity == activity })
                }
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aggregatesEqualSumsRecomputedFromTheFiles(database: TestDatabase) async throws {
        try await database.with { location in
            let store = try await Store.open(location)
            defer { Task { await store.close() } }
            for path in Self.files { #expect(await store.importFile(at: path).status == .imported) }
            var expected: [[String?]: (count: Int, sum: Decimal)] = [:]
            for activity in try Self.activities(in: Self.files) {
                for transaction in activity.transactions {
                    let key = [transaction.transactionType, transaction.value?.currency ?? activity.defaultCurrency]
                    let amount = (transaction.value?.text).flatMap { Decimal(string: $0.filter { !$0.isWhitespace }) } ?? 0
                    expected[key, default: (0, 0)].count += 1
                    expected[key, default: (0, 0)].sum += amount
                }
            }
            let rows = try await store.aggregate(Aggregate(.transactions, by: [.column("type"), .column("currency")]))
            #expect(rows.count == expected.count)
            for row in rows {
                let wanted = try #require(expected[row.keys], "\(row.keys)")
                #expect(row.count == wanted.count, "\(row.keys)")
                #expect(row.sum.flatMap { Decimal(string: $0) } == wanted.sum, "\(row.keys): \(row.sum ?? "nil") vs \(wanted.sum)")
            }
            #expect(rows.map(\.count) == rows.map(\.count).sorted(by: >), "largest first")
            // Grouped by a column of the activity and the year of a date, filtered by an activity filter.
            let byYear = try await store.aggregate(Aggregate(
                .transactions, by: [.activity("reporting_org"), .year("transaction_date")], filter: ActivityQuery(reportingOrg: "GB-GOV-1")))
            #expect(!byYear.isEmpty)
            #expect(byYear.allSatisfy { $0.keys[0] == "GB-GOV-1" && ($0.keys[1]?.count ?? 4) == 4 })
            let gbTransactions = try Self.activities(in: Self.files).filter { $0.reportingOrg?.ref == "GB-GOV-1" }.reduce(0) { $0 + $1.transactions.count }
            #expect(byYear.reduce(0) { $0 + $1.count } == gbTransactions)
            let activitiesByStatus = try await store.aggregate(Aggregate(.activities, by: [.column("activity_status")]))
            #expect(activitiesByStatus.reduce(0) { $0 + $1.count } == (try Self.activities(in: Self.files)).count)
            #expect(activitiesByStatus.allSatisfy { $0.sum == nil })
            await #expect(throws: StoreError.self) { try await store.aggregate(Aggregate(.transactions, by: [.column("value; DROP TABLE activity")])) }
        }
    }
}
