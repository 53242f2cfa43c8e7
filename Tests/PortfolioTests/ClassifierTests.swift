import Portfolio
import Testing

@Suite struct ClassifierTests {
    let classifier = Classifier()
    let vocabulary = AgencyVocabulary.standard

    @Test func agencyTagsDecideModalitySourceOutcomeAndSSTC() {
        let activity = ActivityProfile(
            countries: [.init(code: "bd")],
            sectors: [
                .init(code: "16020", vocabulary: "1", percentage: 100),
                .init(code: "7", vocabulary: "99", vocabularyURI: vocabulary.outcome, percentage: 60),
                .init(code: "8", vocabulary: "99", vocabularyURI: vocabulary.outcome + "/", percentage: 40),
            ],
            tags: [
                .init(code: "rbsa", vocabulary: "99", vocabularyURI: vocabulary.modality),
                .init(code: "1", vocabulary: "99", vocabularyURI: vocabulary.sstc),
                .init(code: "domestic-development-funding", vocabulary: "99", vocabularyURI: vocabulary.fundingSource),
                // Another publisher's vocabulary 99 says nothing to the agency.
                .init(code: "xbdc", vocabulary: "99", vocabularyURI: "https://example.org/other/modality"),
            ])
        let classification = classifier.classify(activity)
        #expect(classification.region == .asiaPacific)
        #expect(classification.country == "BD")
        #expect(classification.outcome == .protectionAtWork)
        #expect(classification.modality == .rbsa)
        #expect(classification.source == .domesticDevelopmentFunding)
        #expect(classification.isSSTC)
        let partner = classifier.partner(provider: .init(ref: "XM-DAC-5", name: "BMZ"), in: activity, classification: classification)
        #expect(partner.source == .domesticDevelopmentFunding)
        #expect(partner.name == "Domestic development funding (DTF)")
    }

    @Test func regionsFollowTheAgencysGroupings() {
        func region(_ codes: [String]) -> Region { classifier.classify(ActivityProfile(countries: codes.map { .init(code: $0) })).region }
        #expect(region(["EG"]) == .africa)  // North Africa is Africa
        #expect(region(["JO"]) == .arabStates)
        #expect(region(["PS"]) == .arabStates)
        #expect(region(["SA", "AE"]) == .arabStates)
        #expect(region(["TR"]) == .europeCentralAsia)
        #expect(region(["KG"]) == .europeCentralAsia)
        #expect(region(["PE"]) == .americas)
        #expect(region(["IR"]) == .asiaPacific)
        #expect(region(["PE", "KE"]) == .global)
        #expect(region([]) == .global)
        #expect(classifier.classify(ActivityProfile(regions: [.init(code: "298", vocabulary: "1")])).region == .africa)
        #expect(classifier.classify(ActivityProfile(regions: [.init(code: "998")])).region == .global)
    }

    @Test func partnerComesFromKnownIdentifiersThenOrganisationType() {
        let activity = ActivityProfile(participatingOrgs: [
            .init(ref: "GB-CHC-202918", type: "21", role: "1", name: "Oxfam GB"),
            .init(ref: "XM-DAC-41114", type: "40", role: "1", name: "UNDP"),
        ])
        let classification = classifier.classify(activity)
        func partner(_ ref: String?, _ name: String? = nil) -> FundingPartner {
            classifier.partner(provider: .init(ref: ref, name: name), in: activity, classification: classification)
        }
        #expect(partner("XI-IATI-EC_INTPA").source == .europeanCommission)
        #expect(partner("XI-IATI-EC_INTPA").name == "European Commission")
        #expect(partner("XM-DAC-41114").name == "United Nations")
        #expect(partner("44000").source == .internationalFinancialInstitution)
        #expect(partner("XM-DAC-5").name == "Germany")
        #expect(partner("XM-DAC-5").source == .multiBilateral)
        // Not in the table: the participating-org's type decides, and the partner group is named.
        #expect(partner("GB-CHC-202918").source == .publicPrivatePartnership)
        #expect(partner("GB-CHC-202918").name == "Private and non-state actors")
        // Nothing decides: unclassified, still named.
        let unknown = partner("ZZ-UNKNOWN-1", "Somebody")
        #expect(unknown.source == nil)
        #expect(unknown.name == "Somebody")
        // No provider: the first funding participating-org.
        #expect(partner(nil).ref == "GB-CHC-202918")
    }
}
