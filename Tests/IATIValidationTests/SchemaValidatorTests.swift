import Foundation
import Testing
import TestSupport
@testable import IATIValidation

@Suite struct SchemaValidatorTests {
    static let validator = try! SchemaValidator()

    static let verdicts = Fixtures.schemaVerdicts

    @Test func everySampleHasAVerdict() {
        #expect(Set(Self.verdicts.keys) == Set(Fixtures.samples.map { URL(fileURLWithPath: $0).lastPathComponent }))
    }

    @Test(arguments: Fixtures.samples)
    func verdictAgreesWithXmllint(path: String) throws {
        let expected = try #require(Self.verdicts[URL(fileURLWithPath: path).lastPathComponent])
        let result = Self.validator.validate(file: path)
        #expect(result.valid == expected)
        #expect(result.findings.isEmpty == expected)
        #expect(result.findings.allSatisfy { $0.severity == .critical && $0.line > 0 })
    }

    @Test func everyErrorIsReportedWithItsLineAndActivity() throws {
        let path = try #require(Fixtures.samples.first { $0.hasSuffix("att_be-dgd_XM-DAC-2-10_4acts.xml") })
        let findings = Self.validator.validate(file: path).findings
        #expect(findings.count == 4)
        #expect(findings.allSatisfy { $0.message == "Element 'participating-org': This element is not expected. Expected is ( description )." })
        #expect(Set(findings.map(\.line)).count == 4)
        #expect(findings.allSatisfy { $0.activity?.hasPrefix("XM-DAC-2-10-") == true })
        #expect(findings.allSatisfy { $0.xpath.contains("participating-org") })
    }

    @Test func organisationFilesUseTheOrganisationSchema() throws {
        let path = try #require(Fixtures.samples.first { $0.hasSuffix("iaticloud_nl-mfa_XM-DAC-7_organisation.xml") })
        #expect(SchemaValidator.rootName(of: path) == "iati-organisations")
        #expect(Self.validator.validate(file: path).valid)
    }

    @Test func malformedFileIsCriticalWithItsLine() {
        let result = Self.validator.validate(file: Fixtures.hostile("malformed.xml"))
        #expect(!result.valid)
        #expect(result.findings.contains { $0.rule == "well-formed" && $0.line == 9 })
    }
}
