import SQLKit
import SQLiteNIO

/// Full-text search over the narratives of activities' titles and descriptions, in every
/// language, Chinese included (words there are not separated by spaces, so the index is of
/// trigrams, not of words).
///
/// - SQLite: the FTS5 table `activity_search` (`tokenize='trigram'`, `detail=none`), one row per
///   activity whose rowid is the activity's id, kept in step by the import in its own
///   transaction. It says which activities hold every trigram of a query; the narratives of
///   those are then checked for the query itself (``containsFunction``).
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

    /// `devcoop_contains(text, query)`: whether `text` contains `query` ignoring case, in every
    /// script (`lowercased()`, as the trigram tokenizer folds case; SQLite's `LIKE` folds ASCII
    /// only). Installed on every SQLite connection of the store.
    static let containsFunction = SQLiteCustomFunction("devcoop_contains", argumentCount: 2, pure: true) { values in
        guard case .text(let text) = values[0], case .text(let query) = values[1] else { return false }
        return text.lowercased().contains(query.lowercased())
    }

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
        if let trigrams = allTrigrams(of: text) {
            // For ASCII text SQLite's LIKE, which folds the case of ASCII letters only, is exact and
            // several times faster than a call into Swift per narrative.
            let contains: SQLQueryString = text.utf8.allSatisfy { $0 < 0x80 }
                ? "narrative.text LIKE \(bind: pattern) ESCAPE '\\'" : "devcoop_contains(narrative.text, \(bind: text))"
            return """
                activity.id IN (SELECT narrative.activity_id FROM narrative WHERE narrative.activity_id IN \
                (SELECT rowid FROM \(ident: table) WHERE \(ident: table) MATCH \(bind: trigrams)) AND \(contains))
                """
        }
        // SQLite's LIKE ignores the case of ASCII letters, as the trigram tokenizer does.
        return "activity.id IN (SELECT narrative.activity_id FROM narrative WHERE narrative.text LIKE \(bind: pattern) ESCAPE '\\')"
    }

    /// The FTS5 query for the activities that hold every trigram of `text` (each a phrase of its
    /// own: the index knows no order); `nil` for fewer than three characters.
    static func allTrigrams(of text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 3 else { return nil }
        var seen = Set<String>()
        var phrases: [String] = []
        for start in 0...(scalars.count - 3) {
            var trigram = String.UnicodeScalarView()
            trigram.append(contentsOf: scalars[start..<start + 3])
            let phrase = "\"" + String(trigram).replacingOccurrences(of: "\"", with: "\"\"") + "\""
            if seen.insert(phrase.lowercased()).inserted { phrases.append(phrase) }
        }
        return phrases.joined(separator: " ")
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
