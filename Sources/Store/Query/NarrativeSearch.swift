import SQLKit

/// Full-text search over the narratives of activities' titles and descriptions, in every
/// language, Chinese included (words there are not separated by spaces, so the index is of
/// trigrams, not of words).
///
/// - SQLite: the FTS5 table `activity_search` (`tokenize='trigram'`), one row per activity whose
///   rowid is the activity's id, kept in step by the import in its own transaction.
/// - PostgreSQL: a `pg_trgm` GIN index on `narrative.text`, kept in step by PostgreSQL.
///
/// A query matches an activity when one of its narratives contains it, ignoring case. Trigrams
/// cannot find fewer than three characters, and two-character Chinese words are common (`劳动`,
/// `技能`): shorter queries are answered by `LIKE` over `narrative` instead (a scan, but of one table).
enum NarrativeSearch {
    /// The FTS5 table on SQLite.
    static let table = "activity_search"
    /// The trigram index on PostgreSQL.
    static let postgresIndex = "narrative_text_trgm"

    /// Whether `name` is the FTS5 table or one of the shadow tables SQLite keeps for it.
    static func isSearchTable(_ name: String) -> Bool {
        name == table || name.hasPrefix(table + "_")
    }

    /// The condition on `activity` that its narratives contain `text`.
    static func condition(_ text: String, postgres: Bool) -> SQLQueryString {
        let pattern = "%" + likeEscaped(text) + "%"
        if postgres {
            return "activity.id IN (SELECT narrative.activity_id FROM narrative WHERE narrative.text ILIKE \(bind: pattern) ESCAPE '\\')"
        }
        if text.unicodeScalars.count >= 3 {
            // One phrase of the whole query: its trigrams in a row, that is the text as a substring.
            let phrase = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return "activity.id IN (SELECT rowid FROM \(ident: table) WHERE \(ident: table) MATCH \(bind: phrase))"
        }
        // SQLite's LIKE ignores the case of ASCII letters, as the trigram tokenizer does.
        return "activity.id IN (SELECT narrative.activity_id FROM narrative WHERE narrative.text LIKE \(bind: pattern) ESCAPE '\\')"
    }

    /// Adds the activities with an id from `firstID` on to the index (SQLite; PostgreSQL indexes
    /// by itself): one `INSERT … SELECT` for a whole file, no row passes through Swift.
    static func add(in database: Database, activitiesFrom firstID: Int) async throws {
        guard !database.isPostgres else { return }
        try await database.sql.raw("""
            INSERT INTO \(ident: table) (rowid, text)
            SELECT activity_id, group_concat(text, char(10)) FROM narrative WHERE activity_id >= \(bind: firstID) GROUP BY activity_id
            """).run()
    }

    /// Removes activities from the index before they are replaced (SQLite).
    static func remove(_ ids: [Int], in database: Database) async throws {
        guard !database.isPostgres, !ids.isEmpty else { return }
        try await database.sql.delete(from: table).where(SQLIdentifier("rowid"), .in, ids).run()
    }

    private static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
