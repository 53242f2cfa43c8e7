import IATI

/// Turns values as published into the cells of projection rows, the same way for activities read
/// through the model and for those read straight from the parser (``ActivityProjector``).
enum Projection {
    /// A money amount as exact decimal text (`1 000.50` → `1000.50`), `nil` when it is not a number.
    static func money(_ raw: String?) -> Cell {
        guard var raw else { return .null }
        return raw.withUTF8 { money($0) }.map(Cell.text) ?? .null
    }

    /// The cells of the amount column `column` (`value`, `value_whole`, `value_nanos`: ``Amount``).
    static func amount(_ value: Value?, column: String = "value") -> NamedCells {
        let names = Amount.columnNames(column)
        guard case .text(let text) = money(value?.text) else { return [names.text: .null] }
        let amount = Amount.split(text)
        return [names.text: .text(text), names.whole: Cell(amount?.whole), names.nanos: Cell(amount?.nanos)]
    }

    /// ``money(_:)-(String?)`` on bytes: the amount's text, or `nil`.
    static func money(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // The common case, ASCII digits with at most ASCII spaces, without Unicode tables: this runs
        // for every transaction and budget.
        var compact: [UInt8] = []
        compact.reserveCapacity(bytes.count)
        var digits = 0, dots = 0
        for byte in bytes {
            switch byte {
            case 48...57: digits += 1; compact.append(byte)
            case UInt8(ascii: "."): dots += 1; compact.append(byte)
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard compact.isEmpty else { return nil }
                compact.append(byte)
            case 32, 9, 10, 13: continue
            case 128...:
                // Non-ASCII (a non-breaking space, say): Unicode decides what is white space.
                let raw = String(decoding: bytes, as: UTF8.self)
                guard Value.parseAmount(raw) != nil else { return nil }
                return String(raw.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
            default: return nil
            }
        }
        guard digits > 0, dots <= 1 else { return nil }
        return String(decoding: compact, as: UTF8.self)
    }

    /// An ISO date (`2024-03-31`, or the date part of a date-time), `nil` unless it is a real calendar date.
    static func date(_ raw: String?) -> Cell {
        guard var raw else { return .null }
        return raw.withUTF8 { date($0).map { .text(String(decoding: $0, as: UTF8.self)) } } ?? .null
    }

    /// ``date(_:)-(String?)`` on bytes: the date's ten bytes, or `nil`.
    static func date(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        let bytes = raw.first.map { $0 > 32 } == true ? raw : trimmed(raw)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              year >= 1, (1...12).contains(month), day >= 1 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days else { return nil }
        return UnsafeBufferPointer(rebasing: bytes[0..<10])
    }

    /// The bytes without XML white space (space, tab, LF, CR) at either end.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13
    }

    /// The first narrative of a text, for display columns.
    static func text(_ text: NarrativeText?) -> Cell { Cell(text?.text()) }
}
