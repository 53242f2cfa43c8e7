import Foundation
import Testing
import TestSupport

/// The output of `validate` and `import` as programs and people read it: one JSON document, JSON
/// Lines, findings told once per rule and message; folders reached through symbolic links; store
/// errors in one line.
@Suite struct DevcoopOutputTests {
    typealias CLI = DevcoopCommandTests

    /// Real files with schema errors, codelist findings, a legacy version and an organisation file.
    static let samples = [
        "att_be-dgd_XM-DAC-2-10_4acts.xml", "iaticloud_nl-mfa_XM-DAC-7_13acts.xml", "flattener_find_CH-FDJP_1act.xml",
        "hdxviz_dportal_foodsecurity_7acts.xml", "dqtester_sample_1.02.xml", "iaticloud_nl-mfa_XM-DAC-7_organisation.xml",
    ]

    static func paths() throws -> [String] {
        try samples.map(CLI.sample)
    }

    static let severities = ["critical", "error", "warning", "info"]

    /// Each value of `key` in the files' objects, summed.
    static func sum(_ files: [[String: Any]], _ key: String) -> Int {
        files.reduce(0) { $0 + ($1[key] as? Int ?? 0) }
    }

    @Test func validateJSONIsOneDocumentWhoseTotalsAreTheSumOfItsFiles() throws {
        let paths = try Self.paths()
        let run = try CLI.devcoop(["validate", "--json"] + paths)
        let document = try #require(run.json, "not one JSON document: \(run.output.prefix(300))")
        let files = try #require(document["files"] as? [[String: Any]])
        let totals = try #require(document["totals"] as? [String: Any])
        #expect(files.compactMap { $0["path"] as? String } == paths)
        #expect(totals["files"] as? Int == files.count)
        let counts = try #require(totals["counts"] as? [String: Int])
        for severity in Self.severities {
            #expect(counts[severity] == files.reduce(0) { $0 + (($1["counts"] as? [String: Int])?[severity] ?? 0) }, "\(severity)")
        }
        #expect(totals["listed"] as? Int == files.reduce(0) { $0 + (($1["findings"] as? [Any])?.count ?? 0) })
        #expect(totals["omitted"] as? Int == Self.sum(files, "omitted"))
        #expect(totals["valid_schema"] as? Int == files.filter { $0["valid_schema"] as? Bool == true }.count)
        let passing = files.filter { (($0["counts"] as? [String: Int])?["critical"] ?? 0) + (($0["counts"] as? [String: Int])?["error"] ?? 0) == 0 }
        #expect(totals["passed"] as? Int == passing.count)
        #expect(totals["failed"] as? Int == files.count - passing.count)
        #expect(run.status == (passing.count == files.count ? 0 : 1))
        #expect((counts["warning"] ?? 0) > 0 && (counts["critical"] ?? 0) > 0, "the samples should give findings of several severities")
    }

