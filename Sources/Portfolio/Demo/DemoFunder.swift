/// An organisation that gives the ILO money in the demo: the `provider-org` of incoming
/// transactions and a funding `participating-org` of the activity.
///
/// A government's name is exactly the partner's name in the seed's table ("Belgium (including
/// Flanders)"), since the agency reports governments one by one under that name; an organisation
/// of a grouped category (a UN entity, a development bank, a foundation) keeps its own name.
struct DemoFunder: Sendable, Hashable {
    /// The IATI organisation identifier, where it has one; made-up identifiers carry `DEMO`.
    var ref: String
    /// IATI OrganisationType: 10 government, 21 international NGO, 40 multilateral, 60 foundation, 70 private sector…
    var type: String
    var name: String
    /// The code closing the ILO's project symbols: `BGD/20/05/NLD`.
    var abbreviation: String
    /// ECB-quoted currencies its agreements are signed in, the usual one first (USD besides).
    var currencies: [String] = ["USD"]
    /// The one country it funds (domestic development funding), if any.
    var country: String? = nil
    /// Its relative share of its group's agreements.
    var weight: Double = 1
}

extension DemoFunder {
    /// A government of the seed's table, by its DAC donor code.
    static func government(_ name: String, dac code: Int, _ abbreviation: String, _ currencies: [String]) -> DemoFunder {
        DemoFunder(ref: "XM-DAC-\(code)", type: "10", name: name, abbreviation: abbreviation, currencies: currencies)
    }

    // MARK: European Commission

    static let europeanCommission: [DemoFunder] = [
        DemoFunder(ref: "XI-IATI-EC_DEVCO", type: "40", name: "European Commission - Development and Cooperation-EuropeAid",
                   abbreviation: "EUR", currencies: ["EUR"], weight: 6),
        DemoFunder(ref: "XI-IATI-EC_INTPA", type: "40", name: "European Commission - International Partnerships",
                   abbreviation: "EUR", currencies: ["EUR"], weight: 6),
        DemoFunder(ref: "XI-IATI-EC_NEAR", type: "40", name: "European Commission - Neighbourhood and Enlargement Negotiations",
                   abbreviation: "EUR", currencies: ["EUR"], weight: 2),
        DemoFunder(ref: "XI-IATI-EC_ECHO", type: "40", name: "European Commission - European Civil Protection and Humanitarian Aid Operations",
                   abbreviation: "ECH", currencies: ["EUR"], weight: 1),
        DemoFunder(ref: "XI-IATI-EC_FPI", type: "40", name: "European Commission - Service for Foreign Policy Instruments",
                   abbreviation: "EUR", currencies: ["EUR"], weight: 1),
    ]

    // MARK: United Nations (DAC channel codes of UN entities)

    static let unitedNations: [DemoFunder] = [
        DemoFunder(ref: "XM-DAC-41114", type: "40", name: "United Nations Development Programme", abbreviation: "UND", weight: 4),
        DemoFunder(ref: "XM-DAC-41122", type: "40", name: "United Nations Children's Fund", abbreviation: "UCF", weight: 2),
        DemoFunder(ref: "XM-DAC-41146", type: "40",
                   name: "United Nations Entity for Gender Equality and the Empowerment of Women", abbreviation: "UNW", weight: 1),
        DemoFunder(ref: "XM-DAC-41121", type: "40", name: "Office of the United Nations High Commissioner for Refugees",
                   abbreviation: "UHC", weight: 1.5),
        DemoFunder(ref: "XM-DAC-41301", type: "40", name: "Food and Agriculture Organization of the United Nations",
                   abbreviation: "FAO", weight: 0.8),
        DemoFunder(ref: "XM-DAC-41401", type: "40", name: "UN Multi-Partner Trust Fund Office", abbreviation: "MPT", weight: 3),
        DemoFunder(ref: "XM-DAC-41402", type: "40", name: "Joint SDG Fund", abbreviation: "SDG", weight: 2),
        DemoFunder(ref: "XM-DAC-41141", type: "40", name: "United Nations Peacebuilding Fund", abbreviation: "PBF", weight: 1.2),
        DemoFunder(ref: "XM-DAC-47066", type: "40", name: "International Organization for Migration", abbreviation: "IOM", weight: 0.8),
    ]

    // MARK: International financial institutions

    static let financialInstitutions: [DemoFunder] = [
        DemoFunder(ref: "44000", type: "40", name: "World Bank", abbreviation: "IBR", weight: 4),
        DemoFunder(ref: "XM-DAC-46002", type: "40", name: "African Development Bank", abbreviation: "AFB", weight: 3),
        DemoFunder(ref: "XM-DAC-46004", type: "40", name: "Asian Development Bank", abbreviation: "ASB", weight: 2),
        DemoFunder(ref: "XM-DAC-46012", type: "40", name: "Inter-American Development Bank", abbreviation: "IDB", weight: 1.5),
        DemoFunder(ref: "XM-DAC-46025", type: "40", name: "Islamic Development Bank", abbreviation: "ISB", weight: 1),
    ]

