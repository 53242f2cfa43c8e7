import Foundation
import IATIValidation
import Testing

/// `devcoop bench generate --files N`: a folder of real-world-shaped files, the same for the same
/// seed, of the sizes planned, with the findings planned.
@Suite struct BenchCorpusTests {
    static func generate(files: Int, seed: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-corpus-\(UUID())")
        let run = try DevcoopCommandTests.devcoop("bench", "generate", "--files", "\(files)", "--seed", "\(seed)", "-o", folder.path)
        #expect(run.status == 0, "\(run.error)")
        return folder
    }

    static func contents(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test func sameSeedWritesTheSameBytesAndSizesStayInRange() throws {
        let first = try Self.generate(files: 3, seed: 11)
        let second = try Self.generate(files: 3, seed: 11)
        let other = try Self.generate(files: 3, seed: 12)
        defer { for folder in [first, second, other] { try? FileManager.default.removeItem(at: folder) } }
        let written = try Self.contents(first)
        #expect(written.count == 3)
        #expect(written == (try Self.contents(second)))
        #expect(written != (try Self.contents(other)))
        for (name, data) in written {
            #expect((300_000...4_000_000).contains(data.count), "\(name): \(data.count) bytes")
        }
    }

    /// Six publishers' files hold every kind of finding the generator plans, thousands a file.
    @Test func filesGiveThePlannedFindings() async throws {
        let folder = try Self.generate(files: 6, seed: 2020)
        defer { try? FileManager.default.removeItem(at: folder) }
        let validator = try Validator()
        var kinds = Set<String>()
        var total = 0
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        for name in names {
            let result = await validator.validate(file: folder.appendingPathComponent(name).path)
            total += result.counts.values.reduce(0, +)
            for finding in result.findings { kinds.insert("\(finding.severity.rawValue) \(finding.rule)") }
        }
        let planned: Set = [
            "warning codelist:Language",  // xml:lang="EN"
            "error codelist:Language",  // <language code="EN"/>
            "error codelist:Sector",  // a code not on the list
            "error codelist:Currency",
            "critical schema",  // a transaction without its date, a sector without its code
            "error 11.2.1",  // a transaction dated in the future
            "error 11.1.4",  // an actual start in the future
            "error 8.8.1",  // a quantitative baseline without value
            "error 6.11.1",  // no start date
        ]
        #expect(planned.subtracting(kinds).isEmpty, "missing: \(planned.subtracting(kinds).sorted()); found: \(kinds.sorted())")
        #expect(total / names.count >= 1_000, "\(total) findings in \(names.count) files")
    }
}
