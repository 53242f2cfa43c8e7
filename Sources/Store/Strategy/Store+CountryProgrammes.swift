import Foundation
import Portfolio
import SQLKit

extension Store {
    /// Registers a new country programme; its code must not be registered yet.
    public func addProgramme(_ programme: CountryProgramme, by author: String) async throws {
        _ = try await writeProgrammes([programme], by: author, mode: .add)
    }

    /// Registers a new version of a programme already registered (its code); the earlier stays in the history.
    public func updateProgramme(_ programme: CountryProgramme, by author: String) async throws {
        _ = try await writeProgrammes([programme], by: author, mode: .update)
    }

    /// Registers the programmes not registered yet, in one transaction (the demo's register);
    /// returns how many were added.
    @discardableResult
    public func loadProgrammes(_ programmes: [CountryProgramme], by author: String) async throws -> Int {
        try await writeProgrammes(programmes, by: author, mode: .addMissing)
    }

    private enum WriteMode { case add, update, addMissing }

    private func writeProgrammes(_ programmes: [CountryProgramme], by author: String, mode: WriteMode) async throws -> Int {
        let author = try Self.author(author)
        for programme in programmes {
            if let problem = programme.problem { throw StoreError(.invalidChange, problem) }
        }
        return try await writer.transaction { database in
            let registered = Set(try await database.sql.raw("SELECT DISTINCT code FROM country_programme").all(decodingColumn: "code", as: String.self))
            let now = Timestamp.now()
            var rows = TableRows(Schema.countryProgramme)
            var outcomes = TableRows(Schema.countryProgrammeOutcome)
            var id = try await Self.nextID(Schema.countryProgramme.name, in: database)
            var written = 0
            for programme in programmes {
                switch mode {
                case .add where registered.contains(programme.code):
                    throw StoreError(.invalidChange, "\(programme.code) is registered already: update it instead")
                case .update where !registered.contains(programme.code):
                    throw StoreError(.notFound, "there is no country programme \(programme.code): add it first")
                case .addMissing where registered.contains(programme.code):
                    continue
                default:
                    break
                }
                rows.append([
                    "id": .integer(id), "code": .text(programme.code), "country": .text(programme.country),
                    "title": .text(JSONText.encode(programme.title)), "start_date": .text(programme.start), "end_date": .text(programme.end),
                    "committee_since": Cell(programme.committeeSince), "recorded_by": .text(author), "recorded_at": .text(now),
                ])
                for outcome in programme.outcomes {
                    outcomes.append(["programme_id": .integer(id), "code": .text(outcome.code), "text": .text(JSONText.encode(outcome.text))])
                }
                id += 1
                written += 1
            }
            try await database.insert([rows, outcomes])
            if written > 0 {
                let key = programmes.count == 1 ? programmes[0].code : "\(written) programmes"
                try await Self.log(in: database, entity: "country-programme", key: key,
                                   change: mode == .update ? "updated" : "registered", by: author, at: now)
            }
            return written
        }
    }

    /// The register on `day` (the latest version of each programme), by country and period, with
    /// each programme's projects and commitments; only those of `status` when given.
    public func programmes(on day: String, status: CountryProgrammeStatus? = nil) async throws -> [CountryProgrammeRecord] {
        guard let day = CalendarDate.parse(day) else { throw StoreError(.invalidChange, "\(day) is not a date (YYYY-MM-DD)") }
        return try await read { database in
            let linked = try await Self.linkedFunding(in: database, code: nil)
            return try await Self.latestProgrammes(in: database, code: nil).compactMap { version -> CountryProgrammeRecord? in
                let record = Self.record(version, on: day, linked: linked[version.programme.code] ?? (0, "0"))
                return status == nil || record.status == status ? record : nil
            }
        }
    }

