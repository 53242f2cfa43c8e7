import Foundation

/// The bundled *ILO Development Cooperation Strategy 2020–25* with what its mid-term review
/// (GB.347/POL/3, 15 February 2023, data as of 17 January 2023) says of it: the strategy, the
/// review's progress texts as the first assessments, and the figures it reports as entered
/// indicator values, each citing its paragraph.
public struct StrategyCatalog: Sendable {
    public var strategy: Strategy
    public var assessments: [ProgressAssessment]
    public var values: [IndicatorValue]

    /// Who the bundled history is attributed to.
    public static let reviewAuthor = "GB.347/POL/3"

    /// Reads the bundled strategy and reported figures.
    public static func bundled() throws -> StrategyCatalog {
        func data(_ name: String) throws -> Data {
            guard let url = Bundle.module.url(forResource: name, withExtension: "json") else {
                throw PortfolioError("the bundled \(name).json is missing")
            }
            return try Data(contentsOf: url)
        }
        let strategyFile: StrategyFile
        let figuresFile: FiguresFile
        do {
            strategyFile = try JSONDecoder().decode(StrategyFile.self, from: try data("ilo-dc-strategy-2020-2025"))
            figuresFile = try JSONDecoder().decode(FiguresFile.self, from: try data("ilo-dc-reported-figures-2023"))
        } catch let error as PortfolioError {
            throw error
        } catch {
            throw PortfolioError("the bundled strategy cannot be read: \(error)")
        }
        let file = strategyFile.strategy
        let review = file.midTermReview
        let strategy = Strategy(
            id: file.id, title: file.title, start: file.period.start, end: file.period.end,
            pillars: file.pillars.map { pillar in
                Pillar(number: pillar.number, title: pillar.title, outcome: pillar.outcome,
                       actions: pillar.actions.map { StrategyAction(number: $0.number, text: LocalizedText(["en": $0.en, "zh": $0.zh])) })
            },
            indicators: indicators)
        let assessments = file.pillars.map { pillar in
            ProgressAssessment(
                pillar: pillar.number, date: review.date, dataAsOf: review.dataAsOf, rating: midTermRatings[pillar.number] ?? .progressing,
                narrative: pillar.progress, evidence: [review.document], recordedBy: reviewAuthor, recordedAt: review.date)
        }
        let values: [IndicatorValue] = figuresFile.figures.compactMap { figure in
            guard let indicator = reportedFigures[figure.id], let value = figure.value else { return nil }
            return IndicatorValue(
                indicator: indicator, date: figure.asOf ?? figureDates[figure.id] ?? review.dataAsOf, value: value,
                source: "\(review.document), paragraph \(figure.paragraph)", recordedBy: reviewAuthor, recordedAt: review.date)
        }
        return StrategyCatalog(strategy: strategy, assessments: assessments, values: values)
    }

    /// The ratings given to the review's progress texts, which state no rating themselves:
    /// - pillar 1, *needs acceleration*: capacity was strengthened, but the text says guidance on
    ///   constituents' capacity development "needs to be accelerated";
    /// - pillar 2, *progressing*: partnerships "have been built", services "need to expand";
    /// - pillar 3, *needs acceleration*: funding only "stayed at the level of previous years",
    ///   mostly earmarked, and diversification needs "further efforts";
    /// - pillar 4, *on track*: the Office "performs as expected", with named work still to do.
    public static let midTermRatings: [Int: ProgressRating] = [1: .needsAcceleration, 2: .progressing, 3: .needsAcceleration, 4: .onTrack]

