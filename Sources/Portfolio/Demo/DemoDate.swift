import Foundation

/// A calendar day of the demo portfolio, as days since 1970-01-01, with the civil arithmetic the
/// generator needs (months, quarters, years) and nothing from the system clock.
struct DemoDate: Hashable, Comparable, CustomStringConvertible {
    var day: Int

    init(day: Int) {
        self.day = day
    }

    init(_ year: Int, _ month: Int, _ dayOfMonth: Int) {
        day = ExchangeRates.Day(year: year, month: month, day: dayOfMonth).number
    }

    /// Year, month and day of the month.
    var components: (year: Int, month: Int, day: Int) { rateDay.components }

    var year: Int { components.year }

    /// `YYYY-MM-DD`.
    var description: String { rateDay.description }

    /// `xsd:dateTime` of the day's midnight UTC: `2026-01-15T00:00:00Z`.
    var dateTime: String { "\(description)T00:00:00Z" }

    /// The day as the exchange rates know it.
    var rateDay: ExchangeRates.Day { ExchangeRates.Day(number: day) }

    /// Midnight UTC of the day.
    var date: Date { Date(timeIntervalSince1970: Double(day) * 86_400) }

    static func days(in month: Int, of year: Int) -> Int {
        DemoDate(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1).day - DemoDate(year, month, 1).day
    }

    func adding(days: Int) -> DemoDate { DemoDate(day: day + days) }

    /// The same day of the month `months` later (the month's last day when it is shorter).
    func adding(months: Int) -> DemoDate {
        let (year, month, dayOfMonth) = components
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        return DemoDate(newYear, newMonth, min(dayOfMonth, Self.days(in: newMonth, of: newYear)))
    }

    /// The last day of the day's calendar quarter.
    var endOfQuarter: DemoDate {
        let (year, month, _) = components
        let lastMonth = ((month - 1) / 3) * 3 + 3
        return DemoDate(year, lastMonth, Self.days(in: lastMonth, of: year))
    }

    /// Monday to Friday (1970-01-01 was a Thursday).
    var isWeekday: Bool {
        let weekday = ((day % 7) + 7 + 3) % 7  // 0 Monday … 6 Sunday
        return weekday < 5
    }

    /// The day itself on a weekday, else the next Monday.
    var weekday: DemoDate {
        var result = self
        while !result.isWeekday { result = result.adding(days: 1) }
        return result
    }

    static func < (lhs: DemoDate, rhs: DemoDate) -> Bool { lhs.day < rhs.day }
}
