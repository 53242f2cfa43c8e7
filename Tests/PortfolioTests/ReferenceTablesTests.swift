import Foundation
import Portfolio
import TestSupport
import Testing

@Suite struct ReferenceTablesTests {
    /// The codes of the IATI Country codelist the validator bundles, read with a plain scan.
    static func countryCodelist() throws -> Set<String> {
        let url = Fixtures.repository.appendingPathComponent("Sources/IATIValidation/Resources/codelists/Country.xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: "<code>([A-Z0-9]+)</code>")
        let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        return Set(matches.compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } })
    }

    @Test func everyCountryOfTheCodelistHasARegion() throws {
        let codes = try Self.countryCodelist()
        #expect(codes.count > 240)
        let table = CountryRegions.bundled
        #expect(Set(table.countries) == codes)
        for code in codes { #expect(table.region(of: code) != nil, "\(code)") }
        // The Arab States are exactly the GCC, Iraq, Jordan, Lebanon, Syria, Yemen and Palestine.
        #expect(Set(codes.filter { table.region(of: $0) == .arabStates })
            == ["BH", "KW", "OM", "QA", "SA", "AE", "IQ", "JO", "LB", "SY", "YE", "PS"])
        for northAfrica in ["DZ", "EG", "LY", "MA", "TN", "SD", "MR"] { #expect(table.region(of: northAfrica) == .africa) }
        #expect(table.region(of: "zz") == nil)
    }

    @Test func knownOrganisationsPreferExactThenLongestPrefix() {
        let table = KnownOrganisations.bundled
        #expect(table.entry(for: "XM-DAC-41114")?.source == .unitedNations)
        #expect(table.entry(for: " xm-dac-5 ")?.partner == "Germany")
        #expect(table.entry(for: "XM-DAC-5-7")?.partner == "Germany")
        #expect(table.entry(for: "XM-DAC-50")?.partner == "Spain")
        #expect(table.entry(for: "XI-IATI-EC_ECHO")?.source == .europeanCommission)
        #expect(table.entry(for: "XM-DAC-46002")?.source == .internationalFinancialInstitution)
        #expect(table.entry(for: "") == nil)
        #expect(table.entry(for: "GB-CHC-202918") == nil)
    }
}
