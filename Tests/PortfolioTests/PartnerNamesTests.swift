import Foundation
@testable import Portfolio
import Testing

@Suite struct PartnerNamesTests {
    @Test("every partner of the seed's table has its Chinese name from the seed, and a French and a Spanish one")
    func everyPartnerOfTheSeedIsNamed() throws {
        let table = try DemoPortfolioTests.table()
        let chinese = try Self.seedChineseNames()
        #expect(table.count == 34 && chinese.count == 34)
        let names = PartnerNames.bundled
        for partner in table.map(\.partner) {
            #expect(names.name(of: partner, in: "zh") == chinese[partner], "\(partner)")
            for language in ["fr", "es"] { #expect(names.name(of: partner, in: language)?.isEmpty == false, "\(partner), \(language)") }
        }
        #expect(Set(DemoPartner.all.map(\.name)) == Set(table.map(\.partner)))
        #expect(names.name(of: "Belgium (including Flanders)", in: "fr") == "Belgique (y compris la Flandre)")
    }

    @Test("a partner the table does not know, or a language it has no column for, has no name: the data's own stays")
    func unknownPartnersKeepTheirNames() {
        let names = PartnerNames.bundled
        #expect(names.name(of: "Bill & Melinda Gates Foundation", in: "zh") == nil)
        #expect(names.name(of: "germany", in: "zh") == nil)
        #expect(names.name(of: "Germany", in: "en") == nil)
        #expect(names.name(of: "Germany", in: "de") == nil)
    }

    @Test("a row without a name in one language is refused, naming the row")
    func aMissingNameIsRefused() {
        let table = CSVTable(text: "partner,fr,zh\nGermany,Allemagne,德国\nJapan,,日本\n")
        let error = #expect(throws: PortfolioError.self) { try PartnerNames(table: table) }
        #expect(error?.description.contains("row 3") == true)
    }

    /// The seed's `partner_zh` column, by partner.
    static func seedChineseNames() throws -> [String: String] {
        let url = try #require(Bundle.module.url(
            forResource: "ilo-voluntary-contributions-2020-2022", withExtension: "csv", subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        return Dictionary(uniqueKeysWithValues: lines.map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (fields[0], fields[1])
        })
    }
}
