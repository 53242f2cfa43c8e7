import Foundation
import Testing
@testable import Store

/// The results roll-up on ``HandMadeResults``: every expectation below is added up by hand from the
/// table in its documentation.
@Suite(.serialized) struct ResultsRollupTests {
    typealias Row = ResultsRollup.Row

    func row(_ rows: [Row], _ indicator: String, _ year: String, pillar: Int?, outcome: String? = nil, cpo: String? = nil,
             gap: ResultsRollup.Gap? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Row? {
        let found = rows.filter { $0.indicator == indicator && $0.year == year && $0.pillar == pillar && $0.outcome == outcome && $0.cpo == cpo && $0.gap == gap }
        #expect(found.count == 1, "\(indicator) \(year) pillar \(pillar ?? 0) \(outcome ?? "") \(cpo ?? "") \(gap?.rawValue ?? "summed"): \(found.count) rows", sourceLocation: sourceLocation)
        return found.first
    }

    @Test(arguments: TestDatabase.engines)
    func byPillarSumsWhatAddsUpAndShowsTheRestWithItsReason(database: TestDatabase) async throws {
        try await HandMadeResults.withStore(database) { (store: Store) async throws in
            let rollup = try await store.resultsRollup(by: .pillar)
            #expect(rollup.level == .pillar)
            let rows = rollup.rows
            // Children withdrawn, pillar 1 (T1, T2 summed; T3 has no baseline).
            let children2022 = row(rows, HandMadeResults.children, "2022", pillar: 1)
            #expect(children2022?.target == "300")
            #expect(children2022?.actual == "270.5")
            #expect(children2022?.projects == 2)
            #expect(children2022?.reporting == 2)
            #expect(children2022?.measure == "1")
            let noBaseline = row(rows, HandMadeResults.children, "2022", pillar: 1, gap: .noBaseline)
            #expect(noBaseline?.projects == 1)
            #expect(noBaseline?.target == nil && noBaseline?.actual == nil)
            let children2023 = row(rows, HandMadeResults.children, "2023", pillar: 1)
            #expect(children2023?.target == "400.5")
            #expect(children2023?.actual == "120.25")
            #expect(children2023?.projects == 2)
            #expect(children2023?.reporting == 1)
            // Inspectors: a count in T1, a percentage in T2: never summed.
            let inspectors = row(rows, HandMadeResults.inspectors, "2022", pillar: 1, gap: .measuresDiffer)
            #expect(inspectors?.projects == 2)
            #expect(inspectors?.periods == 2)
            #expect(inspectors?.target == nil)
            #expect(inspectors?.measure == nil)
            #expect(!rows.contains { $0.indicator == HandMadeResults.inspectors && $0.gap == nil })
            // A percentage is not added.
            #expect(row(rows, HandMadeResults.coverage, "2022", pillar: 1, gap: .notAdditive)?.target == nil)
            // No target.
            #expect(row(rows, HandMadeResults.institutions, "2022", pillar: 1, gap: .noTarget)?.reporting == 1)
            // Pillar 2: T4, outcome from its sector (no portfolio fact); exact decimals.
            #expect(row(rows, HandMadeResults.enterprises, "2022", pillar: 2)?.actual == "12")
            let enterprises2023 = row(rows, HandMadeResults.enterprises, "2023", pillar: 2)
            #expect(enterprises2023?.target == "12.123456789")
            #expect(enterprises2023?.actual == "3.1")
            #expect(rows.count == 8)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func byOutcomeAndCPOTheGroupsSplit(database: TestDatabase) async throws {
        try await HandMadeResults.withStore(database) { (store: Store) async throws in
            let outcomes = try await store.resultsRollup(by: .outcome).rows
            let seven = row(outcomes, HandMadeResults.children, "2022", pillar: 1, outcome: "7")
            #expect(seven?.target == "300")
            #expect(seven?.actual == "270.5")
            // T3 (outcome 1) is alone in its group, still without a baseline.
            #expect(row(outcomes, HandMadeResults.children, "2022", pillar: 1, outcome: "1", gap: .noBaseline)?.projects == 1)
            #expect(row(outcomes, HandMadeResults.enterprises, "2022", pillar: 2, outcome: "4")?.target == "10")

            let cpos = try await store.resultsRollup(by: .cpo).rows
            let bangladesh = row(cpos, HandMadeResults.children, "2023", pillar: 1, outcome: "7", cpo: "BGD101")
            #expect(bangladesh?.target == "400.5")
            #expect(row(cpos, HandMadeResults.inspectors, "2022", pillar: 1, outcome: "7", cpo: "BGD101", gap: .measuresDiffer)?.projects == 2)
            #expect(row(cpos, HandMadeResults.enterprises, "2023", pillar: 2, outcome: "4", cpo: "KEN103")?.actual == "3.1")
            #expect(cpos.allSatisfy { $0.cpo != nil })
        }
    }
}
