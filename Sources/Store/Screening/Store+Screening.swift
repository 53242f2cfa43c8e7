import Foundation
import Portfolio
import SQLKit

extension Store {
    /// Records a completed E&S screening of `project` with the checklist in force: `answers` maps
    /// every question id to `no`, `low`, `medium` or `high`. Returns the screening with its
    /// category and measures.
    /// - Throws: ``StoreError`` `.unknownProject`, or `.invalidChange` for a missing author, an
    ///   unknown question or answer, or a question left unanswered.
    public func recordScreening(
        project: String, answers: [String: String], by author: String, checklist: ScreeningChecklist = .current,
        at time: String? = nil
    ) async throws -> Screening {
        let author = try Self.author(author)
        let assessment: ScreeningAssessment
        do {
            assessment = try checklist.assess(text: answers)
        } catch {
            throw StoreError(.invalidChange, error.message)
        }
        let screening = Screening(
            project: project, checklistVersion: checklist.version, category: assessment.category, rule: assessment.rule,
            screenedBy: author, screenedAt: time ?? Timestamp.now(),
            answers: checklist.questions.map { .init(question: $0.id, answer: ScreeningAnswer(rawValue: answers[$0.id]!.lowercased())!) },
            measures: assessment.measures)
        try await writer.transaction { database in
            try await Self.requireProject(project, in: database)
            try await Self.insert([screening], in: database)
        }
        return screening
    }

    /// Every screening of `project`, the newest first.
    public func screenings(project: String) async throws -> [Screening] {
        try await read { database in
            let sql = database.sql
            let rows = try await sql.select().columns("id", "iati_identifier", "checklist_version", "category", "rule", "screened_by", "screened_at")
                .from(Schema.screening.name).where("iati_identifier", .equal, SQLBind(project))
                .orderBy("id", .descending).all()
            var screenings: [Screening] = []
            for row in rows {
                let id = try row.decode(column: "id", as: Int.self)
                let answers = try await sql.select().columns("question", "answer").from(Schema.screeningAnswer.name)
                    .where("screening_id", .equal, SQLBind(id)).orderBy("seq").all().map { row in
                        Screening.Answer(
                            question: try row.decode(column: "question", as: String.self),
                            answer: ScreeningAnswer(rawValue: try row.decode(column: "answer", as: String.self)) ?? .no)
                    }
                let measures = try await sql.select().columns("measure", "text").from(Schema.screeningMeasure.name)
                    .where("screening_id", .equal, SQLBind(id)).orderBy("seq").all().map { row in
                        MitigationMeasure(id: try row.decode(column: "measure", as: String.self), text: try row.decode(column: "text", as: String.self))
                    }
                screenings.append(Screening(
                    project: try row.decode(column: "iati_identifier", as: String.self),
                    checklistVersion: try row.decode(column: "checklist_version", as: Int.self),
                    category: RiskCategory(rawValue: try row.decode(column: "category", as: String.self)) ?? .high,
                    rule: try row.decode(column: "rule", as: Int.self), screenedBy: try row.decode(column: "screened_by", as: String.self),
                    screenedAt: try row.decode(column: "screened_at", as: String.self), answers: answers, measures: measures))
            }
            return screenings
        }
    }

    /// Moves `project` to `status`. A status from approval on (``PipelineStatus/requiresScreening``)
    /// needs a completed screening of the project, checked in the same transaction as the write.
    /// - Throws: ``StoreError`` `.screeningRequired`, `.unknownProject`, `.invalidChange` (no author).
    @discardableResult
    public func setPipelineStatus(
        project: String, to status: PipelineStatus, by author: String, at time: String? = nil
    ) async throws -> PipelineChange {
        let author = try Self.author(author)
        let change = PipelineChange(project: project, status: status, changedBy: author, changedAt: time ?? Timestamp.now())
        try await writer.transaction { database in
            try await Self.requireProject(project, in: database)
            if status.requiresScreening {
                let screened = try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from(Schema.screening.name).where("iati_identifier", .equal, SQLBind(project))
                    .first(decodingColumn: "n", as: Int.self) ?? 0
                guard screened > 0 else {
                    throw StoreError(.screeningRequired,
                                     "\(project) cannot be \(status.rawValue) without a completed E&S screening: record one first (devcoop screening record)")
                }
            }
            try await Self.insert([change], in: database)
        }
        return change
    }

