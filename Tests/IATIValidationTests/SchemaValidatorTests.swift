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

    /// The schema sees each element after the pass has noted which activity it is in: an error on
    /// an activity's own start tag is that activity's, and one at its end tag is still its own
    /// when the next activity starts on the same line.
    @Test func eachErrorIsPlacedInItsOwnActivity() throws {
        let path = try PartlyInvalidFile.write()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        let result = Self.validator.validate(file: path)
        #expect(!result.valid)
        #expect(result.findings.map(\.activity) == ["XM-TEST-2", "XM-TEST-3"])
        #expect(result.findings.map(\.line) == [13, 25])
        #expect(result.findings.map { $0.xpath.hasPrefix("/iati-activities/iati-activity[") ? String($0.xpath.dropFirst(31).prefix(1)) : $0.xpath } == ["2", "3"])
        #expect(result.schemaFindingLines == PartlyInvalidFile.invalidLines)
        #expect(Self.validator.validate(file: Fixtures.samples.first { $0.hasSuffix("flattener_beis_GB-GOV-13_9acts.xml") }!).schemaFindingLines == [])
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

@Suite struct SchemaMessageTests {
    static let messages = [
        "Element 'reporting-org': This element is not expected. Expected is ( iati-identifier ).",
        "Element '{http://example.org/ns}extra': This element is not expected.",
        "Element 'sector', attribute 'percentage': '1x' is not a valid value of the atomic type 'xs:decimal'.",
        "Element '': empty", "Element 'unclosed", "element 'lower': no", "Attribute 'code': no", "", "Element 'é́': accents",
    ]

    @Test(arguments: messages)
    func elementNameIsWhatTheRegexFinds(message: String) {
        #expect(SchemaValidator.elementName(in: message) == message.firstMatch(of: /^Element '([^']+)'/).map { String($0.output.1) })
    }

    @Test(arguments: [
        "Element 'x': no.\n", "  Element 'x': no.  \n", "\n", "", "no", "ends in a no-break space\u{A0}\n", "\u{2028}starts oddly.\n",
        "tab\t\r\n", "é at the end é\n", "\u{B}vertical tab\u{C}\n",
    ])
    func trimmingIsFoundations(text: String) {
        let trimmed = Array(text.utf8).withUnsafeBufferPointer { SchemaValidator.trimmed($0) }
        #expect(trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
