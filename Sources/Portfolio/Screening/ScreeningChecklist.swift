/// The agency's environmental and social (E&S) risk screening checklist (seed §34), versioned: a
/// screening records the version it answered, and a later version never changes what an earlier
/// screening concluded.
///
/// Each question is answered `no`, `low`, `medium` or `high` (``ScreeningAnswer``). The category
/// follows from the answers by these written rules, the first that applies deciding:
///
/// 1. any `high` answer on resettlement or on gender and SEAH → **high**;
/// 2. two or more `high` answers → **high**;
/// 3. one `high` answer → **substantial**;
/// 4. three or more `medium` answers → **substantial**;
/// 5. one or two `medium` answers → **moderate**;
/// 6. five or more `low` answers (many small risks add up) → **moderate**;
/// 7. otherwise → **low**.
///
/// The measures required are cumulative by category (a substantial project takes the low and
/// moderate measures too), plus one measure for each area with a `medium` or `high` answer.
public struct ScreeningChecklist: Sendable, Hashable, Codable {
    public var version: Int
    public var questions: [ScreeningQuestion]
    /// The rules above, in English, numbered from 1 in order.
    public var rules: [String]
    /// The measures each category adds to those of the categories below it.
    public var categoryMeasures: [RiskCategory: [MitigationMeasure]]
    /// The measure each area requires once flagged.
    public var areaMeasures: [ScreeningArea: MitigationMeasure]

    /// The checklist in force.
    public static let current = version1

    /// Every version, oldest first; screenings name theirs.
    public static let all = [version1]

    /// The checklist of `version`, if there is one.
    public static func version(_ version: Int) -> ScreeningChecklist? {
        all.first { $0.version == version }
    }

    public func question(_ id: String) -> ScreeningQuestion? {
        questions.first { $0.id == id }
    }

    /// Reads answers given as text (`question id → "no" | "low" | "medium" | "high"`), as a file or
    /// a form gives them, and assesses them. Every question must be answered, once.
    public func assess(text answers: [String: String]) throws(PortfolioError) -> ScreeningAssessment {
        var read: [String: ScreeningAnswer] = [:]
        for (id, text) in answers {
            guard question(id) != nil else { throw PortfolioError("unknown screening question \"\(id)\" (checklist version \(version))") }
            guard let answer = ScreeningAnswer(rawValue: text.lowercased()) else {
                throw PortfolioError("unknown answer \"\(text)\" to \(id): answer no, low, medium or high")
            }
            read[id] = answer
        }
        return try assess(read)
    }

    /// The category, rule, flagged areas and measures of a complete set of answers.
    public func assess(_ answers: [String: ScreeningAnswer]) throws(PortfolioError) -> ScreeningAssessment {
        if let unknown = answers.keys.sorted().first(where: { question($0) == nil }) {
            throw PortfolioError("unknown screening question \"\(unknown)\" (checklist version \(version))")
        }
        let missing = questions.map(\.id).filter { answers[$0] == nil }
        guard missing.isEmpty else {
            throw PortfolioError("the screening is incomplete: no answer to \(missing.joined(separator: ", "))")
        }
        let given = questions.map { (area: $0.area, answer: answers[$0.id]!) }
        let highs = given.filter { $0.answer == .high }
        let mediums = given.filter { $0.answer == .medium }.count
        let lows = given.filter { $0.answer == .low }.count
        let (category, rule): (RiskCategory, Int) =
            if highs.contains(where: { $0.area.isDecisive }) { (.high, 1) }
            else if highs.count >= 2 { (.high, 2) }
            else if highs.count == 1 { (.substantial, 3) }
            else if mediums >= 3 { (.substantial, 4) }
            else if mediums >= 1 { (.moderate, 5) }
            else if lows >= 5 { (.moderate, 6) }
            else { (.low, 7) }
        let flagged = ScreeningArea.allCases.filter { area in given.contains { $0.area == area && $0.answer.flags } }
        let measures = RiskCategory.allCases.filter { $0 <= category }.flatMap { categoryMeasures[$0] ?? [] }
            + flagged.compactMap { areaMeasures[$0] }
        return ScreeningAssessment(checklistVersion: version, category: category, rule: rule, flaggedAreas: flagged, measures: measures)
    }
}
