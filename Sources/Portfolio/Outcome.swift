/// A Programme and Budget outcome: policy outcomes 1–8 and enabling outcomes A–C (2020–25 frameworks).
public enum Outcome: String, Sendable, CaseIterable, Codable {
    case socialDialogue = "1", labourStandards = "2", employmentTransitions = "3", sustainableEnterprises = "4"
    case skills = "5", genderEquality = "6", protectionAtWork = "7", socialProtection = "8"
    case knowledgeAndPartnerships = "A", leadershipAndGovernance = "B", supportServices = "C"

    /// The code as the agency writes it in its outcome sector vocabulary: `1`…`8`, `A`…`C`.
    public var code: String { rawValue }

    /// Whether it is one of the enabling outcomes A–C.
    public var isEnabling: Bool { Int(rawValue) == nil }

    public var englishName: String {
        switch self {
        case .socialDialogue: "Strong tripartite constituents and influential and inclusive social dialogue"
        case .labourStandards: "International labour standards and authoritative and effective supervision"
        case .employmentTransitions:
            "Economic, social and environmental transitions for full, productive and freely chosen employment and decent work for all"
        case .sustainableEnterprises: "Sustainable enterprises as generators of employment and promoters of innovation and decent work"
        case .skills: "Skills and lifelong learning to facilitate access to and transitions in the labour market"
        case .genderEquality: "Gender equality and equal opportunities and treatment for all in the world of work"
        case .protectionAtWork: "Adequate and effective protection at work for all"
        case .socialProtection: "Comprehensive and sustainable social protection for all"
        case .knowledgeAndPartnerships: "Authoritative knowledge and high-impact partnerships for promoting decent work"
        case .leadershipAndGovernance: "Improved leadership and governance"
        case .supportServices: "Efficient support services and effective use of ILO resources"
        }
    }
}
