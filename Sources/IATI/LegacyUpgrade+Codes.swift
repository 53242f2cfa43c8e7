/// The code tables `LegacyUpgrade` uses: 1.0x code → 2.0x code.
///
/// Sources: the IATI 2.01 changelog and migration guide ("Codelist Changes" → "Embedded codelist
/// updates") and the 1.0x codelists (IATI-Codelists, branches `version-1.04`/`version-1.05`). Keys are
/// looked up case-insensitively after trimming; a value not in a table is kept as given.
extension LegacyUpgrade {
    /// TransactionType: 1.0x letter codes → 2.0x numbers. (The 2.01 changelog prints `Q3` for
    /// Sale of Equity; the 1.05 codelist spells it `QS`. Both are accepted.)
    public static let transactionTypeCodes: [String: String] = [
        "IF": "1", "C": "2", "D": "3", "E": "4", "IR": "5", "LR": "6", "R": "7",
        "QP": "8", "QS": "9", "Q3": "9", "CG": "10",
    ]

    /// TransactionType names (the 1.0x codelist names), for a `transaction-type` given without
    /// `@code` but with its name as text, and for the pre-1.01 `transaction/@type` attribute.
    public static let transactionTypeNames: [String: String] = [
        "INCOMING FUNDS": "1", "COMMITMENT": "2", "DISBURSEMENT": "3", "EXPENDITURE": "4",
        "INTEREST REPAYMENT": "5", "LOAN REPAYMENT": "6", "REIMBURSEMENT": "7",
        "PURCHASE OF EQUITY": "8", "SALE OF EQUITY": "9", "CREDIT GUARANTEE": "10",
    ]

    /// ActivityDateType: 1.0x words → 2.0x numbers.
    public static let activityDateTypeCodes: [String: String] = [
        "START-PLANNED": "1", "START-ACTUAL": "2", "END-PLANNED": "3", "END-ACTUAL": "4",
    ]

    /// OrganisationRole: 1.0x words → 2.0x numbers.
    public static let organisationRoleCodes: [String: String] = [
        "FUNDING": "1", "ACCOUNTABLE": "2", "EXTENDING": "3", "IMPLEMENTING": "4",
    ]

    /// Vocabulary (1.0x, used by `sector`) → SectorVocabulary (2.0x). `ISO` and `WB` have no 2.0x
    /// code and are kept as given.
    public static let sectorVocabularyCodes: [String: String] = [
        "DAC": "1", "DAC-3": "2", "COFOG": "3", "NACE": "4", "NTEE": "5", "ADT": "6",
        "RO": "99", "RO2": "98",
    ]

    /// Vocabulary (1.0x, used by `policy-marker`) → PolicyMarkerVocabulary (2.0x).
    public static let policyMarkerVocabularyCodes: [String: String] = [
        "DAC": "1", "RO": "99",
    ]

    /// RegionVocabulary names, for a `recipient-region/@vocabulary` given by name (the codelist was
    /// numeric from 1.04 on: 1 = OECD DAC, 2 = UN).
    public static let regionVocabularyCodes: [String: String] = [
        "DAC": "1", "OECD DAC": "1", "UN": "2", "RO": "99",
    ]

    /// GazetteerAgency (1.0x `gazetteer-entry/@gazetteer-ref`) → GeographicVocabulary (2.0x
    /// `location-id/@vocabulary`). `NGA` (GEOnet) has no 2.0x vocabulary; such an entry is kept.
    public static let gazetteerVocabularyCodes: [String: String] = [
        "GEO": "G1", "OSM": "G2",
    ]

    /// GeographicalPrecision (1.0x `coordinates/@precision`) → GeographicExactness (2.0x):
    /// 1 (exact location) → 1 (exact); every other precision code → 2 (approximate).
    public static func exactnessCode(forPrecision precision: String) -> String? {
        let value = precision.trimmingXMLWhitespace()
        guard let number = Int(value), (1...9).contains(number) else { return nil }
        return number == 1 ? "1" : "2"
    }

    /// BudgetType names seen in 1.0x files where the code belongs (`type="Original"`).
    public static let budgetTypeNames: [String: String] = ["ORIGINAL": "1", "REVISED": "2"]

    /// ActivityStatus names (1.0x codelist), for an `activity-status` given only by name.
    public static let activityStatusNames: [String: String] = [
        "PIPELINE/IDENTIFICATION": "1", "IMPLEMENTATION": "2", "COMPLETION": "3", "POST-COMPLETION": "4",
        "CANCELLED": "5", "SUSPENDED": "6",
    ]

    /// TiedStatus names, for a `default-tied-status` / `tied-status` given only by name.
    public static let tiedStatusNames: [String: String] = ["PARTIALLY TIED": "3", "TIED": "4", "UNTIED": "5"]

    /// ResultType names, for a `result/@type` given by name.
    public static let resultTypeNames: [String: String] = ["OUTPUT": "1", "OUTCOME": "2", "IMPACT": "3"]

    /// IndicatorMeasure names, for an `indicator/@measure` given by name.
    public static let indicatorMeasureNames: [String: String] = ["UNIT": "1", "PERCENTAGE": "2"]

    /// The spatial reference system every 2.0x `location/point` uses.
    public static let pointSRSName = "http://www.opengis.net/def/crs/EPSG/0/4326"

    /// Looks `value` up in `table` (trimmed, upper-cased); `nil` when absent.
    static func lookUp(_ value: String, in table: [String: String]) -> String? {
        let key = value.trimmingXMLWhitespace().uppercased()
        return key.isEmpty ? nil : table[key]
    }
}
