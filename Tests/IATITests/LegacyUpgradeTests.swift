import IATI
import Testing

/// Builds 1.0x trees by hand (own helper, so these tests do not depend on other test files).
private enum Legacy {
    static let registry = "http://iatiregistry.org/ns/record#"

    static func el(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String = "", line: Int = 0,
        _ children: [XMLNode] = []
    ) -> XMLNode {
        XMLNode(
            name: name,
            attributes: attributes.map { key, value in
                key == "xml:lang"
                    ? XMLAttribute(name: "lang", namespace: XMLNode.xmlNamespace, prefix: "xml", value: value)
                    : XMLAttribute(name: key, value: value)
            },
            children: children, text: text, line: line)
    }

    static func el(_ name: String, text: String = "", line: Int = 0, _ children: [XMLNode]) -> XMLNode {
        el(name, [:], text: text, line: line, children)
    }

    static func activity(_ children: [XMLNode], _ attributes: KeyValuePairs<String, String> = ["version": "1.02"])
        -> XMLNode
    {
        el("iati-activity", attributes, line: 1, children)
    }

    /// Upgrades an activity holding `children`, returns the upgraded children.
    static func upgrade(_ children: XMLNode...) -> [XMLNode] {
        LegacyUpgrade.upgradeActivity(activity(children)).children
    }

    static func upgradeOne(_ child: XMLNode) -> XMLNode {
        let result = upgrade(child)
        #expect(result.count == 1)
        return result[0]
    }
}

extension XMLNode {
    fileprivate var upNarratives: [XMLNode] { children("narrative") }
    fileprivate var upNarrativeTexts: [String] { upNarratives.map(\.text) }
    fileprivate var upLang: String? { self[attribute: "xml:lang"] }
}

@Suite("LegacyUpgrade")
struct LegacyUpgradeTests {
    // MARK: Free text → narrative

    @Test func titleTextBecomesNarrativeWithLanguage() {
        let title = Legacy.upgradeOne(Legacy.el("title", ["xml:lang": "en"], text: "\n  Roads 2  \n", line: 7))
        #expect(title.name == "title")
        #expect(title.text == "")
        #expect(title.upLang == nil)
        #expect(title.upNarrativeTexts == ["Roads 2"])
        #expect(title.upNarratives.first?.upLang == "en")
        #expect(title.upNarratives.first?.line == 7)
        #expect(title.line == 7)
    }

    static let activityTextPaths: [[String]] = [
        ["reporting-org"], ["title"], ["description"], ["participating-org"], ["recipient-country"],
        ["recipient-region"], ["sector"], ["policy-marker"],
        ["contact-info", "organisation"], ["contact-info", "department"], ["contact-info", "person-name"],
        ["contact-info", "job-title"], ["contact-info", "mailing-address"],
        ["location", "name"], ["location", "description"], ["location", "activity-description"],
        ["country-budget-items", "budget-item", "description"],
        ["transaction", "description"], ["transaction", "provider-org"], ["transaction", "receiver-org"],
        ["transaction", "sector"], ["transaction", "recipient-country"], ["transaction", "recipient-region"],
        ["document-link", "title"], ["conditions", "condition"],
        ["result", "title"], ["result", "description"], ["result", "indicator", "title"],
        ["result", "indicator", "description"], ["result", "indicator", "baseline", "comment"],
        ["result", "indicator", "period", "target", "comment"],
        ["result", "indicator", "period", "actual", "comment"],
    ]

    /// Nests `path` with the text on its leaf, upgrades it, returns the leaf.
    private static func upgradedLeaf(_ path: [String], text: String, organisation: Bool = false) -> XMLNode? {
        var leaf = Legacy.el(path.last!, ["xml:lang": "fr"], text: text, line: 42)
        for name in path.dropLast().reversed() {
            leaf = Legacy.el(name, [leaf])
        }
        var node =
            organisation
            ? LegacyUpgrade.upgradeOrganisation(Legacy.el("iati-organisation", [leaf]))
            : LegacyUpgrade.upgradeActivity(Legacy.activity([leaf]))
        for name in path {
            guard let child = node.child(name) else { return nil }
            node = child
        }
        return node
    }

