import Foundation
import IATIXML
import TestSupport
import Testing

@testable import IATIValidation

private typealias F = ValidationFixtures

@Suite struct ValidatorTests {
    @Test func validatesAFileActivityByActivity() throws {
        let first = F.activity()
        // Two activities, the second with an unknown sector code and a missing start date.
        let second = first.components(separatedBy: "\n").dropFirst(2).dropLast(2).joined(separator: "\n")
            .replacingOccurrences(of: "XM-DAC-41114-1", with: "XM-DAC-41114-2")
            .replacingOccurrences(of: #"<sector code="11110"/>"#, with: #"<sector code="1"/>"#)
            .replacingOccurrences(of: #"<activity-date type="2" iso-date="2020-01-01"/>"#, with: "")
        let xml = first.replacingOccurrences(of: "</iati-activities>", with: second + "\n</iati-activities>")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-validation-\(UUID().uuidString).xml").path
        try xml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let findings = try F.validator.validate(file: path)
        let activity = "/iati-activities/iati-activity[2]"
        let start = F.line(of: "<iati-activity ", in: xml, occurrence: 2)
        #expect(
            findings.map(F.summary) == [
                "error 6.11.1 \(start) \(activity)",
                "error codelist:Sector \(F.line(of: #"<sector code="1"/>"#, in: xml)) \(activity)/sector/@code",
            ])
        #expect(findings.allSatisfy { $0.activity == "XM-DAC-41114-2" })
    }

    @Test func findingsOfManyActivitiesComeInDocumentOrder() throws {
        // Several threads check the activities; each activity has its own unknown sector code.
        let count = 300
        let activity = F.activity().components(separatedBy: "\n").dropFirst(2).dropLast(2).joined(separator: "\n")
        let activities = (1...count).map { activity.replacingOccurrences(of: #"<sector code="11110"/>"#, with: #"<sector code="\#($0)"/>"#) }
        let xml = F.activity().replacingOccurrences(
            of: "</iati-activities>", with: activities.dropFirst().joined(separator: "\n") + "\n</iati-activities>")
            .replacingOccurrences(of: #"<sector code="11110"/>"#, with: #"<sector code="1"/>"#)

        let findings = try F.findings(xml)
        #expect(findings.map(\.message) == (1...count).map { "'\($0)' (@code of <sector>) is not a code of the Sector codelist." })
        #expect(findings.map(\.xpath) == (1...count).map { "/iati-activities/iati-activity[\($0)]/sector/@code" })
        #expect(zip(findings, findings.dropFirst()).allSatisfy { $0.line < $1.line })
    }

    @Test func legacyFileSaysItWasUpgradedAndIsCheckedInThe203Shape() throws {
        let xml = """
            <?xml version="1.0"?>
            <iati-activities version="1.03">
              <iati-activity default-currency="EUR" xml:lang="en" last-updated-datetime="2012-01-01T00:00:00">
                <iati-identifier>XM-DAC-41114-1</iati-identifier>
                <reporting-org ref="XM-DAC-41114" type="40">UNDP</reporting-org>
                <title>Title</title>
                <description>Description</description>
                <activity-status code="2"/>
                <activity-date type="start-actual" iso-date="2012-01-01"/>
                <recipient-country code="TZ"/>
                <sector code="99999"/>
                <transaction>
                  <transaction-type code="D"/>
                  <transaction-date iso-date="2012-02-01"/>
                  <value value-date="2012-02-01">10</value>
                </transaction>
              </iati-activity>
            </iati-activities>
            """
        let findings = try F.findings(xml)
        // The letter code D and the text date type are upgraded (3 and 2): no codelist finding for
        // them, no missing start date; the unknown sector is found on its own line.
        #expect(
            findings.map(F.summary) == [
                "warning legacy-version 2 /iati-activities/@version",
                "error codelist:Sector \(F.line(of: "99999", in: xml)) \(F.act)/sector/@code",
            ])
        #expect(findings.first?.message.contains("1.03") == true)
    }

    @Test func rulesAndCodelistsRunOnActivitiesThatFailTheSchema() throws {
        // Elements out of schema order and an element the schema does not know.
        let xml = F.activity(
            identity: """
                  <title><narrative>Title</narrative></title>
                  <unknown-element/>
                  <iati-identifier>XM-DAC-41114-1</iati-identifier>
                  <description><narrative>Description</narrative></description>
                  <reporting-org ref="XM-DAC-41114" type="40"><narrative>UNDP</narrative></reporting-org>
                """,
            replace: [(#"<sector code="11110"/>"#, #"<sector code="1"/>"#)])
        try #expect(F.summary(xml) == ["error codelist:Sector \(F.line(of: #"<sector code="1"/>"#, in: xml)) \(F.act)/sector/@code"])
    }

    @Test func malformedFilesThrowTheReadersError() {
        #expect(throws: IATIXMLError.self) {
            try F.validator.validate(bytes: Array("<iati-activities version=\"2.03\"><iati-activity>".utf8))
        }
    }

    @Test(arguments: Fixtures.samples)
    func everySampleValidates(path: String) throws {
        let findings = try F.validator.validate(file: path)
        for finding in findings {
            #expect(finding.line > 0, "\(finding)")
            #expect(finding.xpath.hasPrefix("/iati-"), "\(finding)")
            #expect(!finding.rule.isEmpty)
        }
    }

    @Test func samplesAreThere() {
        #expect(Fixtures.samples.count > 10)
    }
}
