/// What a complete set of answers gives: the risk category, the rule that decided it, the flagged
/// areas and the measures the project must take.
public struct ScreeningAssessment: Sendable, Hashable, Codable {
    public var checklistVersion: Int
    public var category: RiskCategory
    /// The number of the written rule that decided the category (``ScreeningChecklist/rules``).
    public var rule: Int
    /// Areas with a `medium` or `high` answer, in checklist order.
    public var flaggedAreas: [ScreeningArea]
    /// The category's measures, then one per flagged area.
    public var measures: [MitigationMeasure]
}
