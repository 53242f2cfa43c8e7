import Foundation
import Testing
import TestSupport

/// Runs the built `devcoop` executable as a user would and checks its output and exit codes.
@Suite struct DevcoopCommandTests {
    struct Run {
        var status: Int32
        var output: String
        var error: String

        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any]
        }

        /// The first file's object in the `{"files": [...], "totals": {...}}` of `validate` and `import`.
        var firstFile: [String: Any]? {
            (json?["files"] as? [[String: Any]])?.first
        }
    }

    /// The executable sits beside the test bundle in the build folder.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("devcoop")

    static func devcoop(_ arguments: String...) throws -> Run {
        try devcoop(arguments)
    }

    /// Runs the command, stopping it (and so failing the test) when it has not finished within
    /// `timeout` seconds: a hang shows as a failure, not as a suite that never ends.
    static func devcoop(_ arguments: [String], timeout: Double = 300, executable: URL = executable) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [process] in
            if process.isRunning { process.terminate() }
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), error: String(decoding: err, as: UTF8.self))
    }

    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-cli-\(UUID()).sqlite").path
    }

    static func sample(_ suffix: String) throws -> String {
        try #require(Fixtures.samples.first { $0.hasSuffix(suffix) })
    }

    @Test func importPrintsJSONForEveryFileAndExitsZero() throws {
        let db = Self.temporaryDatabase()
        let legacy = try Self.sample("dqtester_sample_1.02.xml")
        let organisation = try Self.sample("iaticloud_nl-mfa_XM-DAC-7_organisation.xml")
        let run = try Self.devcoop("import", "--db", db, "--json", legacy, organisation)
        #expect(run.status == 0, "\(run.error)")
        let json = try #require(run.json)
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.count == 2)
        #expect(files[0]["path"] as? String == legacy)
        #expect(files[0]["status"] as? String == "imported")
        #expect(files[0]["version"] as? String == "1.02")
        #expect(files[0]["kind"] as? String == "activities")
        #expect(files[0]["activities"] as? Int == 273)
        #expect(files[0]["transactions"] as? Int == 1355)
        #expect(files[0]["budgets"] as? Int == 586)
        #expect(files[1]["kind"] as? String == "organisations")
        #expect(files[1]["organisations"] as? Int == 1)
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["activities"] as? Int == 273)
        #expect(totals["imported"] as? Int == 2)

        let stats = try Self.devcoop("stats", "--db", db, "--json")
        #expect(stats.status == 0)
        let counts = try #require(stats.json)
        #expect(counts["activities"] as? Int == 273)
        #expect(counts["organisations"] as? Int == 1)
        #expect(counts["transactions"] as? Int == 1355)
        // Exact sums by type and currency, as decimal text, covering every transaction.
        let values = try #require(counts["transaction_values"] as? [[String: Any]])
        #expect(values.reduce(0) { $0 + (($1["count"] as? Int) ?? 0) } == 1355)
        for value in values {
            let sum = try #require(value["sum"] as? String)
            #expect(Decimal(string: sum) != nil && !sum.contains("e"), "\(sum)")
            #expect(value["too_large"] as? Int == 0)
        }

        let human = try Self.devcoop("stats", "--db", db)
        #expect(human.status == 0)
        #expect(human.output.contains("Transaction values (exact sums):"))
    }

    @Test func someFailedFilesExitOneAndNameThePlace() throws {
        let db = Self.temporaryDatabase()
        let good = try Self.sample("flattener_canada_CA-3_1act.xml")
        let bad = Fixtures.hostile("malformed.xml")
        let run = try Self.devcoop("import", "--db", db, "--json", good, bad)
        #expect(run.status == 1)
        let files = try #require(run.json?["files"] as? [[String: Any]])
        #expect(files.map { $0["status"] as? String } == ["imported", "failed"])
        let error = try #require(files[1]["error"] as? String)
        #expect(error.hasPrefix("\(bad):9:"))
        #expect(files[1]["failure"] as? String == "malformed")
        #expect(files[1]["line"] as? Int == 9)
        #expect(files[0]["failure"] == nil)

        let human = try Self.devcoop("import", "--db", db, bad)
        #expect(human.status == 1)
        #expect(human.output.contains("FAILED"))
        #expect(human.output.contains("\(bad):9:"))
    }

    @Test func folderIsSearchedRecursively() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-folder-\(UUID())")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("nested"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: try Self.sample("flattener_find_CH-FDJP_1act.xml"), toPath: folder.appendingPathComponent("nested/a.xml").path)
        try FileManager.default.copyItem(atPath: try Self.sample("flattener_gdihub_GB-COH-11126312_4acts.xml"), toPath: folder.appendingPathComponent("b.xml").path)
        let run = try Self.devcoop("import", "--db", Self.temporaryDatabase(), "--json", folder.path)
        #expect(run.status == 0)
        #expect((run.json?["totals"] as? [String: Any])?["activities"] as? Int == 5)
    }

    @Test(arguments: [
        ["import"],
        ["import", "/no/such/file.xml"],
        ["import", "--no-such-option", "x.xml"],
        ["stats", "extra-argument"],
        ["no-such-command"],
    ])
    func badUsageExitsTwo(arguments: [String]) throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments + ["--db", Self.temporaryDatabase()]
        process.standardOutput = FileHandle.nullDevice
        let error = Pipe()
        process.standardError = error
        try process.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2, "\(arguments): \(message)")
        #expect(!message.isEmpty)
    }

    @Test func validatePrintsEveryFindingAndExitsOneOnErrors() throws {
        let invalid = try Self.sample("att_be-dgd_XM-DAC-2-10_4acts.xml")
        let run = try Self.devcoop("validate", "--json", invalid)
        #expect(run.status == 1)
        let report = try #require(run.firstFile)
        #expect(report["path"] as? String == invalid)
        #expect(report["valid_schema"] as? Bool == false)
        let counts = try #require(report["counts"] as? [String: Int])
        #expect(counts["critical"] == 4)
        let findings = try #require(report["findings"] as? [[String: Any]])
        let schema = findings.filter { $0["category"] as? String == "schema" }
        #expect(schema.count == 4)
        #expect(schema.allSatisfy { ($0["line"] as? Int ?? 0) > 0 && ($0["activity"] as? String)?.hasPrefix("XM-DAC-2-10-") == true })
        #expect(findings.allSatisfy { Set(["severity", "category", "rule", "message", "line", "xpath"]).isSubset(of: $0.keys) })

        let human = try Self.devcoop("validate", "--severity", "critical", invalid)
        #expect(human.status == 1)
        #expect(human.output.contains("schema NOT valid"))
        // The four schema findings say the same thing: told once, with their count and lines.
        #expect(human.output.contains("\(schema.count) × critical schema:"))
        #expect(human.output.contains("lines 15–"))
    }

    @Test func validateExitsZeroWhenNothingIsWrong() throws {
        // A file with no critical or error finding passes, warnings and all.
        let run = try Self.devcoop("validate", "--json", try Self.sample("flattener_find_CH-FDJP_1act.xml"))
        let counts = try #require(run.firstFile?["counts"] as? [String: Int])
        #expect(run.status == ((counts["critical"] ?? 0) + (counts["error"] ?? 0) == 0 ? 0 : 1))
        #expect(run.firstFile?["valid_schema"] as? Bool == true)
    }

    @Test func validateRefusesHostileFilesWithoutExpandingThem() throws {
        for name in ["xxe.xml", "billion-laughs.xml"] {
            let run = try Self.devcoop("validate", "--json", Fixtures.hostile(name))
            #expect(run.status == 1)
            let findings = try #require(run.firstFile?["findings"] as? [[String: Any]])
            #expect(findings.contains { ($0["message"] as? String)?.contains("entity") == true && $0["severity"] as? String == "critical" })
            #expect(!run.output.contains("root:"))
        }
    }

    @Test func exportWritesWhatTheStoreHolds() throws {
        let db = Self.temporaryDatabase()
        let sample = try Self.sample("iaticloud_nl-mfa_XM-DAC-7_13acts.xml")
        #expect(try Self.devcoop("import", "--db", db, "--no-validate", sample).status == 0)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID()).xml").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = try Self.devcoop("export", "--db", db, "--reporting-org", "XM-DAC-7", "-o", output)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("13 activities"))
        let again = try Self.devcoop("import", "--db", Self.temporaryDatabase(), "--json", output)
        #expect(again.status == 0)
        #expect((again.json?["totals"] as? [String: Any])?["activities"] as? Int == 13)

        let nothing = try Self.devcoop("export", "--db", db, "--activity", "no-such-activity", "-o", output + ".none")
        #expect(nothing.status == 1)
        #expect(!FileManager.default.fileExists(atPath: output + ".none"))
    }
}
