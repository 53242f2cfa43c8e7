import Foundation
import IATI
import Testing

@Suite struct ActivityTests {
    static let node = X.el("iati-activity", [
        "last-updated-datetime": "2024-05-01T10:00:00Z", "xml:lang": "EN", "default-currency": "USD",
        "humanitarian": "true", "hierarchy": "2", "linked-data-uri": "http://example.org/a/1",
        "budget-not-provided": "3", "dataset": "xm-dac-41302-activity", "version": "2.03",
    ], [
        X.el("iati-identifier", text: "\n  XM-DAC-41302-123456 \n"),
        X.el("reporting-org", ["ref": "XM-DAC-41302", "type": "40", "secondary-reporter": "0"], [
            X.narrative("International Labour Organization", lang: "en"),
            X.narrative("Organisation internationale du Travail", lang: "fr"),
        ]),
        X.text("title", [X.narrative("Skills for jobs"), X.narrative("Compétences", lang: "fr")]),
        X.el("description", ["type": "1"], [X.narrative("General")]),
        X.el("description", ["type": "2"], [X.narrative("Objectives"), X.narrative("Objectifs", lang: "fr")]),
        X.el("participating-org", ["ref": "XM-DAC-41302", "type": "40", "role": "4", "activity-id": "A1", "crs-channel-code": "41302"], [
            X.narrative("ILO"),
        ]),
        X.el("participating-org", ["role": "1"], [X.narrative("Donor without ref")]),
        X.el("other-identifier", ["ref": "INT/19/01", "type": "A1"], [
            X.el("owner-org", ["ref": "XM-DAC-41302"], [X.narrative("ILO")]),
        ]),
        X.el("activity-status", ["code": "2"]),
        X.el("activity-date", ["type": "1", "iso-date": " 2020-01-01 "]),
        X.el("activity-date", ["type": "2", "iso-date": "2020-02-01"], [X.narrative("Kick-off")]),
        X.el("contact-info", ["type": "1"], [
            X.text("organisation", [X.narrative("ILO")]),
            X.text("department", [X.narrative("PARDEV")]),
            X.text("person-name", [X.narrative("A. Person")]),
            X.text("job-title", [X.narrative("Officer")]),
            X.el("telephone", text: "+41 22 799 6111"),
            X.el("email", text: " pardev@ilo.org "),
            X.el("email", text: "info@ilo.org"),
            X.el("website", text: "https://www.ilo.org"),
            X.text("mailing-address", [X.narrative("4 route des Morillons, Geneva")]),
        ]),
        X.el("activity-scope", ["code": "4"]),
        X.el("recipient-country", ["code": "KE", "percentage": "60"], [X.narrative("Kenya")]),
        X.el("recipient-country", ["code": "TZ", "percentage": " 40 "]),
        X.el("recipient-region", ["code": "289", "vocabulary": "1", "vocabulary-uri": "http://x", "percentage": "100"]),
        X.el("location", ["ref": "L1"], [
            X.el("location-reach", ["code": "1"]),
            X.el("location-id", ["code": "1234", "vocabulary": "G1"]),
            X.text("name", [X.narrative("Nairobi")]),
            X.text("description", [X.narrative("Capital")]),
            X.text("activity-description", [X.narrative("Training centre")]),
            X.el("administrative", ["code": "KE-30", "vocabulary": "G1", "level": "1"]),
            X.el("point", ["srsName": "http://www.opengis.net/def/crs/EPSG/0/4326"], [X.el("pos", text: "-1.28 36.82")]),
            X.el("exactness", ["code": "1"]),
            X.el("location-class", ["code": "2"]),
            X.el("feature-designation", ["code": "PPLC"]),
        ]),
        X.el("sector", ["code": "16020", "vocabulary": "1", "percentage": "70"]),
        X.el("sector", ["code": "OUTCOME-1", "vocabulary": "99", "vocabulary-uri": "https://ilo.org/pb", "percentage": "30"], [
            X.narrative("Employment promotion"),
        ]),
        X.el("tag", ["code": "8.5", "vocabulary": "3"]),
        X.el("tag", ["code": "SSTC", "vocabulary": "99", "vocabulary-uri": "https://ilo.org/sstc"], [X.narrative("South-South")]),
        X.el("country-budget-items", ["vocabulary": "4"], [
            X.el("budget-item", ["code": "1.1.1", "percentage": "100"], [X.text("description", [X.narrative("Labour")])]),
        ]),
        X.el("humanitarian-scope", ["type": "1", "vocabulary": "1-2", "code": "FKEN20"], [X.narrative("Floods")]),
        X.el("policy-marker", ["code": "1", "vocabulary": "1", "significance": "2"]),
        X.el("policy-marker", ["code": "X", "vocabulary": "99", "vocabulary-uri": "https://ilo.org/pm"], [X.narrative("Tripartism")]),
        X.el("collaboration-type", ["code": "4"]),
        X.el("default-flow-type", ["code": "10"]),
        X.el("default-finance-type", ["code": "110"]),
        X.el("default-aid-type", ["code": "C01"]),
        X.el("default-aid-type", ["code": "1", "vocabulary": "2"]),
        X.el("default-tied-status", ["code": "5"]),
        X.el("budget", ["type": "1", "status": "2"], [
            X.el("period-start", ["iso-date": "2020-01-01"]),
            X.el("period-end", ["iso-date": "2020-12-31"]),
            X.el("value", ["currency": "USD", "value-date": "2020-01-01"], text: "500000"),
        ]),
        X.el("planned-disbursement", ["type": "1"], [
            X.el("period-start", ["iso-date": "2021-01-01"]),
            X.el("period-end", ["iso-date": "2021-03-31"]),
            X.el("value", ["value-date": "2021-01-01"], text: "1 000.50"),
            X.el("provider-org", ["ref": "DONOR", "provider-activity-id": "D-1", "type": "10"], [X.narrative("Donor")]),
            X.el("receiver-org", ["ref": "XM-DAC-41302", "receiver-activity-id": "XM-DAC-41302-123456", "type": "40"]),
        ]),
        X.el("capital-spend", ["percentage": "12.5"]),
        X.el("transaction", [:], [
            X.el("transaction-type", ["code": "2"]),
            X.el("transaction-date", ["iso-date": "2020-01-10"]),
            X.el("value", ["value-date": "2020-01-10"], text: "500000"),
        ]),
        X.el("document-link", ["url": "https://ilo.org/doc.pdf", "format": "application/pdf"], [
            X.text("title", [X.narrative("Evaluation")]),
            X.text("description", [X.narrative("Final evaluation")]),
            X.el("category", ["code": "A07"]),
            X.el("category", ["code": "A12"]),
            X.el("language", ["code": "en"]),
            X.el("language", ["code": "fr"]),
            X.el("document-date", ["iso-date": "2023-11-30"]),
        ]),
        X.el("related-activity", ["ref": "XM-DAC-41302-PARENT", "type": "1"]),
        X.el("legacy-data", ["name": "Project code", "value": " INT/19/01 ", "iati-equivalent": "other-identifier"]),
        X.el("conditions", ["attached": "1"], [
            X.el("condition", ["type": "1"], [X.narrative("Policy reform")]),
            X.el("condition", ["type": "2"], [X.narrative("Co-financing")]),
        ]),
        X.el("result", ["type": "1"], [
            X.text("title", [X.narrative("Result")]),
            X.el("indicator", ["measure": "1"], [X.text("title", [X.narrative("Indicator")])]),
        ]),
        X.el("crs-add", [:], [
            X.el("other-flags", ["code": "1", "significance": "1"]),
            X.el("loan-terms", ["rate-1": "4", "rate-2": "3"], [
                X.el("repayment-type", ["code": "1"]),
                X.el("repayment-plan", ["code": "4"]),
                X.el("commitment-date", ["iso-date": "2020-01-01"]),
                X.el("repayment-first-date", ["iso-date": "2022-01-01"]),
                X.el("repayment-final-date", ["iso-date": "2030-01-01"]),
            ]),
            X.el("loan-status", ["year": "2023", "currency": "USD", "value-date": "2023-12-31"], [
                X.el("interest-received", text: "2000"),
                X.el("principal-outstanding", text: "1 500 000"),
                X.el("principal-arrears", text: "0"),
                X.el("interest-arrears", text: "0"),
            ]),
            X.el("channel-code", text: "41302"),
        ]),
        X.el("fss", ["extraction-date": "2024-01-01"], [X.el("forecast", ["year": "2025"], text: "10")]),
    ])

