import Portfolio
import SQLKit

extension Store {
    /// The screening register: every project (stored activity, by `iati-identifier`) with its latest
    /// screening and current pipeline status, the projects without a screening, and the counts per
    /// category (an SQL aggregate over the latest screenings).
    public func screeningRegister() async throws -> ScreeningRegister {
        try await read { database in
            let sql = database.sql
            let entries = try await sql.raw("""
                SELECT a.iati_identifier, a.title, s.category, s.screened_at, s.screened_by, s.checklist_version, p.status
                FROM (SELECT iati_identifier, MIN(title) AS title FROM activity GROUP BY iati_identifier) a
                LEFT JOIN screening s ON s.id = (SELECT MAX(id) FROM screening WHERE iati_identifier = a.iati_identifier)
                LEFT JOIN pipeline_status p ON p.id = (SELECT MAX(id) FROM pipeline_status WHERE iati_identifier = a.iati_identifier)
                ORDER BY a.iati_identifier
                """).all().map { row in
                ScreeningRegister.Entry(
                    project: try row.decode(column: "iati_identifier", as: String.self), title: try row.decode(column: "title", as: String?.self),
                    status: try row.decode(column: "status", as: String?.self).flatMap(PipelineStatus.init(rawValue:)),
                    category: try row.decode(column: "category", as: String?.self).flatMap(RiskCategory.init(rawValue:)),
                    screenedAt: try row.decode(column: "screened_at", as: String?.self),
                    screenedBy: try row.decode(column: "screened_by", as: String?.self),
                    checklistVersion: try row.decode(column: "checklist_version", as: Int?.self))
            }
            var counts = Dictionary(uniqueKeysWithValues: RiskCategory.allCases.map { ($0, 0) })
            for row in try await sql.raw("""
                SELECT s.category, COUNT(*) AS n FROM screening s
                WHERE s.id = (SELECT MAX(id) FROM screening WHERE iati_identifier = s.iati_identifier)
                    AND EXISTS (SELECT 1 FROM activity WHERE iati_identifier = s.iati_identifier)
                GROUP BY s.category
                """).all() {
                if let category = RiskCategory(rawValue: try row.decode(column: "category", as: String.self)) {
                    counts[category] = try row.decode(column: "n", as: Int.self)
                }
            }
            let screened = entries.filter { $0.category != nil }
                .sorted { ($0.category!, $1.project) > ($1.category!, $0.project) }
            let missing = entries.filter { $0.category == nil }
                .sorted { ($0.status == nil ? 1 : 0, $0.project) < ($1.status == nil ? 1 : 0, $1.project) }
            return ScreeningRegister(screened: screened, missing: missing, counts: counts)
        }
    }
}
