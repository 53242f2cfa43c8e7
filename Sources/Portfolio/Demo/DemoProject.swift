import Foundation

/// One agreement of a partner with the ILO, or an amendment adding money to it: an incoming
/// commitment (transaction type 11) of the demo.
struct DemoCommitment: Sendable {
    var date: DemoDate
    /// Index in ``DemoPartner/all``.
    var partner: Int
    var funder: DemoFunder
    /// Its size relative to the other commitments it shares a target with.
    var weight: Double
    var isAmendment = false
    /// What it should be worth in US dollars, before currency rounding.
    var intendedUSD: Double = 0
    var currency = "USD"
    /// In ``currency``.
    var amount: Decimal = 0
    /// ``amount`` in US dollars at the ECB rates of ``date``, to the cent.
    var usd: Decimal = 0
}

/// The plan of one activity of the demo: who funds it, where, what for, when and with how much.
/// Everything else (transactions over its life, budgets, results, narratives) is derived from it
/// and the seed by ``DemoSchedule`` and ``DemoActivityBuilder``.
struct DemoProject: Sendable {
    enum Kind: Sendable {
        /// Extra-budgetary development cooperation: a project earmarked by its partner.
        case project
        /// The biennium's Regular Budget Supplementary Account: core voluntary funding of the nine RBSA partners.
        case rbsa
        /// A partner's lightly earmarked (thematic) funding for a biennium.
        case lightlyEarmarked
    }

    var index: Int
    var kind: Kind
    /// The main partner (index in ``DemoPartner/all``); the first of several for RBSA.
    var partner: Int
    var signed: DemoDate
    /// The region of a project with no country (global work is ``Region/global``).
    var region: Region
    /// ISO codes of the recipient countries; empty for regional and global work.
    var countries: [String]
    var southSouth = false
    var commitments: [DemoCommitment]
    /// Planned start and end.
    var start: DemoDate
    var end: DemoDate
    var outcome: Outcome = .socialDialogue
    /// Further outcomes of RBSA and lightly earmarked funding, with the main one's share first.
    var otherOutcomes: [Outcome] = []
    /// Index in ``DemoTheme/all``.
    var theme = 0
    /// The ILO's project symbol, `BGD/20/05/NLD`.
    var symbol = ""
    var identifier = ""

    var modality: FundingModality {
        switch kind {
        case .project: .xbdc
        case .rbsa: .rbsa
        case .lightlyEarmarked: .lightlyEarmarked
        }
    }

    /// The first year of the biennium it was signed in: the file it is published in.
    var biennium: Int { signed.year - (signed.year % 2 == 0 ? 0 : 1) }

    var funder: DemoFunder { commitments[0].funder }

    var source: FundingSource { DemoPartner.all[partner].source }

    /// The funders in the order they first gave money.
    var funders: [DemoFunder] {
        var seen: Set<String> = []
        return commitments.map(\.funder).filter { seen.insert($0.ref).inserted }
    }

    /// Committed in US dollars.
    var committedUSD: Decimal { commitments.reduce(Decimal(0)) { $0 + $1.usd } }

    /// The one region of its countries, `nil` when they span several.
    var countryRegion: Region? {
        let regions = Set(countries.compactMap { DemoCountry.find($0)?.region })
        return regions.count == 1 ? regions.first : nil
    }

    /// Humanitarian: a crisis-response theme in a crisis context.
    var isHumanitarian: Bool {
        kind == .project && DemoTheme.all[theme].humanitarian
            && countries.contains { DemoCountry.find($0)?.crisis == true }
    }
}
