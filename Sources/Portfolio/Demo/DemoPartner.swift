import Foundation

/// A funding partner of the seed's appendix table (`ilo-voluntary-contributions-2020-2022.csv`):
/// a government, or a category reported as one partner, with its 2020–22 contributions and how it
/// funds the ILO in the demo.
struct DemoPartner: Sendable {
    /// Exactly as in the table: the name the agency reports.
    var name: String
    var source: FundingSource
    /// Contributions 2020–22 of every modality, in thousands of US dollars (the table's figure).
    var thousandUSD: Int
    /// Who gives the money: the government itself, or the organisations of the category.
    var funders: [DemoFunder]
    /// Its part of the US$50.9 million of RBSA contributions 2020–22 (seed §25), in US dollars.
    var rbsaUSD: Int = 0
    /// Its lightly earmarked contributions 2020–22 (seed §25: Sweden and Norway), in US dollars.
    var lightlyEarmarkedUSD: Int = 0
    /// How many agreements per dollar, relative to others (UN agencies and foundations sign many small ones).
    var agreementFactor: Double = 1
    /// Weights of Africa, Asia and the Pacific, global, Americas, Arab States, Europe and Central Asia.
    var regions: [Double] = DemoPartner.defaultRegions
    /// Probability that one of its projects is South-South or triangular cooperation.
    var southSouth: Double = 0.03
    /// Weights of the outcomes it funds, in ``DemoPartner/outcomes`` order.
    var outcomeWeights: [Double] = DemoPartner.broadOutcomes

    /// Regions in the order of ``regions``.
    static let regionOrder: [Region] = [.africa, .asiaPacific, .global, .americas, .arabStates, .europeCentralAsia]
    /// The seed's mix: Africa 30 %, Asia and the Pacific 25 %, global 20 %, Americas 10 %, Arab States 8 %, Europe 7 %.
    static let defaultRegions: [Double] = [30, 25, 20, 10, 8, 7]
    /// Outcomes in the order of ``outcomeWeights``.
    static let outcomes: [Outcome] = [
        .socialDialogue, .labourStandards, .employmentTransitions, .sustainableEnterprises, .skills, .genderEquality,
        .protectionAtWork, .socialProtection, .knowledgeAndPartnerships,
    ]
    static let broadOutcomes: [Double] = [1, 1, 2, 2, 2, 1, 2, 2, 0.5]

    /// Its contributions 2020–22 earmarked to projects: the table's figure less RBSA and lightly earmarked funding.
    var projectUSD: Int { thousandUSD * 1000 - rbsaUSD - lightlyEarmarkedUSD }

    var isGovernment: Bool { source == .multiBilateral }

    /// The partner's own country, where it does not fund South-South projects.
    var home: String? {
        switch name {
        case "Brazil": "BR"
        case "China": "CN"
        case "Panama": "PA"
        case "Kuwait": "KW"
        default: nil
        }
    }

    /// The typical size of its agreements, relative to others': larger partners sign larger ones.
    static let sizes: [Double] = {
        let total = Double(all.reduce(0) { $0 + $1.projectUSD })
        return all.map { pow(Double($0.projectUSD) / total, 0.25) / $0.agreementFactor }
    }()
}

extension DemoPartner {
    private static func government(
        _ name: String, _ thousand: Int, dac: Int, _ abbreviation: String, _ currencies: [String],
        rbsa: Double = 0, lightly: Double = 0, regions: [Double] = defaultRegions, southSouth: Double = 0.03,
        outcomes: [Double] = broadOutcomes
    ) -> DemoPartner {
        DemoPartner(
            name: name, source: .multiBilateral, thousandUSD: thousand,
            funders: [.government(name, dac: dac, abbreviation, currencies)], rbsaUSD: Int((rbsa * 1_000_000).rounded()),
            lightlyEarmarkedUSD: Int((lightly * 1_000_000).rounded()), regions: regions, southSouth: southSouth,
            outcomeWeights: outcomes)
    }

    private static func emerging(
        _ name: String, _ thousand: Int, ref: String, _ abbreviation: String, regions: [Double]
    ) -> DemoPartner {
        DemoPartner(
            name: name, source: .multiBilateral, thousandUSD: thousand,
            funders: [DemoFunder(ref: ref, type: "10", name: name, abbreviation: abbreviation)], agreementFactor: 3,
            regions: regions, southSouth: 1, outcomeWeights: [1, 0.5, 2, 2, 3, 1, 2, 2, 0.5])
    }

