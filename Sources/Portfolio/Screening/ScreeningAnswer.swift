/// The answer to one screening question: how likely and severe the risk it asks about is.
public enum ScreeningAnswer: String, Sendable, CaseIterable, Codable, Comparable {
    /// The risk does not arise.
    case no
    /// It arises, limited and easily managed with standard practice.
    case low
    /// It arises and needs measures of its own: the area is flagged.
    case medium
    /// Serious or irreversible harm is possible: the area is flagged.
    case high

    public static func < (left: ScreeningAnswer, right: ScreeningAnswer) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }

    /// Whether the answer flags its area, which then needs the area's own measures.
    public var flags: Bool { self >= .medium }
}
