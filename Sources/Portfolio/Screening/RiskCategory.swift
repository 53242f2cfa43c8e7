/// A project's E&S risk category, from its screening answers (``ScreeningChecklist/assess(_:)``).
public enum RiskCategory: String, Sendable, CaseIterable, Codable, Comparable {
    case low, moderate, substantial, high

    public static func < (left: RiskCategory, right: RiskCategory) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }

    public var englishName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
