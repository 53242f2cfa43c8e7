/// A country or territory of the demo portfolio: the 120 the ILO's development cooperation
/// supports (seed §7, "about 120 countries and territories"), with the names and language its
/// narratives use and its Decent Work Country Programmes.
struct DemoCountry: Sendable {
    /// ISO 3166-1 alpha-2, as in `recipient-country/@code`.
    var code: String
    /// ISO 3166-1 alpha-3, as in the ILO's project symbols and CPO codes (`BGD101`).
    var code3: String
    var region: Region
    var english: String
    var chinese: String
    /// The name in ``language``, when narratives are also written in French or Spanish.
    var local: String?
    /// `fr` or `es`: the language of the country's narratives besides English (and Chinese for China).
    var language: String?
    /// How much of the portfolio goes there, relative to its region's other countries.
    var weight: Double
    /// Crisis or refugee-hosting context: its jobs-for-peace projects are humanitarian.
    var crisis: Bool
    /// Its Decent Work Country Programmes, oldest first.
    var programmes: [DemoProgramme]

    /// The Decent Work Country Programme in force in `year`, if any.
    func programme(in year: Int) -> DemoProgramme? {
        programmes.first { $0.first <= year && year <= $0.last }
    }
}

/// A Decent Work Country Programme: `BD-2022-2026`.
struct DemoProgramme: Sendable, Hashable {
    var country: String
    var first: Int
    var last: Int
    /// Whether a tripartite steering committee monitors it (seed §13: 52 of the 55 active on 2022-09-15).
    var steeringCommittee: Bool

    var code: String { "\(country)-\(first)-\(last)" }

    /// Whether it was in force on 15 September 2022, the date of the seed's count.
    var activeOnCountDate: Bool { first <= 2022 && 2022 <= last }
}

extension DemoCountry {
    /// The 120 countries and territories, by region (Africa 42, Asia and the Pacific 27, Americas 24,
    /// Arab States 11, Europe and Central Asia 16); regions as in the bundled `country-regions.csv`.
    static let all: [DemoCountry] = africa + asiaPacific + americas + arabStates + europeCentralAsia

    static func find(_ code: String) -> DemoCountry? { byCode[code] }

    private static let byCode: [String: DemoCountry] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    private static func c(
        _ code: String, _ code3: String, _ region: Region, _ english: String, _ chinese: String, fr: String? = nil,
        es: String? = nil, weight: Double = 1, crisis: Bool = false
    ) -> DemoCountry {
        DemoCountry(
            code: code, code3: code3, region: region, english: english, chinese: chinese, local: fr ?? es,
            language: fr != nil ? "fr" : es != nil ? "es" : nil, weight: weight, crisis: crisis,
            programmes: (DemoProgrammes.cycles[code] ?? []).map {
                DemoProgramme(country: code, first: $0.0, last: $0.1, steeringCommittee: !DemoProgrammes.withoutCommittee.contains(code))
            })
    }