    @Test(arguments: ["validate", "import"])
    func jsonLinesAreTheDocumentsFilesOnePerLine(command: String) throws {
        let paths = try Self.paths()
        func arguments(_ flag: String) -> [String] {
            command == "import" ? ["import", "--db", CLI.temporaryDatabase(), flag] + paths : ["validate", flag] + paths
        }
        let document = try CLI.devcoop(arguments("--json"))
        let lines = try CLI.devcoop(arguments("--json-lines"))
        #expect(lines.status == document.status)
        let parsed = try lines.output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line.prefix(200))")
        }
        let files = try #require(document.json?["files"] as? [[String: Any]])
        #expect(parsed.count == files.count + 1)
        #expect(parsed.dropLast().compactMap { $0["path"] as? String } == files.compactMap { $0["path"] as? String })
        let counts = command == "import" ? "activities" : "omitted"
        #expect(parsed.dropLast().map { $0[counts] as? Int } == files.map { $0[counts] as? Int })
        let totals = try #require(parsed.last?["totals"] as? [String: Any])
        #expect(totals["files"] as? Int == files.count)
        #expect(!lines.output.dropLast().contains("\n\n"))
    }

    @Test func importJSONTotalsAreTheSumOfItsFiles() throws {
        let paths = try Self.paths()
        let run = try CLI.devcoop(["import", "--db", CLI.temporaryDatabase(), "--json"] + paths)
        #expect(run.status == 0, "\(run.error)")
        let files = try #require(run.json?["files"] as? [[String: Any]])
        let totals = try #require(run.json?["totals"] as? [String: Any])
        #expect(files.count == paths.count)
        for key in ["activities", "organisations", "transactions", "budgets"] {
            #expect(totals[key] as? Int == Self.sum(files, key), "\(key)")
        }
        #expect(totals["imported"] as? Int == files.filter { $0["status"] as? String == "imported" }.count)
        #expect(Self.sum(files, "activities") > 0)
        #expect(files.allSatisfy { $0["findings"] is [String: Int] && $0["duplicate_count"] is Int })
    }

    @Test func severityFiltersTheListedFindings() throws {
        let paths = try Self.paths()
        let all = try #require(try CLI.devcoop(["validate", "--json"] + paths).json?["files"] as? [[String: Any]])
        let filtered = try CLI.devcoop(["validate", "--json", "--severity", "error"] + paths)
        let files = try #require(filtered.json?["files"] as? [[String: Any]])
        for (every, some) in zip(all, files) {
            let expected = (every["findings"] as? [[String: Any]] ?? []).filter { ["critical", "error"].contains($0["severity"] as? String) }
            let listed = some["findings"] as? [[String: Any]] ?? []
            #expect(listed.count == expected.count, "\(some["path"] ?? "")")
            #expect(listed.allSatisfy { ["critical", "error"].contains($0["severity"] as? String) })
            // The counts are of every finding, whatever is listed.
            #expect(some["counts"] as? [String: Int] == every["counts"] as? [String: Int])
        }
        #expect(all.reduce(0) { $0 + (($1["findings"] as? [Any])?.count ?? 0) } > files.reduce(0) { $0 + (($1["findings"] as? [Any])?.count ?? 0) })
    }

    @Test func textGroupsRepeatedFindingsAndTheirCountsAddUp() throws {
        let paths = try Self.paths()
        let totals = try #require(try CLI.devcoop(["validate", "--json"] + paths).json?["totals"] as? [String: Any])
        #expect(totals["omitted"] as? Int == 0, "every finding must be listed for the counts to add up")
        let text = try CLI.devcoop(["validate"] + paths)
        // `  8,411 × warning codelist:Language: "EN" is not a Language code, lines 12–40,233 (in 35 activities)`
        let group = #/^  ([0-9,]+) × (critical|error|warning|info) /#
        var counted: [String: Int] = [:]
        var groups = 0
        for line in text.output.split(separator: "\n") {
            guard let match = line.firstMatch(of: group) else { continue }
            counted[String(match.2), default: 0] += Int(match.1.replacingOccurrences(of: ",", with: ""))!
            groups += 1
        }
        #expect(counted == (totals["counts"] as? [String: Int])?.filter { $0.value > 0 })
        #expect(groups < totals["listed"] as? Int ?? 0, "some findings repeat and are told once")
        #expect(text.status == (totals["failed"] as? Int == 0 ? 0 : 1))
    }

    @Test func aLinkedFolderImportsLikeTheFolderAndALoopEnds() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-links-\(UUID())")
        let folder = base.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("nested"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.copyItem(atPath: try CLI.sample("iaticloud_nl-mfa_XM-DAC-7_13acts.xml"), toPath: folder.appendingPathComponent("a.xml").path)
        try FileManager.default.copyItem(atPath: try CLI.sample("flattener_gdihub_GB-COH-11126312_4acts.xml"), toPath: folder.appendingPathComponent("nested/b.xml").path)
        // A link back up the tree, and a link to a file outside the folder.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("nested/loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("c.xml").path, withDestinationPath: try CLI.sample("flattener_find_CH-FDJP_1act.xml"))
        let link = base.appendingPathComponent("linked").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.path)

        let direct = try CLI.devcoop(["import", "--db", CLI.temporaryDatabase(), "--json", folder.path], timeout: 60)
        let linked = try CLI.devcoop(["import", "--db", CLI.temporaryDatabase(), "--json", link], timeout: 60)
        #expect(direct.status == 0 && linked.status == 0, "\(direct.error) \(linked.error)")
        let directTotals = try #require(direct.json?["totals"] as? [String: Any])
        let linkedTotals = try #require(linked.json?["totals"] as? [String: Any])
        #expect(directTotals["files"] as? Int == 3)
        for key in ["files", "imported", "activities", "transactions", "budgets", "bytes"] {
            #expect(linkedTotals[key] as? Int == directTotals[key] as? Int, "\(key)")
        }
        let names = (linked.json?["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(names == ["a.xml", "c.xml", "nested/b.xml"].map { (link as NSString).appendingPathComponent($0) })
    }

    @Test func anUnreachablePostgreSQLIsOneLineWithoutThePassword() throws {
        let run = try CLI.devcoop(["import", "--db", "postgres://devcoop:s3cret-word@127.0.0.1:1/x", try CLI.sample("flattener_find_CH-FDJP_1act.xml")], timeout: 60)
        #expect(run.status == 1)
        let message = run.error.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(message == "devcoop: cannot connect to postgres://devcoop:•••@127.0.0.1:1/x: connection refused")
        #expect(!run.error.contains("s3cret"))
    }

    @Test func anUnopenableSQLiteFileIsOneLineNamingItAndTheCause() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-unopenable-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("notes.sqlite").path
        try Data(String(repeating: "not a database at all\n", count: 100).utf8).write(to: URL(fileURLWithPath: text))
        let missing = folder.appendingPathComponent("no/such/folder/x.sqlite").path
        let cases = [
            (missing, "the folder \((missing as NSString).deletingLastPathComponent) does not exist"),
            (folder.path, "it is a folder"),
            (text, "file is not a database"),
        ]
        for (location, cause) in cases {
            let run = try CLI.devcoop(["stats", "--db", location], timeout: 60)
            #expect(run.status == 1)
            #expect(run.error.trimmingCharacters(in: .whitespacesAndNewlines) == "devcoop: cannot open the SQLite database \(location): \(cause)")
        }
    }
}
