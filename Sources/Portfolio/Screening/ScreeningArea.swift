/// The environmental and social areas the agency screens every project for (seed §34).
public enum ScreeningArea: String, Sendable, CaseIterable, Codable {
    case labour = "labour"
    case communityHealth = "community-health"
    /// Gender, and sexual exploitation, abuse and harassment (SEAH).
    case genderSEAH = "gender-seah"
    case environment = "environment"
    case indigenousPeoples = "indigenous-peoples"
    case culturalHeritage = "cultural-heritage"
    case resettlement = "resettlement"
    case stakeholderEngagement = "stakeholder-engagement"

    public var englishName: String {
        switch self {
        case .labour: "Labour and working conditions"
        case .communityHealth: "Community health and safety"
        case .genderSEAH: "Gender and SEAH (sexual exploitation, abuse and harassment)"
        case .environment: "Environment and climate"
        case .indigenousPeoples: "Indigenous and tribal peoples"
        case .culturalHeritage: "Cultural heritage"
        case .resettlement: "Land acquisition and resettlement"
        case .stakeholderEngagement: "Stakeholder engagement"
        }
    }

    /// Areas where one `high` answer makes the whole project high risk (rule 1 of ``ScreeningChecklist``).
    public var isDecisive: Bool { self == .resettlement || self == .genderSEAH }
}
