import Foundation
import Testing
@testable import Store

/// The split of an amount into its exact integer parts, and the exact sum of such parts.
@Suite struct AmountTests {
    @Test(arguments: [
        ("1000.50", 1000, 500_000_000),
        ("-1000.50", -1000, -500_000_000),
        ("-0.5", 0, -500_000_000),
        ("+7", 7, 0),
        (".25", 0, 250_000_000),
        ("12.", 12, 0),
        ("0", 0, 0),
        ("0.000000001", 0, 1),
        // Beyond nine decimals: rounded half-even.
        ("0.0000000015", 0, 2),
        ("0.0000000025", 0, 2),
        ("0.00000000250001", 0, 3),
        ("-0.0000000025", 0, -2),
        ("1.9999999995", 2, 0),
        ("0.9999999994", 0, 999_999_999),
        // 64 bits hold the integer part up to 9223372036854775807.
        ("9223372036854775807.123456789", Int.max, 123_456_789),
        ("-9223372036854775807", -Int.max, 0),
        // SQLite's text of a large or small REAL.
        ("1.5e+15", 1_500_000_000_000_000, 0),
        ("1.0e-05", 0, 10_000),
        ("-2.5E3", -2500, 0),
        ("123456789012345e-3", 123_456_789_012, 345_000_000),
    ])
    func splitsExactly(text: String, whole: Int, nanos: Int) {
        #expect(Amount.split(text) == Amount(whole: whole, nanos: nanos), "\(text)")
    }

    @Test(arguments: ["", "-", ".", "1.2.3", "12abc", "1e", "e5", "9223372036854775808", "-9223372036854775809", "1e19", "9223372036854775807.9999999999"])
    func leavesWhatItCannotSplit(text: String) {
        #expect(Amount.split(text) == nil, "\(text)")
    }

    @Test func plainTextUndoesExponents() {
        #expect(Amount.plainText("1.5e+15") == "1500000000000000")
        #expect(Amount.plainText("1.0e-05") == "0.00001")
        #expect(Amount.plainText("-1.23456789012346e+18") == "-1234567890123460000")
        #expect(Amount.plainText("187027.46") == "187027.46")
        #expect(Amount.plainText("1e") == nil)
    }

    /// Sums of split amounts equal the exact decimal sum, for signs that cancel, carries across
    /// every limb, and totals beyond what 64 bits hold.
    @Test(arguments: [
        (["0.1", "0.2"], "0.3"),
        (["1000.50", "-1000.50"], "0"),
        (["-0.75", "0.25"], "-0.5"),
        (["5", "-0.000000001"], "4.999999999"),
        (["-5", "0.000000001"], "-4.999999999"),
        (["0.999999999", "0.000000001"], "1"),
        (["9223372036854775807", "9223372036854775807", "0.5"], "18446744073709551614.5"),
        (["-9223372036854775807", "-9223372036854775807", "-0.5"], "-18446744073709551614.5"),
        (["1000000000000000000", "-1"], "999999999999999999"),
        (["-1000000000000000000", "1000000000.000000001"], "-999999998999999999.999999999"),
        ([], "0"),
    ])
    func sumsExactly(amounts: [String], total: String) throws {
        var sum = Amount.Sum()
        for text in amounts { sum.add(try #require(Amount.split(text))) }
        #expect(sum.text == total)
        // And the same from the pieces SQL adds.
        #expect(Amount.Sum(billions: sum.billions, units: sum.units, nanos: sum.nanos).text == total)
    }

    /// The exact sum agrees with `Decimal` on many random amounts of up to 15 digits.
    @Test func agreesWithDecimalOnRandomAmounts() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var sum = Amount.Sum()
            var expected = Decimal(0)
            for _ in 0..<50 {
                let whole = Int.random(in: -999_999_999_999...999_999_999_999, using: &generator)
                let cents = Int.random(in: 0...99, using: &generator)
                let text = (whole < 0 ? "-" : "") + "\(whole.magnitude).\(cents < 10 ? "0" : "")\(cents)"
                sum.add(try #require(Amount.split(text)))
                expected += try #require(Decimal(string: text))
            }
            #expect(Decimal(string: sum.text) == expected, "\(sum.text) ≠ \(expected)")
        }
    }
}
