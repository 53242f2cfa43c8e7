import Foundation

/// Organisation identifiers whose funding source and partner name are known (a bundled, editable
/// table, `known-organisations.csv`): the European Commission's `XI-IATI-EC*`, UN entities'
/// `XM-DAC-41*`, the World Bank's `44000`, governments by their DAC donor codes, ….
///
/// A `match` ending in `*` is a prefix; the longest match wins, an exact one before any prefix.
public struct KnownOrganisations: Sendable {
    /// What the table says of one identifier.
    public struct Entry: Sendable, Hashable {
        public var source: FundingSource
        /// The partner as the agency reports it ("Germany", "United Nations").
        public var partner: String
    }

    private let exact: [String: Entry]
    /// Longest prefix first.
    private let prefixes: [(prefix: String, entry: Entry)]

    /// The bundled table.
    public static let bundled: KnownOrganisations = {
        do {
            return try KnownOrganisations(table: CSVTable.resource("known-organisations"))
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    init(table: CSVTable) throws {
        let match = try table.column("match"), category = try table.column("category"), partner = try table.column("partner")
        var exact: [String: Entry] = [:]
        var prefixes: [(String, Entry)] = []
        for (index, row) in table.rows.enumerated() {
            guard row.count > max(match, category, partner), let source = FundingSource(rawValue: row[category]) else {
                throw PortfolioError("known-organisations.csv, row \(index + 2): no category \(row)")
            }
            let entry = Entry(source: source, partner: row[partner])
            let key = row[match].uppercased()
            if key.hasSuffix("*") { prefixes.append((String(key.dropLast()), entry)) } else { exact[key] = entry }
        }
        self.exact = exact
        self.prefixes = prefixes.sorted { $0.0.count > $1.0.count }
    }

    /// What the table knows of the identifier `ref`, if anything.
    public func entry(for ref: String) -> Entry? {
        let key = ref.trimmingCharacters(in: .whitespaces).uppercased()
        guard !key.isEmpty else { return nil }
        if let entry = exact[key] { return entry }
        return prefixes.first { key.hasPrefix($0.prefix) }?.entry
    }
}
