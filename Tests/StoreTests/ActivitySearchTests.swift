import Foundation
import Portfolio
import SQLKit
import Testing
import TestSupport
@testable import Store

/// Full-text search (Chinese and French, under and over three characters), the portfolio
/// filters, the US dollar totals and sorted keyset pages, on both engines, against what the test
/// recomputes from the store's own rows.
@Suite(.serialized) struct ActivitySearchTests {
    /// Runs `body` with the demo portfolio imported into a new store of `database`'s engine.
    static func withDemo(_ database: TestDatabase, _ body: (Store) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("search-demo-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try DemoFiles.write(try DemoPortfolio(seed: 1), to: folder)
        try await database.with { location in
            try await Store.using(location) { store in
                for file in files {
                    let report = await store.importFile(at: file.path)
                    #expect(report.status == .imported, "\(file.path): \(report)")
                }
                try await body(store)
            }
        }
    }

    /// The ids of every activity `query` selects, page after page (checking the pages never repeat one).
    static func ids(_ store: Store, _ query: ActivityQuery) async throws -> (ids: [Int], total: Int) {
        var query = query
        var ids: [Int] = []
        var total = -1
        while true {
            let page = try await store.activities(query)
            if total >= 0 { #expect(page.total == total, "the total changed between pages") }
            total = page.total
            ids += page.activities.map(\.id)
            guard let next = page.next else { break }
            query.after = next
        }
        #expect(ids.count == Set(ids).count, "a page repeated an activity")
        return (ids, total)
    }

    /// Every narrative as stored: (activity id, text).
    static func narratives(_ store: Store) async throws -> [(id: Int, text: String)] {
        try await store.database.sql.raw("SELECT activity_id, text FROM narrative").all().map {
            (try $0.decode(column: "activity_id", as: Int.self), try $0.decode(column: "text", as: String.self))
        }
    }

    /// The activities with a narrative that holds `query`, ignoring case.
    static func matching(_ narratives: [(id: Int, text: String)], _ query: String) -> Set<Int> {
        let lowered = query.lowercased()
        var ids = Set<Int>()
        for narrative in narratives where narrative.text.lowercased().contains(lowered) { ids.insert(narrative.id) }
        return ids
    }

    @Test(arguments: TestDatabase.engines)
    func searchFindsChineseAndFrenchTextOfAnyLength(database: TestDatabase) async throws {
        try await Self.withDemo(database) { store in
            let narratives = try await Self.narratives(store)
            // A Chinese run of four characters taken from the data, so that it surely occurs.
            let chineseTitle = try #require(narratives.first { $0.text.contains("劳动") && $0.text.count >= 8 }?.text)
            let start = chineseTitle.range(of: "劳动")!.lowerBound
            let fourCharacters = String(chineseTitle[start...].prefix(4))
            #expect(fourCharacters.count == 4)
            let queries = ["劳动", "技能", fourCharacters, "社会保护", "travail", "TRAVAIL", "emploi des jeunes", "du", "de", "Trabajo"]
            for query in queries {
                let expected = Self.matching(narratives, query)
                let (ids, total) = try await Self.ids(store, ActivityQuery(text: query, limit: 200))
                #expect(Set(ids) == expected, "\(query): \(Set(ids).symmetricDifference(expected).count) differ")
                #expect(total == expected.count, "\(query)")
                if ["劳动", "技能", "travail", "de"].contains(query) { #expect(!expected.isEmpty, "\(query) finds nothing: a weak test") }
            }
            // Characters that mean something to LIKE or to FTS5 are plain text.
            for query in ["%", "_", "\"", "\"劳动\" OR x", "a%b", "NEAR(x y)"] {
                let expected = Self.matching(narratives, query)
                #expect(Set(try await Self.ids(store, ActivityQuery(text: query, limit: 500)).ids) == expected, "\(query)")
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func portfolioFiltersAndTotalsMatchTheFacts(database: TestDatabase) async throws {
        try await Self.withDemo(database) { store in
            struct Fact {
                var activity: Int, type: String, partner: String?, partnerRef: String?, source: String?, outcome: String?
                var modality: String?, region: String, sstc: Bool, usd: Decimal?
            }
            let facts = try await store.database.sql.raw("""
                SELECT activity_id, type, partner, partner_ref, funding_source, outcome, modality, region, sstc, usd FROM portfolio_fact
                """).all().map { row in
                Fact(activity: try row.decode(column: "activity_id", as: Int.self), type: try row.decode(column: "type", as: String.self),
                     partner: try row.decode(column: "partner", as: String?.self), partnerRef: try row.decode(column: "partner_ref", as: String?.self),
                     source: try row.decode(column: "funding_source", as: String?.self), outcome: try row.decode(column: "outcome", as: String?.self),
                     modality: try row.decode(column: "modality", as: String?.self), region: try row.decode(column: "region", as: String.self),
                     sstc: try row.decode(column: "sstc", as: Int.self) == 1,
                     usd: try row.decode(column: "usd", as: String?.self).flatMap { Decimal(string: $0) })
            }
            #expect(facts.count > 1_000)
            func mostFrequent(_ values: [String?]) -> String {
                Dictionary(grouping: values.compactMap { $0 }, by: { $0 }).max { $0.value.count < $1.value.count }!.key
            }
            let partner = mostFrequent(facts.filter { $0.source == "multi-bilateral" }.map(\.partner))
            let partnerRef = mostFrequent(facts.map(\.partnerRef))
            let cases: [(String, ActivityQuery, (Fact) -> Bool)] = [
                ("partner by name", ActivityQuery(partner: partner), { $0.partner == partner || $0.partnerRef == partner }),
                ("partner by ref", ActivityQuery(partner: partnerRef), { $0.partner == partnerRef || $0.partnerRef == partnerRef }),
                ("source", ActivityQuery(fundingSource: "european-commission"), { $0.source == "european-commission" }),
                ("outcome", ActivityQuery(outcome: "7"), { $0.outcome == "7" }),
                ("modality", ActivityQuery(modality: "rbsa"), { $0.modality == "rbsa" }),
                ("region", ActivityQuery(agencyRegion: "africa"), { $0.region == "africa" }),
                ("sstc", ActivityQuery(sstc: true), { $0.sstc }),
                ("not sstc", ActivityQuery(sstc: false), { !$0.sstc }),
            ]
            let everything = try await store.activities(ActivityQuery(limit: 1)).total
            for (what, base, matches) in cases {
                var query = base
                query.limit = 1_000
                query.withUSDTotals = true
                let expected = Set(facts.filter(matches).map(\.activity))
                #expect(!expected.isEmpty && expected.count < everything, "\(what) selects \(expected.count) of \(everything): a weak test")
                let page = try await store.activities(query)
                #expect(Set(page.activities.map(\.id)) == expected, "\(what)")
                #expect(page.total == expected.count, "\(what)")

                // Totals: every fact of the matching activities, whatever its own partner or region.
                let own = facts.filter { expected.contains($0.activity) }
                func sum(_ keep: (Fact) -> Bool) -> Decimal { own.filter(keep).reduce(0) { $0 + ($1.usd ?? 0) } }
                let usd = try #require(page.usd)
                #expect(Decimal(string: usd.approvals) == sum { $0.type == "11" && ($0.modality == nil || $0.modality == "xbdc") }, "\(what)")
                #expect(Decimal(string: usd.contributions) == sum { $0.type == "11" }, "\(what)")
                #expect(Decimal(string: usd.expenditure) == sum { $0.type == "3" || $0.type == "4" }, "\(what)")
                #expect(Decimal(string: usd.incomingFunds) == sum { $0.type == "1" }, "\(what)")
                #expect(usd.unconverted == own.filter { $0.usd == nil }.count, "\(what)")
            }
            // Filters combine with each other and with search.
            var combined = ActivityQuery(limit: 1_000, agencyRegion: "africa")
            combined.outcome = "7"
            let africaAndSeven = Set(facts.filter { $0.region == "africa" }.map(\.activity))
                .intersection(facts.filter { $0.outcome == "7" }.map(\.activity))
            #expect(Set(try await store.activities(combined).activities.map(\.id)) == africaAndSeven)
            #expect(try await store.activities(ActivityQuery(limit: 1)).usd == nil, "totals only when asked")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func sortedPagesNeitherRepeatNorSkipForwardOrBack(database: TestDatabase) async throws {
        try await Self.withDemo(database) { store in
            // A slice of the portfolio that one page of 1,000 holds whole (the demo has a little more).
            let base = ActivityQuery(limit: 1_000, agencyRegion: "asia-pacific")
            let everything = try await store.activities(base)
            #expect(everything.total > 100 && everything.next == nil)
            for sort in ActivitySort.all {
                var wholeQuery = base
                wholeQuery.sort = sort
                let whole = try await store.activities(wholeQuery).activities
                #expect(Set(whole.map(\.id)) == Set(everything.activities.map(\.id)), "\(sort)")
                // The order itself, checked here for the keys whose order does not depend on collation.
                func isOrdered(_ key: (ActivitySummary) -> String?) -> Bool {
                    let keys = whole.map(key)
                    let present = keys.compactMap { $0 }
                    // Missing keys last, whatever the direction.
                    let missingLast = keys.drop { $0 != nil }.allSatisfy { $0 == nil }
                    return missingLast && zip(present, present.dropFirst()).allSatisfy { sort.descending ? $0 >= $1 : $0 <= $1 }
                }
                switch sort.key {
                case .startDate: #expect(isOrdered(\.startDate), "\(sort)")
                case .endDate: #expect(isOrdered(\.endDate), "\(sort)")
                case .stored: #expect(whole.map(\.id) == (sort.descending ? whole.map(\.id).sorted(by: >) : whole.map(\.id).sorted()))
                case .title, .identifier: break
                }
                // Forward in pages of 37, then back from the last page: the same sequence both ways.
                var query = wholeQuery
                query.limit = 37
                var forward: [Int] = []
                var last: ActivityPage?
                while true {
                    let page = try await store.activities(query)
                    forward += page.activities.map(\.id)
                    last = page
                    guard let next = page.next else { break }
                    query.after = next
                    query.before = nil
                }
                #expect(forward == whole.map(\.id), "\(sort): paging forward")
                var backward = last?.activities.map(\.id) ?? []
                var previous = last?.previous
                while let cursor = previous {
                    var back = query
                    back.after = nil
                    back.before = cursor
                    let page = try await store.activities(back)
                    backward = page.activities.map(\.id) + backward
                    previous = page.previous
                }
                #expect(backward == whole.map(\.id), "\(sort): paging back")
                // A cursor keeps its text form.
                if let cursor = try await store.activities(ActivityQuery(limit: 3, sort: sort)).next {
                    #expect(ActivityCursor(cursor.description) == cursor)
                }
            }
            // A cursor of one order does not page another.
            let titleCursor = try #require(try await store.activities(ActivityQuery(limit: 3, sort: ActivitySort(.title))).next)
            await #expect(throws: StoreError.self) {
                try await store.activities(ActivityQuery(limit: 3, after: titleCursor, sort: ActivitySort(.startDate)))
            }
            #expect(ActivitySort("-start-date") == ActivitySort(.startDate, descending: true))
            #expect(ActivitySort("size") == nil && ActivityCursor("title.x") == nil && ActivityCursor("-1") == nil)
        }
    }

    /// A small file whose one activity changes its title between two imports.
    static func file(title: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("search-\(UUID()).xml").path
        try """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03" generated-datetime="2024-01-01T00:00:00Z">
              <iati-activity last-updated-datetime="2024-01-01T00:00:00Z" xml:lang="en" default-currency="EUR">
                <iati-identifier>XX-SEARCH-1</iati-identifier>
                <reporting-org ref="XX-SEARCH" type="10"><narrative>Search test</narrative></reporting-org>
                <title><narrative>\(title)</narrative><narrative xml:lang="zh">职业技能培训</narrative></title>
                <activity-status code="2"/>
              </iati-activity>
            </iati-activities>
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `body` with a new store of `database` and a folder for files, removed afterwards.
    static func withStoreAndFolder(_ database: TestDatabase, _ body: (Store, URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await database.with { location in
            try await Store.using(location) { (store: Store) async throws in try await body(store, folder) }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theIndexFollowsReplacedActivities(database: TestDatabase) async throws {
        try await Self.withStoreAndFolder(database) { store, folder in
            let first = try Self.file(title: "Alphabetical soup", in: folder)
            let second = try Self.file(title: "Boring broth", in: folder)
            #expect(await store.importFile(at: first).status == .imported)
            #expect(try await store.activities(ActivityQuery(text: "alphabet")).total == 1)
            #expect(try await store.activities(ActivityQuery(text: "技能培训")).total == 1)
            #expect(await store.importFile(at: second).status == .imported)
            #expect(try await store.activities(ActivityQuery(text: "alphabet")).total == 0, "the replaced title is gone from the index")
            #expect(try await store.activities(ActivityQuery(text: "broth")).total == 1)
            #expect(try await store.activities(ActivityQuery(text: "技能")).total == 1)
            #expect(try await store.activities(ActivityQuery(text: "职业技能培训")).total == 1)
        }
    }

    /// The index says only which activities hold every trigram of a query (SQLite); the query
    /// itself is then looked for in the narratives, in order, ignoring case in every script.
    @Test(arguments: TestDatabase.engines)
    func holdingEveryTrigramIsNotEnough(database: TestDatabase) async throws {
        try await Self.withStoreAndFolder(database) { store, folder in
            // "xand nd d the" holds each trigram of "and the" (and, "nd ", "d t", " th", the), but not "and the".
            let file = try Self.file(title: "xand nd d the ÉDUCATION Œuvre", in: folder)
            #expect(await store.importFile(at: file).status == .imported)
            #expect(NarrativeSearch.allTrigrams(of: "and the") == #""and" "nd " "d t" " th" "the""#)
            if !store.database.isPostgres {
                let trigrams = try #require(NarrativeSearch.allTrigrams(of: "and the"))
                let holding = try await store.database.sql.raw(
                    "SELECT count(*) AS n FROM activity_search WHERE activity_search MATCH \(bind: trigrams)"
                ).first(decodingColumn: "n", as: Int.self)
                #expect(holding == 1, "the index alone takes the activity for one that holds the text")
            }
            #expect(try await store.activities(ActivityQuery(text: "and the")).total == 0)
            #expect(try await store.activities(ActivityQuery(text: "nd d the")).total == 1)
            #expect(try await store.activities(ActivityQuery(text: "ND D THE")).total == 1)
            #expect(try await store.activities(ActivityQuery(text: "éducation œuvre")).total == 1)
            #expect(try await store.activities(ActivityQuery(text: "éducation oeuvre")).total == 0)
        }
    }

    /// A store of the previous release gets its index filled by the migration.
    @Test func theMigrationIndexesStoredNarratives() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-test-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("schema-v2.db").path
        try FileManager.default.copyItem(atPath: Fixtures.root.appendingPathComponent("stores/schema-v2.db").path, toPath: old)
        try await Store.using(old) { store in
            let narratives = try await Self.narratives(store)
            let sample = try #require(narratives.first { $0.text.count >= 12 })
            let words = String(sample.text.dropFirst(3).prefix(8))
            let expected = Self.matching(narratives, words)
            #expect(expected.contains(sample.id))
            #expect(Set(try await Self.ids(store, ActivityQuery(text: words, limit: 100)).ids) == expected, "\(words)")
        }
    }
}
