import Portfolio

/// The E&S screening register: each project's latest screening, the projects without one, and the
/// number of screened projects in each risk category.
public struct ScreeningRegister: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public var project: String
        public var title: String?
        /// The current pipeline status, if the project has one.
        public var status: PipelineStatus?
        /// The latest screening's category, date and checklist version; `nil` for a project without one.
        public var category: RiskCategory?
        public var screenedAt: String?
        public var screenedBy: String?
        public var checklistVersion: Int?
    }

    /// Screened projects, the highest category first.
    public var screened: [Entry]
    /// Projects with no screening: those in the pipeline (with a status) first.
    public var missing: [Entry]
    /// Screened projects per category, every category present (zero included).
    public var counts: [RiskCategory: Int]

    enum CodingKeys: String, CodingKey { case screened, missing, counts }

    public init(screened: [Entry], missing: [Entry], counts: [RiskCategory: Int]) {
        self.screened = screened
        self.missing = missing
        self.counts = counts
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        screened = try container.decode([Entry].self, forKey: .screened)
        missing = try container.decode([Entry].self, forKey: .missing)
        let byName = try container.decode([String: Int].self, forKey: .counts)
        counts = Dictionary(uniqueKeysWithValues: byName.compactMap { key, value in RiskCategory(rawValue: key).map { ($0, value) } })
    }

    /// Counts as an object keyed by category name, not as the array of pairs an enum-keyed dictionary makes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(screened, forKey: .screened)
        try container.encode(missing, forKey: .missing)
        try container.encode(Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }), forKey: .counts)
    }
}
