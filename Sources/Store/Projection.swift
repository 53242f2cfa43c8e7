import IATI

/// Turns model values into the cells of projection rows.
enum Projection {
    /// A money amount as exact decimal text (`1 000.50` → `1000.50`), `nil` when it is not a number.
    static func money(_ raw: String?) -> Cell {
        guard var raw else { return .null }
        // The common case, ASCII digits with at most ASCII spaces, without Unicode tables: this runs
        // for every transaction and budget.
        let ascii: String?? = raw.withUTF8 { bytes in
            var compact: [UInt8] = []
            compact.reserveCapacity(bytes.count)
            var digits = 0, dots = 0
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case 48...57: digits += 1; compact.append(byte)
                case UInt8(ascii: "."): dots += 1; compact.append(byte)
                case UInt8(ascii: "+"), UInt8(ascii: "-"):
                    guard compact.isEmpty else { return .some(nil) }
                    compact.append(byte)
                case 32, 9, 10, 13: continue
                case 128...: return nil  // non-ASCII: the general path decides
                default: _ = index; return .some(nil)
                }
            }
            guard digits > 0, dots <= 1 else { return .some(nil) }
            return .some(String(decoding: compact, as: UTF8.self))
        }
        if let ascii { return ascii.map(Cell.text) ?? .null }
        guard Value.parseAmount(raw) != nil else { return .null }
        return .text(String(raw.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)))
    }

    static func money(_ value: Value?) -> Cell { money(value?.text) }

    /// An ISO date (`2024-03-31`, or the date part of a date-time), `nil` unless it is a real calendar date.
    static func date(_ raw: String?) -> Cell {
        guard let raw else { return .null }
        let utf8 = raw.utf8
        let bytes: [UInt8] = utf8.first.map { $0 > 32 } == true
            ? Array(utf8.prefix(10)) : Array(raw.trimmingXMLWhitespace().utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return .null }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              year >= 1, (1...12).contains(month), day >= 1 else { return .null }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days else { return .null }
        return .text(String(decoding: bytes, as: UTF8.self))
    }

    /// The first narrative of a text, for display columns.
    static func text(_ text: NarrativeText?) -> Cell { Cell(text?.text()) }
}
