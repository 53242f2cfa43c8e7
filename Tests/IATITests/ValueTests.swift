import Foundation
import IATI
import Testing

@Suite struct ValueTests {
    @Test func readsCurrencyDateAndAmount() {
        let value = Value(node: X.el("value", ["currency": " EUR ", "value-date": "2024-01-15"], text: "1500.25"))
        #expect(value.text == "1500.25")
        #expect(value.currency == "EUR")
        #expect(value.valueDate == "2024-01-15")
        #expect(value.amount == Decimal(string: "1500.25"))
    }

    @Test(arguments: [
        ("1 000.50", "1000.50"), ("\n  250000\n", "250000"), ("-42", "-42"), ("+7.5", "7.5"),
        ("1\u{00A0}234", "1234"), (".5", "0.5"), ("12 345 678.90", "12345678.90"),
    ])
    func amountIgnoresWhiteSpace(raw: String, expected: String) {
        let value = Value(node: X.el("value", text: raw))
        #expect(value.text == raw, "the raw text is kept")
        #expect(value.amount == Decimal(string: expected, locale: Locale(identifier: "en_US_POSIX")))
    }

    @Test(arguments: ["", "   ", "n/a", "12abc", "1,000.50", "1.2.3", "-", ".", "1e5"])
    func amountIsNilForNonNumbers(raw: String) {
        #expect(Value(node: X.el("value", text: raw)).amount == nil)
    }

    @Test func emptyValueElementDoesNotCrash() {
        let value = Value(node: X.el("value"))
        #expect(value.text == "")
        #expect(value.currency == nil)
        #expect(value.valueDate == nil)
        #expect(value.amount == nil)
    }

    @Test func canonicalValueFromAmount() {
        let value = Value(amount: Decimal(string: "1234.5")!, currency: "USD", valueDate: "2024-06-30")
        #expect(value.text == "1234.5")
        #expect(value.amount == Decimal(string: "1234.5"))
    }

    @Test func forecastReadsLikeAValue() {
        let fss = FSS(node: X.el("fss", ["extraction-date": "2024-03-01", "priority": "1", "phaseout-year": "2030"], [
            X.el("forecast", ["year": "2025", "currency": "GBP", "value-date": "2024-01-01"], text: "2 000"),
            X.el("forecast", ["year": "2026"], text: "oops"),
        ]))
        #expect(fss.extractionDate == "2024-03-01")
        #expect(fss.priority == "1")
        #expect(fss.phaseoutYear == "2030")
        #expect(fss.forecasts.map(\.year) == ["2025", "2026"])
        #expect(fss.forecasts[0].amount == 2000)
        #expect(fss.forecasts[0].currency == "GBP")
        #expect(fss.forecasts[1].amount == nil)
        #expect(fss.forecasts[1].text == "oops")
    }
}
