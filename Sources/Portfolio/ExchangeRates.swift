import Foundation

/// The European Central Bank's euro reference rates, day by day, for converting any amount to US
/// dollars at its value date.
///
/// A day without a row (weekends, holidays) takes the latest earlier business day, at most
/// ``maxStaleDays`` before it: a currency the ECB stopped quoting (the Estonian kroon in 2010) is
/// not converted at its last rate years later. Currencies the ECB does not quote (JOD, BDT, XDR, …)
/// are never given a rate: the conversion says so and the caller reports them unconverted.
public struct ExchangeRates: Sendable {
    /// Days on which a rate is still used after its business day.
    public static let maxStaleDays = 7

    /// Where the rates came from ("ECB euro reference rates, eurofxref-hist.zip").
    public var source: String
    /// The first and last business days of the file.
    public let firstDay: Day
    public let lastDay: Day
    private let series: [String: Series]

    /// A calendar day, as days since 1970-01-01.
    public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var number: Int

        public init(number: Int) { self.number = number }

        /// Reads `YYYY-MM-DD` (anything after the day, such as a time, is ignored).
        public init?(iso text: some StringProtocol) {
            // On the bytes of a String, in concrete code: this runs for every amount converted.
            var text = String(text)
            guard let day = text.withUTF8({ Self.day(iso: $0) }) else { return nil }
            self = day
        }

        private static func day(iso bytes: UnsafeBufferPointer<UInt8>) -> Day? {
            guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
            func digits(_ range: Range<Int>) -> Int? {
                var value = 0
                for byte in bytes[range] {
                    guard (0x30...0x39).contains(byte) else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10),
                  (1...12).contains(month), (1...31).contains(day) else { return nil }
            return Day(year: year, month: month, day: day)
        }

        /// The day of a civil date (Howard Hinnant's days-from-civil).
        public init(year: Int, month: Int, day: Int) {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            number = era * 146_097 + doe - 719_468
        }

        /// Year, month and day of the month (Howard Hinnant's civil-from-days).
        public var components: (year: Int, month: Int, day: Int) {
            let z = number + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let day = doy - (153 * mp + 2) / 5 + 1
            let month = mp < 10 ? mp + 3 : mp - 9
            return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
        }

        /// `YYYY-MM-DD`.
        public var description: String {
            let (year, month, day) = components
            guard (0...9999).contains(year) else { return String(format: "%04d-%02d-%02d", year, month, day) }
            // Without a format string: one is made for every converted amount of an import.
            func digits(_ value: Int, _ count: Int) -> String {
                let text = String(value)
                return String(repeating: "0", count: max(0, count - text.count)) + text
            }
            return digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2)
        }

