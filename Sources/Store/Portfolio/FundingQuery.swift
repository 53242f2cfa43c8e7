/// A question about voluntary funding: which sums, grouped how, for which period and slice of the
/// portfolio. Answered by ``Store/funding(_:)`` from SQL aggregates over `portfolio_fact`.
///
/// ```swift
/// // The seed's appendix table: 2020–22 contributions by partner.
/// let report = try await store.funding(FundingQuery(.contributions, by: [.partner], from: 2020, to: 2022))
/// ```
public struct FundingQuery: Sendable, Hashable {
    /// Which sums.
    public enum Measure: String, Sendable, CaseIterable, Codable {
        /// Incoming commitments (transaction type 11) of every modality, by the year they were signed.
        case contributions
        /// Incoming commitments earmarked to projects (XBDC; all of them when a publisher does not
        /// tag modalities), by the year they were signed.
        case approvals
        /// Expenditure and disbursements (types 4 and 3).
        case expenditure
        /// Incoming funds actually received (type 1).
        case incomingFunds = "incoming-funds"

        var types: [String] {
            switch self {
            case .contributions, .approvals: ["11"]
            case .expenditure: ["3", "4"]
            case .incomingFunds: ["1"]
            }
        }
    }

    /// What sums are grouped by.
    public enum Dimension: String, Sendable, CaseIterable, Codable {
        case year, partner, source, region, country, outcome, modality
        /// `core` (RBSA) or `non-core`.
        case core
        /// `1` for South-South and triangular cooperation, else `0`.
        case sstc
        case reportingOrg = "reporting-org"

        /// The key of a row in JSON (`--by partner` rows have `partner` and `category`).
        public var key: String {
            switch self {
            case .source: "category"
            case .reportingOrg: "reporting_org"
            default: rawValue
            }
        }
    }

    public var measure: Measure
    /// At most two dimensions (e.g. region × source); none gives one total.
    public var dimensions: [Dimension]
    /// The first and last year included (by the transaction's date).
    public var from: Int?
    public var to: Int?
    /// Filters: each, when not empty, keeps the sums whose value is one of those given.
    public var reportingOrgs: [String] = []
    public var partners: [String] = []
    public var sources: [String] = []
    public var regions: [String] = []
    public var countries: [String] = []
    public var outcomes: [String] = []
    public var modalities: [String] = []
    /// `true`: only South-South and triangular cooperation; `false`: only the rest.
    public var sstc: Bool?

    public init(_ measure: Measure = .contributions, by dimensions: [Dimension] = [], from: Int? = nil, to: Int? = nil) {
        self.measure = measure
        self.dimensions = dimensions
        self.from = from
        self.to = to
    }
}

/// The answer to a ``FundingQuery``: exact sums in US dollars, with what could not be converted
/// or classified stated, never dropped.
public struct FundingReport: Sendable, Codable, Equatable {
    /// Always `USD`.
    public var currency: String
    /// How amounts were converted: the rate source and the day rule.
    public var rateBasis: String
    /// The last day the rates cover; later amounts are unconverted.
    public var ratesLastDay: String
    public var measure: FundingQuery.Measure
    public var dimensions: [FundingQuery.Dimension]
    /// Largest first, or in key order when grouped by year first.
    public var rows: [FundingRow]
    /// The sum of every converted amount, exact decimal text.
    public var total: String
    public var count: Int
    /// Amounts left in their own currency, with why.
    public var unconverted: [UnconvertedSum]
    /// Sums whose partner has no funding source (they are in `rows` too, as category `nil`).
    public var unclassified: UnclassifiedSum
}

/// One group of a ``FundingReport``.
public struct FundingRow: Sendable, Codable, Equatable {
    /// The group's value of each dimension, in the query's order; `nil` where sums have none.
    public var keys: [String?]
    /// For `partner`: the partner's funding source (`nil`: unclassified).
    public var category: String?
    public var count: Int
    /// Exact decimal text, US dollars.
    public var usd: String
    /// Of the report's total; and the running share down the rows.
    public var share: Double
    public var cumulativeShare: Double
}

/// What stayed in one currency for one reason.
public struct UnconvertedSum: Sendable, Codable, Equatable {
    public var currency: String?
    public var reason: String
    public var count: Int
    /// The exact sum in `currency`.
    public var sum: String
    /// The same sum split by the report's groups, in key order (one group without keys when the
    /// report has no dimensions).
    public var groups: [Group]

    /// The part of an unconverted sum in one group of the report.
    public struct Group: Sendable, Codable, Equatable {
        /// The group's value of each dimension, as in ``FundingRow/keys``.
        public var keys: [String?]
        /// For `partner`: the partner's funding source (`nil`: unclassified).
        public var category: String?
        public var count: Int
        /// The exact sum in the currency of the ``UnconvertedSum``.
        public var sum: String
    }

    struct Key: Hashable {
        var currency: String?
        var reason: String
    }
}

/// Converted sums whose partner could not be classified.
public struct UnclassifiedSum: Sendable, Codable, Equatable {
    public var count: Int
    public var usd: String
}
