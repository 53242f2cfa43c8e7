/// A publisher of the benchmark corpus, with the habits that shape its files as real ones are
/// shaped (`Samples/iati/`): its version, its languages and how it writes their codes, how
/// indented its XML is, how many transactions and budgets its activities carry, and how often
/// it makes which mistake.
struct CorpusPublisher: Sendable {
    /// `reporting-org/@ref`, the prefix of its activities' identifiers.
    var ref: String
    var name: String
    /// `reporting-org/@type` (OrganisationType).
    var type: String
    /// A short name for file names.
    var slug: String
    /// `@version` of its files; `nil` as in d-portal exports, whose activities also carry a
    /// `dataset` attribute the schema does not allow.
    var version: String?
    /// Narrative languages, as it writes their codes (`EN` by d-portal exports and many
    /// publishers' tools, `en` by others): the first is the activity's `@xml:lang`.
    var languages: [String]
    /// Whether every narrative carries `@xml:lang` (or only those not in the default language).
    var tagsEveryNarrative: Bool
    /// Whether elements go on lines of their own, indented (d-portal), or one activity part a line.
    var indents: Bool
    var currency: String
    /// Typical and largest numbers of transactions of an activity (a skewed distribution between them).
    var transactions: (typical: Int, most: Int)
    /// Budgets per year of the activity: 1 (annual) or 4 (quarterly).
    var budgetsPerYear: Int
    /// Share of activities with results and indicators, in percent.
    var results: Int
    /// Share of activities, in percent, with each kind of mistake this publisher makes.
    var mistakes: Mistakes

    struct Mistakes: Sendable {
        /// A sector code not on the DAC list (`codelist:Sector`).
        var unknownSector = 0
        /// A currency not on the list (`codelist:Currency`).
        var unknownCurrency = 0
        /// A transaction without its date, a sector without its code (schema: required).
        var missingRequired = 0
        /// A transaction dated in the future (rule 11.2.1), an actual start in the future (11.1.4).
        var futureDate = 0
        /// A quantitative indicator whose baseline, targets and actuals have no value (8.8.1–8.10.1).
        var valuelessIndicator = 0
        /// No start date (rule 6.11.1).
        var missingStart = 0
    }

    /// Publishers like those of the d-portal folder of issue 18: UN agencies exported by d-portal
    /// (upper-case codes everywhere, a few mistakes in many activities), bilateral donors, NGOs.
    static let all: [CorpusPublisher] = [
        CorpusPublisher(
            ref: "XM-DAC-41114", name: "United Nations Development Programme", type: "40", slug: "undp", version: "2.03",
            languages: ["EN", "FR", "ES"], tagsEveryNarrative: true, indents: true, currency: "USD",
            transactions: (14, 150), budgetsPerYear: 1, results: 40,
            mistakes: Mistakes(unknownSector: 5, missingRequired: 3, futureDate: 6, valuelessIndicator: 20)),
        CorpusPublisher(
            ref: "XM-OCHA-CERF", name: "Central Emergency Response Fund", type: "40", slug: "cerf", version: "2.03",
            languages: ["EN", "FR"], tagsEveryNarrative: true, indents: true, currency: "USD",
            transactions: (3, 20), budgetsPerYear: 1, results: 60,
            mistakes: Mistakes(futureDate: 4, valuelessIndicator: 30, missingStart: 2)),
        CorpusPublisher(
            ref: "GB-GOV-1", name: "Foreign, Commonwealth and Development Office", type: "10", slug: "fcdo", version: "2.03",
            languages: ["en"], tagsEveryNarrative: false, indents: false, currency: "GBP",
            transactions: (12, 200), budgetsPerYear: 4, results: 0,
            mistakes: Mistakes(unknownSector: 2, futureDate: 3)),
        CorpusPublisher(
            ref: "XI-IATI-EC_INTPA", name: "European Commission - International Partnerships", type: "15", slug: "ec-intpa",
            version: "2.02", languages: ["en", "fr"], tagsEveryNarrative: true, indents: true, currency: "EUR",
            transactions: (6, 80), budgetsPerYear: 1, results: 10,
            mistakes: Mistakes(unknownCurrency: 2, missingRequired: 4, futureDate: 5)),
        CorpusPublisher(
            ref: "US-GOV-1", name: "U.S. Agency for International Development", type: "10", slug: "usaid", version: "2.03",
            languages: ["EN", "ES"], tagsEveryNarrative: true, indents: false, currency: "USD",
            transactions: (20, 300), budgetsPerYear: 4, results: 5,
            mistakes: Mistakes(unknownSector: 3, missingRequired: 2, futureDate: 8)),
        CorpusPublisher(
            ref: "XM-DAC-41122", name: "UNICEF", type: "40", slug: "unicef", version: "2.03",
            languages: ["EN", "FR", "ES"], tagsEveryNarrative: true, indents: true, currency: "USD",
            transactions: (14, 80), budgetsPerYear: 4, results: 70,
            mistakes: Mistakes(futureDate: 3, valuelessIndicator: 25)),
        CorpusPublisher(
            ref: "DE-1", name: "Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung", type: "10", slug: "bmz",
            version: "2.01", languages: ["DE", "EN"], tagsEveryNarrative: true, indents: true, currency: "EUR",
            transactions: (4, 40), budgetsPerYear: 1, results: 0,
            mistakes: Mistakes(unknownSector: 4, futureDate: 2, missingStart: 3)),
        CorpusPublisher(
            ref: "NL-KVK-27108436", name: "Stichting Cordaid", type: "21", slug: "cordaid", version: "2.03",
            languages: ["en", "nl"], tagsEveryNarrative: false, indents: true, currency: "EUR",
            transactions: (5, 30), budgetsPerYear: 1, results: 30,
            mistakes: Mistakes(unknownSector: 6, unknownCurrency: 1, missingRequired: 5, futureDate: 4, valuelessIndicator: 10)),
        CorpusPublisher(
            ref: "XM-DAC-47066", name: "International Organization for Migration", type: "40", slug: "iom", version: "2.03",
            languages: ["EN"], tagsEveryNarrative: true, indents: false, currency: "USD",
            transactions: (2, 10), budgetsPerYear: 1, results: 0,
            mistakes: Mistakes(futureDate: 1)),
        CorpusPublisher(
            ref: "SE-0", name: "Sida", type: "10", slug: "sida", version: nil,
            languages: ["EN", "SV"], tagsEveryNarrative: true, indents: true, currency: "SEK",
            transactions: (6, 50), budgetsPerYear: 1, results: 0,
            mistakes: Mistakes(unknownSector: 2, missingRequired: 2, futureDate: 3)),
        CorpusPublisher(
            ref: "CA-3", name: "Global Affairs Canada", type: "10", slug: "gac", version: "2.03",
            languages: ["EN", "FR"], tagsEveryNarrative: true, indents: true, currency: "CAD",
            transactions: (10, 90), budgetsPerYear: 1, results: 20,
            mistakes: Mistakes(unknownSector: 2, missingRequired: 1, futureDate: 2, valuelessIndicator: 15)),
        CorpusPublisher(
            ref: "XM-DAC-41302", name: "International Labour Organization", type: "40", slug: "ilo", version: "2.03",
            languages: ["en", "fr", "es"], tagsEveryNarrative: false, indents: false, currency: "USD",
            transactions: (8, 60), budgetsPerYear: 1, results: 50,
            mistakes: Mistakes(futureDate: 2, valuelessIndicator: 5)),
    ]
}
