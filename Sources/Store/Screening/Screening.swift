import Portfolio

/// One E&S screening of a project as stored: who screened it, when, with which checklist version,
/// the answers, and what they gave.
public struct Screening: Sendable, Codable, Equatable {
    /// The project's `iati-identifier`.
    public var project: String
    public var checklistVersion: Int
    public var category: RiskCategory
    /// The written rule of the checklist that decided the category.
    public var rule: Int
    public var screenedBy: String
    /// ISO 8601, UTC.
    public var screenedAt: String
    /// Question id → answer, in checklist order.
    public var answers: [Answer]
    public var measures: [MitigationMeasure]

    public struct Answer: Sendable, Codable, Equatable {
        public var question: String
        public var answer: ScreeningAnswer
    }
}

/// One change of a project's pipeline status.
public struct PipelineChange: Sendable, Codable, Equatable {
    public var project: String
    public var status: PipelineStatus
    public var changedBy: String
    /// ISO 8601, UTC.
    public var changedAt: String
}
