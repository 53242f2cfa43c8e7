/// A money amount as the store keeps it: its exact decimal text in `value`, and two integers that
/// SQL can add exactly, `value_whole` (the integer part, truncated toward zero) and `value_nanos`
/// (the fraction in billionths, with the same sign, rounded half-even beyond nine decimals).
///
/// Neither engine adds decimal text exactly (SQLite's NUMERIC is a double), and PostgreSQL's
/// NUMERIC would not help SQLite; integer sums are exact on both, so a sum is
/// `SUM(value_whole) + SUM(value_nanos) / 10⁹`, combined here in Swift (``Amount/Sum``).
struct Amount: Sendable, Equatable {
    var whole: Int
    var nanos: Int

    static let nanosPerUnit = 1_000_000_000

    /// The three column names of the amount column `name`: `value` → `value`, `value_whole`, `value_nanos`.
    static func columnNames(_ name: String) -> (text: String, whole: String, nanos: String) {
        (name, name + "_whole", name + "_nanos")
    }

    /// Splits a decimal amount: `[+-]digits[.digits]`, or the same with an exponent (`1.5e+15`, as
    /// SQLite writes a large REAL as text). `nil` when it is not a number, or when its integer part
    /// does not fit in 64 bits (such an amount keeps its text, with NULL integers).
    ///
    /// It runs for every amount of an import, on the bytes, without allocating.
    static func split(_ text: UnsafeBufferPointer<UInt8>) -> Amount? {
        var index = 0
        var negative = false
        if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        let digitsStart = index
        var digitCount = 0
        var integerDigits: Int?  // digits before the point, once the point is seen
        while index < text.count {
            let byte = text[index]
            if byte >= 48, byte <= 57 {
                digitCount += 1
            } else if byte == UInt8(ascii: "."), integerDigits == nil {
                integerDigits = digitCount
            } else {
                break
            }
            index += 1
        }
        let digitsEnd = index
        guard digitCount > 0 else { return nil }
        var exponent = 0
        if index < text.count {
            guard text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") else { return nil }
            index += 1
            var exponentNegative = false
            if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < text.count else { return nil }
            while index < text.count {
                let byte = text[index]
                guard byte >= 48, byte <= 57, exponent < 10_000 else { return nil }
                exponent = exponent * 10 + Int(byte - 48)
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        // Each digit's power of ten: the first has `integerDigits + exponent - 1`, and each next one less.
        var power = (integerDigits ?? digitCount) + exponent - 1
        var whole = 0, nanos = 0
        var roundingDigit = 0, sticky = false
        var overflow = false
        for position in digitsStart..<digitsEnd where text[position] != UInt8(ascii: ".") {
            let digit = Int(text[position] - 48)
            if power >= 0 {
                let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                overflow = overflow || o1 || o2
                whole = sum
            } else if power >= -9 {
                nanos = nanos * 10 + digit
            } else if power == -10 {
                roundingDigit = digit
            } else if digit != 0 {
                sticky = true
            }
            power -= 1
        }
        // The places after the last digit: trailing zeros of the integer part, or of the nine decimals.
        let lastPower = power + 1
        var zeros = lastPower
        while zeros > 0, whole != 0, !overflow {
            let (times10, o) = whole.multipliedReportingOverflow(by: 10)
            overflow = o
            whole = times10
            zeros -= 1
        }
        if lastPower > -9, lastPower < 0 {
            for _ in 0..<(lastPower + 9) { nanos *= 10 }
        }
        guard !overflow else { return nil }
        if roundingDigit > 5 || (roundingDigit == 5 && (sticky || nanos % 2 == 1)) {
            nanos += 1
            if nanos == nanosPerUnit {
                nanos = 0
                let (sum, o) = whole.addingReportingOverflow(1)
                guard !o else { return nil }
                whole = sum
            }
        }
        return negative ? Amount(whole: -whole, nanos: -nanos) : Amount(whole: whole, nanos: nanos)
    }

    static func split(_ text: String) -> Amount? {
        var text = text
        return text.withUTF8 { split($0) }
    }

    /// The amount's text as a plain decimal: `1.5e+15` → `1500000000000000`, `1.0e-05` → `0.00001`.
    /// Plain text comes back unchanged; `nil` when it is not a number.
    static func plainText(_ text: String) -> String? {
        guard text.contains(where: { $0 == "e" || $0 == "E" }) else { return text }
        let parts = text.split(whereSeparator: { $0 == "e" || $0 == "E" })
        guard parts.count == 2, let exponent = Int(parts[1]), abs(exponent) < 10_000 else { return nil }
        var mantissa = Substring(parts[0])
        var sign = ""
        if let first = mantissa.first, first == "-" || first == "+" {
            if first == "-" { sign = "-" }
            mantissa = mantissa.dropFirst()
        }
        let pieces = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, pieces.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let digits = pieces.joined()
        guard !digits.isEmpty else { return nil }
        let point = pieces[0].count + exponent
        var integer: String, fraction: String
        if point <= 0 {
            integer = "0"
            fraction = String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            integer = digits + String(repeating: "0", count: point - digits.count)
            fraction = ""
        } else {
            integer = String(digits.prefix(point))
            fraction = String(digits.dropFirst(point))
        }
        while integer.count > 1, integer.first == "0" { integer.removeFirst() }
        while fraction.last == "0" { fraction.removeLast() }
        return sign + integer + (fraction.isEmpty ? "" : "." + fraction)
    }
}

extension Amount {
    /// An exact sum of amounts from SQL aggregates that cannot overflow: the whole parts added in two
    /// pieces, `SUM(value_whole / 10⁹)` and `SUM(value_whole % 10⁹)`, and `SUM(value_nanos)`. Each piece
    /// stays far inside 64 bits for any realistic number of rows, and the total is a decimal string.
    struct Sum: Sendable, Equatable {
        /// The sum of the whole parts divided by 10⁹ (truncated), of their remainders, and of the nanos.
        var billions: Int
        var units: Int
        var nanos: Int

        init(billions: Int = 0, units: Int = 0, nanos: Int = 0) {
            self.billions = billions
            self.units = units
            self.nanos = nanos
        }

        static func += (sum: inout Sum, other: Sum) {
            sum.billions += other.billions
            sum.units += other.units
            sum.nanos += other.nanos
        }

        mutating func add(_ amount: Amount) {
            billions += amount.whole / Amount.nanosPerUnit
            units += amount.whole % Amount.nanosPerUnit
            nanos += amount.nanos
        }

        /// The exact total as decimal text, without trailing zeros in its fraction: `-12.5`, `3`.
        var text: String {
            let base = Amount.nanosPerUnit
            // Three limbs in base 10⁹, each below 10⁹ in size after carrying, possibly of mixed signs.
            var low = nanos % base
            var middle = units + nanos / base
            var high = billions + middle / base
            middle %= base
            let negative = high != 0 ? high < 0 : middle != 0 ? middle < 0 : low < 0
            // Borrow so that every limb has the total's sign.
            if negative {
                if low > 0 { low -= base; middle += 1 }
                if middle > 0 { middle -= base; high += 1 }
            } else {
                if low < 0 { low += base; middle -= 1 }
                if middle < 0 { middle += base; high -= 1 }
            }
            func padded(_ value: Int) -> String {
                let digits = String(value.magnitude)
                return String(repeating: "0", count: 9 - digits.count) + digits
            }
            let integer = high != 0 ? String(high.magnitude) + padded(middle) : String(middle.magnitude)
            var fraction = padded(low)
            while fraction.last == "0" { fraction.removeLast() }
            return (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