    private static let africa: [DemoCountry] = [
        c("DZ", "DZA", .africa, "Algeria", "阿尔及利亚", fr: "Algérie"),
        c("AO", "AGO", .africa, "Angola", "安哥拉"),
        c("BJ", "BEN", .africa, "Benin", "贝宁", fr: "Bénin", weight: 2),
        c("BW", "BWA", .africa, "Botswana", "博茨瓦纳"),
        c("BF", "BFA", .africa, "Burkina Faso", "布基纳法索", fr: "Burkina Faso", weight: 2, crisis: true),
        c("BI", "BDI", .africa, "Burundi", "布隆迪", fr: "Burundi"),
        c("CV", "CPV", .africa, "Cabo Verde", "佛得角"),
        c("CM", "CMR", .africa, "Cameroon", "喀麦隆", fr: "Cameroun", weight: 2),
        c("CF", "CAF", .africa, "Central African Republic", "中非共和国", fr: "République centrafricaine", crisis: true),
        c("TD", "TCD", .africa, "Chad", "乍得", fr: "Tchad", crisis: true),
        c("CD", "COD", .africa, "Democratic Republic of the Congo", "刚果民主共和国", fr: "République démocratique du Congo", weight: 2, crisis: true),
        c("CI", "CIV", .africa, "Côte d'Ivoire", "科特迪瓦", fr: "Côte d'Ivoire", weight: 3),
        c("DJ", "DJI", .africa, "Djibouti", "吉布提", fr: "Djibouti"),
        c("EG", "EGY", .africa, "Egypt", "埃及", weight: 3),
        c("ET", "ETH", .africa, "Ethiopia", "埃塞俄比亚", weight: 3),
        c("GH", "GHA", .africa, "Ghana", "加纳", weight: 3),
        c("GN", "GIN", .africa, "Guinea", "几内亚", fr: "Guinée"),
        c("KE", "KEN", .africa, "Kenya", "肯尼亚", weight: 3),
        c("LS", "LSO", .africa, "Lesotho", "莱索托"),
        c("LR", "LBR", .africa, "Liberia", "利比里亚"),
        c("MG", "MDG", .africa, "Madagascar", "马达加斯加", fr: "Madagascar", weight: 2),
        c("MW", "MWI", .africa, "Malawi", "马拉维", weight: 2),
        c("ML", "MLI", .africa, "Mali", "马里", fr: "Mali", weight: 2, crisis: true),
        c("MR", "MRT", .africa, "Mauritania", "毛里塔尼亚", fr: "Mauritanie"),
        c("MA", "MAR", .africa, "Morocco", "摩洛哥", fr: "Maroc", weight: 2),
        c("MZ", "MOZ", .africa, "Mozambique", "莫桑比克", weight: 2),
        c("NA", "NAM", .africa, "Namibia", "纳米比亚"),
        c("NE", "NER", .africa, "Niger", "尼日尔", fr: "Niger", weight: 2, crisis: true),
        c("NG", "NGA", .africa, "Nigeria", "尼日利亚", weight: 2),
        c("RW", "RWA", .africa, "Rwanda", "卢旺达"),
        c("SN", "SEN", .africa, "Senegal", "塞内加尔", fr: "Sénégal", weight: 3),
        c("SL", "SLE", .africa, "Sierra Leone", "塞拉利昂"),
        c("SO", "SOM", .africa, "Somalia", "索马里", weight: 2, crisis: true),
        c("ZA", "ZAF", .africa, "South Africa", "南非", weight: 3),
        c("SS", "SSD", .africa, "South Sudan", "南苏丹", crisis: true),
        c("SD", "SDN", .africa, "Sudan", "苏丹", crisis: true),
        c("TZ", "TZA", .africa, "United Republic of Tanzania", "坦桑尼亚联合共和国", weight: 3),
        c("TG", "TGO", .africa, "Togo", "多哥", fr: "Togo"),
        c("TN", "TUN", .africa, "Tunisia", "突尼斯", fr: "Tunisie", weight: 2),
        c("UG", "UGA", .africa, "Uganda", "乌干达", weight: 2),
        c("ZM", "ZMB", .africa, "Zambia", "赞比亚", weight: 2),
        c("ZW", "ZWE", .africa, "Zimbabwe", "津巴布韦", weight: 2),
    ]

