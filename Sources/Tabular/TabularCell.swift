/// One value of a row.
public enum TabularCell: Sendable, Hashable {
    /// Text, written as text: never a formula, never a number.
    case text(String)
    /// An exact decimal as text, e.g. `"184077000.25"` or `"-0.5"`: an optional `-`, digits,
    /// optionally a `.` and digits. Money never goes through `Double`: the digits are written as given.
    /// Anything else (exponents, `+`, thousands separators, spaces) is refused with `TabularError.Reason.cellValue`.
    case number(String)
    case integer(Int)
    /// A day as `YYYY-MM-DD` (a real calendar day; years 0001–9999).
    case date(String)
    /// No value: an empty CSV field, no XLSX cell.
    case empty
}

extension TabularCell {
    /// Whether the writers accept this cell: a `.number` must be a plain decimal and a `.date` a
    /// real day (else they throw `TabularError`); text, integers and empty cells always are.
    public var isValid: Bool {
        switch self {
        case .number(let text): Self.isPlainDecimal(text)
        case .date(let text): Self.day(text) != nil
        case .text, .integer, .empty: true
        }
    }

    /// Whether `text` is a plain decimal: `-?[0-9]+(\.[0-9]+)?`.
    static func isPlainDecimal(_ text: String) -> Bool {
        var utf8 = text.utf8[...]
        if utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        var digitsBefore = 0, digitsAfter = 0, sawPoint = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawPoint { digitsAfter += 1 } else { digitsBefore += 1 }
            case UInt8(ascii: "."):
                if sawPoint { return false }
                sawPoint = true
            default:
                return false
            }
        }
        return digitsBefore > 0 && (!sawPoint || digitsAfter > 0)
    }

    /// The year, month and day of a `YYYY-MM-DD` text naming a real day, or nil.
    static func day(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return (year, month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian day (H. Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Excel's serial day (1900 date system): the days since 1899-12-30, from 1900-03-01 (serial 61) on;
    /// nil before.
    ///
    /// Excel counts 1900-02-29, a day that never was (Lotus 1-2-3's bug, kept for compatibility), so its
    /// serials 1–60 name other days than LibreOffice's and other programs': a day before 1900-03-01
    /// is written as text instead, which every program shows alike.
    static func excelSerial(year: Int, month: Int, day: Int) -> Int? {
        let serial = daysSinceEpoch(year: year, month: month, day: day) - daysSinceEpoch(year: 1899, month: 12, day: 30)
        return serial >= 61 ? serial : nil
    }
}
