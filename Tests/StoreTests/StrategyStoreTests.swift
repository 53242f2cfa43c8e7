import Foundation
import Portfolio
import SQLKit
import Testing
@testable import Store

/// The strategy and the register in the store, on SQLite and PostgreSQL: history kept, views as of
/// a day, and computed indicators equal to what the portfolio holds, found by another route.
@Suite(.serialized) struct StrategyStoreTests {
    /// A store with the demo portfolio imported, the bundled strategy and the demo register.
    static func withDemo(_ database: TestDatabase, _ body: (Store, DemoPortfolio) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strategy-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let portfolio = try DemoPortfolio(seed: 1)
        let files = try DemoFiles.write(portfolio, to: folder)
        try await database.with { location in
            try await Store.using(location) { store in
                for file in files { #expect(await store.importFile(at: file.path).status == .imported) }
                #expect(try await store.loadStrategy(try StrategyCatalog.bundled(), by: "tester"))
                #expect(try await store.loadStrategy(try StrategyCatalog.bundled(), by: "tester") == false)
                #expect(try await store.loadProgrammes(portfolio.programmeRegister(), by: "tester") == portfolio.programmeRegister().count)
                try await body(store, portfolio)
            }
        }
    }

    static func indicator(_ review: StrategyReview, _ id: String) throws -> IndicatorReview {
        try #require(review.pillars.flatMap(\.indicators).first { $0.indicator.id == id })
    }

    static func count(_ store: Store, _ query: SQLQueryString) async throws -> Int {
        try await store.database.sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test(arguments: TestDatabase.engines)
    func theStrategyAsOfADayAndItsComputedIndicators(database: TestDatabase) async throws {
        try await Self.withDemo(database) { store, portfolio in
            // The mid-term review as it was stored.
            let midTerm = try await store.strategyReview(asOf: "2023-02-15")
            #expect(midTerm.pillars.map(\.pillar.number) == [1, 2, 3, 4])
            #expect(midTerm.pillars.map(\.pillar.actions.count) == [4, 4, 3, 4])
            #expect(midTerm.pillars.compactMap(\.latest?.rating) == [1, 2, 3, 4].compactMap { StrategyCatalog.midTermRatings[$0] })
            #expect(midTerm.pillars[0].latest?.narrative.has("zh") == true)
            // Before the review nothing was assessed.
            #expect(try await store.strategyReview(asOf: "2023-02-14").pillars.allSatisfy { $0.latest == nil && $0.history.isEmpty })

            // A later assessment supersedes the review from its day on; both stay.
            try await store.recordAssessment(ProgressAssessment(
                pillar: 1, date: "2024-06-01", rating: .onTrack, narrative: LocalizedText(["en": "Guidance issued.", "zh": "已发布指南。"]),
                recordedBy: "reviewer", recordedAt: ""))
            let before = try await store.strategyReview(asOf: "2024-05-31")
            #expect(before.pillars[0].latest?.date == "2023-02-15")
            let after = try await store.strategyReview(asOf: "2024-06-01")
            #expect(after.pillars[0].latest?.rating == .onTrack)
            #expect(after.pillars[0].latest?.recordedBy == "reviewer")
            #expect(after.pillars[0].history.map(\.date) == ["2024-06-01", "2023-02-15"])

            // A value dated later is not shown before its day; a correction for the same day wins, the first stays stored.
            let entered = IndicatorValue(indicator: "countries-supported", date: "2024-03-01", value: 121, source: "annual report", recordedBy: "clerk")
            try await store.recordIndicatorValue(entered)
            var corrected = entered
            corrected.value = 122
            try await store.recordIndicatorValue(corrected)
            #expect(try Self.indicator(try await store.strategyReview(asOf: "2024-02-29"), "countries-supported").entered.map(\.value) == [120])
            let countries = try Self.indicator(try await store.strategyReview(asOf: "2024-03-01"), "countries-supported")
            #expect(countries.entered.map(\.value) == [120, 122])
            #expect(countries.latest?.recordedBy == "clerk")
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM indicator_value WHERE indicator_id = 'countries-supported'") == 3)
            #expect(try await Self.count(store, "SELECT COUNT(*) AS n FROM change_log WHERE recorded_by IN ('reviewer', 'clerk')") == 3)

            // Refused changes.
            await #expect(throws: StoreError.self) {
                try await store.recordAssessment(ProgressAssessment(pillar: 5, date: "2024-06-01", rating: .onTrack,
                                                                   narrative: LocalizedText(["en": "x"]), recordedBy: "me", recordedAt: ""))
            }
            await #expect(throws: StoreError.self) {
                try await store.recordIndicatorValue(IndicatorValue(indicator: "no-such", date: "2024-01-01", value: 1, source: "s", recordedBy: "me"))
            }
            await #expect(throws: StoreError.self) {
                try await store.recordIndicatorValue(IndicatorValue(indicator: "countries-supported", date: "2024-02-30", value: 1, source: "s", recordedBy: "me"))
            }
            await #expect(throws: StoreError.self) {
                try await store.recordIndicatorValue(IndicatorValue(indicator: "countries-supported", date: "2024-01-01", value: 1, source: "s", recordedBy: " "))
            }

            // Country programmes on the seed's count day (a seed fact), and by another route: the register itself.
            let countDay = "2022-09-15"
            let onCountDay = try await store.strategyReview(asOf: countDay)
            let register = portfolio.programmeRegister()
            let active = register.filter { $0.status(on: countDay) == .active }
            #expect(try Self.indicator(onCountDay, "dwcp-active").computed?.value == 55)
            #expect(try Self.indicator(onCountDay, "dwcp-with-committee").computed?.value == 52)
            #expect(try Self.indicator(onCountDay, "dwcp-active").computed?.value == Double(active.count))
            #expect(try Self.indicator(onCountDay, "dwcp-committee-share").computed?.value == Double(active.filter { $0.hasCommittee(on: countDay) }.count) / Double(active.count))
            // The yearly series ends on the day itself.
            #expect(try Self.indicator(onCountDay, "dwcp-active").yearly.map(\.date) == ["2020-12-31", "2021-12-31", countDay])

