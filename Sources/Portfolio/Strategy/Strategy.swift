/// A development cooperation strategy: its period, pillars with their outcomes and actions, and
/// the indicators that monitor it. What changes over time (assessments, indicator values) is kept
/// apart, dated (``ProgressAssessment``, ``IndicatorValue``), and read as of a date.
public struct Strategy: Sendable, Hashable, Codable {
    public var id: String
    public var title: LocalizedText
    /// First and last day, `YYYY-MM-DD`.
    public var start: String
    public var end: String
    public var pillars: [Pillar]
    public var indicators: [StrategyIndicator]

    public init(id: String, title: LocalizedText, start: String, end: String, pillars: [Pillar], indicators: [StrategyIndicator]) {
        self.id = id
        self.title = title
        self.start = start
        self.end = end
        self.pillars = pillars
        self.indicators = indicators
    }

    public func pillar(_ number: Int) -> Pillar? { pillars.first { $0.number == number } }

    public func indicator(_ id: String) -> StrategyIndicator? { indicators.first { $0.id == id } }
}

/// One of the strategy's pillars (seed tables 1–4): the outcome it seeks and its actions.
public struct Pillar: Sendable, Hashable, Codable {
    public var number: Int
    public var title: LocalizedText
    public var outcome: LocalizedText
    public var actions: [StrategyAction]

    public init(number: Int, title: LocalizedText, outcome: LocalizedText, actions: [StrategyAction]) {
        self.number = number
        self.title = title
        self.outcome = outcome
        self.actions = actions
    }
}

/// An action of a pillar, numbered within it (`1.4` is pillar 1's fourth action).
public struct StrategyAction: Sendable, Hashable, Codable {
    public var number: Int
    public var text: LocalizedText

    public init(number: Int, text: LocalizedText) {
        self.number = number
        self.text = text
    }
}