        public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }
    }

    /// One currency's rates (units per euro), oldest first.
    private struct Series: Sendable {
        var days: [Int] = []
        var rates: [Decimal] = []

        /// The rate of the latest business day on or before `day`, if recent enough.
        func rate(on day: Int) -> (rate: Decimal, day: Int)? {
            var low = 0, high = days.count
            while low < high {
                let middle = (low + high) / 2
                if days[middle] <= day { low = middle + 1 } else { high = middle }
            }
            guard low > 0, day - days[low - 1] <= ExchangeRates.maxStaleDays else { return nil }
            return (rates[low - 1], days[low - 1])
        }
    }

    /// The rates bundled with DevCoop: the ECB's file as of its last day (see ``lastDay``).
    public static func bundled() throws -> ExchangeRates {
        guard let url = Bundle.module.url(forResource: "eurofxref-hist", withExtension: "zip") else {
            throw PortfolioError("the bundled ECB rate file eurofxref-hist.zip is missing")
        }
        return try ExchangeRates(file: Data(contentsOf: url), source: "ECB euro reference rates (bundled eurofxref-hist.zip)")
    }

    /// Reads the ECB's historical file: the zip it publishes (`eurofxref-hist.zip`) or the CSV inside.
    public init(file: Data, source: String) throws {
        try self.init(csv: [UInt8](Self.csv(of: file)), source: source)
    }

    /// The CSV of an ECB file: the file itself, or the first entry of the zip it publishes.
    public static func csv(of file: Data) throws -> Data {
        file.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? try ZipFile.firstEntry(of: file) : file
    }

    private init(csv: [UInt8], source: String) throws {
        self.source = source
        var lines = csv.split(separator: 0x0A, omittingEmptySubsequences: true)
        guard !lines.isEmpty else { throw PortfolioError("the ECB rate file is empty") }
        let header = lines.removeFirst().split(separator: 0x2C, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard header.first == "Date", header.contains("USD") else {
            throw PortfolioError("not an ECB rate file: its header is not Date,USD,… but \(header.prefix(3).joined(separator: ","))")
        }
        var columns: [Series] = Array(repeating: Series(), count: header.count)
        var first = Int.max, last = Int.min
        for (index, line) in lines.enumerated() {
            let fields = line.split(separator: 0x2C, omittingEmptySubsequences: false)
            guard let date = fields.first, let day = Day(iso: String(decoding: date, as: UTF8.self)) else {
                throw PortfolioError("ECB rate file, line \(index + 2): no date")
            }
            first = min(first, day.number)
            last = max(last, day.number)
            for column in 1..<min(fields.count, header.count) where !header[column].isEmpty {
                guard let rate = Self.decimal(fields[column]) else { continue }  // N/A
                columns[column].days.append(day.number)
                columns[column].rates.append(rate)
            }
        }
        guard first <= last else { throw PortfolioError("the ECB rate file has no rates") }
        var series: [String: Series] = [:]
        for (column, name) in header.enumerated().dropFirst() where !name.isEmpty && !columns[column].days.isEmpty {
            var values = columns[column]
            // The ECB writes the newest day first.
            if let firstDay = values.days.first, let lastDay = values.days.last, firstDay > lastDay {
                values.days.reverse()
                values.rates.reverse()
            }
            series[name] = values
        }
        self.series = series
        firstDay = Day(number: first)
        lastDay = Day(number: last)
    }

    /// A positive decimal such as `1.0876` read exactly; `nil` for `N/A` and anything else.
    private static func decimal(_ field: ArraySlice<UInt8>) -> Decimal? {
        var significand: UInt64 = 0
        var scale = 0, digits = 0, afterPoint = false
        for byte in field where byte != 0x20 && byte != 0x0D {
            if byte == 0x2E, !afterPoint { afterPoint = true; continue }
            guard (0x30...0x39).contains(byte), digits < 18 else { return nil }
            significand = significand * 10 + UInt64(byte - 0x30)
            digits += 1
            if afterPoint { scale += 1 }
        }
        guard digits > 0, significand > 0 else { return nil }
        return Decimal(sign: .plus, exponent: -scale, significand: Decimal(significand))
    }

    /// The currencies the file quotes, besides the euro.
    public var currencies: [String] { series.keys.sorted() }

    /// The outcome of converting one amount.
    public enum Conversion: Sendable, Hashable {
        /// In US dollars, rounded to the cent, at the rates of `rateDay`.
        case converted(usd: Decimal, rateDay: Day?)
        case unconverted(Reason)
    }

    /// Why an amount stays in its own currency.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The amount names no currency and its activity has no default.
        case noCurrency = "no currency"
        /// The ECB does not quote the currency.
        case unquotedCurrency = "currency not quoted by the ECB"
        /// Neither value date nor transaction date.
        case noDate = "no date"
        /// No quote within ``ExchangeRates/maxStaleDays`` before the date (before 1999, after the
        /// file's last day, or after the ECB stopped quoting the currency).
        case noRateOnDate = "no ECB rate on that date"
    }

    /// `amount` of `currency` in US dollars on `day`.
    public func usd(_ amount: Decimal, currency: String?, on day: Day?) -> Conversion {
        guard let currency = currency?.uppercased(), !currency.isEmpty else { return .unconverted(.noCurrency) }
        if currency == "USD" { return .converted(usd: Self.cents(amount), rateDay: nil) }
        guard currency == "EUR" || series[currency] != nil else { return .unconverted(.unquotedCurrency) }
        guard let day else { return .unconverted(.noDate) }
        guard let usd = series["USD"]?.rate(on: day.number) else { return .unconverted(.noRateOnDate) }
        if currency == "EUR" { return .converted(usd: Self.cents(amount * usd.rate), rateDay: Day(number: usd.day)) }
        guard let own = series[currency]?.rate(on: day.number), own.day == usd.day else { return .unconverted(.noRateOnDate) }
        return .converted(usd: Self.cents(amount * usd.rate / own.rate), rateDay: Day(number: usd.day))
    }

    /// Rounded half away from zero to two decimals.
    static func cents(_ value: Decimal) -> Decimal {
        var value = value, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return rounded
    }
}