    @Test func readsAttributesAndKeepsUnknownOnes() {
        let activity = Activity(node: Self.node)
        #expect(activity.lastUpdatedDatetime == "2024-05-01T10:00:00Z")
        #expect(activity.lang == "EN")
        #expect(activity.defaultCurrency == "USD")
        #expect(activity.humanitarian == "true")
        #expect(activity.hierarchy == "2")
        #expect(activity.linkedDataURI == "http://example.org/a/1")
        #expect(activity.budgetNotProvided == "3")
        #expect(activity.extensionAttributes.map(\.name) == ["dataset", "version"])
        #expect(activity.extensionAttributes.first?.value == "xm-dac-41302-activity")
        #expect(activity.extensions.isEmpty, "every child of a standard activity is modelled")
        #expect(activity.leafExtensions.isEmpty)
    }

    @Test func readsIdentificationAndOrganisations() {
        let activity = Activity(node: Self.node)
        #expect(activity.iatiIdentifier == "XM-DAC-41302-123456")
        #expect(activity.reportingOrg?.ref == "XM-DAC-41302")
        #expect(activity.reportingOrg?.type == "40")
        #expect(activity.reportingOrg?.secondaryReporter == "0")
        #expect(activity.reportingOrg?.name.text(in: "fr") == "Organisation internationale du Travail")
        #expect(activity.title?.narratives.map(\.text) == ["Skills for jobs", "Compétences"])
        #expect(activity.descriptions.map(\.type) == ["1", "2"])
        #expect(activity.descriptions[1].narrative.text(in: "fr") == "Objectifs")
        #expect(activity.participatingOrgs.count == 2)
        let ilo = activity.participatingOrgs[0]
        #expect([ilo.ref, ilo.type, ilo.role, ilo.activityID, ilo.crsChannelCode] == ["XM-DAC-41302", "40", "4", "A1", "41302"])
        #expect(ilo.name.text() == "ILO")
        #expect(activity.participatingOrgs[1].ref == nil)
        #expect(activity.otherIdentifiers.first?.ref == "INT/19/01")
        #expect(activity.otherIdentifiers.first?.type == "A1")
        #expect(activity.otherIdentifiers.first?.ownerOrg?.ref == "XM-DAC-41302")
        #expect(activity.otherIdentifiers.first?.ownerOrg?.narrative.text() == "ILO")
    }