            // South-South projects since 2020, from the projections rather than the facts.
            let dataDay = "2023-01-17"
            let review = try await store.strategyReview(asOf: dataDay)
            let sstc = AgencyVocabulary.standard.sstc
            let projects: SQLQueryString = """
                SELECT t.activity_id FROM tag s JOIN activity_transaction t ON t.activity_id = s.activity_id
                WHERE s.vocabulary_uri = \(bind: sstc) AND s.code = '1' AND t.type = '11'
                GROUP BY t.activity_id HAVING MIN(t.transaction_date) >= '2020-01-01' AND MIN(t.transaction_date) <= '2023-01-17'
                """
            let sstcProjects = try await Self.count(store, "SELECT COUNT(*) AS n FROM (\(projects)) p")
            #expect(sstcProjects > 0)
            #expect(try Self.indicator(review, "sstc-projects").computed?.value == Double(sstcProjects))
            #expect(try Self.indicator(review, "sstc-countries").computed?.value
                == Double(try await Self.count(store, "SELECT COUNT(DISTINCT code) AS n FROM recipient_country WHERE activity_id IN (\(projects))")))

            // Money, from the funding reports.
            func usd(_ query: FundingQuery) async throws -> Double { Double(try await store.funding(query).total) ?? -1 }
            var rbsa = FundingQuery(.contributions, from: 2020, to: 2022)
            rbsa.modalities = ["rbsa"]
            let endOf2022 = try await store.strategyReview(asOf: "2022-12-31")
            let rbsaUSD = try await usd(rbsa)
            let contributions = try await usd(FundingQuery(.contributions, from: 2020, to: 2022))
            #expect(rbsaUSD > 0)
            #expect(abs((try Self.indicator(endOf2022, "rbsa-contributions").computed?.value ?? 0) - rbsaUSD / 1_000_000) < 1e-6)
            #expect(abs((try Self.indicator(endOf2022, "unearmarked-share").computed?.value ?? 0) - rbsaUSD / contributions) < 1e-9)
            let approvals = try await usd(FundingQuery(.approvals, from: 2020, to: 2022))
            #expect(abs((try Self.indicator(review, "approvals-per-year").computed?.value ?? 0) - approvals / 3 / 1_000_000) < 1e-6)
            let partners = try await store.funding(FundingQuery(.contributions, by: [.partner], from: 2020, to: 2022)).rows
                .filter { $0.keys.first.flatMap { $0 } != nil }.compactMap { Double($0.usd) }.sorted(by: >)
            let topTwenty = partners.prefix(20).reduce(0, +) / contributions
            #expect(abs((try Self.indicator(endOf2022, "top-20-partners-share").computed?.value ?? 0) - topTwenty) < 1e-9)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theRegisterKeepsEveryVersionAndLinksProjects(database: TestDatabase) async throws {
        try await Self.withDemo(database) { store, _ in
            let counts = try await store.programmeCounts(on: "2022-09-15")
            #expect(counts.active == 55 && counts.activeWithCommittee == 52)
            #expect(counts.total == counts.active + counts.inPreparation + counts.ended)
            #expect(try await store.programmes(on: "2022-09-15", status: .active).count == 55)

            let code = "BD-2022-2026"
            let detail = try #require(try await store.programme(code, on: "2023-01-01"))
            let tagged = try await Self.count(store, """
                SELECT COUNT(DISTINCT activity_id) AS n FROM tag WHERE vocabulary_uri = \(bind: AgencyVocabulary.standard.dwcp) AND code = \(bind: code)
                """)
            #expect(tagged > 0)
            #expect(detail.projects.count == tagged)
            #expect(detail.record.projectCount == tagged)
            #expect(detail.record.status == .active && detail.record.hasCommittee)
            // The programme's commitments are its projects' commitments.
            let sum = detail.projects.reduce(Decimal(0)) { $0 + (Decimal(string: $1.commitmentsUSD) ?? 0) }
            #expect(Decimal(string: detail.record.commitmentsUSD) == sum)
            #expect(detail.projects.allSatisfy { $0.outcome?.hasPrefix("BGD2") == true })

            // An update is a new version; the register shows it, the history keeps both.
            var changed = detail.record.programme
            changed.end = "2027-12-31"
            try await store.updateProgramme(changed, by: "desk officer")
            let updated = try #require(try await store.programme(code, on: "2023-01-01"))
            #expect(updated.record.programme.end == "2027-12-31")
            #expect(updated.record.recordedBy == "desk officer")
            #expect(updated.versions.map(\.programme.end) == ["2027-12-31", "2026-12-31"])
            #expect(updated.record.programme.outcomes == detail.record.programme.outcomes)
            #expect(try await store.programmes(on: "2023-01-01").filter { $0.programme.code == code }.count == 1)

            await #expect(throws: StoreError.self) { try await store.addProgramme(changed, by: "desk officer") }
            var unknown = changed
            unknown.code = "XX-2030-2034"
            unknown.start = "2030-01-01"
            unknown.end = "2034-12-31"
            await #expect(throws: StoreError.self) { try await store.updateProgramme(unknown, by: "desk officer") }
            try await store.addProgramme(unknown, by: "desk officer")
            #expect(try await store.programme("XX-2030-2034", on: "2023-01-01")?.record.status == .inPreparation)
            #expect(try await store.programme("NO-SUCH", on: "2023-01-01") == nil)
        }
    }
}
