/// The funding partners' names in other languages (a bundled, editable table, `partner-names.csv`):
/// the partners of the seed's appendix table, each under the English name the agency reports it by
/// ("Germany", "Belgium (including Flanders)", "United Nations"), with the Chinese the seed document
/// gives and French and Spanish of our own.
///
/// Partners the table does not list keep the name their data gives them, in every language.
public struct PartnerNames: Sendable {
    /// Language code → English name → name in that language.
    private let names: [String: [String: String]]

    /// The bundled table.
    public static let bundled = CSVTable.bundled("partner-names", as: PartnerNames.init(table:))

    init(table: CSVTable) throws {
        let partner = try table.column("partner")
        var names: [String: [String: String]] = [:]
        for language in table.header.indices where language != partner {
            var column: [String: String] = [:]
            for (index, row) in table.rows.enumerated() {
                guard row.count == table.header.count, !row[partner].isEmpty, !row[language].isEmpty else {
                    throw PortfolioError("partner-names.csv, row \(index + 2): a name is missing \(row)")
                }
                column[row[partner]] = row[language]
            }
            names[table.header[language]] = column
        }
        self.names = names
    }

    /// The name of `partner` (its English name, as the agency reports it) in `language` (`zh`,
    /// `fr`, `es`); `nil` where the table has none, so the caller keeps the data's name.
    public func name(of partner: String, in language: String) -> String? {
        names[language]?[partner]
    }
}
