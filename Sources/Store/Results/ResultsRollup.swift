/// Project indicators rolled up to country programme outcomes (CPOs), P&B outcomes and strategy
/// pillars: per indicator (by title) and year of the period's end, the targets and actuals added
/// exactly where they can be, and the rest shown with the reason it cannot roll up.
public struct ResultsRollup: Sendable, Codable, Equatable {
    /// How far the indicators roll up; each level keeps the levels above it.
    public enum Level: String, Sendable, Codable, CaseIterable {
        /// Strategy pillar (``Portfolio/Outcome/strategyPillar``).
        case pillar
        /// Pillar, then P&B outcome.
        case outcome
        /// Pillar, P&B outcome, then CPO.
        case cpo
    }

    /// Why periods of an indicator are not added up.
    public enum Gap: String, Sendable, Codable, CaseIterable {
        /// Projects measure the same indicator in different measures (a count here, a percentage there).
        case measuresDiffer = "measures-differ"
        /// The measure is not a count (percentages, nominal, ordinal, qualitative): adding makes no sense.
        case notAdditive = "not-additive"
        /// The period has no target.
        case noTarget = "no-target"
        /// The indicator has no baseline.
        case noBaseline = "no-baseline"
        /// A target or actual is not a plain decimal number (at most 18 digits before the point and 9 after).
        case notANumber = "not-a-number"

        public var englishReason: String {
            switch self {
            case .measuresDiffer: "the projects use different measures for this indicator"
            case .notAdditive: "the measure is not a count (percentages and qualitative values are not added)"
            case .noTarget: "periods without a target"
            case .noBaseline: "indicator without a baseline"
            case .notANumber: "a target or actual is not a number"
            }
        }
    }

    public struct Row: Sendable, Codable, Equatable {
        /// 1–4; `nil` for projects without a P&B outcome.
        public var pillar: Int?
        /// The P&B outcome code (`1`…`8`, `A`…`C`); `nil` above the outcome level or when unclassified.
        public var outcome: String?
        /// The CPO code; `nil` above the CPO level or when the project has none.
        public var cpo: String?
        /// The indicator's title.
        public var indicator: String
        /// IATI IndicatorMeasure (`1` unit, `2` percentage …); `nil` when the projects differ.
        public var measure: String?
        /// The year the periods end in.
        public var year: String?
        public var periods: Int
        /// Projects with a period of the indicator in the year.
        public var projects: Int
        /// Projects that reported an actual value for it.
        public var reporting: Int
        /// The exact sums of the targets and actuals; `nil` when the row is not summed (``gap``).
        public var target: String?
        public var actual: String?
        /// Why the row is not summed; `nil` for a summed row.
        public var gap: Gap?
    }

    public var level: Level
    public var rows: [Row]
}