    @Test(arguments: activityTextPaths)
    func activityFreeTextMovesToNarrative(path: [String]) throws {
        let leaf = try #require(Self.upgradedLeaf(path, text: "Some text"))
        #expect(leaf.text == "")
        #expect(leaf.upNarrativeTexts == ["Some text"])
        #expect(leaf.upNarratives.first?.upLang == "fr")
        #expect(leaf.upLang == nil)
        #expect(leaf.upNarratives.first?.line == 42)
    }

    static let organisationTextPaths: [[String]] = [
        ["reporting-org"], ["name"], ["document-link", "title"], ["document-link", "recipient-country"],
        ["recipient-org-budget", "recipient-org"], ["recipient-country-budget", "recipient-country"],
    ]

    @Test(arguments: organisationTextPaths)
    func organisationFreeTextMovesToNarrative(path: [String]) throws {
        let leaf = try #require(Self.upgradedLeaf(path, text: "Alliance", organisation: true))
        #expect(leaf.text == "")
        #expect(leaf.upNarrativeTexts == ["Alliance"])
        #expect(leaf.upNarratives.first?.upLang == "fr")
    }

    @Test func elementWithoutTextGetsNoNarrative() {
        let org = Legacy.upgradeOne(Legacy.el("reporting-org", ["ref": "GB-1", "xml:lang": "en"], text: "\n  "))
        #expect(org.upNarratives.isEmpty)
        #expect(org.upLang == "en")
        #expect(org[attribute: "ref"] == "GB-1")
    }

    @Test func perLanguageTitlesAreMergedOnlyWhenLanguagesDiffer() {
        let merged = Legacy.upgrade(
            Legacy.el("title", ["xml:lang": "en"], text: "Water"),
            Legacy.el("title", ["xml:lang": "fr"], text: "Eau"))
        #expect(merged.count == 1)
        #expect(merged[0].upNarrativeTexts == ["Water", "Eau"])
        #expect(merged[0].upNarratives.map(\.upLang) == ["en", "fr"])

        let sameLanguage = Legacy.upgrade(
            Legacy.el("description", ["type": "1"], text: "One"),
            Legacy.el("description", ["type": "1"], text: "Two"))
        #expect(sameLanguage.count == 2)

        let differentType = Legacy.upgrade(
            Legacy.el("description", ["type": "1", "xml:lang": "en"], text: "General"),
            Legacy.el("description", ["type": "2", "xml:lang": "fr"], text: "Objectifs"))
        #expect(differentType.count == 2)
    }

    // MARK: Codes

    @Test(arguments: [
        ("IF", "1"), ("C", "2"), ("D", "3"), ("E", "4"), ("IR", "5"), ("LR", "6"), ("R", "7"),
        ("QP", "8"), ("QS", "9"), ("CG", "10"), ("d", "3"), ("3", "3"), ("XX", "XX"),
    ])
    func transactionTypeLetterCodes(letter: String, number: String) throws {
        let transaction = Legacy.upgradeOne(
            Legacy.el("transaction", [Legacy.el("transaction-type", ["code": letter], text: "Label")]))
        let type = try #require(transaction.child("transaction-type"))
        #expect(type[attribute: "code"] == number)
        #expect(type.text == "")
    }

    @Test func transactionTypeFromNameAndFromTransactionAttribute() throws {
        let byName = Legacy.upgradeOne(
            Legacy.el("transaction", [Legacy.el("transaction-type", text: " Loan Repayment ")]))
        #expect(byName.child("transaction-type")?[attribute: "code"] == "6")
        #expect(byName.child("transaction-type")?.text == "")

        let preStandard = Legacy.upgradeOne(
            Legacy.el("transaction", ["type": "expenditure", "flow": "outgoing"], line: 9, [Legacy.el("value", text: "5")]))
        let type = try #require(preStandard.child("transaction-type"))
        #expect(type[attribute: "code"] == "4")
        #expect(type.line == 9)
        #expect(preStandard[attribute: "type"] == nil)
        #expect(preStandard[attribute: "flow"] == "outgoing")
        #expect(preStandard.child("value")?.text == "5")

        let unknownName = Legacy.upgradeOne(
            Legacy.el("transaction", [Legacy.el("transaction-type", text: "Something else")]))
        #expect(unknownName.child("transaction-type")?[attribute: "code"] == nil)
        #expect(unknownName.child("transaction-type")?.text == "Something else")
    }