    /// How many programmes the register holds on `day`, by status, and how many active ones have a committee.
    public func programmeCounts(on day: String) async throws -> CountryProgrammeCounts {
        guard let day = CalendarDate.parse(day) else { throw StoreError(.invalidChange, "\(day) is not a date (YYYY-MM-DD)") }
        return try await read { database in
            let row = try await database.sql.raw("""
                SELECT COUNT(*) AS total,
                    COALESCE(SUM(CASE WHEN start_date > \(bind: day) THEN 1 ELSE 0 END), 0) AS preparing,
                    COALESCE(SUM(CASE WHEN end_date < \(bind: day) THEN 1 ELSE 0 END), 0) AS ended,
                    COALESCE(SUM(CASE WHEN start_date <= \(bind: day) AND end_date >= \(bind: day) AND committee_since <= \(bind: day) THEN 1 ELSE 0 END), 0) AS committees
                FROM country_programme WHERE id IN (SELECT MAX(id) FROM country_programme GROUP BY code)
                """).first()
            let total = try row?.decode(column: "total", as: Int.self) ?? 0
            let preparing = try row?.decode(column: "preparing", as: Int.self) ?? 0
            let ended = try row?.decode(column: "ended", as: Int.self) ?? 0
            return CountryProgrammeCounts(
                total: total, inPreparation: preparing, active: total - preparing - ended, ended: ended,
                activeWithCommittee: try row?.decode(column: "committees", as: Int.self) ?? 0)
        }
    }

    /// One programme on `day`: its latest version, its linked projects with their funding, and every
    /// version registered. `nil` when the code is not registered.
    public func programme(_ code: String, on day: String) async throws -> CountryProgrammeDetail? {
        guard let day = CalendarDate.parse(day) else { throw StoreError(.invalidChange, "\(day) is not a date (YYYY-MM-DD)") }
        return try await read { database in
            let versions = try await Self.latestProgrammes(in: database, code: code)
            guard let latest = versions.first else { return nil }
            let vocabulary = AgencyVocabulary.standard
            let projects = try await database.sql.raw("""
                SELECT activity.iati_identifier AS identifier, activity.title AS title,
                    (SELECT MIN(cpo.code) FROM tag cpo WHERE cpo.activity_id = activity.id AND cpo.vocabulary_uri = \(bind: vocabulary.cpo)) AS outcome,
                    \(Self.usdSums("portfolio_fact.type = '11'", alias: "commitments")),
                    \(Self.usdSums("portfolio_fact.type IN ('3', '4')", alias: "expenditure"))
                FROM tag JOIN activity ON activity.id = tag.activity_id
                LEFT JOIN portfolio_fact ON portfolio_fact.activity_id = activity.id
                WHERE tag.vocabulary_uri = \(bind: vocabulary.dwcp) AND tag.code = \(bind: code)
                GROUP BY activity.id, activity.iati_identifier, activity.title
                ORDER BY activity.iati_identifier
                """).all().map { row in
                LinkedProject(
                    identifier: try row.decode(column: "identifier", as: String.self), title: try row.decode(column: "title", as: String?.self),
                    outcome: try row.decode(column: "outcome", as: String?.self),
                    commitmentsUSD: try Amount.Sum(row: row, alias: "commitments").text,
                    expenditureUSD: try Amount.Sum(row: row, alias: "expenditure").text)
            }
            let linked = try await Self.linkedFunding(in: database, code: code)
            let record = Self.record(latest, on: day, linked: linked[code] ?? (0, "0"))
            return CountryProgrammeDetail(record: record, projects: projects, versions: versions)
        }
    }

