import Foundation
import Testing

@testable import IATIValidation

private typealias F = ValidationFixtures

@Suite struct CodelistTests {
    @Test func bundledCodelistsAndMappingLoad() throws {
        let codelists = try Codelists.bundled()
        #expect(codelists.lists.count == 70)
        #expect(codelists.mappings.count == 124)
        #expect(codelists["Sector"]?.status(of: "11110") == .active)
        #expect(codelists["Sector"]?.status(of: "11321") == .withdrawn)
        #expect(codelists["Language"]?.status(of: "en") == .active)
        #expect(codelists["Language"]?.complete == false)
        #expect(codelists["Sector"]?.complete == true)
        // Every mapping's codelist is bundled.
        for mapping in codelists.mappings {
            #expect(codelists[mapping.codelist] != nil, "\(mapping.codelist)")
        }
    }

    @Test func mappingPathsBecomeRelativeWithTheirConditions() {
        let sector = CodelistMapping(
            path: "//iati-activity/sector/@code", codelist: "Sector", condition: "@vocabulary = '1' or not(@vocabulary)")
        #expect(CodelistValidator.relative(sector)?.0 == "sector[@vocabulary = '1' or not(@vocabulary)]/@code")
        let channel = CodelistMapping(path: "//iati-activity/crs-add/channel-code/text()", codelist: "CRSChannelCode", condition: nil)
        #expect(CodelistValidator.relative(channel)?.0 == "crs-add/channel-code/text()")
        let lang = CodelistMapping(path: "//@xml:lang", codelist: "Language", condition: nil)
        #expect(CodelistValidator.relative(lang)?.0 == "descendant-or-self::*/@xml:lang")
        #expect(CodelistValidator.relative(lang)?.1 == nil)
        let version = CodelistMapping(path: "//iati-activities/@version", codelist: "Version", condition: nil)
        #expect(CodelistValidator.relative(version) == nil)
        let org = CodelistMapping(path: "//iati-organisation/@default-currency", codelist: "Currency", condition: nil)
        #expect(CodelistValidator.relative(org)?.1 == .organisations)
    }
}

@Suite struct CodelistValidatorTests {
    @Test func cleanActivityHasNoFinding() throws {
        try #expect(F.findings(F.activity()) == [])
        try #expect(F.findings(F.organisation()) == [])
    }