    private static let asiaPacific: [DemoCountry] = [
        c("AF", "AFG", .asiaPacific, "Afghanistan", "阿富汗", crisis: true),
        c("BD", "BGD", .asiaPacific, "Bangladesh", "孟加拉国", weight: 4),
        c("BT", "BTN", .asiaPacific, "Bhutan", "不丹"),
        c("KH", "KHM", .asiaPacific, "Cambodia", "柬埔寨", weight: 3),
        c("CN", "CHN", .asiaPacific, "China", "中国", weight: 2),
        c("FJ", "FJI", .asiaPacific, "Fiji", "斐济"),
        c("IN", "IND", .asiaPacific, "India", "印度", weight: 2),
        c("ID", "IDN", .asiaPacific, "Indonesia", "印度尼西亚", weight: 3),
        c("IR", "IRN", .asiaPacific, "Iran (Islamic Republic of)", "伊朗伊斯兰共和国"),
        c("LA", "LAO", .asiaPacific, "Lao People's Democratic Republic", "老挝人民民主共和国", weight: 2),
        c("MY", "MYS", .asiaPacific, "Malaysia", "马来西亚"),
        c("MV", "MDV", .asiaPacific, "Maldives", "马尔代夫"),
        c("MN", "MNG", .asiaPacific, "Mongolia", "蒙古"),
        c("MM", "MMR", .asiaPacific, "Myanmar", "缅甸", weight: 3, crisis: true),
        c("NP", "NPL", .asiaPacific, "Nepal", "尼泊尔", weight: 2),
        c("PK", "PAK", .asiaPacific, "Pakistan", "巴基斯坦", weight: 2),
        c("PG", "PNG", .asiaPacific, "Papua New Guinea", "巴布亚新几内亚"),
        c("PH", "PHL", .asiaPacific, "Philippines", "菲律宾", weight: 2),
        c("WS", "WSM", .asiaPacific, "Samoa", "萨摩亚"),
        c("SB", "SLB", .asiaPacific, "Solomon Islands", "所罗门群岛"),
        c("LK", "LKA", .asiaPacific, "Sri Lanka", "斯里兰卡", weight: 2),
        c("TH", "THA", .asiaPacific, "Thailand", "泰国", weight: 2),
        c("TL", "TLS", .asiaPacific, "Timor-Leste", "东帝汶", weight: 2),
        c("TO", "TON", .asiaPacific, "Tonga", "汤加"),
        c("VU", "VUT", .asiaPacific, "Vanuatu", "瓦努阿图"),
        c("VN", "VNM", .asiaPacific, "Viet Nam", "越南", weight: 3),
        c("KI", "KIR", .asiaPacific, "Kiribati", "基里巴斯"),
    ]

    private static let americas: [DemoCountry] = [
        c("AR", "ARG", .americas, "Argentina", "阿根廷", es: "Argentina", weight: 2),
        c("BB", "BRB", .americas, "Barbados", "巴巴多斯"),
        c("BZ", "BLZ", .americas, "Belize", "伯利兹"),
        c("BO", "BOL", .americas, "Bolivia (Plurinational State of)", "多民族玻利维亚国", es: "Bolivia (Estado Plurinacional de)"),
        c("BR", "BRA", .americas, "Brazil", "巴西", weight: 2),
        c("CL", "CHL", .americas, "Chile", "智利", es: "Chile"),
        c("CO", "COL", .americas, "Colombia", "哥伦比亚", es: "Colombia", weight: 2),
        c("CR", "CRI", .americas, "Costa Rica", "哥斯达黎加", es: "Costa Rica"),
        c("DO", "DOM", .americas, "Dominican Republic", "多米尼加共和国", es: "República Dominicana"),
        c("EC", "ECU", .americas, "Ecuador", "厄瓜多尔", es: "Ecuador"),
        c("SV", "SLV", .americas, "El Salvador", "萨尔瓦多", es: "El Salvador"),
        c("GT", "GTM", .americas, "Guatemala", "危地马拉", es: "Guatemala", weight: 2),
        c("GY", "GUY", .americas, "Guyana", "圭亚那"),
        c("HT", "HTI", .americas, "Haiti", "海地", fr: "Haïti", weight: 2, crisis: true),
        c("HN", "HND", .americas, "Honduras", "洪都拉斯", es: "Honduras"),
        c("JM", "JAM", .americas, "Jamaica", "牙买加"),
        c("MX", "MEX", .americas, "Mexico", "墨西哥", es: "México", weight: 2),
        c("NI", "NIC", .americas, "Nicaragua", "尼加拉瓜", es: "Nicaragua"),
        c("PA", "PAN", .americas, "Panama", "巴拿马", es: "Panamá"),
        c("PY", "PRY", .americas, "Paraguay", "巴拉圭", es: "Paraguay"),
        c("PE", "PER", .americas, "Peru", "秘鲁", es: "Perú", weight: 2),
        c("TT", "TTO", .americas, "Trinidad and Tobago", "特立尼达和多巴哥"),
        c("UY", "URY", .americas, "Uruguay", "乌拉圭", es: "Uruguay"),
        c("VE", "VEN", .americas, "Venezuela (Bolivarian Republic of)", "委内瑞拉玻利瓦尔共和国", es: "Venezuela (República Bolivariana de)"),
    ]