    /// Every version of the programme `code`, newest first; or, without a code, the latest version of each, by country and start.
    private static func latestProgrammes(in database: Database, code: String?) async throws -> [CountryProgrammeVersion] {
        let sql = database.sql
        let rows = try await (code.map {
            sql.raw("SELECT * FROM country_programme WHERE code = \(bind: $0) ORDER BY id DESC")
        } ?? sql.raw("""
            SELECT * FROM country_programme WHERE id IN (SELECT MAX(id) FROM country_programme GROUP BY code)
            ORDER BY country, start_date
            """)).all()
        let ids = try rows.map { try $0.decode(column: "id", as: Int.self) }
        var outcomes: [Int: [CountryProgrammeOutcome]] = [:]
        if !ids.isEmpty {
            let query = sql.select().columns("programme_id", "code", "text").from(Schema.countryProgrammeOutcome.name)
                .orderBy("programme_id").orderBy("code")
            // The whole register: no list of ids to bind.
            if code != nil { query.where("programme_id", .in, SQLBind.group(ids)) }
            for row in try await query.all() {
                outcomes[try row.decode(column: "programme_id", as: Int.self), default: []].append(CountryProgrammeOutcome(
                    code: try row.decode(column: "code", as: String.self),
                    text: try JSONText.decode(LocalizedText.self, try row.decode(column: "text", as: String.self))))
            }
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int.self)
            return CountryProgrammeVersion(
                programme: CountryProgramme(
                    code: try row.decode(column: "code", as: String.self), country: try row.decode(column: "country", as: String.self),
                    title: try JSONText.decode(LocalizedText.self, try row.decode(column: "title", as: String.self)),
                    start: try row.decode(column: "start_date", as: String.self), end: try row.decode(column: "end_date", as: String.self),
                    committeeSince: try row.decode(column: "committee_since", as: String?.self), outcomes: outcomes[id] ?? []),
                recordedBy: try row.decode(column: "recorded_by", as: String.self), recordedAt: try row.decode(column: "recorded_at", as: String.self))
        }
    }

    /// The projects tagged with each programme (or with `code` alone) and their incoming commitments in US dollars.
    private static func linkedFunding(in database: Database, code: String?) async throws -> [String: (Int, String)] {
        let only: SQLQueryString = code.map { "AND tag.code = \(bind: $0)" } ?? ""
        let rows = try await database.sql.raw("""
            SELECT tag.code AS code, COUNT(DISTINCT tag.activity_id) AS projects, \(usdSums("portfolio_fact.type = '11'", alias: "usd"))
            FROM tag LEFT JOIN portfolio_fact ON portfolio_fact.activity_id = tag.activity_id
            WHERE tag.vocabulary_uri = \(bind: AgencyVocabulary.standard.dwcp) \(only) GROUP BY tag.code
            """).all()
        var linked: [String: (Int, String)] = [:]
        for row in rows {
            linked[try row.decode(column: "code", as: String.self)] = (try row.decode(column: "projects", as: Int.self), try Amount.Sum(row: row, alias: "usd").text)
        }
        return linked
    }

    private static func record(_ version: CountryProgrammeVersion, on day: String, linked: (Int, String)) -> CountryProgrammeRecord {
        CountryProgrammeRecord(
            programme: version.programme, day: day, status: version.programme.status(on: day),
            hasCommittee: version.programme.hasCommittee(on: day), projectCount: linked.0, commitmentsUSD: linked.1,
            recordedBy: version.recordedBy, recordedAt: version.recordedAt)
    }

    /// The exact sum of `portfolio_fact.usd` over the rows with `condition`, as ``Amount/Sum`` reads it.
    static func usdSums(_ condition: String, alias: String) -> SQLQueryString {
        let billion = Amount.nanosPerUnit
        return """
            CAST(COALESCE(SUM(CASE WHEN \(unsafeRaw: condition) THEN portfolio_fact.usd_whole / \(literal: billion) END), 0) AS BIGINT) AS \(ident: alias + "_billions"),
            CAST(COALESCE(SUM(CASE WHEN \(unsafeRaw: condition) THEN portfolio_fact.usd_whole % \(literal: billion) END), 0) AS BIGINT) AS \(ident: alias + "_units"),
            CAST(COALESCE(SUM(CASE WHEN \(unsafeRaw: condition) THEN portfolio_fact.usd_nanos END), 0) AS BIGINT) AS \(ident: alias + "_nanos")
            """
    }
}