    @Test(arguments: [
        ("start-planned", "1"), ("start-actual", "2"), ("end-planned", "3"), ("end-actual", "4"),
        ("End-Actual", "4"), ("start", "start"),
    ])
    func activityDateTypes(old: String, new: String) {
        let date = Legacy.upgradeOne(Legacy.el("activity-date", ["type": old, "iso-date": "2010-10-01"]))
        #expect(date[attribute: "type"] == new)
    }

    @Test func activityDateText() {
        let fromText = Legacy.upgradeOne(Legacy.el("activity-date", ["type": "start-actual"], text: "2010-10-01"))
        #expect(fromText[attribute: "iso-date"] == "2010-10-01")
        #expect(fromText.text == "")
        #expect(fromText.upNarratives.isEmpty)

        let duplicate = Legacy.upgradeOne(
            Legacy.el("activity-date", ["type": "end-planned", "iso-date": "2012-09-30", "xml:lang": "en"], text: "2012-09-30"))
        #expect(duplicate.upNarratives.isEmpty)
        #expect(duplicate.text == "")

        let label = Legacy.upgradeOne(
            Legacy.el("activity-date", ["type": "start-planned", "iso-date": "2012-01-01", "xml:lang": "en"], text: "Q1 2012"))
        #expect(label.upNarrativeTexts == ["Q1 2012"])
        #expect(label.upNarratives.first?.upLang == "en")
        #expect(label[attribute: "type"] == "1")
    }

    @Test(arguments: [
        ("Funding", "1"), ("Accountable", "2"), ("Extending", "3"), ("Implementing", "4"),
        ("funding", "1"), ("IMPLEMENTING", "4"), ("Beneficiary", "Beneficiary"),
    ])
    func participatingOrgRoles(old: String, new: String) {
        let org = Legacy.upgradeOne(Legacy.el("participating-org", ["role": old, "ref": "GB-1"], text: "DFID"))
        #expect(org[attribute: "role"] == new)
        #expect(org.upNarrativeTexts == ["DFID"])
    }

    @Test(arguments: [
        ("DAC", "1"), ("DAC-3", "2"), ("COFOG", "3"), ("NACE", "4"), ("NTEE", "5"), ("ADT", "6"),
        ("RO", "99"), ("RO2", "98"), ("dac", "1"), ("WBSector", "WBSector"), ("WB", "WB"),
    ])
    func sectorVocabularies(old: String, new: String) {
        let sector = Legacy.upgradeOne(Legacy.el("sector", ["vocabulary": old, "code": "11110"], text: "Education"))
        #expect(sector[attribute: "vocabulary"] == new)
        #expect(sector.upNarrativeTexts == ["Education"])
    }

    @Test func policyMarkerAndRegionVocabularies() {
        let marker = Legacy.upgradeOne(
            Legacy.el("policy-marker", ["vocabulary": "DAC", "code": "1", "significance": "2"], text: "Gender Equality"))
        #expect(marker[attribute: "vocabulary"] == "1")
        #expect(marker.upNarrativeTexts == ["Gender Equality"])
        let own = Legacy.upgradeOne(Legacy.el("policy-marker", ["vocabulary": "RO", "code": "X"]))
        #expect(own[attribute: "vocabulary"] == "99")

        let region = Legacy.upgradeOne(Legacy.el("recipient-region", ["vocabulary": "UN", "code": "002"], text: "Africa"))
        #expect(region[attribute: "vocabulary"] == "2")
        #expect(region.upNarrativeTexts == ["Africa"])
        let numeric = Legacy.upgradeOne(Legacy.el("recipient-region", ["vocabulary": "1", "code": "298"]))
        #expect(numeric[attribute: "vocabulary"] == "1")
    }

