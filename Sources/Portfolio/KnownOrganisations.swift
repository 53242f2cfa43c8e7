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
    /// The prefixes by themselves, and their lengths longest first: a look-up tries each length
    /// once (a dozen hashes) instead of comparing every prefix.
    private let prefixes: [String: Entry]
    private let prefixLengths: [Int]

    /// The bundled table.
    public static let bundled = CSVTable.bundled("known-organisations", as: KnownOrganisations.init(table:))

    init(table: CSVTable) throws {
        let match = try table.column("match"), category = try table.column("category"), partner = try table.column("partner")
        var exact: [String: Entry] = [:]
        var prefixes: [String: Entry] = [:]
        for (index, row) in table.rows.enumerated() {
            guard row.count > max(match, category, partner), let source = FundingSource(rawValue: row[category]) else {
                throw PortfolioError("known-organisations.csv, row \(index + 2): no category \(row)")
            }
            let entry = Entry(source: source, partner: row[partner])
            let key = row[match].uppercased()
            if key.hasSuffix("*") {
                // The first row of a prefix wins, as it did in a list scanned in order.
                let prefix = String(key.dropLast())
                if prefixes[prefix] == nil { prefixes[prefix] = entry }
            } else {
                exact[key] = entry
            }
        }
        self.exact = exact
        self.prefixes = prefixes
        prefixLengths = Set(prefixes.keys.map(\.count)).sorted(by: >)
    }

    /// What the table knows of the identifier `ref`, if anything.
    public func entry(for ref: String) -> Entry? {
        // Most identifiers start and end in a visible ASCII character: nothing to trim.
        let visible: ClosedRange<UInt8> = 0x21...0x7E
        let trimmed = visible.contains(ref.utf8.first ?? 0) && visible.contains(ref.utf8.last ?? 0)
            ? ref : ref.trimmingCharacters(in: .whitespaces)
        let key = trimmed.uppercased()
        guard !key.isEmpty else { return nil }
        if let entry = exact[key] { return entry }
        let length = key.count
        for prefixLength in prefixLengths where prefixLength <= length {
            if let entry = prefixes[String(key.prefix(prefixLength))] { return entry }
        }
        return nil
    }
}
