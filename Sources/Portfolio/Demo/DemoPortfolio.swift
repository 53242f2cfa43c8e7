import Foundation
import IATI

/// A demo portfolio true to the ILO's development cooperation 2014–2025 as the seed document
/// (GB.347/POL/3) describes it, as IATI 2.03 activities and an organisation, the way the ILO
/// publishes (`XM-DAC-41302`, one activity file per biennium and an organisation file).
///
/// What it holds, for seed 1 or any other:
/// - about 1,000 projects in 120 countries and territories and in global and regional work, with
///   an RBSA activity and Sweden's and Norway's lightly earmarked funding each biennium;
/// - the 34 partners of the 2020–22 contributions table, each with exactly its total: the incoming
///   commitments (type 11) dated 2020–22, converted with ``ExchangeRates/bundled()`` at their value
///   dates, add up to the table's figure to the cent; of them, RBSA contributions of exactly
///   US$50.9 million from the nine RBSA partners;
/// - XBDC approvals by year as in the appendix (2017 the record), 70 South-South projects signed
///   2020–22 over 85 countries, 55 Decent Work Country Programmes in force on 15 September 2022
///   (52 with a tripartite steering committee), and 2020–22 spending led by child and forced labour,
///   social protection, skills, employment-intensive investment and enterprises.
///
/// The same seed and scale always give the same portfolio (its own SplitMix64 numbers, no clock);
/// `scale` multiplies the number of projects and every partner's money, for benchmarks.
///
/// ```swift
/// let portfolio = try DemoPortfolio(seed: 1)
/// for biennium in DemoPortfolio.bienniums {
///     let activities = portfolio.activities(in: biennium)   // write them to DemoPortfolio.fileName(biennium)
/// }
/// let organisation = portfolio.organisation()
/// ```
public struct DemoPortfolio: Sendable {
    public let seed: UInt64
    public let scale: Int
    private let random: DemoRandom
    let projects: [DemoProject]

    /// The reporting organisation: the ILO.
    public static let reportingOrg = DemoFigures.ilo

    /// The bienniums of the files, by their first year: 2014 (2014–15) … 2024 (2024–25).
    public static let bienniums: [Int] = Array(stride(from: 2014, through: 2024, by: 2))

    /// When the data was generated: `generated-datetime` and every `last-updated-datetime`.
    public static let generatedDatetime = DemoFigures.generated.date

    /// The activity file of a biennium: `ilo-activities-2020-21.xml`.
    public static func fileName(_ biennium: Int) -> String {
        "ilo-activities-\(biennium)-\(String(format: "%02d", (biennium + 1) % 100)).xml"
    }

    /// The organisation file.
    public static let organisationFileName = "ilo-organisation.xml"

    /// Plans the portfolio (amounts are converted with the bundled ECB rates, which this reads).
    public init(seed: UInt64 = 1, scale: Int = 1) throws {
        guard scale >= 1 else { throw PortfolioError("the scale must be at least 1, not \(scale)") }
        self.seed = seed
        self.scale = scale
        random = DemoRandom(seed: seed)
        projects = DemoPlanner(random: random, scale: scale, rates: try ExchangeRates.bundled()).plan()
            .sorted { $0.signed != $1.signed ? $0.signed < $1.signed : $0.identifier < $1.identifier }
    }

    /// How many activities there are, in every biennium.
    public var count: Int { projects.count }

    /// The activities signed in the biennium starting in `biennium`, in the order they were signed,
    /// each with all its transactions.
    public func activities(in biennium: Int) -> [Activity] {
        let builder = DemoActivityBuilder(random: random)
        return projects.filter { $0.biennium == biennium }.map(builder.activity)
    }

    /// Every activity, biennium after biennium.
    public var activities: [Activity] {
        Self.bienniums.flatMap(activities(in:))
    }

    /// The ILO's organisation: total budget and expenditure by year, budget by country for 2024–25.
    public func organisation() -> Organisation {
        DemoOrganisationBuilder(random: random).organisation(projects)
    }
}
