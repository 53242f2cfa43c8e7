import Foundation
import Portfolio
import SQLKit

/// The demo's E&S screenings and pipeline statuses, made from the stored activities, the same for
/// the same seed: every project that started (so was approved) is screened, with a realistic
/// spread of categories; of the projects still in the pipeline (IATI status 1) about half are
/// proposals without a screening, the others screened and in appraisal or approved.
enum DemoScreenings {
    /// The kinds of project the answers are drawn for: the chance of each answer (no, low, medium,
    /// high) per question, and how often the kind occurs (in percent).
    private static let profiles: [(share: Int, weights: [Int])] = [
        (40, [75, 25, 0, 0]), (33, [55, 30, 15, 0]), (19, [40, 30, 25, 5]), (8, [35, 25, 25, 15]),
    ]

    static func record(in store: Store, seed: UInt64) async throws {
        let projects = try await store.read { database in
            try await database.sql.raw("""
                SELECT iati_identifier, MIN(CAST(start_date AS TEXT)) AS start_date, MIN(CAST(end_date AS TEXT)) AS end_date,
                    MIN(activity_status) AS status
                FROM activity GROUP BY iati_identifier ORDER BY iati_identifier
                """).all().map { row in
                (id: try row.decode(column: "iati_identifier", as: String.self),
                 start: try row.decode(column: "start_date", as: String?.self) ?? "2020-01-01",
                 end: try row.decode(column: "end_date", as: String?.self),
                 status: try row.decode(column: "status", as: String?.self) ?? "2")
            }
        }
        let checklist = ScreeningChecklist.current
        var screenings: [Screening] = []
        var changes: [PipelineChange] = []
        for (index, project) in projects.enumerated() {
            var random = SplitMix(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
            let officer = ["A. Mensah", "L. Chen", "M. García", "S. Dubois", "R. Khan"][Int(random.next() % 5)]
            func at(_ day: String, _ offset: Int) -> String { Self.day(day, plus: offset) + "T09:00:00Z" }
            let inPipeline = project.status == "1"
            changes.append(PipelineChange(project: project.id, status: .proposal, changedBy: officer, changedAt: at(project.start, -180)))
            if inPipeline && index % 2 == 0 { continue }  // a proposal not yet screened
            changes.append(PipelineChange(project: project.id, status: .appraisal, changedBy: officer, changedAt: at(project.start, -120)))
            let answers = Self.answers(checklist, &random)
            let assessment = try checklist.assess(answers)
            screenings.append(Screening(
                project: project.id, checklistVersion: checklist.version, category: assessment.category, rule: assessment.rule,
                screenedBy: officer, screenedAt: at(project.start, -100),
                answers: checklist.questions.map { .init(question: $0.id, answer: answers[$0.id]!) }, measures: assessment.measures))
            if inPipeline && index % 4 == 1 { continue }  // screened, still in appraisal
            changes.append(PipelineChange(project: project.id, status: .approved, changedBy: "Director, PARDEV", changedAt: at(project.start, -60)))
            guard !inPipeline else { continue }
            changes.append(PipelineChange(project: project.id, status: .implementation, changedBy: officer, changedAt: at(project.start, 0)))
            if project.status == "3" || project.status == "4", let end = project.end {
                changes.append(PipelineChange(project: project.id, status: .closed, changedBy: officer, changedAt: at(end, 30)))
            }
        }
        try await store.writer.transaction { database in
            try await Store.insert(screenings, in: database)
            try await Store.insert(changes, in: database)
        }
    }

    private static func answers(_ checklist: ScreeningChecklist, _ random: inout SplitMix) -> [String: ScreeningAnswer] {
        var draw = Int(random.next() % 100)
        let profile = profiles.first { draw -= $0.share; return draw < 0 } ?? profiles[0]
        var answers: [String: ScreeningAnswer] = [:]
        for question in checklist.questions {
            var roll = Int(random.next() % 100)
            let index = profile.weights.firstIndex { roll -= $0; return roll < 0 } ?? 0
            answers[question.id] = ScreeningAnswer.allCases[index]
        }
        return answers
    }

    /// `day` (ISO, `YYYY-MM-DD`) moved by `days`.
    private static func day(_ day: String, plus days: Int) -> String {
        let format = Date.ISO8601FormatStyle().year().month().day()
        guard let date = try? format.parse(String(day.prefix(10))) else { return String(day.prefix(10)) }
        return date.addingTimeInterval(Double(days) * 86_400).formatted(format)
    }

    /// SplitMix64: a small deterministic generator, so that the demo is the same on every machine.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
