import IATI
import SQLKit

extension Store {
    /// The title of each of these activities in every language it has, for lists that show titles
    /// in the reader's language: one query for a page, from the narratives projected on import.
    public func titles(of activityIDs: [Int]) async throws -> [Int: NarrativeText] {
        guard !activityIDs.isEmpty else { return [:] }
        return try await read { database in
            var titles: [Int: NarrativeText] = [:]
            for row in try await database.sql.select().columns("activity_id", "lang", "text").from(Schema.narrative.name)
                .where("element", .equal, SQLBind("title"))
                .where(SQLIdentifier("activity_id"), .in, SQLGroupExpression(SQLList(activityIDs.map { SQLBind($0) })))
                .orderBy("activity_id").orderBy("seq")
                .all() {
                let id = try row.decode(column: "activity_id", as: Int.self)
                titles[id, default: NarrativeText()].narratives.append(
                    Narrative(text: try row.decode(column: "text", as: String.self), lang: try row.decode(column: "lang", as: String?.self)))
            }
            return titles
        }
    }
}