    @Test func codeNamesWhereCodesBelong() {
        let result = Legacy.upgrade(
            Legacy.el("budget", ["type": "Revised"]),
            Legacy.el("result", ["type": "outcome"], [Legacy.el("indicator", ["measure": "Percentage"])]),
            Legacy.el("description", ["type": "General"], text: "About"))
        // Also put into schema order: description, budget, result.
        #expect(result.map(\.name) == ["description", "budget", "result"])
        #expect(result[1][attribute: "type"] == "2")
        #expect(result[2][attribute: "type"] == "2")
        #expect(result[2].child("indicator")?[attribute: "measure"] == "2")
        #expect(result[0][attribute: "type"] == "1")
    }

    @Test func codeElementsLoseTheirLabelOnlyWhenCoded() {
        let result = Legacy.upgrade(
            Legacy.el("activity-status", ["code": "2", "xml:lang": "en"], text: "Implementation"),
            Legacy.el("default-flow-type", ["code": ""], text: "ODA"),
            Legacy.el("related-activity", ["type": "1", "ref": "44000-P1"], text: "Parent project"),
            Legacy.el(
                "document-link", ["url": "http://x"],
                [Legacy.el("category", ["code": "A02"], text: "Objectives"), Legacy.el("language", ["code": "en"], text: "English")]))
        #expect(result[0].text == "")
        #expect(result[0].upLang == nil)
        #expect(result[0][attribute: "code"] == "2")
        #expect(result[1].text == "ODA")
        #expect(result.map(\.name) == ["activity-status", "default-flow-type", "document-link", "related-activity"])
        #expect(result[3].text == "")
        #expect(result[2].child("category")?.text == "")
        #expect(result[2].child("language")?.text == "")
    }

    @Test func statusNamesBecomeCodes() {
        let result = Legacy.upgrade(
            Legacy.el("activity-status", text: "Implementation"),
            Legacy.el("default-tied-status", text: "untied"),
            Legacy.el("default-tied-status", text: "mostly"))
        #expect(result[0][attribute: "code"] == "2")
        #expect(result[0].text == "")
        #expect(result[1][attribute: "code"] == "5")
        #expect(result[1].text == "")
        #expect(result[2][attribute: "code"] == nil)
        #expect(result[2].text == "mostly")
    }