    /// Every pipeline status `project` took, the oldest first.
    public func pipelineHistory(project: String) async throws -> [PipelineChange] {
        try await read { database in
            try await database.sql.select().columns("iati_identifier", "status", "changed_by", "changed_at").from(Schema.pipelineStatus.name)
                .where("iati_identifier", .equal, SQLBind(project)).orderBy("id").all().map(PipelineChange.init(row:))
        }
    }

    /// Whether a stored activity has `project` as its `iati-identifier`.
    public func hasProject(_ project: String) async throws -> Bool {
        try await read { database in try await Self.projectExists(project, in: database) }
    }

    static func projectExists(_ project: String, in database: Database) async throws -> Bool {
        try await database.sql.select().column("id").from(Schema.activity.name).where("iati_identifier", .equal, SQLBind(project))
            .limit(1).first() != nil
    }

    static func requireProject(_ project: String, in database: Database) async throws {
        guard try await projectExists(project, in: database) else {
            throw StoreError(.unknownProject, "no project (IATI activity) \(project) in the store")
        }
    }

    /// Writes screenings with their answers and measures, numbered after those stored.
    static func insert(_ screenings: [Screening], in database: Database) async throws {
        guard !screenings.isEmpty else { return }
        let sql = database.sql
        let first = try await sql.raw("SELECT COALESCE(MAX(id), 0) + 1 AS id FROM screening").first(decodingColumn: "id", as: Int.self) ?? 1
        // A few hundred rows a statement keeps every engine under its limit of bound values.
        for (offset, chunk) in screenings.chunked(200).enumerated() {
            let base = first + offset * 200
            try await sql.insert(into: Schema.screening.name)
                .columns("id", "iati_identifier", "checklist_version", "category", "rule", "screened_by", "screened_at")
                .rows(chunk.enumerated().map { index, screening -> [any SQLExpression] in
                    [SQLBind(base + index), SQLBind(screening.project), SQLBind(screening.checklistVersion),
                     SQLBind(screening.category.rawValue), SQLBind(screening.rule), SQLBind(screening.screenedBy), SQLBind(screening.screenedAt)]
                }).run()
            let answers = chunk.enumerated().flatMap { index, screening in
                screening.answers.enumerated().map { seq, answer -> [any SQLExpression] in
                    [SQLBind(base + index), SQLBind(seq), SQLBind(answer.question), SQLBind(answer.answer.rawValue)]
                }
            }
            for rows in answers.chunked(500) {
                try await sql.insert(into: Schema.screeningAnswer.name).columns("screening_id", "seq", "question", "answer").rows(rows).run()
            }
            let measures = chunk.enumerated().flatMap { index, screening in
                screening.measures.enumerated().map { seq, measure -> [any SQLExpression] in
                    [SQLBind(base + index), SQLBind(seq), SQLBind(measure.id), SQLBind(measure.text)]
                }
            }
            for rows in measures.chunked(500) {
                try await sql.insert(into: Schema.screeningMeasure.name).columns("screening_id", "seq", "measure", "text").rows(rows).run()
            }
        }
    }

    /// Writes pipeline changes in their order, numbered after those stored.
    static func insert(_ changes: [PipelineChange], in database: Database) async throws {
        guard !changes.isEmpty else { return }
        let sql = database.sql
        let first = try await sql.raw("SELECT COALESCE(MAX(id), 0) + 1 AS id FROM pipeline_status").first(decodingColumn: "id", as: Int.self) ?? 1
        for (offset, chunk) in changes.chunked(500).enumerated() {
            let base = first + offset * 500
            try await sql.insert(into: Schema.pipelineStatus.name).columns("id", "iati_identifier", "status", "changed_by", "changed_at")
                .rows(chunk.enumerated().map { index, change -> [any SQLExpression] in
                    [SQLBind(base + index), SQLBind(change.project), SQLBind(change.status.rawValue), SQLBind(change.changedBy),
                     SQLBind(change.changedAt)]
                }).run()
        }
    }
}

extension PipelineChange {
    init(row: any SQLRow) throws {
        self.init(
            project: try row.decode(column: "iati_identifier", as: String.self),
            status: PipelineStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .proposal,
            changedBy: try row.decode(column: "changed_by", as: String.self), changedAt: try row.decode(column: "changed_at", as: String.self))
    }
}

extension Array {
    /// The array in pieces of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
