import Foundation
@testable import IATIValidation

/// Hand-made IATI documents for the codelist and ruleset tests: a clean activity with no finding,
/// and helpers to change one thing in it.
enum ValidationFixtures {
    /// 2024-06-01T00:00:00Z: what `NOW` is in every test.
    static let now = Date(timeIntervalSince1970: 1_717_200_000)

    static let validator: ActivityValidator = {
        do { return try ActivityValidator(now: now) } catch { fatalError("cannot load the bundled codelists and ruleset: \(error)") }
    }()

    static let attributes = #"default-currency="EUR" xml:lang="en" last-updated-datetime="2020-01-01T00:00:00""#

    static let identity = """
          <iati-identifier>XM-DAC-41114-1</iati-identifier>
          <reporting-org ref="XM-DAC-41114" type="40"><narrative>UNDP</narrative></reporting-org>
          <title><narrative>Title</narrative></title>
          <description><narrative>Description</narrative></description>
        """

    static let body = """
          <participating-org role="1" ref="XM-DAC-41114" type="40"/>
          <activity-status code="2"/>
          <activity-date type="2" iso-date="2020-01-01"/>
          <recipient-country code="TZ"/>
          <sector code="11110"/>
        """

    /// A one-activity document; `replace` pairs change the clean activity (text → new text).
    static func activity(
        attributes: String = attributes, identity: String = identity, body: String = body,
        replace: [(String, String)] = [], extra: String = "", version: String = "2.03"
    ) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="\(version)">
              <iati-activity \(attributes)>
            \(identity)
            \(body)
            \(extra)
              </iati-activity>
            </iati-activities>

            """
        for (old, new) in replace {
            precondition(xml.contains(old), "fixture does not contain \(old)")
            xml = xml.replacingOccurrences(of: old, with: new)
        }
        return xml
    }

    static let organisationBody = """
          <organisation-identifier>XM-DAC-41114</organisation-identifier>
          <name><narrative>UNDP</narrative></name>
          <reporting-org ref="XM-DAC-41114" type="40"><narrative>UNDP</narrative></reporting-org>
          <recipient-country-budget status="1">
            <recipient-country code="TZ"/>
            <period-start iso-date="2020-01-01"/>
            <period-end iso-date="2020-12-31"/>
            <value value-date="2020-01-01">100</value>
            <budget-line ref="1">
              <value value-date="2020-03-01">50</value>
              <narrative>Line</narrative>
            </budget-line>
          </recipient-country-budget>
        """

    static func organisation(replace: [(String, String)] = []) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-organisations version="2.03">
              <iati-organisation \(attributes)>
            \(organisationBody)
              </iati-organisation>
            </iati-organisations>

            """
        for (old, new) in replace {
            precondition(xml.contains(old), "fixture does not contain \(old)")
            xml = xml.replacingOccurrences(of: old, with: new)
        }
        return xml
    }

    /// The findings of `xml`.
    static func findings(_ xml: String) throws -> [Finding] {
        try validator.validate(bytes: Array(xml.utf8), name: "fixture.xml")
    }

    /// `severity rule line xpath` of each finding: short enough to compare whole lists exactly.
    static func summary(_ xml: String, category: String? = nil) throws -> [String] {
        try findings(xml).filter { category == nil || $0.category == category }.map(summary)
    }

    static func summary(_ finding: Finding) -> String {
        "\(finding.severity.rawValue) \(finding.rule) \(finding.line) \(finding.xpath)"
    }

    /// The 1-based line of the first line of `xml` containing `marker` (the `occurrence`-th such line).
    static func line(of marker: String, in xml: String, occurrence: Int = 1) -> Int {
        var seen = 0
        for (index, text) in xml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where text.contains(marker) {
            seen += 1
            if seen == occurrence { return index + 1 }
        }
        return -1
    }

    static let act = "/iati-activities/iati-activity[1]"
}

extension ValidationFixtures {
    /// Passes `value` through, so a failed `#expect(F.got(…) == …)` shows what was found.
    static func got<T>(_ value: T) -> T { value }
}
