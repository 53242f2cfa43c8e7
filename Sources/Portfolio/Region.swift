/// The agency's regions, plus global and interregional work.
public enum Region: String, Sendable, CaseIterable, Codable {
    case africa
    case americas
    case arabStates = "arab-states"
    case asiaPacific = "asia-pacific"
    case europeCentralAsia = "europe-central-asia"
    case global

    public var code: String { rawValue }

    public var englishName: String {
        switch self {
        case .africa: "Africa"
        case .americas: "Americas"
        case .arabStates: "Arab States"
        case .asiaPacific: "Asia and the Pacific"
        case .europeCentralAsia: "Europe and Central Asia"
        case .global: "Global and interregional"
        }
    }

    public var chineseName: String {
        switch self {
        case .africa: "非洲"
        case .americas: "美洲"
        case .arabStates: "阿拉伯国家"
        case .asiaPacific: "亚洲和太平洋"
        case .europeCentralAsia: "欧洲和中亚"
        case .global: "全球和区域间"
        }
    }

    /// The region of an IATI Region codelist code (vocabulary 1, OECD DAC): the continental
    /// regional codes map to the agency's region that holds most of them; "developing countries,
    /// unspecified" (998) and anything unknown are global.
    public init(dacRegion code: String) {
        switch code {
        case "189", "289", "298": self = .africa  // North of Sahara, South of Sahara, Africa regional
        case "380", "389", "489", "498": self = .americas
        case "589": self = .arabStates  // Middle East regional
        case "619", "679", "689", "789", "798", "889": self = .asiaPacific
        case "89": self = .europeCentralAsia
        default: self = .global
        }
    }
}