    @Test func readsStatusDatesContactsAndScope() {
        let activity = Activity(node: Self.node)
        #expect(activity.activityStatus == "2")
        #expect(activity.activityDates.map(\.isoDate) == ["2020-01-01", "2020-02-01"])
        #expect(activity.activityDates.map(\.type) == ["1", "2"])
        #expect(activity.activityDates[1].narrative.text() == "Kick-off")
        let contact = activity.contactInfos.first
        #expect(contact?.type == "1")
        #expect(contact?.organisation?.text() == "ILO")
        #expect(contact?.department?.text() == "PARDEV")
        #expect(contact?.personName?.text() == "A. Person")
        #expect(contact?.jobTitle?.text() == "Officer")
        #expect(contact?.telephones == ["+41 22 799 6111"])
        #expect(contact?.emails == ["pardev@ilo.org", "info@ilo.org"])
        #expect(contact?.websites == ["https://www.ilo.org"])
        #expect(contact?.mailingAddresses.first?.text() == "4 route des Morillons, Geneva")
        #expect(activity.activityScope == "4")
    }

    @Test func readsGeography() {
        let activity = Activity(node: Self.node)
        #expect(activity.recipientCountries.map(\.code) == ["KE", "TZ"])
        #expect(activity.recipientCountries.map(\.percentage) == ["60", "40"])
        #expect(activity.recipientCountries[0].narrative.text() == "Kenya")
        let region = activity.recipientRegions.first
        #expect([region?.code, region?.vocabulary, region?.vocabularyURI, region?.percentage] == ["289", "1", "http://x", "100"])
        let location = activity.locations.first
        #expect(location?.ref == "L1")
        #expect(location?.locationReach == "1")
        #expect(location?.locationIDs == [LocationID(code: "1234", vocabulary: "G1")])
        #expect(location?.name?.text() == "Nairobi")
        #expect(location?.description?.text() == "Capital")
        #expect(location?.activityDescription?.text() == "Training centre")
        #expect(location?.administratives == [Administrative(code: "KE-30", vocabulary: "G1", level: "1")])
        #expect(location?.point?.srsName == "http://www.opengis.net/def/crs/EPSG/0/4326")
        #expect(location?.point?.pos == "-1.28 36.82")
        #expect(location?.exactness == "1")
        #expect(location?.locationClass == "2")
        #expect(location?.featureDesignation == "PPLC")
    }

