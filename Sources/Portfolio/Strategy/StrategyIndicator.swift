/// What an indicator counts in.
public enum IndicatorUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case count
    /// A fraction between 0 and 1, shown as a percentage.
    case share
    case millionUSD = "million-usd"
}

/// A figure the store computes from the portfolio itself, as of a date.
public enum ComputedMeasure: String, Sendable, Hashable, Codable, CaseIterable {
    /// Decent Work Country Programmes in force on the date.
    case activeDWCPs = "active-dwcps"
    /// Of those, the ones with a tripartite steering committee on the date.
    case dwcpsWithCommittee = "dwcps-with-committee"
    /// The share of active programmes with a committee.
    case dwcpCommitteeShare = "dwcp-committee-share"
    /// South-South and triangular cooperation projects signed from the strategy's start to the date.
    case sstcProjects = "sstc-projects"
    /// The recipient countries of those projects.
    case sstcCountries = "sstc-countries"
    /// The regions of those projects (global work not counted as a region).
    case sstcRegions = "sstc-regions"
    /// Core voluntary (RBSA) contributions signed from the strategy's start to the date, in million USD.
    case rbsaContributions = "rbsa-contributions"
    /// The share of the contributions since the strategy's start given by the 20 largest partners.
    case topTwentyPartnersShare = "top-20-partners-share"
    /// Project (XBDC) approvals per complete calendar year from the strategy's start to the date, in million USD.
    case approvalsPerYear = "approvals-per-year"
    /// The share of unearmarked (RBSA) funding in the contributions since the strategy's start.
    case unearmarkedShare = "unearmarked-share"
}

/// An indicator of the strategy, tied to a pillar or one of its actions: unit, baseline, yearly
/// targets, and either values entered with their source or a ``ComputedMeasure`` of the portfolio.
public struct StrategyIndicator: Sendable, Hashable, Codable {
    public var id: String
    public var pillar: Int
    public var action: Int?
    public var title: LocalizedText
    public var unit: IndicatorUnit
    public var baseline: Double?
    public var baselineYear: Int?
    /// Targets by year.
    public var targets: [Int: Double]
    /// Set when the portfolio itself gives the value; entered values may exist besides (a report's figure).
    public var computed: ComputedMeasure?

    public init(
        id: String, pillar: Int, action: Int? = nil, title: LocalizedText, unit: IndicatorUnit, baseline: Double? = nil,
        baselineYear: Int? = nil, targets: [Int: Double] = [:], computed: ComputedMeasure? = nil
    ) {
        self.id = id
        self.pillar = pillar
        self.action = action
        self.title = title
        self.unit = unit
        self.baseline = baseline
        self.baselineYear = baselineYear
        self.targets = targets
        self.computed = computed
    }
}

/// A dated value of an indicator: entered by someone from a source, or computed from the portfolio
/// as of its date (then `source` names the measure and nothing is stored).
public struct IndicatorValue: Sendable, Hashable, Codable {
    public var indicator: String
    /// The day the value describes.
    public var date: String
    public var value: Double
    public var source: String
    public var computed: Bool
    public var recordedBy: String?
    public var recordedAt: String?

    public init(indicator: String, date: String, value: Double, source: String, computed: Bool = false, recordedBy: String? = nil, recordedAt: String? = nil) {
        self.indicator = indicator
        self.date = date
        self.value = value
        self.source = source
        self.computed = computed
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}