    private static let arabStates: [DemoCountry] = [
        c("JO", "JOR", .arabStates, "Jordan", "约旦", weight: 3, crisis: true),
        c("LB", "LBN", .arabStates, "Lebanon", "黎巴嫩", weight: 3, crisis: true),
        c("IQ", "IRQ", .arabStates, "Iraq", "伊拉克", weight: 2, crisis: true),
        c("SY", "SYR", .arabStates, "Syrian Arab Republic", "阿拉伯叙利亚共和国", crisis: true),
        c("YE", "YEM", .arabStates, "Yemen", "也门", crisis: true),
        c("PS", "PSE", .arabStates, "Occupied Palestinian Territory", "巴勒斯坦被占领土", weight: 2, crisis: true),
        c("SA", "SAU", .arabStates, "Saudi Arabia", "沙特阿拉伯"),
        c("QA", "QAT", .arabStates, "Qatar", "卡塔尔"),
        c("OM", "OMN", .arabStates, "Oman", "阿曼"),
        c("KW", "KWT", .arabStates, "Kuwait", "科威特"),
        c("AE", "ARE", .arabStates, "United Arab Emirates", "阿拉伯联合酋长国"),
    ]

    private static let europeCentralAsia: [DemoCountry] = [
        c("AL", "ALB", .europeCentralAsia, "Albania", "阿尔巴尼亚"),
        c("AM", "ARM", .europeCentralAsia, "Armenia", "亚美尼亚"),
        c("AZ", "AZE", .europeCentralAsia, "Azerbaijan", "阿塞拜疆"),
        c("BA", "BIH", .europeCentralAsia, "Bosnia and Herzegovina", "波斯尼亚和黑塞哥维那"),
        c("GE", "GEO", .europeCentralAsia, "Georgia", "格鲁吉亚"),
        c("KZ", "KAZ", .europeCentralAsia, "Kazakhstan", "哈萨克斯坦"),
        c("KG", "KGZ", .europeCentralAsia, "Kyrgyzstan", "吉尔吉斯斯坦"),
        c("MD", "MDA", .europeCentralAsia, "Republic of Moldova", "摩尔多瓦共和国"),
        c("ME", "MNE", .europeCentralAsia, "Montenegro", "黑山"),
        c("MK", "MKD", .europeCentralAsia, "North Macedonia", "北马其顿"),
        c("RS", "SRB", .europeCentralAsia, "Serbia", "塞尔维亚"),
        c("TJ", "TJK", .europeCentralAsia, "Tajikistan", "塔吉克斯坦"),
        c("TR", "TUR", .europeCentralAsia, "Türkiye", "土耳其", weight: 3, crisis: true),
        c("UA", "UKR", .europeCentralAsia, "Ukraine", "乌克兰", weight: 2, crisis: true),
        c("UZ", "UZB", .europeCentralAsia, "Uzbekistan", "乌兹别克斯坦", weight: 2),
        c("XK", "XKX", .europeCentralAsia, "Kosovo", "科索沃"),
    ]
}

