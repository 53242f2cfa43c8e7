/// The figures of the seed document (GB.347/POL/3, §7, §13, §17, §25–27 and its appendix) and of
/// `ilo-voluntary-contributions-2020-2022.csv` that the demo portfolio holds, copied here so
/// that nothing is read at run time.
enum DemoFigures {
    /// The years of the portfolio: agreements signed 2014–2025.
    static let years = 2014...2025
    /// The window of the seed's figures: 2020–22.
    static let window = 2020...2022
    /// The last day of the data: no transaction or actual date after it.
    static let lastDay = DemoDate(2025, 12, 31)
    /// When the files were generated (`generated-datetime`, every `last-updated-datetime`).
    static let generated = DemoDate(2026, 1, 15)

    /// XBDC approvals (new earmarked agreements, by year signed) in US dollars, outside 2020–22
    /// (appendix figure 1: 2017 is the record; 2020–22 come from the partner table).
    static let approvals: [Int: Int] = [
        2014: 280_000_000, 2015: 255_000_000, 2016: 300_000_000, 2017: 369_000_000, 2018: 310_000_000,
        2019: 325_000_000, 2023: 350_000_000, 2024: 340_000_000, 2025: 250_000_000,
    ]
    /// How 2020–22 approvals fall over the three years (COVID-19 slowed 2020).
    static let windowSplit: [Int: Double] = [2020: 0.322, 2021: 0.343, 2022: 0.335]

    /// RBSA contributions by year outside 2020–22 (2017–19: US$33 million, 17.9 million less than 2020–22).
    static let rbsa: [Int: Int] = [
        2014: 10_200_000, 2015: 10_500_000, 2016: 10_800_000, 2017: 10_600_000, 2018: 11_000_000, 2019: 11_400_000,
        2023: 19_000_000, 2024: 18_400_000, 2025: 17_900_000,
    ]
    /// Lightly earmarked contributions a year outside 2020–22, by partner name.
    static let lightlyEarmarked: [String: Int] = ["Sweden": 3_100_000, "Norway": 2_600_000]

    /// About 1,000 projects: the earmarked ones, besides one RBSA and two lightly earmarked
    /// activities a biennium.
    static let projects = 980

    /// South-South and triangular cooperation projects launched 2020–22 and the countries they cover (§17).
    static let southSouthProjects = 70
    static let southSouthCountries = 85
    /// How many of those 85 countries are in each region (five regions, §17).
    static let southSouthQuota: [Region: Int] = [
        .africa: 31, .asiaPacific: 21, .americas: 17, .arabStates: 6, .europeCentralAsia: 10,
    ]

    /// Shares of 2020–22 expenditure by outcome the portfolio aims at (§26: child and forced labour,
    /// social protection, skills, employment-intensive investment and enterprise development lead).
    static let outcomeShares: [Outcome: Double] = [
        .protectionAtWork: 0.215, .socialProtection: 0.17, .skills: 0.145, .employmentTransitions: 0.13,
        .sustainableEnterprises: 0.11, .socialDialogue: 0.065, .genderEquality: 0.06, .labourStandards: 0.055,
        .knowledgeAndPartnerships: 0.05,
    ]

    /// The reporting organisation.
    static let ilo = "XM-DAC-41302"
}
