import Charts

/// Data like the dashboard's: approvals by year, partners, region × source, outcomes.
enum SampleData {
    static let years = (2014...2025).map(String.init)
    static let approvals: [Double?] = [285_692, 260_703, 305_696, 374_700, 315_698, 330_696, 336_133, 358_410, 349_884, 355_700, 345_703, 255_699]

    static var approvalsByYear: ChartData {
        ChartData(categories: years, values: approvals, seriesName: "Approvals")
    }

    static var budgetAndSpending: ChartData {
        ChartData(categories: years, series: [
            ChartSeries(name: "Budget", values: [300_120, 280_400, 310_000, 390_250, 340_800, 352_100, 360_900, 371_300, 380_000, 379_500, 362_000, 300_000]),
            ChartSeries(name: "Expenditure", values: [262_004, 250_313, 281_224, 331_870, 301_442, 318_006, 289_771, 330_150, 342_006, 350_911, 333_333, nil]),
        ])
    }

    static let partners: [(String, Double)] = [
        ("European Commission", 184_077), ("United States", 121_356), ("Germany", 98_210),
        ("Norway", 61_904), ("Netherlands", 58_732), ("Sweden", 51_006),
        ("United Kingdom of Great Britain and Northern Ireland", 47_893), ("Japan", 40_112),
        ("Switzerland", 36_540), ("Denmark", 30_018), ("Ireland", 25_774),
        ("International Bank for Reconstruction and Development (World Bank)", 24_650),
        ("Belgium", 22_410), ("France", 20_300), ("Italy", 18_925), ("Canada", 17_404),
        ("Korea, Republic of", 15_002), ("Australia", 13_778), ("Spain", 12_016),
        ("Multi-Partner Trust Fund Office (UN pooled funds)", 11_550), ("Luxembourg", 9_870),
        ("Finland", 8_412), ("Portugal", 6_230), ("Austria", 5_012), ("Brazil", 4_400),
        ("China", 3_725), ("Saudi Arabia", 3_118), ("Qatar", 2_560), ("Kuwait", 1_905),
        ("New Zealand", 1_420), ("Poland", 960), ("Turkey", 512), ("Estonia", 230), ("Czechia", 89),
    ]

    static var partnerData: ChartData {
        ChartData(categories: partners.map(\.0), values: partners.map(\.1), seriesName: "Contributions")
    }

    static let regions = ["Africa", "Americas", "Arab States", "Asia and the Pacific", "Europe and Central Asia", "Global"]
    static let sources = [
        "Voluntary core (RBSA)", "Multi-bilateral", "Domestic development funding", "UN pooled funds",
        "International financial institutions", "Public–private partnerships", "South–South", "Other",
    ]
    static var regionBySource: ChartData {
        let values: [[Double?]] = [
            [12_400, 9_800, 4_300, 15_200, 6_100, 41_000],
            [88_300, 40_100, 31_200, 95_400, 28_700, 60_900],
            [5_100, 22_800, 2_300, 9_900, nil, 400],
            [9_700, 6_100, 7_900, 11_800, 3_400, 5_200],
            [4_200, 3_800, 1_100, 8_300, 2_600, 900],
            [2_100, 1_400, 900, 3_300, 700, 6_800],
            [800, 1_900, 600, 1_200, 300, 1_100],
            [1_500, 700, 400, 2_200, 900, 3_100],
        ]
        return ChartData(categories: regions, series: zip(sources, values).map { ChartSeries(name: $0, values: $1) })
    }

    static let chineseOutcomes = [
        "国际劳工标准", "社会对话", "就业促进", "可持续企业", "技能和终身学习",
        "性别平等、机会平等和平等待遇", "工作中的保护", "社会保护", "公正过渡与绿色就业",
    ]
    static var expenditureByOutcome: ChartData {
        ChartData(categories: chineseOutcomes, values: [41_230, 22_105, 78_940, 35_612, 52_300, 18_004, 47_920, 66_118, 9_875], seriesName: "支出")
    }

    static let frenchOutcomes = [
        "Normes internationales du travail", "Dialogue social", "Promotion de l’emploi",
        "Entreprises durables", "Compétences et apprentissage tout au long de la vie",
        "Égalité de genre, égalité de chances et de traitement", "Protection au travail",
        "Protection sociale",
    ]

    static let hostile = "<script>alert(1)</script> & \"x\""
}
