import Foundation
import Testing

@testable import IATIValidation

private typealias F = ValidationFixtures

/// One hand-made fixture per rule type of `standard.json`, with the exact findings it gives.
@Suite struct RulesetValidatorTests {
    @Test func standardRulesetLoadsWithEveryRuleType() throws {
        let ruleset = try Ruleset.standard()
        var names = Set<String>()
        for context in ruleset.contexts {
            for rule in context.rules {
                names.insert(rule.name)
                for oneCase in rule.cases { for (name, _) in oneCase.do ?? [:] { names.insert(name) } }
            }
        }
        #expect(
            names == [
                "atleast_one", "date_order", "if_then", "regex_matches", "no_spaces", "time_limit", "no_more_than_one",
                "startswith", "one_or_all", "date_now", "loop", "unique", "strict_sum", "range", "between_dates",
            ])
        let prefixes = try RulesetValidator().organisationPrefixes
        #expect(prefixes.contains("XM-DAC"))
        #expect(prefixes.contains("GB-COH"))
    }

    @Test func findingsTakeIdSeverityCategoryAndMessageFromRuleInfo() throws {
        let xml = F.activity(replace: [(#"<activity-date type="2" iso-date="2020-01-01"/>"#, "")])
        let findings = try F.findings(xml)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.rule == "6.11.1")
        #expect(finding.severity == .error)
        #expect(finding.category == "information")
        #expect(finding.message == "The activity must have a planned start date or an actual start date.")
        #expect(finding.activity == "XM-DAC-41114-1")
    }

    @Test func atleastOne() throws {
        // 6.11.1 points at the activity; 4.3.1 at the title without narrative text.
        let xml = F.activity(replace: [
            (#"<activity-date type="2" iso-date="2020-01-01"/>"#, #"<activity-date type="3" iso-date="2020-01-01"/>"#),
            ("<title><narrative>Title</narrative></title>", "<title><narrative/></title>"),
        ])
        let got_xml = try F.summary(xml)
        #expect(
            got_xml == [
                "error 6.11.1 3 \(F.act)",
                "error 4.3.1 \(F.line(of: "<title>", in: xml)) \(F.act)/title",
            ])
    }

    @Test func dateOrder() throws {
        let xml = F.activity(
            extra: """
                    <activity-date type="1" iso-date="2021-01-01"/>
                    <activity-date type="3" iso-date="2020-06-30"/>
                    <budget type="1" status="1"><period-start iso-date="2020-02-01"/><period-end iso-date="2020-01-31"/><value value-date="2020-01-01">1</value></budget>
                """)
        let got_xml = try F.summary(xml)
        #expect(
            got_xml == [
                "error 11.1.2 \(F.line(of: #"type="1" iso-date"#, in: xml)) \(F.act)/activity-date[2]/@iso-date",
                "error 8.6.3 \(F.line(of: "<budget", in: xml)) \(F.act)/budget/period-start/@iso-date",
            ])
    }

    /// Rule 11.2.1 compares "the date matched by `less`" (`SPEC.rst` of IATI/IATI-Rulesets) with NOW:
    /// one date, the first transaction's, as both IATI implementations read it (`date_elements[0]`
    /// in the Python reference, `dateElements[0]` in js-validator-api, the IATI Validator). A later
    /// transaction's future date is no finding there, so none here.
    @Test func dateOrderAgainstNowReadsTheFirstDate() throws {
        let xml = F.activity(
            replace: [(#"<activity-date type="2" iso-date="2020-01-01"/>"#, #"<activity-date type="2" iso-date="2030-01-01"/>"#)],
            extra: """
                    <transaction><transaction-type code="3"/><transaction-date iso-date="2025-01-01"/><value value-date="2020-01-01">1</value></transaction>
                    <transaction><transaction-type code="3"/><transaction-date iso-date="2020-01-01"/><value value-date="2020-01-01">1</value></transaction>
                    <transaction><transaction-type code="3"/><transaction-date iso-date="2026-01-01"/><value value-date="not a date">1</value></transaction>
                """)
        let got_xml = try F.summary(xml)
        #expect(
            got_xml == [
                "error 11.1.4 \(F.line(of: "2030-01-01", in: xml)) \(F.act)/activity-date/@iso-date",
                "error 11.2.1 \(F.line(of: "2025-01-01", in: xml)) \(F.act)/transaction[1]/transaction-date/@iso-date",
            ])
        let laterOnly = F.activity(
            extra: """
                    <transaction><transaction-type code="3"/><transaction-date iso-date="2020-01-01"/><value value-date="2020-01-01">1</value></transaction>
                    <transaction><transaction-type code="3"/><transaction-date iso-date="2025-01-01"/><value value-date="2025-01-01">1</value></transaction>
                """)
        #expect(try F.summary(laterOnly) == [])
    }

    /// Rules 8.8.1, 8.9.1 and 8.10.1 (`atleast_one` of `@value`) are right to fire on a 2.03 file:
    /// their context (`result/indicator[@measure='1' or @measure='2' or @measure='3' or
    /// @measure='4']/baseline`, `…/period/target`, `…/period/actual`) leaves out qualitative
    /// indicators (measure 5, which have no value), and a missing `@value` is what `atleast_one`
    /// fails on ("There must be at least one element described by the given paths", `SPEC.rst`;
    /// js-validator-api's unit test `results_indicator_baseline_value_bad.xml`, a measure-2 baseline
    /// without `@value`, expects `false`). The IATI Validator reports none on 2.01 and 2.02 files: it
    /// checks them against the ruleset of their version, which has no rule 8.8–8.10.
    @Test func indicatorValuesAreRequiredForQuantitativeMeasuresFrom203() throws {
        let results = """
                <result type="1" aggregation-status="0">
                  <title><narrative>R</narrative></title>
                  <indicator measure="1" ascending="1">
                    <title><narrative>Q</narrative></title>
                    <baseline year="2020" iso-date="2020-01-01"/>
                    <period><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/><target/><actual/></period>
                  </indicator>
                  <indicator measure="5">
                    <title><narrative>Qualitative</narrative></title>
                    <baseline year="2020" iso-date="2020-01-01"/>
                    <period><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/><target/><actual/></period>
                  </indicator>
                </result>
            """
        let xml = F.activity(extra: results)
        let baseline = F.line(of: "<baseline", in: xml)
        let period = F.line(of: "<period>", in: xml)
        #expect(
            try F.summary(xml) == [
                "error 8.8.1 \(baseline) \(F.act)/result/indicator[1]/baseline",
                "error 8.10.1 \(period) \(F.act)/result/indicator[1]/period/actual",
                "error 8.9.1 \(period) \(F.act)/result/indicator[1]/period/target",
            ])
        for version in ["2.01", "2.02"] {
            #expect(try F.summary(F.activity(extra: results, version: version)) == [])
        }
    }

    /// A 2.02 file is held to 12.x.2 (a percentage of at least 0) and not to 12.x.1 of 2.03 (between
    /// 0 and 100): the IATI Validator's rules for that version.
    @Test func percentagesFollowTheRulesetOfTheFileVersion() throws {
        let replace = [(#"<sector code="11110"/>"#, #"<sector code="11110" percentage="150"/>"#)]
        #expect(try F.summary(F.activity(replace: replace)).contains { $0.hasPrefix("error 12.3.1 ") })
        #expect(try !F.summary(F.activity(replace: replace, version: "2.02")).contains { $0.hasPrefix("error 12.3") })
    }

    @Test func dateNow() throws {
        let xml = F.activity(attributes: #"default-currency="EUR" xml:lang="en" last-updated-datetime="2030-01-01T00:00:00Z""#)
        let got_xml = try F.summary(xml)
        #expect(got_xml == ["error 11.1.1 3 \(F.act)/@last-updated-datetime"])
    }

    @Test func timeLimitCountsWholeDays() throws {
        let xml = F.activity(
            extra: """
                    <budget type="1" status="1"><period-start iso-date="2021-01-01"/><period-end iso-date="2022-01-01"/><value value-date="2021-01-01">1</value></budget>
                    <budget type="1" status="1"><period-start iso-date="2020-01-01"/><period-end iso-date="2021-01-01"/><value value-date="2020-01-01">1</value></budget>
                """)
        // 2021 has 365 days (allowed), 2020 has 366.
        let got_xml = try F.summary(xml)
        #expect(got_xml == ["error 7.5.3 \(F.line(of: "2020-01-01\"/><period-end", in: xml)) \(F.act)/budget[2]"])
    }

    @Test func ifThen() throws {
        let xml = F.activity(
            extra: """
                    <transaction><transaction-type code="3"/><transaction-date iso-date="2020-01-01"/><value value-date="2020-01-01">1</value><sector code="11110"/></transaction>
                """)
        // 6.6.2: sectors at both levels; the finding points at the first sector.
        let got_xml = try F.summary(xml)
        #expect(got_xml == ["error 6.6.2 \(F.line(of: #"<sector code="11110"/>"#, in: xml)) \(F.act)/sector"])
    }

    @Test func ifThenOnNumbersOfIndicatorValues() throws {
        let xml = F.activity(
            extra: """
                    <result type="1">
                      <title><narrative>R</narrative></title>
                      <indicator measure="1">
                        <title><narrative>I</narrative></title>
                        <baseline year="2020" value="ten"/>
                      </indicator>
                      <indicator measure="5">
                        <title><narrative>Q</narrative></title>
                        <baseline year="2020" value="4"/>
                      </indicator>
                    </result>
                """)
        let got_xml = try F.summary(xml)
        #expect(
            got_xml == [
                "warning 8.8.2 \(F.line(of: "ten", in: xml)) \(F.act)/result/indicator[1]/baseline/@value",
                "warning 8.8.3 \(F.line(of: #"value="4""#, in: xml)) \(F.act)/result/indicator[2]/baseline/@value",
            ])
    }

    @Test func regexMatches() throws {
        let xml = F.activity(replace: [("<iati-identifier>XM-DAC-41114-1<", "<iati-identifier>XM-DAC-41114-1/2&amp;3<")])
        let got_xml = try F.summary(xml)
        #expect(got_xml == ["warning 1.3.13 \(F.line(of: "<iati-identifier>", in: xml)) \(F.act)/iati-identifier"])
    }

    @Test func noSpaces() throws {
        let xml = F.activity(replace: [(#"<participating-org role="1""#, #"<participating-org activity-id=" A-1&#10;" role="1""#)])
        let got_xml = try F.summary(xml)
        #expect(got_xml == ["warning 1.9.1 \(F.line(of: "<participating-org", in: xml)) \(F.act)/participating-org/@activity-id"])
    }

    @Test func noMoreThanOne() throws {
        let xml = F.activity(
            extra: """
                    <default-aid-type code="A01"/>
                    <default-aid-type vocabulary="1" code="B01"/>
                    <default-aid-type vocabulary="2" code="1"/>
                    <default-aid-type vocabulary="2" code="2"/>
                """)
        // The extra element of each vocabulary; the second one through a loop over vocabularies.
        let got_xml = try F.summary(xml)
        #expect(
            got_xml == [
                "warning 107.1.2 \(F.line(of: "B01", in: xml)) \(F.act)/default-aid-type[2]",
                "warning 107.1.2 \(F.line(of: #"vocabulary="2" code="2""#, in: xml)) \(F.act)/default-aid-type[4]",
            ])
    }

    @Test func startsWith() throws {
        let xml = F.activity(replace: [
            ("<iati-identifier>XM-DAC-41114-1<", "<iati-identifier>XM-DAC-411141<"),
            (#"<participating-org role="1" ref="XM-DAC-41114""#, #"<participating-org role="1" ref="ZZ-NONE-1""#),
        ])
        let got_xml = try F.summary(xml)
        #expect(got_xml == ["warning 1.1.21 \(F.line(of: "<iati-identifier>", in: xml)) \(F.act)/iati-identifier"])

        let other = F.activity(
            identity: """
                  <iati-identifier>ZZ-NONE-1-1</iati-identifier>
                  <reporting-org ref="ZZ-NONE-1" type="40"><narrative>UNDP</narrative></reporting-org>
                  <title><narrative>Title</narrative></title>
                  <description><narrative>Description</narrative></description>
                """)
        // 1.14.8: the reporting organisation's prefix must be an OrganisationRegistrationAgency code.
        let got_other = try F.summary(other)
        #expect(got_other == ["warning 1.14.8 \(F.line(of: "<reporting-org", in: other)) \(F.act)/reporting-org/@ref"])
    }

    @Test func startsWithAPreviousIdentifier() throws {
        let xml = F.activity(replace: [
            ("<iati-identifier>XM-DAC-41114-1<", "<iati-identifier>OLD-ORG-7<"),
            (#"<activity-status code="2"/>"#, #"<other-identifier ref="OLD-ORG" type="B1"/><activity-status code="2"/>"#),
        ])
        let got_xml = try F.summary(xml)
        #expect(got_xml == [])
    }

    @Test func oneOrAllLanguage() throws {
        let xml = F.activity(attributes: #"default-currency="EUR""#)
        // Without a default language, each narrative needs its own: one finding per narrative.
        let got_xml = try F.summary(xml)
        #expect(
            got_xml == [
                "error 4.1.1 \(F.line(of: "<reporting-org", in: xml)) \(F.act)/reporting-org/narrative",
                "error 4.1.1 \(F.line(of: "<title>", in: xml)) \(F.act)/title/narrative",
                "error 4.1.1 \(F.line(of: "<description>", in: xml)) \(F.act)/description/narrative",
            ])
    }

    @Test func oneOrAllCurrencyAndSector() throws {
        let xml = F.activity(
            attributes: #"xml:lang="en""#,
            replace: [(#"<sector code="11110"/>"#, "")],
            extra: """
                    <transaction><transaction-type code="3"/><transaction-date iso-date="2020-01-01"/><value currency="EUR" value-date="2020-01-01">1</value><sector code="11110" /></transaction>
                    <transaction><transaction-type code="3"/><transaction-date iso-date="2020-01-01"/><value value-date="2020-01-01">1</value></transaction>
                """)
        let got_xml = try F.summary(xml)
        #expect(
            got_xml == [
                "error 6.7.2 \(F.line(of: "<value value-date", in: xml)) \(F.act)/transaction[2]",
                "error 7.8.1 \(F.line(of: "<value value-date", in: xml)) \(F.act)/transaction[2]/value",
            ])
    }

    @Test func loopWithStrictSumAndIfThen() throws {
        let xml = F.activity(
            extra: """
                    <sector vocabulary="2" code="111" percentage="50"/>
                    <sector vocabulary="2" code="112" percentage="40"/>
                    <sector vocabulary="6" code="A" percentage="60"/>
                    <sector vocabulary="6" code="B"/>
                    <recipient-region code="298" vocabulary="1" percentage="30"/>
                """)
        // `subs` of the sector loops name only `paths`, so the `$1` of 2.1.2's condition stays as
        // written and the case is never tested (as in the IATI Validator); 3.4.2 substitutes its
        // condition too and sums region and country percentages within a region vocabulary.
        let got_xml = try F.summary(xml)
        #expect(
            got_xml == [
                "error 2.1.1 \(F.line(of: #"code="A""#, in: xml)) \(F.act)/sector[4]",
                "error 3.4.2 \(F.line(of: "recipient-region", in: xml)) \(F.act)/recipient-region/@percentage",
            ])
    }

    @Test func strictSumOfRecipientCountries() throws {
        let xml = F.activity(replace: [
            (#"<recipient-country code="TZ"/>"#, #"<recipient-country code="TZ" percentage="50.5"/><recipient-country code="KE" percentage="49.49"/>"#)
        ])
        let got_xml = try F.summary(xml)
        #expect(got_xml == ["error 3.1.2 \(F.line(of: "KE", in: xml)) \(F.act)/recipient-country[1]/@percentage"])
        let exact = F.activity(replace: [
            (#"<recipient-country code="TZ"/>"#, #"<recipient-country code="TZ" percentage="33.3333"/><recipient-country code="KE" percentage="66.6667"/>"#)
        ])
        let got_exact = try F.summary(exact)
        #expect(got_exact == [])
    }

    @Test func unique() throws {
        let xml = F.activity(replace: [("<iati-identifier>XM-DAC-41114-1<", "<iati-identifier>XM-DAC-41114<")])
        let got_xml = try F.summary(xml)
        #expect(
            got_xml == [
                "error 1.1.3 \(F.line(of: "<iati-identifier>", in: xml)) \(F.act)/iati-identifier",
                "warning 1.1.21 \(F.line(of: "<iati-identifier>", in: xml)) \(F.act)/iati-identifier",
            ])
    }

    @Test func range() throws {
        let xml = F.activity(replace: [(#"<sector code="11110"/>"#, #"<sector code="11110" percentage="-5"/>"#)])
        let got_xml = try F.summary(xml)
        #expect(
            got_xml == [
                "error 12.3.1 \(F.line(of: "11110", in: xml)) \(F.act)/sector/@percentage",
                "error 2.1.4 \(F.line(of: "11110", in: xml)) \(F.act)/sector",
            ])
    }

    @Test func betweenDates() throws {
        let xml = F.organisation(replace: [(#"<value value-date="2020-03-01">50</value>"#, #"<value value-date="2021-03-01">50</value>"#)])
        let got_xml = try F.summary(xml)
        #expect(
            got_xml == [
                "error 11.3.1 \(F.line(of: "2021-03-01", in: xml)) /iati-organisations/iati-organisation[1]/recipient-country-budget/budget-line/value/@value-date"
            ])
    }

    @Test func organisationRules() throws {
        let xml = F.organisation(replace: [
            ("<organisation-identifier>XM-DAC-41114<", "<organisation-identifier> XM-DAC-41114<"),
            (#"<value value-date="2020-01-01">100</value>"#, #"<value value-date="2020-01-01">100</value><value value-date="2020-01-01" currency="">1</value>"#),
            (#"<period-end iso-date="2020-12-31"/>"#, #"<period-end iso-date="2021-12-31"/>"#),
        ])
        let got_xml = try F.summary(xml)
        #expect(
            got_xml == [
                "warning 1.12.1 \(F.line(of: "<organisation-identifier>", in: xml)) /iati-organisations/iati-organisation[1]/organisation-identifier",
                "error 7.5.3 \(F.line(of: "<recipient-country-budget", in: xml)) /iati-organisations/iati-organisation[1]/recipient-country-budget",
                // `currency=""` is present (7.8.2 passes) but not a Currency code.
                "error codelist:Currency \(F.line(of: "<value value-date", in: xml)) /iati-organisations/iati-organisation[1]/recipient-country-budget/value[2]/@currency",
            ])
    }

    @Test func dates() {
        #expect(RulesetValidator.parseDate("1970-01-02") == Date(timeIntervalSince1970: 86_400))
        #expect(RulesetValidator.parseDate("2020-02-29T12:00:00Z") == Date(timeIntervalSince1970: 1_582_977_600))
        #expect(RulesetValidator.parseDate("2020-02-29T12:00:00+02:00") == Date(timeIntervalSince1970: 1_582_970_400))
        #expect(RulesetValidator.parseDate("2019-02-29") == nil)
        #expect(RulesetValidator.parseDate("2019-13-01") == nil)
        #expect(RulesetValidator.parseDate("soon") == nil)
        #expect(RulesetValidator.parseDate("") == nil)
    }

    @Test func numbersAsJavaScriptReadsThem() {
        #expect(RulesetValidator.Run.number(" 12.5 ") == 12.5)
        #expect(RulesetValidator.Run.number("") == 0)
        #expect(RulesetValidator.Run.number("12%").isNaN)
        #expect(RulesetValidator.Run.number("nan").isNaN)
    }
}