/// The Decent Work Country Programme cycles of the demo: 55 in force on 15 September 2022, 52 of them
/// with a tripartite steering committee (seed §13), and earlier or later cycles around them.
enum DemoProgrammes {
    /// First and last year of each cycle, by country.
    static let cycles: [String: [(Int, Int)]] = [
        // Africa: 22 in force on the count date.
        "BJ": [(2014, 2018), (2019, 2023)], "BF": [(2014, 2019), (2020, 2023)], "BI": [(2021, 2024)],
        "CM": [(2014, 2018), (2019, 2023)], "CI": [(2017, 2020), (2021, 2025)], "CD": [(2021, 2024)],
        "ET": [(2017, 2020), (2021, 2025)], "GH": [(2018, 2022), (2023, 2027)], "KE": [(2013, 2016), (2021, 2024)],
        "LS": [(2012, 2017), (2018, 2023)], "LR": [(2021, 2025)], "MG": [(2015, 2019), (2021, 2024)],
        "MW": [(2011, 2016), (2020, 2023)], "ML": [(2020, 2024)], "MZ": [(2018, 2022), (2023, 2026)],
        "NA": [(2014, 2018), (2019, 2023)], "NG": [(2015, 2018), (2022, 2026)], "RW": [(2018, 2023)],
        "SN": [(2015, 2018), (2019, 2023)], "TZ": [(2016, 2020), (2022, 2026)], "ZM": [(2013, 2016), (2020, 2023)],
        "ZW": [(2012, 2015), (2022, 2026)],
        // Asia and the Pacific: 14.
        "BD": [(2017, 2021), (2022, 2026)], "KH": [(2016, 2018), (2019, 2023)], "FJ": [(2019, 2022), (2023, 2027)],
        "ID": [(2016, 2019), (2020, 2025)], "LA": [(2017, 2021), (2022, 2026)], "MN": [(2017, 2022), (2023, 2027)],
        "NP": [(2018, 2022), (2023, 2027)], "PK": [(2016, 2020), (2021, 2025)], "PH": [(2017, 2019), (2020, 2024)],
        "WS": [(2016, 2020), (2021, 2025)], "LK": [(2018, 2022), (2023, 2027)], "TL": [(2016, 2020), (2021, 2025)],
        "VN": [(2017, 2021), (2022, 2026)], "PG": [(2018, 2022), (2023, 2027)],
        // Americas: 6.
        "BB": [(2019, 2022)], "BZ": [(2019, 2023)], "GY": [(2017, 2022)], "JM": [(2018, 2022)], "TT": [(2019, 2023)],
        "HN": [(2012, 2015), (2022, 2025)],
        // Arab States: 4.
        "JO": [(2018, 2022), (2023, 2025)], "OM": [(2019, 2022), (2023, 2026)], "KW": [(2021, 2024)],
        "PS": [(2018, 2022), (2023, 2025)],
        // Europe and Central Asia: 9.
        "AL": [(2017, 2021), (2022, 2026)], "AM": [(2019, 2023)], "AZ": [(2016, 2020), (2021, 2025)],
        "GE": [(2019, 2023)], "KG": [(2018, 2022)], "MD": [(2016, 2020), (2022, 2025)], "ME": [(2019, 2022)],
        "MK": [(2019, 2022)], "UZ": [(2014, 2016), (2021, 2025)],
        // Programmes that had ended, or not begun, on the count date.
        "UG": [(2013, 2017), (2023, 2027)], "SL": [(2016, 2020)], "TG": [(2016, 2019), (2023, 2026)],
        "TN": [(2017, 2021)], "CN": [(2016, 2020)], "TH": [(2019, 2021), (2023, 2026)], "RS": [(2019, 2021)],
        "UA": [(2016, 2019), (2023, 2025)], "TJ": [(2015, 2017)], "BA": [(2016, 2019)], "IQ": [(2019, 2021)],
        "HT": [(2015, 2020)], "EG": [(2015, 2018)],
    ]

    /// Countries whose programme in force on the count date has no tripartite steering committee.
    static let withoutCommittee: Set<String> = ["BI", "PG", "KW"]

    /// Every programme in force on 15 September 2022.
    static var active: [DemoProgramme] {
        DemoCountry.all.flatMap(\.programmes).filter(\.activeOnCountDate)
    }
}
