/// How voluntary funding is given.
public enum FundingModality: String, Sendable, CaseIterable, Codable {
    /// Extra-budgetary development cooperation: earmarked to projects.
    case xbdc
    /// Regular Budget Supplementary Account: core, unearmarked voluntary funding.
    case rbsa
    /// Thematic or outcome-level funding.
    case lightlyEarmarked = "lightly-earmarked"

    public var code: String { rawValue }

    public var englishName: String {
        switch self {
        case .xbdc: "Extra-budgetary development cooperation (earmarked to projects)"
        case .rbsa: "Regular Budget Supplementary Account (core, unearmarked voluntary funding)"
        case .lightlyEarmarked: "Lightly earmarked (thematic or outcome-level) voluntary funding"
        }
    }

    public var chineseName: String {
        switch self {
        case .xbdc: "预算外发展合作"
        case .rbsa: "经常预算补充账户"
        case .lightlyEarmarked: "未严格指定用途的供资"
        }
    }

    /// Core funding (RBSA) as opposed to non-core (earmarked, lightly or to projects).
    public var isCore: Bool { self == .rbsa }
}
