import Portfolio

/// The whole strategy as it stood on one day, in one value: each pillar with its outcome and
/// actions, its latest assessment and their history, and its indicators with their values. What
/// the strategy page shows and what a review document is built from (``Store/strategyReview(asOf:strategyID:)``).
public struct StrategyReview: Sendable, Codable {
    public var strategy: Strategy
    /// The day, `YYYY-MM-DD`: nothing dated after it is shown.
    public var asOf: String
    public var pillars: [PillarReview]
}

/// A pillar as of the review's day.
public struct PillarReview: Sendable, Codable {
    public var pillar: Pillar
    /// The latest assessment of the pillar as a whole on or before the day.
    public var latest: ProgressAssessment?
    /// Every assessment of the pillar or its actions on or before the day, newest first.
    public var history: [ProgressAssessment]
    public var indicators: [IndicatorReview]
}

/// An indicator as of the review's day.
public struct IndicatorReview: Sendable, Codable {
    public var indicator: StrategyIndicator
    /// Entered values dated on or before the day, oldest first; for one day, the latest recorded.
    public var entered: [IndicatorValue]
    /// The value computed from the portfolio as of the day, for a computed indicator.
    public var computed: IndicatorValue?
    /// For a computed indicator, its value at the end of each year of the strategy up to the day
    /// (the last one as of the day itself).
    public var yearly: [IndicatorValue]

    /// The value in force on the day: computed when the portfolio gives it, else the latest entered.
    public var latest: IndicatorValue? { computed ?? entered.last }
}