    /// The 34 partners of the table, largest first, with its 2020–22 totals (US$ thousands). RBSA
    /// shares add up to US$50.9 million from the nine RBSA partners of seed §25.
    static let all: [DemoPartner] = [
        DemoPartner(
            name: "European Commission", source: .europeanCommission, thousandUSD: 184_077,
            funders: DemoFunder.europeanCommission, agreementFactor: 0.8, regions: [33, 20, 12, 8, 10, 17], southSouth: 0.05,
            outcomeWeights: [1, 2, 3, 2, 2, 1, 3, 3, 1]),
        government("United States", 132_052, dac: 302, "USA", ["USD"], regions: [22, 22, 28, 15, 5, 8],
                   southSouth: 0.02, outcomes: [1, 3, 0.5, 0.5, 0.5, 1, 10, 0.3, 0.5]),
        DemoPartner(
            name: "United Nations", source: .unitedNations, thousandUSD: 116_297,
            funders: DemoFunder.unitedNations, agreementFactor: 2, regions: [30, 25, 15, 10, 10, 10], southSouth: 0.12, outcomeWeights: [0.5, 0.5, 3, 1, 2, 2, 1, 3, 0.5]),
        government("Germany", 114_929, dac: 5, "DEU", ["EUR"], rbsa: 5.6, regions: [28, 25, 17, 7, 10, 13],
                   southSouth: 0.05, outcomes: [1, 1, 2, 2, 2, 1, 3, 3, 1]),
        government("Netherlands", 59_785, dac: 7, "NLD", ["EUR", "USD"], rbsa: 11.2, regions: [33, 15, 17, 5, 20, 10],
                   outcomes: [1, 1, 3, 2, 3, 1, 2, 1, 0.5]),
        government("Norway", 55_684, dac: 8, "NOR", ["NOK", "USD"], rbsa: 7.1, lightly: 7.5, regions: [33, 20, 25, 5, 10, 7],
                   outcomes: [2, 1, 2, 1, 3, 2, 1, 1, 1]),
        government("Switzerland", 52_116, dac: 11, "CHE", ["CHF", "USD"], regions: [25, 25, 22, 10, 5, 13],
                   outcomes: [1, 1, 1, 3, 2, 1, 2, 1, 1]),
        government("Sweden", 51_929, dac: 10, "SWE", ["SEK", "USD"], rbsa: 9.8, lightly: 9.0, regions: [33, 20, 25, 5, 7, 10],
                   outcomes: [2, 1, 2, 1, 1, 3, 1, 2, 1]),
        DemoPartner(
            name: "Private and non-state actors", source: .publicPrivatePartnership, thousandUSD: 49_554,
            funders: DemoFunder.privateActors, agreementFactor: 2, regions: [27, 32, 25, 10, 3, 3], southSouth: 0.05,
            outcomeWeights: [0.5, 0.5, 1, 2, 3, 1, 4, 1, 0.5]),
        DemoPartner(
            name: "Domestic development funding (DTF)", source: .domesticDevelopmentFunding,
            thousandUSD: 42_568, funders: DemoFunder.domestic, agreementFactor: 1.2, southSouth: 0,
            outcomeWeights: [1, 1, 3, 1, 3, 1, 1, 3, 1]),
        government("Japan", 37_922, dac: 701, "JPN", ["USD", "JPY"], regions: [10, 55, 17, 5, 5, 8], southSouth: 0.25,
                   outcomes: [1, 1, 3, 1, 2, 1, 2, 2, 0.5]),
        government("Canada", 28_790, dac: 301, "CAN", ["CAD", "USD"], regions: [30, 20, 22, 20, 5, 3],
                   outcomes: [1, 2, 1, 1, 1, 2, 3, 1, 0.5]),
        DemoPartner(
            name: "International financial institutions", source: .internationalFinancialInstitution,
            thousandUSD: 20_554, funders: DemoFunder.financialInstitutions, regions: [43, 25, 8, 15, 5, 4],
            outcomeWeights: [0.5, 0.5, 4, 1, 2, 0.5, 0.5, 3, 1]),
        government("Belgium (including Flanders)", 20_212, dac: 2, "BEL", ["EUR"], rbsa: 4.1,
                   regions: [55, 5, 25, 10, 5, 0]),
        government("Republic of Korea", 17_897, dac: 742, "KOR", ["USD", "KRW"], regions: [15, 50, 20, 5, 3, 7],
                   southSouth: 0.35, outcomes: [1, 1, 3, 2, 3, 1, 1, 2, 0.5]),
        government("Denmark", 17_410, dac: 3, "DNK", ["DKK", "USD"], rbsa: 6.4, regions: [40, 10, 25, 5, 15, 5]),
        government("United Kingdom", 13_980, dac: 12, "GBR", ["GBP"], regions: [30, 30, 22, 5, 5, 8],
                   outcomes: [1, 1, 1, 2, 1, 2, 4, 1, 0.5]),
        government("Australia", 11_964, dac: 801, "AUS", ["AUD", "USD"], regions: [5, 75, 15, 3, 1, 1]),
        government("France", 11_014, dac: 4, "FRA", ["EUR"], rbsa: 1.8, regions: [55, 10, 20, 5, 5, 5]),
        government("Italy", 7_957, dac: 6, "ITA", ["EUR"], rbsa: 2.0, regions: [40, 10, 20, 5, 20, 5], southSouth: 0.2),
        government("Luxembourg", 6_209, dac: 22, "LUX", ["EUR"], rbsa: 2.9, regions: [60, 20, 15, 5, 0, 0], southSouth: 0.15),
        emerging("Brazil", 6_137, ref: "BR-COA-ABC", "BRA", regions: [45, 0, 10, 45, 0, 0]),
        government("Ireland", 5_278, dac: 21, "IRL", ["EUR"], regions: [40, 20, 27, 5, 5, 3], southSouth: 0.15),
        government("New Zealand", 5_200, dac: 820, "NZL", ["NZD", "USD"], regions: [0, 90, 10, 0, 0, 0]),
        DemoPartner(
            name: "Other intergovernmental organizations", source: .otherIntergovernmentalOrganization,
            thousandUSD: 5_009, funders: DemoFunder.otherIntergovernmental, regions: [50, 10, 30, 5, 5, 0], southSouth: 0.2),
        DemoPartner(
            name: "Multilateral (pooled contributions of multi-bilateral partners)",
            source: .multilateralPooled, thousandUSD: 3_863, funders: DemoFunder.pooled, regions: [30, 25, 35, 5, 3, 2],
            southSouth: 0.1, outcomeWeights: [0.5, 0.5, 2, 2, 0.5, 0.5, 4, 3, 0.5]),
        government("Spain", 3_650, dac: 50, "ESP", ["EUR"], regions: [20, 5, 15, 55, 5, 0], southSouth: 0.3),
        government("Finland", 3_233, dac: 18, "FIN", ["EUR"], regions: [40, 20, 25, 5, 5, 5]),
        emerging("China", 3_000, ref: "CN-COA-MOHRSS", "CHN", regions: [40, 50, 10, 0, 0, 0]),
        government("Portugal", 2_872, dac: 9, "PRT", ["EUR"], regions: [70, 5, 15, 10, 0, 0], southSouth: 0.4),
        government("Austria", 2_115, dac: 1, "AUT", ["EUR"], regions: [20, 10, 30, 0, 10, 30]),
        DemoPartner(
            name: "Kuwait", source: .multiBilateral, thousandUSD: 1_000,
            funders: [DemoFunder(ref: "KW-COA-MOFA", type: "10", name: "Kuwait", abbreviation: "KWT")], agreementFactor: 2,
            regions: [5, 5, 10, 0, 80, 0], southSouth: 0.6),
        emerging("Panama", 981, ref: "PA-COA-MITRADEL", "PAN", regions: [0, 0, 10, 90, 0, 0]),
        government("Czechia", 89, dac: 68, "CZE", ["CZK", "USD"], regions: [0, 0, 30, 0, 0, 70]),
    ]

    /// The nine RBSA partners (seed §25); France joined in 2020.
    static var rbsaPartners: [Int] { all.indices.filter { all[$0].rbsaUSD > 0 } }

    /// Sweden and Norway.
    static var lightlyEarmarkingPartners: [Int] { all.indices.filter { all[$0].lightlyEarmarkedUSD > 0 } }
}
