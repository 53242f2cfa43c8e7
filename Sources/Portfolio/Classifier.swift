import Foundation

/// Classifies any publisher's activities and their funding for the agency's analytics.
///
/// The partner of a sum is the provider of the incoming funds (the transaction's provider-org, else
/// the activity's first funding participating-org). Its funding source is, in order: the agency's
/// own `funding-source` tag on the activity; the bundled table of well-known identifiers; the
/// organisation's IATI OrganisationType (the provider's, else that of the participating-org with the
/// same identifier). What none of these decide is unclassified.
public struct Classifier: Sendable {
    public var vocabulary: AgencyVocabulary
    public var countries: CountryRegions
    public var organisations: KnownOrganisations

    public init(
        vocabulary: AgencyVocabulary = .standard, countries: CountryRegions = .bundled,
        organisations: KnownOrganisations = .bundled
    ) {
        self.vocabulary = vocabulary
        self.countries = countries
        self.organisations = organisations
    }

    /// The activity's region, country, outcome, modality and agency tags.
    public func classify(_ activity: ActivityProfile) -> Classification {
        func tag(_ uri: String) -> String? {
            activity.tags.first { $0.vocabulary == AgencyVocabulary.iatiCode && vocabulary.matches($0.vocabularyURI, uri) }?.code
        }
        let countryCodes = activity.countries.map { $0.code.uppercased() }
        let regions = Set(countryCodes.compactMap { countries.region(of: $0) })
        let region: Region
        if regions.count == 1, let only = regions.first {
            region = only
        } else if regions.isEmpty, !activity.regions.isEmpty {
            let dac = Set(activity.regions.filter { ($0.vocabulary ?? "1") == "1" }.map { Region(dacRegion: $0.code) })
            region = dac.count == 1 ? dac.first! : .global
        } else {
            region = .global
        }
        let outcomes = activity.sectors.filter {
            $0.vocabulary == AgencyVocabulary.iatiCode && vocabulary.matches($0.vocabularyURI, vocabulary.outcome)
        }
        // The largest share; the first written among equals.
        let outcome = outcomes.enumerated().max { lhs, rhs in
            let left = lhs.element.percentage ?? 0, right = rhs.element.percentage ?? 0
            return left != right ? left < right : lhs.offset > rhs.offset
        }?.element.code
        return Classification(
            region: region,
            country: Set(countryCodes).count == 1 ? countryCodes[0] : nil,
            outcome: outcome.flatMap { Outcome(rawValue: $0.uppercased()) },
            modality: tag(vocabulary.modality).flatMap { FundingModality(rawValue: $0.lowercased()) },
            source: tag(vocabulary.fundingSource).flatMap { FundingSource(rawValue: $0.lowercased()) },
            isSSTC: tag(vocabulary.sstc).map { $0 == "1" || $0.lowercased() == "true" } ?? false,
            dwcp: tag(vocabulary.dwcp), cpo: tag(vocabulary.cpo))
    }

    /// The partner of a sum the activity received from `provider` (a transaction's provider-org,
    /// empty when the transaction names none).
    public func partner(provider: ActivityProfile.Organisation, in activity: ActivityProfile, classification: Classification) -> FundingPartner {
        var provider = provider
        if (provider.ref ?? "").isEmpty && (provider.name ?? "").isEmpty,
           let funder = activity.participatingOrgs.first(where: { $0.role == "1" }) {
            provider = funder
        }
        let ref = provider.ref.flatMap { $0.isEmpty ? nil : $0 }
        let known = ref.flatMap { organisations.entry(for: $0) }
        var type = provider.type
        if type == nil, let ref {
            type = activity.participatingOrgs.first { $0.ref == ref && $0.type != nil }?.type
        }
        let source = classification.source ?? known?.source ?? type.flatMap { FundingSource(organisationType: $0) }
        let name = source?.groupPartner ?? known?.partner ?? provider.name.flatMap { $0.isEmpty ? nil : $0 } ?? ref
        return FundingPartner(name: name, ref: ref, source: source)
    }
}
