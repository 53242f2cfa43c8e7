extension Outcome {
    /// The pillar of the Development Cooperation Strategy 2020–25 that the outcome's results
    /// report under, for the results roll-up: 1 Services to constituents, 2 Partnerships for
    /// policy coherence, 3 Funding partnerships, 4 Efficiency, decent work results and transparency.
    ///
    /// The mapping (the activities carry no pillar tag):
    /// - pillar 1: outcomes 1 (social dialogue), 2 (labour standards), 5 (skills) and 7
    ///   (protection at work), delivered as services to the tripartite constituents;
    /// - pillar 2: outcomes 3 (employment transitions), 4 (sustainable enterprises), 6 (gender
    ///   equality) and 8 (social protection), delivered with UN and IFI partners for policy coherence;
    /// - pillar 3: enabling outcome A (knowledge and high-impact partnerships);
    /// - pillar 4: enabling outcomes B (leadership and governance) and C (support services).
    public var strategyPillar: Int {
        switch self {
        case .socialDialogue, .labourStandards, .skills, .protectionAtWork: 1
        case .employmentTransitions, .sustainableEnterprises, .genderEquality, .socialProtection: 2
        case .knowledgeAndPartnerships: 3
        case .leadershipAndGovernance, .supportServices: 4
        }
    }

    /// The pillars' English names, by number.
    public static let strategyPillarNames = [
        1: "Services to constituents", 2: "Partnerships for policy coherence", 3: "Funding partnerships",
        4: "Efficiency, decent work results and transparency",
    ]
}
