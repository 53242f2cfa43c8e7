import Foundation
import Testing

/// `devcoop strategy` and `devcoop dwcp` as a user runs them: changes dated and attributed, clear
/// errors with the exit codes of the other commands (2 bad usage, 1 failed work).
@Suite struct StrategyCommandTests {
    static func devcoop(_ arguments: String...) throws -> DevcoopCommandTests.Run {
        try DevcoopCommandTests.devcoop(arguments)
    }

    @Test func assessRecordAndShowAsOfADay() throws {
        let db = DevcoopCommandTests.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try Self.devcoop("strategy", "load", "--db", db, "--by", "tester").status == 0)
        #expect(try Self.devcoop("strategy", "load", "--db", db, "--by", "tester").output.contains("kept"))

        let assessed = try Self.devcoop("strategy", "assess", "--db", db, "--pillar", "3", "--rating", "progressing",
                                        "--text-en", "Funding diversified.", "--text-zh", "供资已多样化。", "--date", "2024-06-30", "--by", "reviewer")
        #expect(assessed.status == 0, "\(assessed.error)")
        let recorded = try Self.devcoop("strategy", "record", "--db", db, "--indicator", "gbdn-enterprises-total", "--value", "40",
                                        "--date", "2024-05-01", "--source", "GBDN annual report", "--by", "clerk")
        #expect(recorded.status == 0, "\(recorded.error)")

        let before = try Self.devcoop("strategy", "show", "--db", db, "--as-of", "2024-04-30")
        #expect(before.status == 0)
        #expect(before.output.contains("Pillar 3. Funding partnerships"))
        #expect(before.output.contains("needs acceleration"))
        #expect(!before.output.contains("GBDN annual report"))
        let after = try Self.devcoop("strategy", "show", "--db", db, "--as-of", "2024-07-01", "--lang", "zh")
        #expect(after.output.contains("供资已多样化。"))
        #expect(after.output.contains("40 reported for 2024-05-01 (GBDN annual report)"))

        let json = try Self.devcoop("strategy", "show", "--db", db, "--as-of", "2024-07-01", "--json")
        let review = try #require(json.json)
        let pillars = try #require(review["pillars"] as? [[String: Any]])
        #expect(pillars.count == 4)
        let latest = try #require(pillars[2]["latest"] as? [String: Any])
        #expect(latest["recorded_by"] as? String == "reviewer")
        #expect(latest["rating"] as? String == "progressing")
    }

    @Test func changesAreRefusedWithClearErrors() throws {
        let db = DevcoopCommandTests.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try Self.devcoop("strategy", "load", "--db", db, "--by", "tester").status == 0)
        let assess = ["strategy", "assess", "--db", db, "--rating", "on-track", "--text-en", "Fine."]

        let unknownPillar = try DevcoopCommandTests.devcoop(assess + ["--pillar", "7", "--date", "2024-01-01", "--by", "me"])
        #expect(unknownPillar.status == 2)
        #expect(unknownPillar.error.contains("no pillar 7"))
        let badDate = try DevcoopCommandTests.devcoop(assess + ["--pillar", "1", "--date", "2024-02-30", "--by", "me"])
        #expect(badDate.status == 2)
        #expect(badDate.error.contains("--date 2024-02-30 is not a date"))
        let noAuthor = try DevcoopCommandTests.devcoop(assess + ["--pillar", "1", "--date", "2024-01-01"])
        #expect(noAuthor.status == 2)
        #expect(noAuthor.error.contains("--by"))
        let badRating = try DevcoopCommandTests.devcoop(assess + ["--pillar", "1", "--date", "2024-01-01", "--by", "me", "--rating", "great"])
        #expect(badRating.status == 2)

        let unknownIndicator = try Self.devcoop("strategy", "record", "--db", db, "--indicator", "happiness", "--value", "1",
                                                "--date", "2024-01-01", "--source", "survey", "--by", "me")
        #expect(unknownIndicator.status == 2)
        #expect(unknownIndicator.error.contains("no indicator happiness"))
        let notANumber = try Self.devcoop("strategy", "record", "--db", db, "--indicator", "gbdn-enterprises-total", "--value", "many",
                                          "--date", "2024-01-01", "--source", "survey", "--by", "me")
        #expect(notANumber.status == 2)
        #expect(try Self.devcoop("strategy", "show", "--db", db, "--as-of", "soon").status == 2)
    }

    @Test func programmesAreAddedUpdatedListedAndShown() throws {
        let db = DevcoopCommandTests.temporaryDatabase()
        let file = DevcoopCommandTests.temporaryDatabase() + ".json"
        defer {
            try? FileManager.default.removeItem(atPath: db)
            try? FileManager.default.removeItem(atPath: file)
        }
        let programme = """
            {"code": "KE-2021-2024", "country": "KE", "title": {"en": "Kenya DWCP", "zh": "肯尼亚体面劳动国别计划"},
             "start": "2021-01-01", "end": "2024-12-31", "committee_since": "2021-06-01",
             "outcomes": [{"code": "KEN201", "text": {"en": "Social dialogue"}}]}
            """
        try programme.write(toFile: file, atomically: true, encoding: .utf8)
        let added = try Self.devcoop("dwcp", "add", "--db", db, "--file", file, "--by", "desk officer", "--json")
        #expect(added.status == 0, "\(added.error)")
        #expect(try Self.devcoop("dwcp", "add", "--db", db, "--file", file, "--by", "desk officer").status == 2)

        try programme.replacingOccurrences(of: "2024-12-31", with: "2025-12-31").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try Self.devcoop("dwcp", "update", "--db", db, "--file", file, "--by", "desk officer").status == 0)

        let shown = try Self.devcoop("dwcp", "show", "KE-2021-2024", "--db", db, "--as-of", "2022-09-15", "--json")
        #expect(shown.status == 0)
        let detail = try #require(shown.json)
        let record = try #require(detail["record"] as? [String: Any])
        #expect(record["status"] as? String == "active")
        #expect(record["has_committee"] as? Bool == true)
        #expect((record["programme"] as? [String: Any])?["end"] as? String == "2025-12-31")
        #expect((detail["versions"] as? [Any])?.count == 2)

        let listed = try Self.devcoop("dwcp", "list", "--db", db, "--as-of", "2022-09-15")
        #expect(listed.output.contains("1 active (1 with a tripartite steering committee)"))
        #expect(try Self.devcoop("dwcp", "list", "--db", db, "--status", "paused").status == 2)
        let missing = try Self.devcoop("dwcp", "show", "XX-1", "--db", db)
        #expect(missing.status == 1)
        #expect(missing.error.contains("no country programme XX-1"))
        #expect(try Self.devcoop("dwcp", "add", "--db", db, "--file", file).status == 2)
    }
}