    @Test func readsClassifications() {
        let activity = Activity(node: Self.node)
        #expect(activity.sectors.map(\.code) == ["16020", "OUTCOME-1"])
        #expect(activity.sectors[1].vocabulary == "99")
        #expect(activity.sectors[1].vocabularyURI == "https://ilo.org/pb")
        #expect(activity.sectors.map(\.percentage) == ["70", "30"])
        #expect(activity.sectors[1].narrative.text() == "Employment promotion")
        #expect(activity.tags.map(\.code) == ["8.5", "SSTC"])
        #expect(activity.tags[1].vocabularyURI == "https://ilo.org/sstc")
        #expect(activity.countryBudgetItems?.vocabulary == "4")
        #expect(activity.countryBudgetItems?.budgetItems.first?.code == "1.1.1")
        #expect(activity.countryBudgetItems?.budgetItems.first?.percentage == "100")
        #expect(activity.countryBudgetItems?.budgetItems.first?.description?.text() == "Labour")
        let scope = activity.humanitarianScopes.first
        #expect([scope?.type, scope?.vocabulary, scope?.code] == ["1", "1-2", "FKEN20"])
        #expect(activity.policyMarkers.map(\.significance) == ["2", nil])
        #expect(activity.policyMarkers[1].vocabularyURI == "https://ilo.org/pm")
        #expect(activity.policyMarkers[1].narrative.text() == "Tripartism")
        #expect(activity.collaborationType == "4")
        #expect(activity.defaultFlowType == "10")
        #expect(activity.defaultFinanceType == "110")
        #expect(activity.defaultAidTypes == [AidType(code: "C01"), AidType(code: "1", vocabulary: "2")])
        #expect(activity.defaultTiedStatus == "5")
    }

    @Test func readsMoney() {
        let activity = Activity(node: Self.node)
        let budget = activity.budgets.first
        #expect([budget?.type, budget?.status, budget?.periodStart, budget?.periodEnd] == ["1", "2", "2020-01-01", "2020-12-31"])
        #expect(budget?.value?.amount == 500_000)
        #expect(budget?.value?.currency == "USD")
        let planned = activity.plannedDisbursements.first
        #expect(planned?.type == "1")
        #expect(planned?.periodStart == "2021-01-01")
        #expect(planned?.periodEnd == "2021-03-31")
        #expect(planned?.value?.text == "1 000.50")
        #expect(planned?.value?.amount == Decimal(string: "1000.5"))
        #expect(planned?.providerOrg?.providerActivityID == "D-1")
        #expect(planned?.providerOrg?.narrative.text() == "Donor")
        #expect(planned?.receiverOrg?.receiverActivityID == "XM-DAC-41302-123456")
        #expect(planned?.receiverOrg?.type == "40")
        #expect(activity.capitalSpend == "12.5")
        #expect(activity.transactions.count == 1)
        #expect(activity.transactions.first?.transactionType == "2")
    }

    @Test func readsDocumentsLinksAndCRS() {
        let activity = Activity(node: Self.node)
        let document = activity.documentLinks.first
        #expect(document?.url == "https://ilo.org/doc.pdf")
        #expect(document?.format == "application/pdf")
        #expect(document?.title?.text() == "Evaluation")
        #expect(document?.description?.text() == "Final evaluation")
        #expect(document?.categories == ["A07", "A12"])
        #expect(document?.languages == ["en", "fr"])
        #expect(document?.documentDate == "2023-11-30")
        #expect(activity.relatedActivities == [RelatedActivity(ref: "XM-DAC-41302-PARENT", type: "1")])
        #expect(activity.legacyData.first?.name == "Project code")
        #expect(activity.legacyData.first?.value == " INT/19/01 ", "legacy values are kept as written")
        #expect(activity.legacyData.first?.iatiEquivalent == "other-identifier")
        #expect(activity.conditions?.attached == "1")
        #expect(activity.conditions?.conditions.map(\.type) == ["1", "2"])
        #expect(activity.conditions?.conditions[1].narrative.text() == "Co-financing")
        #expect(activity.results.first?.indicators.first?.title?.text() == "Indicator")
        let crs = activity.crsAdd
        #expect(crs?.otherFlags == [OtherFlag(code: "1", significance: "1")])
        #expect(crs?.loanTerms?.rate1 == "4")
        #expect(crs?.loanTerms?.rate2 == "3")
        #expect(crs?.loanTerms?.repaymentType == "1")
        #expect(crs?.loanTerms?.repaymentPlan == "4")
        #expect(crs?.loanTerms?.commitmentDate == "2020-01-01")
        #expect(crs?.loanTerms?.repaymentFirstDate == "2022-01-01")
        #expect(crs?.loanTerms?.repaymentFinalDate == "2030-01-01")
        #expect(crs?.loanStatus?.year == "2023")
        #expect(crs?.loanStatus?.currency == "USD")
        #expect(crs?.loanStatus?.valueDate == "2023-12-31")
        #expect(crs?.loanStatus?.interestReceived == "2000")
        #expect(crs?.loanStatus?.principalOutstanding == "1 500 000")
        #expect(crs?.loanStatus?.principalArrears == "0")
        #expect(crs?.loanStatus?.interestArrears == "0")
        #expect(crs?.channelCode == "41302")
        #expect(activity.fss?.forecasts.first?.amount == 10)
    }

