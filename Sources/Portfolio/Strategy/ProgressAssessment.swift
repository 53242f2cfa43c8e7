/// How a review rates the progress of a pillar (or of one of its actions).
public enum ProgressRating: String, Sendable, Hashable, Codable, CaseIterable {
    case onTrack = "on-track"
    case progressing
    case needsAcceleration = "needs-acceleration"
    case offTrack = "off-track"
}

/// A review's judgement of a pillar's progress, dated and attributed; a later assessment of the
/// same pillar supersedes it from its date on, and both stay in the history.
public struct ProgressAssessment: Sendable, Hashable, Codable {
    public var pillar: Int
    /// The action assessed, or `nil` for the pillar as a whole.
    public var action: Int?
    /// The day of the review.
    public var date: String
    /// The day the review's data stop, when the review says.
    public var dataAsOf: String?
    public var rating: ProgressRating
    public var narrative: LocalizedText
    /// Links or document symbols that support the judgement.
    public var evidence: [String]
    public var recordedBy: String
    public var recordedAt: String

    public init(
        pillar: Int, action: Int? = nil, date: String, dataAsOf: String? = nil, rating: ProgressRating, narrative: LocalizedText,
        evidence: [String] = [], recordedBy: String, recordedAt: String
    ) {
        self.pillar = pillar
        self.action = action
        self.date = date
        self.dataAsOf = dataAsOf
        self.rating = rating
        self.narrative = narrative
        self.evidence = evidence
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}
