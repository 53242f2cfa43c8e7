import Foundation
import Testing

/// `devcoop screening`, `project status` and `results rollup` as a user runs them.
@Suite struct ScreeningCommandTests {
    static let activity = """
        <?xml version="1.0" encoding="UTF-8"?>
        <iati-activities version="2.03" generated-datetime="2024-01-01T00:00:00Z">
        <iati-activity default-currency="USD" last-updated-datetime="2024-01-01T00:00:00Z">
        <iati-identifier>XM-DAC-41302-CLI</iati-identifier>
        <reporting-org ref="XM-DAC-41302" type="40"><narrative>International Labour Organization</narrative></reporting-org>
        <title><narrative>CLI project</narrative></title>
        <activity-status code="1"/>
        <sector vocabulary="99" vocabulary-uri="https://devcoop.example/vocabulary/outcome" code="7"/>
        <result type="2" aggregation-status="1"><title><narrative>Result</narrative></title>
        <indicator measure="1" ascending="1"><title><narrative>Inspectors trained</narrative></title><baseline year="2021" value="0"/>
        <period><period-start iso-date="2022-01-01"/><period-end iso-date="2022-12-31"/><target value="10"/><actual value="7.5"/></period></indicator>
        </result>
        </iati-activity>
        </iati-activities>
        """

    static func store() throws -> (db: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-cli-screening-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("activity.xml")
        try Data(activity.utf8).write(to: file)
        let db = folder.appendingPathComponent("store.sqlite").path
        let run = try DevcoopCommandTests.devcoop("import", "--db", db, file.path)
        #expect(run.status == 0, "\(run.error)")
        return (db, folder)
    }

    @Test func approvalIsRefusedUntilAScreeningIsRecorded() throws {
        let (db, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = "XM-DAC-41302-CLI"

        let refused = try DevcoopCommandTests.devcoop("project", "status", project, "approved", "--by", "Director", "--db", db)
        #expect(refused.status == 1)
        #expect(refused.error.contains("without a completed E&S screening"), "\(refused.error)")

        let checklist = try DevcoopCommandTests.devcoop("screening", "checklist", "--json")
        #expect(checklist.status == 0)
        let questions = try #require(checklist.json?["questions"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(questions.count == 11)

        var answers = Dictionary(uniqueKeysWithValues: questions.map { ($0, "no") })
        answers["resettlement.displacement"] = "high"
        let file = folder.appendingPathComponent("answers.json")
        try JSONSerialization.data(withJSONObject: answers).write(to: file)
        let recorded = try DevcoopCommandTests.devcoop("screening", "record", project, "--file", file.path, "--by", "L. Chen", "--db", db)
        #expect(recorded.status == 0, "\(recorded.error)")
        #expect(recorded.output.contains("high risk"))
        #expect(recorded.output.contains("Resettlement action plan"))

        let approved = try DevcoopCommandTests.devcoop("project", "status", project, "approved", "--by", "Director", "--db", db, "--json")
        #expect(approved.status == 0, "\(approved.error)")
        #expect(approved.json?["status"] as? String == "approved")

        let shown = try DevcoopCommandTests.devcoop("screening", "show", project, "--db", db, "--json")
        #expect(shown.status == 0)
        #expect((shown.json?["screenings"] as? [[String: Any]])?.first?["category"] as? String == "high")
        #expect((shown.json?["pipeline"] as? [[String: Any]])?.count == 1)

        let missing = try DevcoopCommandTests.devcoop("screening", "missing", "--db", db, "--json")
        #expect(missing.status == 0)
        #expect(missing.output.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || missing.output.contains("[]"))

        let rollup = try DevcoopCommandTests.devcoop("results", "rollup", "--by", "outcome", "--db", db, "--json")
        #expect(rollup.status == 0, "\(rollup.error)")
        let rows = try #require(rollup.json?["rows"] as? [[String: Any]])
        #expect(rows.first?["target"] as? String == "10")
        #expect(rows.first?["actual"] as? String == "7.5")
    }

    @Test func errorsAreClear() throws {
        let (db, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let unknown = try DevcoopCommandTests.devcoop("project", "status", "NO-SUCH", "proposal", "--by", "A", "--db", db)
        #expect(unknown.status == 1)
        #expect(unknown.error.contains("no project"))
        let noAuthor = try DevcoopCommandTests.devcoop("project", "status", "XM-DAC-41302-CLI", "proposal", "--db", db)
        #expect(noAuthor.status == 2)
        #expect(noAuthor.error.contains("--by"))
        let badStatus = try DevcoopCommandTests.devcoop("project", "status", "XM-DAC-41302-CLI", "finished", "--by", "A", "--db", db)
        #expect(badStatus.status == 2)
        let file = folder.appendingPathComponent("answers.json")
        try Data(#"{"labour.weather": "low"}"#.utf8).write(to: file)
        let question = try DevcoopCommandTests.devcoop("screening", "record", "XM-DAC-41302-CLI", "--file", file.path, "--by", "A", "--db", db)
        #expect(question.status == 1)
        #expect(question.error.contains("unknown screening question"))
        let level = try DevcoopCommandTests.devcoop("results", "rollup", "--by", "region", "--db", db)
        #expect(level.status == 2)
    }
}
