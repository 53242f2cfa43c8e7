import Foundation
import IATIValidation
import Testing

/// `devcoop demo generate` run as a user would: the files it writes validate (no critical or error
/// finding: schema, codelists, the IATI Standard Ruleset) and are the same for the same seed.
@Suite struct DemoCommandTests {
    static let files = ["2014-15", "2016-17", "2018-19", "2020-21", "2022-23", "2024-25"].map { "ilo-activities-\($0).xml" }
        + ["ilo-organisation.xml"]

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-demo-\(UUID())")
    }

    @Test func generatedFilesValidateWithoutCriticalOrErrorFindings() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try DevcoopCommandTests.devcoop("demo", "generate", "--seed", "3", "-o", folder.path)
        #expect(run.status == 0, "\(run.error)")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(written == Self.files.sorted())
        let validator = try Validator()
        for name in Self.files {
            let path = folder.appendingPathComponent(name).path
            let result = await validator.validate(file: path)
            #expect(result.validSchema, "\(name): not schema-valid")
            let blocking = result.findings.filter { $0.severity <= .error }
            for finding in blocking.prefix(20) {
                print("\(name): \(finding.severity.rawValue) \(finding.rule) line \(finding.line) \(finding.activity ?? ""): \(finding.message)")
            }
            #expect(result.passes, "\(name): \(result.counts[.critical] ?? 0) critical, \(result.counts[.error] ?? 0) error; rules \(Set(blocking.map(\.rule)).sorted())")
        }
        // What the command says it wrote.
        #expect(run.output.contains("ilo-activities-2020-21.xml"))
        #expect(run.output.contains("activities of XM-DAC-41302 (seed 3, scale 1)"))
    }

    /// The README's path from an empty store: generate, import, report. The JSON gives the seed's
    /// appendix table row for row (34 partners, the same US$ thousands, largest first).
    @Test func generateImportAndReportGiveTheAppendixTable() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("devcoop.sqlite").path
        #expect(try DevcoopCommandTests.devcoop("demo", "generate", "-o", folder.path).status == 0)
        let imported = try DevcoopCommandTests.devcoop(["import", "--db", store] + Self.files.map { folder.appendingPathComponent($0).path })
        #expect(imported.status == 0, "\(imported.error)")
        let run = try DevcoopCommandTests.devcoop("report", "funding", "--db", store, "--by", "partner", "--from", "2020", "--to", "2022", "--json")
        #expect(run.status == 0, "\(run.error)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(report["currency"] as? String == "USD" && report["unit"] as? String == "thousand")
        let rows = try #require(report["rows"] as? [[String: Any]])
        let got = rows.map { "\($0["partner"] ?? "?"),\(($0["total"] as? NSNumber)?.intValue ?? -1)" }

        let table = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PortfolioTests/Fixtures/ilo-voluntary-contributions-2020-2022.csv")
        let expected = try String(contentsOf: table, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",")
            return "\(fields[0]),\(fields[3])"
        }
        #expect(got.count == 34)
        #expect(got == expected)
        #expect((report["total"] as? NSNumber)?.intValue == 1_095_327)
        #expect((report["unconverted"] as? [Any])?.isEmpty == true)
        #expect(((report["unclassified"] as? [String: Any])?["count"] as? NSNumber)?.intValue == 0)
    }

    @Test func theSameSeedWritesTheSameBytes() throws {
        let first = Self.temporaryFolder(), second = Self.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        #expect(try DevcoopCommandTests.devcoop("demo", "generate", "--seed", "11", "-o", first.path).status == 0)
        #expect(try DevcoopCommandTests.devcoop("demo", "generate", "--seed", "11", "--output", second.path).status == 0)
        for name in Self.files {
            let a = try Data(contentsOf: first.appendingPathComponent(name)), b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(!a.isEmpty && a == b, "\(name) differs")
        }
    }

    @Test func aScaleBelowOneIsBadUsage() throws {
        let run = try DevcoopCommandTests.devcoop("demo", "generate", "--scale", "0", "-o", Self.temporaryFolder().path)
        #expect(run.status == 2)
        #expect(run.error.contains("--scale"))
    }
}
