/// Dates of the strategy and the register: `YYYY-MM-DD` text, which sorts and compares in SQL
/// as the days do.
public enum CalendarDate {
    /// `text` when it is a real day written `YYYY-MM-DD` (not `2023-02-30`), else `nil`.
    public static func parse(_ text: String) -> String? {
        guard text.count == 10, let day = ExchangeRates.Day(iso: text), day.description == text else { return nil }
        return text
    }

    /// The year of a `YYYY-MM-DD` date.
    public static func year(_ date: String) -> Int { Int(date.prefix(4)) ?? 0 }
}
