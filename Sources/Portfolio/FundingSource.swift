/// Where voluntary funding comes from: the categories of the agency's funding overview.
///
/// Every category but multi-bilateral governments is reported as one partner (the seed's appendix
/// lists "United Nations", not each UN entity); governments are reported one by one.
public enum FundingSource: String, Sendable, CaseIterable, Codable {
    case multiBilateral = "multi-bilateral"
    case europeanCommission = "european-commission"
    case unitedNations = "united-nations"
    case publicPrivatePartnership = "public-private-partnership"
    case domesticDevelopmentFunding = "domestic-development-funding"
    case internationalFinancialInstitution = "international-financial-institution"
    case otherIntergovernmentalOrganization = "other-intergovernmental-organization"
    case multilateralPooled = "multilateral-pooled"

    /// The code, as it is written in the agency's IATI tags and in reports.
    public var code: String { rawValue }

    public var englishName: String {
        switch self {
        case .multiBilateral: "Multi-bilateral development partners (governments)"
        case .europeanCommission: "European Commission"
        case .unitedNations: "United Nations"
        case .publicPrivatePartnership: "Public-private partnerships (private and non-state actors)"
        case .domesticDevelopmentFunding: "Domestic development funding (domestic trust funds)"
        case .internationalFinancialInstitution: "International financial institutions"
        case .otherIntergovernmentalOrganization: "Other intergovernmental organizations"
        case .multilateralPooled: "Multilateral (pooled contributions of multi-bilateral partners)"
        }
    }

    public var chineseName: String {
        switch self {
        case .multiBilateral: "多边-双边发展伙伴"
        case .europeanCommission: "欧盟委员会"
        case .unitedNations: "联合国"
        case .publicPrivatePartnership: "公私伙伴关系"
        case .domesticDevelopmentFunding: "国内发展供资"
        case .internationalFinancialInstitution: "国际金融机构"
        case .otherIntergovernmentalOrganization: "其他政府间组织"
        case .multilateralPooled: "多边(集合资金捐款)"
        }
    }

    /// The one partner the category is reported as; `nil` for governments, reported one by one.
    public var groupPartner: String? {
        switch self {
        case .multiBilateral: nil
        case .europeanCommission: "European Commission"
        case .unitedNations: "United Nations"
        case .publicPrivatePartnership: "Private and non-state actors"
        case .domesticDevelopmentFunding: "Domestic development funding (DTF)"
        case .internationalFinancialInstitution: "International financial institutions"
        case .otherIntergovernmentalOrganization: "Other intergovernmental organizations"
        case .multilateralPooled: "Multilateral (pooled contributions of multi-bilateral partners)"
        }
    }

    /// The category of an IATI OrganisationType code, where the type alone decides it.
    ///
    /// Governments and other public bodies (10, 11, 15) are multi-bilateral partners; NGOs,
    /// foundations, companies, academia and public-private partnerships (21–24, 30, 60, 70–73, 80)
    /// are private and non-state actors; multilaterals (40) not known by identifier are other
    /// intergovernmental organizations. "Other" (90) and unknown types decide nothing.
    public init?(organisationType: String) {
        switch organisationType {
        case "10", "11", "15": self = .multiBilateral
        case "21", "22", "23", "24", "30", "60", "70", "71", "72", "73", "80": self = .publicPrivatePartnership
        case "40": self = .otherIntergovernmentalOrganization
        default: return nil
        }
    }
}
