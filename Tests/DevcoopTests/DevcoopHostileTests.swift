import Foundation
import Testing
import TestSupport

/// `devcoop import` and `devcoop validate` on hostile files, as a user (or the dashboard) runs them:
/// a clear error naming the file and line, or the right result, within seconds and a bounded memory.
@Suite struct DevcoopHostileTests {
    typealias CLI = DevcoopCommandTests

    /// A generous bound: a hang is caught, a slow machine is not.
    static let timeout = 60.0

    /// The import's and the validation's errors for a file they must refuse.
    static func refused(_ path: String) throws -> (importError: String, validation: [[String: Any]]) {
        let db = CLI.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        let imported = try CLI.devcoop(["import", "--db", db, "--json", path], timeout: timeout)
        #expect(imported.status == 1, "\(imported.error)")
        let file = try #require((imported.json?["files"] as? [[String: Any]])?.first)
        #expect(file["status"] as? String == "failed")
        #expect(file["activities"] as? Int == 0)
        let stats = try CLI.devcoop(["stats", "--db", db, "--json"], timeout: timeout)
        #expect(stats.json?["activities"] as? Int == 0)

        let validated = try CLI.devcoop(["validate", "--json", path], timeout: timeout)
        #expect(validated.status == 1, "\(validated.error)")
        let findings = try #require(validated.firstFile?["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["severity"] as? String == "critical" })
        return (try #require(file["error"] as? String), findings)
    }

    @Test(arguments: ["elements nested deeper than 256 levels", "a start tag with more than 1000 attributes"])
    func hostileMarkupIsRefusedByBothCommands(message: String) throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let path = message.contains("nested") ? try files.deepNesting(levels: 200_000) : try files.manyAttributes(count: 200_000)
        let (error, findings) = try Self.refused(path)
        #expect(error.hasPrefix("\(path):5: \(message)"), "\(error)")
        #expect(findings.contains { $0["line"] as? Int == 5 && ($0["message"] as? String)?.hasPrefix(message) == true })
    }

    @Test func emptyFileIsSaidToBeEmpty() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let path = try files.empty()
        let (error, findings) = try Self.refused(path)
        #expect(error == "\(path):0: the file is empty")
        #expect(findings.contains { $0["message"] as? String == "the file is empty" })
    }

    @Test func gzipFileIsImportedAndValidatedAsItsPlainForm() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let plain = try files.duplicateIdentifiers(count: 20)
        let compressed = try files.gzip(plain, as: "duplicates.xml.gz")
        let db = CLI.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        let imported = try CLI.devcoop(["import", "--db", db, "--json", compressed], timeout: Self.timeout)
        #expect(imported.status == 0, "\(imported.output)")
        let file = try #require((imported.json?["files"] as? [[String: Any]])?.first)
        #expect(file["activities"] as? Int == 20)
        #expect(file["duplicate_count"] as? Int == 19)
        let plainValidation = try CLI.devcoop(["validate", "--json", plain], timeout: Self.timeout)
        let validation = try CLI.devcoop(["validate", "--json", compressed], timeout: Self.timeout)
        #expect(validation.status == plainValidation.status)
        // valid_schema is there in both (a key misspelt would compare nil with nil).
        #expect(validation.firstFile?["valid_schema"] as? Bool != nil)
        #expect(validation.firstFile?["valid_schema"] as? Bool == plainValidation.firstFile?["valid_schema"] as? Bool)
        #expect((validation.firstFile?["findings"] as? [Any])?.count == (plainValidation.firstFile?["findings"] as? [Any])?.count)

        let (error, findings) = try Self.refused(try files.gzipBomb(megabytes: 200))
        #expect(error.contains("gzip bomb"), "\(error)")
        #expect(findings.contains { ($0["message"] as? String)?.contains("gzip bomb") == true })
    }

    /// The peak resident memory of a command, in MiB, as `/usr/bin/time -v` reports it.
    static func peakMemory(_ arguments: [String]) throws -> (run: CLI.Run, mebibytes: Int) {
        let run = try CLI.devcoop(["-v", CLI.executable.path] + arguments, timeout: 300, executable: URL(fileURLWithPath: "/usr/bin/time"))
        let line = try #require(run.error.split(separator: "\n").first { $0.contains("Maximum resident set size") })
        let kilobytes = try #require(Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? ""))
        return (run, kilobytes >> 10)
    }

    /// `devcoop import --json` of `path` into a new database, and its peak memory.
    static func importPeak(_ path: String) throws -> (run: CLI.Run, mebibytes: Int) {
        let db = CLI.temporaryDatabase()
        defer { try? FileManager.default.removeItem(atPath: db) }
        return try peakMemory(["import", "--db", db, "--json", path])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
    func manyDuplicatesKeepMemoryFlat() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let path = try files.duplicateIdentifiers(count: 10_000)
        let (imported, importMemory) = try Self.importPeak(path)
        #expect(imported.status == 0)
        let file = try #require((imported.json?["files"] as? [[String: Any]])?.first)
        #expect(file["duplicate_count"] as? Int == 9_999)
        #expect((file["duplicates"] as? [String])?.count == 100)
        #expect(importMemory < 150, "import peaked at \(importMemory) MiB")
        let (validated, validateMemory) = try Self.peakMemory(["validate", "--json", path])
        #expect(validated.firstFile?["omitted"] as? Int ?? 0 > 0)
        #expect((validated.firstFile?["findings"] as? [Any])?.count ?? .max <= 10_000)
        #expect(validateMemory < 150, "validate peaked at \(validateMemory) MiB")
    }

    /// The bound documented in the README: at most 8 times the largest activity above a base of 200 MiB.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
    func hugeNarrativeCostsAFewTimesItsSize() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let (imported, importMemory) = try Self.importPeak(try files.hugeNarrative(megabytes: 20))
        #expect(imported.status == 0, "\(imported.output)")
        #expect(importMemory < 240 + 8 * 20, "import peaked at \(importMemory) MiB")
    }
}
