import Foundation
import Portfolio
import Testing
@testable import Store

/// Screenings and the approval gate in the store's write path, on both engines.
@Suite(.serialized) struct ScreeningStoreTests {
    static let project = "XM-DAC-41302-T1"

    static func answers(_ given: [String: String] = [:]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: ScreeningChecklist.current.questions.map { ($0.id, given[$0.id] ?? "no") })
    }

    @Test(arguments: TestDatabase.engines)
    func approvalIsRefusedWithoutAScreeningAndAllowedAfter(database: TestDatabase) async throws {
        try await HandMadeResults.withStore(database) { (store: Store) async throws in
            try await store.setPipelineStatus(project: Self.project, to: .proposal, by: "A. Mensah", at: "2026-01-05T10:00:00Z")
            try await store.setPipelineStatus(project: Self.project, to: .appraisal, by: "A. Mensah", at: "2026-02-01T10:00:00Z")
            let refused = await #expect(throws: StoreError.self) {
                try await store.setPipelineStatus(project: Self.project, to: .approved, by: "Director")
            }
            #expect(refused?.reason == .screeningRequired)
            #expect(refused?.message.contains("E&S screening") == true)
            // Nothing of the refused change was written.
            #expect(try await store.pipelineHistory(project: Self.project).map(\.status) == [.proposal, .appraisal])

            let screening = try await store.recordScreening(
                project: Self.project, answers: Self.answers(["gender.seah": "high"]), by: "L. Chen", at: "2026-02-10T09:00:00Z")
            #expect(screening.category == .high)
            #expect(screening.rule == 1)
            #expect(screening.measures.contains { $0.id == "area.gender-seah" })
            try await store.setPipelineStatus(project: Self.project, to: .approved, by: "Director", at: "2026-03-01T12:00:00Z")

            let history = try await store.pipelineHistory(project: Self.project)
            #expect(history == [
                PipelineChange(project: Self.project, status: .proposal, changedBy: "A. Mensah", changedAt: "2026-01-05T10:00:00Z"),
                PipelineChange(project: Self.project, status: .appraisal, changedBy: "A. Mensah", changedAt: "2026-02-01T10:00:00Z"),
                PipelineChange(project: Self.project, status: .approved, changedBy: "Director", changedAt: "2026-03-01T12:00:00Z"),
            ])
            let stored = try await store.screenings(project: Self.project)
            #expect(stored == [screening])
            #expect(stored.first?.answers.count == ScreeningChecklist.current.questions.count)
            #expect(stored.first?.checklistVersion == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func badInputIsRefusedWithItsReason(database: TestDatabase) async throws {
        try await HandMadeResults.withStore(database) { (store: Store) async throws in
            let unknown = await #expect(throws: StoreError.self) {
                try await store.recordScreening(project: "XM-DAC-41302-NONE", answers: Self.answers(), by: "L. Chen")
            }
            #expect(unknown?.reason == .unknownProject)
            let question = await #expect(throws: StoreError.self) {
                try await store.recordScreening(project: Self.project, answers: Self.answers().merging(["labour.weather": "low"]) { $1 }, by: "L. Chen")
            }
            #expect(question?.reason == .invalidChange)
            #expect(question?.message.contains("labour.weather") == true)
            let answer = await #expect(throws: StoreError.self) {
                try await store.recordScreening(project: Self.project, answers: Self.answers(["gender.seah": "maybe"]), by: "L. Chen")
            }
            #expect(answer?.reason == .invalidChange)
            let author = await #expect(throws: StoreError.self) {
                try await store.setPipelineStatus(project: Self.project, to: .proposal, by: "  ")
            }
            #expect(author?.reason == .invalidChange)
            let status = await #expect(throws: StoreError.self) {
                try await store.setPipelineStatus(project: "XM-DAC-41302-NONE", to: .proposal, by: "A. Mensah")
            }
            #expect(status?.reason == .unknownProject)
            #expect(try await store.screenings(project: Self.project).isEmpty)
            #expect(try await store.pipelineHistory(project: Self.project).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theRegisterCountsLatestScreeningsAndListsTheMissing(database: TestDatabase) async throws {
        try await HandMadeResults.withStore(database) { (store: Store) async throws in
            _ = try await store.recordScreening(project: "XM-DAC-41302-T1", answers: Self.answers(["labour.conditions": "high"]), by: "L. Chen")
            // A second screening replaces the first in the register.
            _ = try await store.recordScreening(project: "XM-DAC-41302-T1", answers: Self.answers(), by: "L. Chen")
            _ = try await store.recordScreening(project: "XM-DAC-41302-T2", answers: Self.answers(["resettlement.displacement": "high"]), by: "M. García")
            try await store.setPipelineStatus(project: "XM-DAC-41302-T3", to: .proposal, by: "A. Mensah")
            let register = try await store.screeningRegister()
            #expect(register.counts == [.low: 1, .moderate: 0, .substantial: 0, .high: 1])
            #expect(register.screened.map(\.project) == ["XM-DAC-41302-T2", "XM-DAC-41302-T1"])
            #expect(register.screened.first?.screenedBy == "M. García")
            #expect(register.screened.first?.checklistVersion == 1)
            // Projects in the pipeline first.
            #expect(register.missing.map(\.project) == ["XM-DAC-41302-T3", "XM-DAC-41302-T4"])
            #expect(register.missing.first?.status == .proposal)
            #expect(try await store.screenings(project: "XM-DAC-41302-T1").count == 2)
        }
    }
}
