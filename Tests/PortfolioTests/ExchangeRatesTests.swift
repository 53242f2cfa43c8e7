import Foundation
import Portfolio
import Testing

@Suite struct ExchangeRatesTests {
    static let rates = Result { try ExchangeRates.bundled() }

    /// The bundled file's row for `date`, read here without the type under test.
    static func row(_ date: String) throws -> [String: Decimal] {
        let url = try #require(Bundle.module.url(forResource: "eurofxref-hist-2020-03", withExtension: "csv", subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let line = try #require(lines.first { $0.hasPrefix(date) })
        var values: [String: Decimal] = [:]
        for (name, field) in zip(header, line.split(separator: ",", omittingEmptySubsequences: false)) where name != "Date" {
            values[name] = Decimal(string: String(field))
        }
        return values
    }

    @Test func bundledFileCoversItsDays() throws {
        let rates = try Self.rates.get()
        #expect(rates.firstDay.description == "1999-01-04")
        #expect(rates.lastDay.description == "2026-10-30")
        #expect(rates.currencies.contains("USD") && rates.currencies.contains("JPY") && rates.currencies.contains("GBP"))
        #expect(!rates.currencies.contains("JOD") && !rates.currencies.contains("XDR"))
    }

    @Test func convertsThroughTheEuroAtTheDaysRate() throws {
        let rates = try Self.rates.get()
        let friday = try Self.row("2020-03-06")
        let usdPerEuro = try #require(friday["USD"]), yenPerEuro = try #require(friday["JPY"])
        let day = ExchangeRates.Day(iso: "2020-03-06")
        #expect(rates.usd(1_000, currency: "EUR", on: day) == .converted(usd: 1_000 * usdPerEuro, rateDay: day))
        var yen = Decimal(1_000_000) * usdPerEuro / yenPerEuro, rounded = Decimal()
        NSDecimalRound(&rounded, &yen, 2, .plain)
        #expect(rates.usd(1_000_000, currency: "jpy", on: day) == .converted(usd: rounded, rateDay: day))
        // Saturday and Sunday take Friday's rate.
        #expect(rates.usd(1_000, currency: "EUR", on: ExchangeRates.Day(iso: "2020-03-08")) == .converted(usd: 1_000 * usdPerEuro, rateDay: day))
        #expect(rates.usd(12.345, currency: "USD", on: nil) == .converted(usd: Decimal(string: "12.35")!, rateDay: nil))
    }

    @Test func neverInventsARate() throws {
        let rates = try Self.rates.get()
        let day = ExchangeRates.Day(iso: "2020-03-06")
        #expect(rates.usd(100, currency: "JOD", on: day) == .unconverted(.unquotedCurrency))
        #expect(rates.usd(100, currency: nil, on: day) == .unconverted(.noCurrency))
        #expect(rates.usd(100, currency: "EUR", on: nil) == .unconverted(.noDate))
        #expect(rates.usd(100, currency: "EUR", on: ExchangeRates.Day(iso: "1998-12-31")) == .unconverted(.noRateOnDate))
        #expect(rates.usd(100, currency: "EUR", on: ExchangeRates.Day(iso: "2027-06-01")) == .unconverted(.noRateOnDate))
        // The ECB stopped quoting the Estonian kroon when Estonia took the euro in 2011.
        #expect(rates.usd(100, currency: "EEK", on: ExchangeRates.Day(iso: "2010-06-01")) != .unconverted(.noRateOnDate))
        #expect(rates.usd(100, currency: "EEK", on: ExchangeRates.Day(iso: "2015-06-01")) == .unconverted(.noRateOnDate))
    }

    @Test func readsTheCSVAsWellAsTheZipAndRefusesOtherFiles() throws {
        let csv = """
            Date,USD,JPY,
            2020-03-06,1.1336,119.01,
            2020-03-05,1.1135,N/A,

            """
        let rates = try ExchangeRates(file: Data(csv.utf8), source: "test")
        #expect(rates.firstDay.description == "2020-03-05" && rates.lastDay.description == "2020-03-06")
        #expect(rates.usd(10, currency: "EUR", on: ExchangeRates.Day(iso: "2020-03-05")) == .converted(usd: Decimal(string: "11.14")!, rateDay: ExchangeRates.Day(iso: "2020-03-05")))
        #expect(rates.usd(10, currency: "JPY", on: ExchangeRates.Day(iso: "2020-03-05")) == .unconverted(.noRateOnDate))
        #expect(throws: PortfolioError.self) { try ExchangeRates(file: Data("a,b\n1,2\n".utf8), source: "test") }
        #expect(throws: PortfolioError.self) { try ExchangeRates(file: Data([0x50, 0x4B, 0x03, 0x04, 0, 0]), source: "test") }
        #expect(throws: PortfolioError.self) { try ExchangeRates(file: Data(), source: "test") }
    }

    @Test func daysRoundTrip() {
        for text in ["1999-01-04", "2000-02-29", "2020-12-31", "1970-01-01", "2026-10-30"] {
            #expect(ExchangeRates.Day(iso: text)?.description == text)
        }
        #expect(ExchangeRates.Day(iso: "1970-01-02")?.number == 1)
        #expect(ExchangeRates.Day(iso: "2020-13-01") == nil)
        #expect(ExchangeRates.Day(iso: "20-01-01") == nil)
        #expect(ExchangeRates.Day(iso: "2020-01-01T10:00:00Z")?.description == "2020-01-01")
    }
}
