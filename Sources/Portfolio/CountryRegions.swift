/// The agency's region of every country and territory of the IATI Country codelist (a bundled
/// table, `country-regions.csv`): North Africa is Africa; the Arab States are the GCC states, Iraq,
/// Jordan, Lebanon, Syria, Yemen and the occupied Palestinian territory.
public struct CountryRegions: Sendable {
    private let regions: [String: Region]

    /// The bundled table.
    public static let bundled = CSVTable.bundled("country-regions", as: CountryRegions.init(table:))

    init(table: CSVTable) throws {
        let code = try table.column("code"), region = try table.column("region")
        var regions: [String: Region] = [:]
        for (index, row) in table.rows.enumerated() {
            guard row.count > max(code, region), let value = Region(rawValue: row[region]) else {
                throw PortfolioError("country-regions.csv, row \(index + 2): no region \(row)")
            }
            regions[row[code]] = value
        }
        self.regions = regions
    }

    /// The region of an ISO 3166-1 alpha-2 code (any case); `nil` for a code the codelist does not have.
    public func region(of country: String) -> Region? {
        regions[country.uppercased()]
    }

    /// Every country code the table knows.
    public var countries: [String] { regions.keys.sorted() }
}
