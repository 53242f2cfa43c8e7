/// How a demo project measures a result: an indicator of its outcome, with the range its baseline
/// and yearly progress are drawn from.
struct DemoIndicator: Sendable {
    var title: String
    /// IndicatorMeasure: `1` unit, `2` percentage.
    var measure: String
    /// Whether more is better (`false`: a gap that should shrink).
    var ascending = true
    var baseline: ClosedRange<Int>
    /// How far the target moves a year (down for a descending indicator).
    var step: ClosedRange<Int>

    private static func unit(_ title: String, _ baseline: ClosedRange<Int>, _ step: ClosedRange<Int>) -> DemoIndicator {
        DemoIndicator(title: title, measure: "1", baseline: baseline, step: step)
    }

    private static func percentage(_ title: String, _ baseline: ClosedRange<Int>, _ step: ClosedRange<Int>, ascending: Bool = true) -> DemoIndicator {
        DemoIndicator(title: title, measure: "2", ascending: ascending, baseline: baseline, step: step)
    }

    /// The outcome-level result every project of `outcome` aims at.
    static func outcomeResult(_ outcome: Outcome) -> String {
        switch outcome {
        case .socialDialogue: "Constituents engage in effective social dialogue"
        case .labourStandards: "International labour standards are ratified and applied"
        case .employmentTransitions: "More women and men have access to productive and decent jobs"
        case .sustainableEnterprises: "Enterprises are more productive and provide decent work"
        case .skills: "Women and men have skills matched to labour market needs"
        case .genderEquality: "Equal opportunities and treatment for all at work"
        case .protectionAtWork: "Workers are protected from child labour, forced labour and unsafe work"
        case .socialProtection: "More people are covered by social protection"
        case .knowledgeAndPartnerships, .leadershipAndGovernance, .supportServices:
            "Decent work policies draw on reliable knowledge and partnerships"
        }
    }

    /// The outputs a project delivers on the way.
    static let outputs = [
        "Output 1: policies, laws and tools developed with the tripartite constituents",
        "Output 2: services delivered to women and men of the target groups",
    ]

    /// The indicators of `outcome`, the outcome-level one first.
    static func indicators(_ outcome: Outcome) -> [DemoIndicator] {
        switch outcome {
        case .socialDialogue:
            [unit("Number of social dialogue institutions strengthened", 0...3, 1...3),
             unit("Number of collective agreements concluded with project support", 0...5, 2...8),
             unit("Number of new members recruited by employers' and workers' organizations", 0...500, 200...2000)]
        case .labourStandards:
            [unit("Number of ILO Conventions ratified", 0...2, 1...2),
             unit("Number of observations of the supervisory bodies addressed", 0...3, 1...4),
             percentage("Percentage of inspected export enterprises in compliance with labour law", 40...60, 4...9)]
        case .employmentTransitions:
            [unit("Number of young women and men in decent jobs", 0...0, 500...5000),
             unit("Number of workdays of employment created", 0...0, 20_000...200_000),
             unit("Kilometres of rural roads rehabilitated", 0...0, 10...80)]
        case .sustainableEnterprises:
            [unit("Number of enterprises applying improved productivity and working conditions practices", 0...10, 30...300),
             unit("Number of women entrepreneurs trained", 0...0, 200...2000),
             percentage("Percentage of supported enterprises that increased their sales", 0...20, 8...15)]
        case .skills:
            [percentage("Percentage of graduates employed six months after training", 30...50, 4...9),
             unit("Number of women and men completing training", 0...0, 500...5000),
             unit("Number of apprenticeship programmes accredited", 0...5, 3...15)]
        case .genderEquality:
            [percentage("Gender pay gap in the targeted sectors (%)", 15...30, 1...3, ascending: false),
             unit("Number of workplaces adopting policies on violence and harassment", 0...0, 20...200),
             unit("Number of persons with disabilities placed in jobs", 0...0, 50...500)]
        case .protectionAtWork:
            [unit("Number of children withdrawn or prevented from child labour", 0...0, 500...5000),
             unit("Number of labour inspectors trained", 0...20, 30...200),
             unit("Number of victims of forced labour assisted", 0...0, 50...800),
             unit("Number of enterprises with occupational safety and health committees", 0...10, 20...150)]
        case .socialProtection:
            [percentage("Social protection coverage of the target population (%)", 10...40, 3...8),
             unit("Number of people newly covered by social protection", 0...0, 5000...100_000),
             unit("Number of social protection laws or policies adopted", 0...1, 1...2)]
        case .knowledgeAndPartnerships, .leadershipAndGovernance, .supportServices:
            [unit("Number of knowledge products published", 0...5, 3...12),
             unit("Number of labour force surveys conducted with ILO support", 0...1, 1...2)]
        }
    }
}
