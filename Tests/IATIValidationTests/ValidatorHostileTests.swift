import Foundation
import IATIXML
import TestSupport
import Testing

@testable import IATIValidation

/// Both passes of a validation (schema, codelists and rules) refuse what the reader refuses, and
/// read a gzip file as its plain form: `validate` and `import` agree.
@Suite struct ValidatorHostileTests {
    static let validator: Validator = {
        do { return try Validator() } catch { fatalError("cannot load the bundled schemas: \(error)") }
    }()

    /// The one critical finding a refused file gives.
    static func refusal(_ path: String) throws -> Finding {
        let result = validator.validate(file: path)
        #expect(!result.validSchema)
        #expect(!result.passes)
        return try #require(result.findings.first { $0.severity == .critical })
    }

    @Test func hostileMarkupIsACriticalFindingNamingTheLine() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let deep = try Self.refusal(files.deepNesting(levels: 200_000))
        #expect(deep.rule == "well-formed")
        #expect(deep.line == 5)
        #expect(deep.message.hasPrefix("elements nested deeper than 256 levels"))
        let attributes = try Self.refusal(files.manyAttributes(count: 200_000))
        #expect(attributes.line == 5)
        #expect(attributes.message.hasPrefix("a start tag with more than 1000 attributes"))
        let empty = try Self.refusal(files.empty())
        #expect(empty.message == "the file is empty")
    }

    @Test func schemaPassAloneRefusesHostileMarkup() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let schema = try SchemaValidator()
        for path in [try files.deepNesting(levels: 200_000), try files.manyAttributes(count: 200_000)] {
            let result = schema.validate(file: path)
            #expect(!result.valid)
            #expect(result.findings.count == 1)
            #expect(result.findings.first?.line == 5)
            // The guard refuses the first chunk already, before the root is read: no root, no hang.
            #expect(SchemaValidator.rootName(of: path) != "iati-organisations")
        }
        let wideRoot = try files.write("<iati-activities" + String(repeating: " a=''", count: 200_000) + "/>", as: "root.xml")
        #expect(SchemaValidator.rootName(of: wideRoot) == nil)
    }

    @Test func nestingAtTheLimitIsValidatedWithoutCrashing() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let result = Self.validator.validate(file: try files.deepNesting(levels: MarkupGuard.maxDepth - 2))
        #expect(!result.validSchema)
        #expect(!result.findings.contains { $0.rule == "well-formed" })
    }

    @Test func gzipFileGivesTheFindingsOfItsPlainForm() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let plain = try files.duplicateIdentifiers(count: 50)
        let compressed = try files.gzip(plain, as: "duplicates.xml.gz")
        let expected = Self.validator.validate(file: plain)
        let result = Self.validator.validate(file: compressed)
        #expect(result.validSchema == expected.validSchema)
        #expect(result.findings == expected.findings)
        #expect(!result.findings.isEmpty)
        let bomb = try Self.refusal(files.gzipBomb(megabytes: 200))
        #expect(bomb.message.contains("gzip bomb"))
    }

    @Test func findingsAreKeptUpToABoundAndCountedBeyond() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        // Each copy of the activity has findings of its own (schema, rules): far more than the bound in all.
        let path = try files.duplicateIdentifiers(count: 4_000)
        let result = Self.validator.validate(file: path)
        #expect(result.findings.count == Validator.maxFindings)
        #expect(result.omitted > 0)
        #expect(result.counts.values.reduce(0, +) == Validator.maxFindings + result.omitted)
        #expect(result.findings.map(\.line) == result.findings.map(\.line).sorted())
        #expect(!result.passes)
    }

    @Test func tallyKeepsTheFirstAndCountsAll() {
        var tally = FindingTally(limit: 2)
        let finding = Finding(severity: .error, category: "c", rule: "r", message: "m", line: 1, xpath: "/")
        tally.add([finding, finding, finding])
        tally.add(Finding(severity: .info, category: "c", rule: "r", message: "m", line: 2, xpath: "/"))
        #expect(tally.kept == [finding, finding])
        #expect(tally.counts == [.error: 3, .info: 1])
    }
}