    // MARK: Private and non-state actors (made-up organisations)

    static let privateActors: [DemoFunder] = [
        DemoFunder(ref: "US-EIN-DEMO-0417", type: "60", name: "Fair Futures Foundation", abbreviation: "FFF",
                   currencies: ["USD"], weight: 3),
        DemoFunder(ref: "CH-FDJP-DEMO-0233", type: "60", name: "Alpine Foundation for Safe Work", abbreviation: "AFS",
                   currencies: ["CHF", "USD"], weight: 2),
        DemoFunder(ref: "NL-KVK-DEMO-5120", type: "70", name: "Global Apparel Brands Compact", abbreviation: "GAB",
                   currencies: ["EUR", "USD"], weight: 2),
        DemoFunder(ref: "JP-JCN-DEMO-7781", type: "70", name: "Pacific Leaf Trading Company", abbreviation: "PLT",
                   currencies: ["USD", "JPY"], weight: 2),
        DemoFunder(ref: "GB-CHC-DEMO-1093", type: "21", name: "Workers' Solidarity International", abbreviation: "WSI",
                   currencies: ["GBP", "USD"], weight: 1),
        DemoFunder(ref: "DK-CVR-DEMO-3310", type: "60", name: "Nordic Foundation for Inclusive Employment", abbreviation: "NFI",
                   currencies: ["DKK", "USD"], weight: 1.5),
        DemoFunder(ref: "FR-RCS-DEMO-2290", type: "70", name: "Cocoa and Coffee Sustainability Platform", abbreviation: "CCS",
                   currencies: ["EUR", "USD"], weight: 1.5),
        DemoFunder(ref: "GB-COH-DEMO-8854", type: "80", name: "Institute for Work and Society Research", abbreviation: "IWS",
                   currencies: ["GBP", "USD"], weight: 0.5),
    ]

    // MARK: Other intergovernmental organizations

    static let otherIntergovernmental: [DemoFunder] = [
        DemoFunder(ref: "XM-DAC-47005", type: "40", name: "African Union Commission", abbreviation: "AUC", weight: 2),
        DemoFunder(ref: "XM-DAC-811", type: "40", name: "Global Environment Facility", abbreviation: "GEF", weight: 1),
        DemoFunder(ref: "XM-DAC-1312", type: "40", name: "The Global Fund to Fight AIDS, Tuberculosis and Malaria",
                   abbreviation: "GFA", weight: 1),
        DemoFunder(ref: "XI-IATI-CWSEC", type: "40", name: "Commonwealth Secretariat", abbreviation: "CWS",
                   currencies: ["GBP", "USD"], weight: 0.7),
    ]

    // MARK: Multilateral (pooled contributions of multi-bilateral partners), made-up fund identifiers

    static let pooled: [DemoFunder] = [
        DemoFunder(ref: "XI-IATI-DEMO-VZF", type: "40", name: "Vision Zero Fund (multi-donor trust fund)", abbreviation: "VZF",
                   currencies: ["USD", "EUR"], weight: 3),
        DemoFunder(ref: "XI-IATI-DEMO-GAJ", type: "40",
                   name: "Global Accelerator on Jobs and Social Protection for Just Transitions (pooled funding)",
                   abbreviation: "GAJ", weight: 2),
        DemoFunder(ref: "XI-IATI-DEMO-BWG", type: "40", name: "Better Work Global Programme (pooled donor funding)",
                   abbreviation: "BWG", currencies: ["USD", "CHF"], weight: 2),
    ]

    // MARK: Domestic development funding: a government funding the ILO's work in its own country

    static let domestic: [DemoFunder] = [
        ("PE", "PER", "Government of Peru", 3.0), ("AR", "ARG", "Government of Argentina", 2.5),
        ("CO", "COL", "Government of Colombia", 1.5), ("MX", "MEX", "Government of Mexico", 1.5),
        ("CL", "CHL", "Government of Chile", 1.0), ("PY", "PRY", "Government of Paraguay", 1.0),
        ("SA", "SAU", "Government of Saudi Arabia", 3.0), ("QA", "QAT", "Government of Qatar", 2.5),
        ("OM", "OMN", "Government of Oman", 1.0), ("EG", "EGY", "Government of Egypt", 1.5),
        ("ID", "IDN", "Government of Indonesia", 1.0), ("BD", "BGD", "Government of Bangladesh", 1.5),
        ("ZM", "ZMB", "Government of Zambia", 1.0), ("CI", "CIV", "Government of Côte d'Ivoire", 1.0),
        ("PH", "PHL", "Government of the Philippines", 1.0), ("UZ", "UZB", "Government of Uzbekistan", 1.0),
    ].map { (code: String, code3: String, name: String, weight: Double) in
        DemoFunder(ref: "\(code)-COA-DEMO-MOL", type: "10", name: name, abbreviation: code3, country: code, weight: weight)
    }
}