    @Test func childrenArePutIntoSchemaOrder() {
        let extensionNode = XMLNode(name: "registry-record", namespace: Legacy.registry, prefix: "ir")
        let upgraded = LegacyUpgrade.upgradeActivity(
            Legacy.activity([
                extensionNode,
                Legacy.el("transaction", [Legacy.el("value", text: "1"), Legacy.el("transaction-type", ["code": "C"])]),
                Legacy.el("budget-planned"),
                Legacy.el("title", text: "T"),
                Legacy.el("reporting-org", ["ref": "GB-1"]),
                Legacy.el("iati-identifier", text: "GB-1-1"),
                Legacy.el("sector", ["code": "1"]),
                Legacy.el("activity-status", ["code": "2"]),
                Legacy.el("sector", ["code": "2"]),
            ]))
        #expect(
            upgraded.children.map(\.name) == [
                "iati-identifier", "reporting-org", "title", "activity-status", "sector", "sector", "transaction",
                "registry-record", "budget-planned",
            ])
        #expect(upgraded.children("sector").map { $0[attribute: "code"] } == ["1", "2"])
        #expect(upgraded.child("transaction")?.children.map(\.name) == ["transaction-type", "value"])
    }

    // MARK: Dates

    @Test func datesMoveFromTextToIsoDate() {
        let budget = Legacy.upgradeOne(
            Legacy.el(
                "budget",
                [
                    Legacy.el("period-start", text: "2009-01-01"),
                    Legacy.el("period-end", ["iso-date": "2009-12-31"], text: "December 2009"),
                    Legacy.el("value", ["value-date": "2009-01-01"], text: "327248"),
                ]))
        #expect(budget.child("period-start")?[attribute: "iso-date"] == "2009-01-01")
        #expect(budget.child("period-start")?.text == "")
        #expect(budget.child("period-end")?[attribute: "iso-date"] == "2009-12-31")
        #expect(budget.child("period-end")?.text == "")
        #expect(budget.child("value")?.text == "327248")

        let transaction = Legacy.upgradeOne(
            Legacy.el(
                "transaction",
                [
                    Legacy.el("transaction-date", text: "10/1/2011"),
                    Legacy.el("value", text: "1"),
                ]))
        #expect(transaction.child("transaction-date")?.text == "10/1/2011")
        #expect(transaction.child("transaction-date")?[attribute: "iso-date"] == nil)

        let datetime = Legacy.upgradeOne(
            Legacy.el("planned-disbursement", [Legacy.el("period-start", text: "2013-03-08T11:41:12")]))
        #expect(datetime.child("period-start")?[attribute: "iso-date"] == "2013-03-08")
    }

    // MARK: Restructured elements

    @Test func coordinatesBecomePointWithExactness() throws {
        let location = Legacy.upgradeOne(
            Legacy.el(
                "location", ["percentage": "50"],
                [
                    Legacy.el("name", text: "Herat"),
                    Legacy.el("coordinates", ["latitude": "34.3419", "longitude": "62.2030", "precision": "2"], line: 12),
                    Legacy.el("gazetteer-entry", ["gazetteer-ref": "GEO"], text: "1140026"),
                    Legacy.el("location-type", ["code": "PPL"], text: "Populated place"),
                    Legacy.el("administrative", ["country": "AF", "adm1": "Herat"], text: "Afghanistan, Herat"),
                ]))
        #expect(location.child("coordinates") == nil)
        let point = try #require(location.child("point"))
        #expect(point[attribute: "srsName"] == "http://www.opengis.net/def/crs/EPSG/0/4326")
        #expect(point.child("pos")?.text == "34.3419 62.2030")
        #expect(point.line == 12)
        #expect(location.child("exactness")?[attribute: "code"] == "2")
        #expect(location.child("name")?.upNarrativeTexts == ["Herat"])

        let locationID = try #require(location.child("location-id"))
        #expect(locationID[attribute: "vocabulary"] == "G1")
        #expect(locationID[attribute: "code"] == "1140026")
        #expect(location.child("gazetteer-entry") == nil)

        let feature = try #require(location.child("feature-designation"))
        #expect(feature[attribute: "code"] == "PPL")
        #expect(feature.text == "")
        #expect(location.child("location-class")?[attribute: "code"] == "2")
        #expect(location.child("location-type") == nil)

        let administrative = try #require(location.child("administrative"))
        #expect(administrative[attribute: "vocabulary"] == "A4")
        #expect(administrative[attribute: "code"] == "AF")
        #expect(administrative[attribute: "country"] == nil)
        #expect(administrative[attribute: "adm1"] == "Herat")
        #expect(location[attribute: "percentage"] == "50")
    }

    @Test func exactPrecisionAndUnknownGazetteer() {
        let location = Legacy.upgradeOne(
            Legacy.el(
                "location",
                [
                    Legacy.el("coordinates", ["latitude": "1.5", "longitude": "-2.25", "precision": "1"]),
                    Legacy.el("gazetteer-entry", ["gazetteer-ref": "NGA"], text: "-3373766"),
                ]))
        #expect(location.child("exactness")?[attribute: "code"] == "1")
        #expect(location.child("point")?.child("pos")?.text == "1.5 -2.25")
        #expect(location.child("gazetteer-entry")?.text == "-3373766")
        #expect(location.child("location-id") == nil)
    }

    @Test func activityWebsiteBecomesDocumentLink() throws {
        let link = Legacy.upgradeOne(Legacy.el("activity-website", text: " http://www.worldbank.org/projects/P002750 ", line: 30))
        #expect(link.name == "document-link")
        #expect(link[attribute: "url"] == "http://www.worldbank.org/projects/P002750")
        #expect(link[attribute: "format"] == "text/html")
        #expect(link.child("category")?[attribute: "code"] == "A12")
        let title = try #require(link.child("title"))
        #expect(title.upNarrativeTexts == ["Activity website"])
        #expect(link.line == 30)
    }

    @Test func otherIdentifierOwnedByReportingOrg() throws {
        let upgraded = LegacyUpgrade.upgradeActivity(
            Legacy.activity([
                Legacy.el("reporting-org", ["ref": "GB-1"], text: "DFID"),
                Legacy.el("other-identifier", ["owner-ref": "GB-1", "owner-name": "DFID", "xml:lang": "en"], text: "105861"),
            ]))
        let identifier = try #require(upgraded.child("other-identifier"))
        #expect(identifier[attribute: "ref"] == "105861")
        #expect(identifier[attribute: "type"] == "A1")
        #expect(identifier[attribute: "owner-ref"] == nil)
        #expect(identifier[attribute: "owner-name"] == nil)
        #expect(identifier.text == "")
        let owner = try #require(identifier.child("owner-org"))
        #expect(owner[attribute: "ref"] == "GB-1")
        #expect(owner.upNarrativeTexts == ["DFID"])
        #expect(owner.upNarratives.first?.upLang == "en")
    }

    @Test func otherIdentifierTypes() {
        let crs = Legacy.upgradeOne(Legacy.el("other-identifier", ["owner-name": "OECD DAC CRS"], text: "'00071060"))
        #expect(crs[attribute: "type"] == "A2")
        #expect(crs[attribute: "ref"] == "'00071060")
        #expect(crs.child("owner-org")?[attribute: "ref"] == nil)
        #expect(crs.child("owner-org")?.upNarrativeTexts == ["OECD DAC CRS"])

        let other = Legacy.upgradeOne(Legacy.el("other-identifier", ["owner-ref": "UNDP"], text: "00072538"))
        #expect(other[attribute: "type"] == "A9")
        #expect(other.child("owner-org")?[attribute: "ref"] == "UNDP")
        #expect(other.child("owner-org")?.upNarratives.isEmpty == true)

        let already = Legacy.el("other-identifier", ["ref": "X-1", "type": "B1"])
        #expect(Legacy.upgradeOne(already) == already)
    }

    @Test func removedAndRenamedElementsAndAttributes() {
        let upgraded = LegacyUpgrade.upgradeActivity(
            Legacy.activity(
                [
                    Legacy.el("crs-add", [Legacy.el("aidtype-flag", ["code": "1", "significance": "1"], text: "Free standing")]),
                    Legacy.el(
                        "result",
                        [
                            Legacy.el("description", ["type": "1"], text: "Result"),
                            Legacy.el("indicator", [Legacy.el("description", ["type": "1"], text: "Indicator")]),
                        ]),
                    Legacy.el("document-link", ["url": "http://x", "language": "fr"]),
                ], ["version": "1.03", "default-currency": "USD"]))
        #expect(upgraded[attribute: "version"] == nil)
        #expect(upgraded[attribute: "default-currency"] == "USD")
        let flags = upgraded.child("crs-add")?.child("other-flags")
        #expect(flags?[attribute: "code"] == "1")
        #expect(flags?.text == "")
        let result = upgraded.child("result")
        #expect(result?.child("description")?[attribute: "type"] == nil)
        #expect(result?.child("description")?.upNarrativeTexts == ["Result"])
        #expect(result?.child("indicator")?.child("description")?[attribute: "type"] == nil)
        let link = upgraded.child("document-link")
        #expect(link?[attribute: "language"] == nil)
        #expect(link?.child("language")?[attribute: "code"] == "fr")
    }

    @Test func organisationIdentifierAndVersion() throws {
        let upgraded = LegacyUpgrade.upgradeOrganisation(
            Legacy.el(
                "iati-organisation", ["version": "1.05", "default-currency": "USD"], line: 3,
                [
                    Legacy.el("iati-identifier", text: "21020", line: 4),
                    Legacy.el("name", text: "International HIV/AIDS Alliance"),
                    Legacy.el(
                        "total-budget",
                        [
                            Legacy.el("period-start", ["iso-date": "2012-01-01"], text: "January 2012"),
                            Legacy.el("value", ["currency": "USD"], text: "131000000"),
                        ]),
                ]))
        #expect(upgraded[attribute: "version"] == nil)
        #expect(upgraded.line == 3)
        let identifier = try #require(upgraded.child("organisation-identifier"))
        #expect(identifier.text == "21020")
        #expect(identifier.line == 4)
        #expect(upgraded.child("iati-identifier") == nil)
        #expect(upgraded.child("name")?.upNarrativeTexts == ["International HIV/AIDS Alliance"])
        #expect(upgraded.child("total-budget")?.child("period-start")?.text == "")
        #expect(upgraded.child("total-budget")?.child("value")?.text == "131000000")
    }

    // MARK: What is kept

    @Test func unknownChildrenAttributesAndExtensionsAreKept() {
        let registry = XMLNode(
            name: "registry-record", namespace: Legacy.registry, prefix: "ir",
            attributes: [XMLAttribute(name: "title", value: "DFID")],
            children: [XMLNode(name: "title", text: "Not IATI's title")], text: "x")
        let unknown = Legacy.el("budget-planned", ["type": "annual"], [Legacy.el("value", text: "63964.68")])
        let legacyData = Legacy.el("legacy-data", ["name": "n", "value": "v", "iati-equivalent": "sector"], text: "20%")
        let activity = Legacy.activity(
            [
                Legacy.el("iati-identifier", text: "US-1-TZ-21435"),
                registry, unknown, legacyData,
                Legacy.el("title", ["odd": "1"], text: "T", [registry]),
            ], ["version": "1.0", "hierarchy": "", "last-updated-datetime": "2012-10-01T00:00:00"])
        let upgraded = LegacyUpgrade.upgradeActivity(activity)
        // Schema order: known elements first, then unknown ones and extensions in their order.
        #expect(upgraded.children.count == 5)
        #expect(upgraded.children[0] == Legacy.el("iati-identifier", text: "US-1-TZ-21435"))
        #expect(upgraded.children[1][attribute: "odd"] == "1")
        #expect(upgraded.children[1].children.last == registry)
        #expect(upgraded.children[2] == legacyData)
        #expect(upgraded.children[3] == registry)
        #expect(upgraded.children[4] == unknown)
        #expect(upgraded[attribute: "hierarchy"] == "")
        #expect(upgraded[attribute: "last-updated-datetime"] == "2012-10-01T00:00:00")

        let extensionRoot = XMLNode(name: "iati-activity", namespace: "urn:other", children: [Legacy.el("title", text: "T")])
        #expect(LegacyUpgrade.upgradeActivity(extensionRoot) == extensionRoot)
    }

    @Test func upgradingTwiceChangesNothing() {
        let activity = Legacy.activity([
            Legacy.el("reporting-org", ["ref": "GB-1", "type": "10"], text: "DFID"),
            Legacy.el("title", ["xml:lang": "en"], text: "Roads"),
            Legacy.el("title", ["xml:lang": "fr"], text: "Routes"),
            Legacy.el("participating-org", ["role": "Funding"], text: "DFID"),
            Legacy.el("activity-date", ["type": "start-actual"], text: "2010-01-01"),
            Legacy.el("activity-website", text: "http://x"),
            Legacy.el("other-identifier", ["owner-ref": "GB-1"], text: "1"),
            Legacy.el("location", [Legacy.el("coordinates", ["latitude": "1", "longitude": "2", "precision": "3"])]),
            Legacy.el(
                "transaction",
                [
                    Legacy.el("transaction-type", ["code": "D"], text: "Disbursement"),
                    Legacy.el("transaction-date", ["iso-date": "2010-02-01"], text: "1 Feb"),
                    Legacy.el("provider-org", ["ref": "GB-1"], text: "DFID"),
                ]),
        ])
        let once = LegacyUpgrade.upgradeActivity(activity)
        #expect(once != activity)
        #expect(LegacyUpgrade.upgradeActivity(once) == once)
    }

    @Test func legacyVersions() {
        for version in ["1.0", "1.00", "1.01", "1.02", "1.03", "1.04", "1.05", " 1.05 "] {
            #expect(LegacyUpgrade.isLegacyVersion(version), "\(version)")
        }
        for version in [nil, "", "2.01", "2.03", "10.1"] as [String?] {
            #expect(!LegacyUpgrade.isLegacyVersion(version), "\(String(describing: version))")
        }
    }
}