    @Test func decodingIsDeterministic() {
        let first = Activity(node: Self.node)
        let second = Activity(node: Self.node)
        #expect(first == second)
        #expect(Set([first, second]).count == 1)
        var changed = Self.node
        changed.children[0].text = "XM-DAC-41302-OTHER"
        #expect(Activity(node: changed) != first)
    }

    @Test func emptyActivityDecodesToNothing() {
        let activity = Activity(node: X.el("iati-activity"))
        #expect(activity == Activity())
        #expect(activity.iatiIdentifier == nil)
        #expect(activity.title == nil)
        #expect(activity.transactions.isEmpty)
    }

    @Test func emptyElementsDoNotCrashAndSurvive() {
        let activity = Activity(node: X.el("iati-activity", [:], [
            X.el("iati-identifier"),
            X.el("reporting-org"),
            X.el("title"),
            X.el("description"),
            X.el("participating-org"),
            X.el("activity-status"),
            X.el("activity-status", ["code": ""]),
            X.el("activity-date"),
            X.el("sector"),
            X.el("budget", [:], [X.el("value")]),
            X.el("transaction"),
            X.el("document-link", [:], [X.el("category")]),
            X.el("result", [:], [X.el("indicator", [:], [X.el("period")])]),
        ]))
        #expect(activity.iatiIdentifier == nil)
        #expect(activity.reportingOrg == ReportingOrg())
        #expect(activity.title?.isEmpty == true)
        #expect(activity.descriptions == [Description()])
        #expect(activity.participatingOrgs.first?.role == nil)
        #expect(activity.activityStatus == nil)
        #expect(activity.sectors == [Sector()])
        #expect(activity.budgets.first?.value?.amount == nil)
        #expect(activity.transactions == [Transaction()])
        #expect(activity.documentLinks.first?.categories == [])
        #expect(activity.documentLinks.first?.extensions.map(\.name) == ["category"])
        #expect(activity.results.first?.indicators.first?.periods == [Period()])
        // Elements without their value are kept as they came so a writer can put them back.
        #expect(activity.extensions.map(\.name) == ["iati-identifier", "activity-status", "activity-status"])
    }

    @Test func elementsOutOfOrderAreRead() {
        let activity = Activity(node: X.el("iati-activity", [:], [
            X.el("transaction", [:], [
                X.el("value", text: "5"),
                X.el("transaction-date", ["iso-date": "2020-01-01"]),
                X.el("transaction-type", ["code": "3"]),
            ]),
            X.el("sector", ["code": "111"]),
            X.text("title", [X.narrative("Late title")]),
            X.el("iati-identifier", text: "ID-1"),
        ]))
        #expect(activity.iatiIdentifier == "ID-1")
        #expect(activity.title?.text() == "Late title")
        #expect(activity.sectors.map(\.code) == ["111"])
        #expect(activity.transactions.first?.transactionType == "3")
        #expect(activity.transactions.first?.value?.amount == 5)
        #expect(activity.extensions.isEmpty)
    }

    @Test func memberwiseInitBuildsActivities() {
        let activity = Activity(
            defaultCurrency: "USD", iatiIdentifier: "XM-DAC-41302-1",
            title: NarrativeText(narratives: [Narrative(text: "Title", lang: "en")]),
            activityStatus: "2",
            sectors: [Sector(code: "16020", vocabulary: "1", percentage: "100")])
        #expect(activity.title?.text(in: "EN") == "Title")
        #expect(activity.sectors.first?.code == "16020")
        #expect(activity.budgets.isEmpty)
    }
}
