import Foundation
import Portfolio
import Store

/// What a funding key is called in the request's language, and the page about it.
///
/// Funding sources, regions, outcomes and modalities are named by the interface texts (English and
/// Chinese as `Portfolio` names them, a test holds them equal; French and Spanish of our own);
/// countries by the ISO names Foundation's locale data has in every language; the partners of the
/// seed's table by `PartnerNames`; other partners and reporting organisations by the names the
/// data gives them.
struct FundingLabels {
    let site: Site
    let page: PageRequest

    /// The name of `key` of `dimension`; "Not classified" for sums without one.
    func name(_ dimension: FundingQuery.Dimension, _ key: String?) -> String {
        guard let key else { return site.text("not_classified", page) }
        switch dimension {
        case .year, .reportingOrg:
            return key
        case .partner:
            return PartnerNames.bundled.name(of: key, in: page.language.rawValue) ?? key
        case .country:
            return Self.countryName(key, page.language) ?? key
        case .source, .region, .outcome, .modality, .core, .sstc:
            return text("\(dimension.rawValue)_\(key)") ?? key
        }
    }

    /// The name of `key` for a chart's legend or axis: funding sources by their short names
    /// (PPP, DTF, IFI… as the seed's figures write them), everything else by its name.
    func shortName(_ dimension: FundingQuery.Dimension, _ key: String?) -> String {
        guard dimension == .source, let key, let short = text("source_short_\(key)") else { return name(dimension, key) }
        return short
    }

    /// Why an amount was not converted, in the request's language: the store keeps the reason as
    /// ``ExchangeRates/Reason`` words; any other reason is shown as stored.
    func unconvertedReason(_ reason: String) -> String {
        guard let known = ExchangeRates.Reason(rawValue: reason) else { return reason }
        return text("unconverted_reason_\(known)") ?? reason
    }

    /// The name of a funding source code; "Not classified" for `nil`.
    func sourceName(_ code: String?) -> String { name(.source, code) }

    /// The address of the page about `key` of `dimension`, for the period of `filters`; `nil` for
    /// dimensions without pages and sums without a key.
    func href(_ dimension: FundingQuery.Dimension, _ key: String?, period: Period) -> String? {
        guard let key, let kind = EntityKind(dimension: dimension) else { return nil }
        return page.link(kind.path(key), period.parameters)
    }

    /// A country's name in `language` from the locale data; `nil` for a code it does not know.
    static func countryName(_ code: String, _ language: Language) -> String? {
        let name = Locale(identifier: language.rawValue).localizedString(forRegionCode: code.uppercased())
        return name == code.uppercased() ? nil : name
    }

    private func text(_ key: String) -> String? {
        site.localizer.table(page.language)[key]
    }
}