    @Test func unknownSectorCodeIsAnErrorNamingCodelistValueAndElement() throws {
        let xml = F.activity(replace: [(#"<sector code="11110"/>"#, #"<sector code="99999"/>"#)])
        let findings = try F.findings(xml).filter { $0.category == "codelist" }
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.rule == "codelist:Sector")
        #expect(finding.line == F.line(of: "99999", in: xml))
        #expect(finding.xpath == "\(F.act)/sector/@code")
        #expect(finding.activity == "XM-DAC-41114-1")
        #expect(finding.message.contains("Sector"))
        #expect(finding.message.contains("99999"))
        #expect(finding.message.contains("<sector>"))
    }

    @Test func sectorCodeIsCheckedAgainstDACOnlyForVocabularyOneOrAbsent() throws {
        let xml = F.activity(
            replace: [
                (
                    #"<sector code="11110"/>"#,
                    """
                    <sector code="99999"/>
                        <sector vocabulary="1" code="99998" percentage="50"/>
                        <sector vocabulary="2" code="11110"/>
                        <sector vocabulary="2" code="111"/>
                        <sector vocabulary="99" code="MY-OWN"/>
                        <sector vocabulary="1" code="11110" percentage="50"/>
                    """
                )
            ])
        try #expect(
            F.summary(xml, category: "codelist") == [
                "error codelist:Sector \(F.line(of: "99999", in: xml)) \(F.act)/sector[1]/@code",
                "error codelist:Sector \(F.line(of: "99998", in: xml)) \(F.act)/sector[2]/@code",
                // Vocabulary 2 is the DAC 3-digit list: a 5-digit code is not on it.
                "error codelist:SectorCategory \(F.line(of: #"vocabulary="2" code="11110""#, in: xml)) \(F.act)/sector[3]/@code",
            ])
    }

    @Test func withdrawnCodeIsAWarning() throws {
        let xml = F.activity(replace: [(#"<sector code="11110"/>"#, #"<sector code="11321"/>"#)])
        let findings = try F.findings(xml).filter { $0.category == "codelist" }
        #expect(findings.map(F.summary) == ["warning codelist:Sector \(F.line(of: "11321", in: xml)) \(F.act)/sector/@code"])
        #expect(findings.first?.message.contains("withdrawn") == true)
    }

    @Test func upperCaseLanguageIsAWarningAndAnUnknownOneAnError() throws {
        let xml = F.activity(
            replace: [
                ("<title><narrative>Title</narrative>", #"<title><narrative xml:lang="FR">Titre</narrative>"#),
                ("<description><narrative>", #"<description><narrative xml:lang="xx">"#),
            ])
        let findings = try F.findings(xml).filter { $0.category == "codelist" }
        #expect(
            findings.map(F.summary) == [
                "warning codelist:Language \(F.line(of: "Titre", in: xml)) \(F.act)/title/narrative/@xml:lang",
                "error codelist:Language \(F.line(of: "xx", in: xml)) \(F.act)/description/narrative/@xml:lang",
            ])
        #expect(findings.first?.message.contains("lower case") == true)
    }

    /// A `@code` follows its codelist exactly, as the IATI Validator checks it ("The document language
    /// code is invalid", an error): only `@xml:lang`, which the IATI Validator does not check, keeps
    /// the lenient warning for upper case.
    @Test func upperCaseLanguageCodeAttributeIsAnError() throws {
        let xml = F.activity(
            extra: """
                    <document-link format="application/pdf" url="https://example.org/a.pdf"><title><narrative>Doc</narrative></title><category code="A01"/><language code="EN"/><language code="fr"/></document-link>
                """)
        let findings = try F.findings(xml).filter { $0.category == "codelist" }
        #expect(
            findings.map(F.summary) == [
                "error codelist:Language \(F.line(of: "EN", in: xml)) \(F.act)/document-link/language[1]/@code"
            ])
        #expect(findings.first?.message.contains("is not a code of the Language codelist") == true)
    }

    @Test func languageOfTheActivityAndOfTheContainerIsChecked() throws {
        let xml = F.activity(attributes: #"default-currency="EUR" xml:lang="EN""#)
            .replacingOccurrences(of: #"<iati-activities version="2.03">"#, with: #"<iati-activities version="2.03" xml:lang="zz">"#)
        try #expect(
            F.summary(xml, category: "codelist") == [
                "error codelist:Language 2 /iati-activities/@xml:lang",
                "warning codelist:Language 3 \(F.act)/@xml:lang",
            ])
    }

    @Test func elementTextIsCheckedForChannelCodes() throws {
        let xml = F.activity(
            extra: """
                    <crs-add><channel-code>99999</channel-code></crs-add>
                    <crs-add><channel-code>21000</channel-code></crs-add>
                """)
        try #expect(
            F.summary(xml, category: "codelist") == [
                "error codelist:CRSChannelCode \(F.line(of: "99999", in: xml)) \(F.act)/crs-add[1]/channel-code/text()"
            ])
    }

    @Test func aidTypeCodesFollowTheirVocabulary() throws {
        let xml = F.activity(
            extra: """
                    <default-aid-type code="A01"/>
                    <default-aid-type vocabulary="2" code="A01"/>
                    <default-aid-type vocabulary="2" code="1"/>
                    <default-aid-type vocabulary="3" code="anything"/>
                    <default-aid-type vocabulary="9" code="x"/>
                """)
        try #expect(
            F.summary(xml, category: "codelist") == [
                "error codelist:EarmarkingCategory \(F.line(of: #"vocabulary="2" code="A01""#, in: xml)) \(F.act)/default-aid-type[2]/@code",
                "error codelist:AidTypeVocabulary \(F.line(of: #"vocabulary="9""#, in: xml)) \(F.act)/default-aid-type[5]/@vocabulary",
            ])
    }

    @Test func codesCompareExactly() throws {
        // Currency codes are upper case: `eur` is not `EUR`; an empty code is not a code.
        let xml = F.activity(attributes: #"default-currency="eur" xml:lang="en""#, replace: [(#"<activity-status code="2"/>"#, #"<activity-status code=""/>"#)])
        try #expect(
            F.summary(xml, category: "codelist") == [
                "error codelist:Currency 3 \(F.act)/@default-currency",
                "error codelist:ActivityStatus \(F.line(of: "activity-status", in: xml)) \(F.act)/activity-status/@code",
            ])
    }

    @Test func versionOfTheContainerIsChecked() throws {
        let xml = F.activity(version: "2.99")
        try #expect(F.summary(xml, category: "codelist") == ["error codelist:Version 2 /iati-activities/@version"])
    }

    @Test func organisationCodesAreChecked() throws {
        let xml = F.organisation(replace: [(#"<recipient-country code="TZ"/>"#, #"<recipient-country code="XX"/>"#)])
        try #expect(
            F.summary(xml, category: "codelist") == [
                "error codelist:Country \(F.line(of: "XX", in: xml)) /iati-organisations/iati-organisation[1]/recipient-country-budget/recipient-country/@code"
            ])
        try #expect(F.findings(xml).first?.activity == "XM-DAC-41114")
    }
}