    /// The indicators of the strategy. The strategy itself sets no numbers; these follow the
    /// figures the review reports (§7–§33) and what the portfolio can answer itself. The one target
    /// is the strategy's aim that every active programme has a tripartite steering committee.
    public static let indicators: [StrategyIndicator] = [
        .init(id: "countries-supported", pillar: 1, action: 1, title: t("Countries and territories supported", "得到支持的国家和领土"), unit: .count),
        .init(id: "constituents-trained-evaluation", pillar: 1, action: 1,
              title: t("Constituent representatives trained in evaluation", "接受评价培训的三方成员代表"), unit: .count),
        .init(id: "dwcp-active", pillar: 1, action: 2, title: t("Active Decent Work Country Programmes", "执行中的体面劳动国别计划"),
              unit: .count, computed: .activeDWCPs),
        .init(id: "dwcp-with-committee", pillar: 1, action: 2,
              title: t("Active programmes with a tripartite steering committee", "设有三方指导委员会的执行中计划"), unit: .count,
              computed: .dwcpsWithCommittee),
        .init(id: "dwcp-committee-share", pillar: 1, action: 2,
              title: t("Share of active programmes with a tripartite steering committee", "设有三方指导委员会的执行中计划所占比例"),
              unit: .share, targets: [2025: 1], computed: .dwcpCommitteeShare),
        .init(id: "trade-union-elearning-beneficiaries", pillar: 1, action: 3,
              title: t("Beneficiaries of the trade union e-learning course on UN Cooperation Frameworks", "工会关于联合国合作框架的电子学习课程受益人"),
              unit: .count),
        .init(id: "sstc-projects", pillar: 1, action: 4, title: t("South-South and triangular cooperation projects since 2020", "2020 年以来的南南和三角合作项目"),
              unit: .count, computed: .sstcProjects),
        .init(id: "sstc-countries", pillar: 1, action: 4, title: t("Countries covered by those projects", "这些项目覆盖的国家"), unit: .count,
              computed: .sstcCountries),
        .init(id: "sstc-regions", pillar: 1, action: 4, title: t("Regions covered by those projects", "这些项目覆盖的区域"), unit: .count,
              computed: .sstcRegions),
        .init(id: "alliance87-pathfinder-countries", pillar: 2, action: 1, title: t("Alliance 8.7 pathfinder countries", "8.7 联盟探路国"), unit: .count),
        .init(id: "gbdn-new-enterprises-since-2020", pillar: 2, action: 4,
              title: t("Enterprises that joined the Global Business and Disability Network since 2020", "2020 年以来加入全球企业与残疾网络的企业"), unit: .count),
        .init(id: "gbdn-enterprises-total", pillar: 2, action: 4, title: t("Enterprises in the Global Business and Disability Network", "全球企业与残疾网络中的企业"),
              unit: .count),
        .init(id: "gbdn-national-networks", pillar: 2, action: 4, title: t("National business and disability networks created", "建立的国家企业与残疾网络"),
              unit: .count),
        .init(id: "approvals-per-year", pillar: 3, action: 1, title: t("New project approvals per year", "每年新批准的项目供资"), unit: .millionUSD,
              computed: .approvalsPerYear),
        .init(id: "rbsa-contributions", pillar: 3, action: 2, title: t("RBSA (core voluntary) contributions since 2020", "2020 年以来的经常预算补充账户捐款"),
              unit: .millionUSD, computed: .rbsaContributions),
        .init(id: "unearmarked-share", pillar: 3, action: 2, title: t("Share of unearmarked funding", "未指定用途供资所占比例"), unit: .share,
              computed: .unearmarkedShare),
        .init(id: "top-20-partners-share", pillar: 3, action: 3, title: t("Share of contributions from the 20 largest partners", "前 20 个伙伴提供的捐款所占比例"),
              unit: .share, computed: .topTwentyPartnersShare),
        .init(id: "voluntary-share-of-total", pillar: 3, title: t("Share of voluntary contributions in the total budget of work", "自愿捐款在工作预算总额中所占比例"),
              unit: .share),
        .init(id: "staff-dc-learning-journey", pillar: 4, action: 2, title: t("Staff in the development cooperation learning journey", "参加发展合作学习之旅的工作人员"),
              unit: .count),
    ]

    /// Which indicator each reported figure is a value of. The review's other figures are context
    /// (ODA growth, the list of RBSA partners, the 2020–22 approval total, shares by funding
    /// source, which the funding page shows live), not indicators of the strategy.
    static let reportedFigures: [String: String] = [
        "countries-supported": "countries-supported", "constituents-trained-evaluation": "constituents-trained-evaluation",
        "dwcp-active": "dwcp-active", "dwcp-with-tripartite-steering-committee": "dwcp-with-committee",
        "trade-union-elearning-beneficiaries": "trade-union-elearning-beneficiaries", "sstc-projects-since-2020": "sstc-projects",
        "sstc-countries": "sstc-countries", "sstc-regions": "sstc-regions", "alliance87-pathfinder-countries": "alliance87-pathfinder-countries",
        "gbdn-new-enterprises-since-2020": "gbdn-new-enterprises-since-2020", "gbdn-enterprises-total": "gbdn-enterprises-total",
        "gbdn-national-networks": "gbdn-national-networks", "approvals-average-per-year-musd": "approvals-per-year",
        "rbsa-2020-2022-musd": "rbsa-contributions", "top-20-partners-share": "top-20-partners-share",
        "voluntary-share-of-total-2020-2022": "voluntary-share-of-total", "staff-dc-learning-journey-2021": "staff-dc-learning-journey",
    ]

    /// Figures about a finished period are dated at its end, not at the review's data date.
    static let figureDates: [String: String] = [
        "staff-dc-learning-journey-2021": "2021-12-31", "rbsa-2020-2022-musd": "2022-12-31",
        "approvals-average-per-year-musd": "2022-12-31", "voluntary-share-of-total-2020-2022": "2022-12-31",
    ]

    private static func t(_ english: String, _ chinese: String) -> LocalizedText { LocalizedText(["en": english, "zh": chinese]) }
}

// The bundled files' shapes.
private struct StrategyFile: Decodable {
    struct Body: Decodable {
        struct Period: Decodable { var start: String; var end: String }
        struct Review: Decodable { var document: String; var date: String; var dataAsOf: String }
        struct PillarBody: Decodable {
            struct Action: Decodable { var number: Int; var en: String; var zh: String }
            var number: Int
            var title: LocalizedText
            var outcome: LocalizedText
            var actions: [Action]
            var progress: LocalizedText
        }
        var id: String
        var title: LocalizedText
        var period: Period
        var midTermReview: Review
        var pillars: [PillarBody]
    }
    var strategy: Body
}

private struct FiguresFile: Decodable {
    struct Figure: Decodable {
        var id: String
        var paragraph: Int
        /// `nil` for a figure that is not one number (a list of partners).
        var value: Double?
        var asOf: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            paragraph = try container.decode(Int.self, forKey: .paragraph)
            value = try? container.decode(Double.self, forKey: .value)
            asOf = try container.decodeIfPresent(String.self, forKey: .asOf)
        }

        enum CodingKeys: String, CodingKey { case id, paragraph, value, asOf }
    }
    var figures: [Figure]
}
