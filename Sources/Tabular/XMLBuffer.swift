/// Bytes of XML being built, with the escaping that SpreadsheetML text needs.
struct XMLBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func truncate(to count: Int) { bytes.removeSubrange(count...) }

    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(raw bytes: [UInt8]) { self.bytes.append(contentsOf: bytes) }

    /// Text known to need no escaping: digits, generated names.
    mutating func append(raw text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    /// Escapes `text` for XML element content (`attribute: false`) or a double-quoted attribute value.
    ///
    /// - `&` `<` `>` (and `"` in attributes) become entities; CR becomes `&#13;` so that XML's
    ///   line-end normalisation does not turn it into LF (and tab and LF become `&#9;` `&#10;` in attributes).
    /// - Characters XML 1.0 forbids (controls other than tab, LF and CR; U+FFFE, U+FFFF) are dropped:
    ///   a stray control character in the data must not make the whole file unreadable.
    /// - An `_` that starts `_xHHHH_` is written `_x005F_`: Excel reads `_xHHHH_` in text as an
    ///   escaped character, so without this the text `_x0041_` would show as `A`.
    mutating func appendEscaped(_ text: String, attribute: Bool = false) {
        var text = text
        text.withUTF8 { source in
            let count = source.count
            var runStart = 0
            var index = 0
            while index < count {
                let byte = source[index]
                let replacement: StaticString?
                var skip = 1
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
                case 0x0D: replacement = "&#13;"
                case 0x09 where attribute: replacement = "&#9;"
                case 0x0A where attribute: replacement = "&#10;"
                case 0x09, 0x0A:
                    index += 1
                    continue
                case 0x00..<0x20: replacement = ""
                case 0xEF where index + 2 < count && source[index + 1] == 0xBF && source[index + 2] >= 0xBE:
                    replacement = ""  // U+FFFE, U+FFFF
                    skip = 3
                case UInt8(ascii: "_") where XMLBuffer.startsExcelEscape(source, at: index): replacement = "_x005F_"
                default:
                    index += 1
                    continue
                }
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                }
                append(replacement!)
                index += skip
                runStart = index
            }
            if runStart < count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<count]))
            }
        }
    }

    /// Whether `_xHHHH_` starts at `index`.
    private static func startsExcelEscape(_ source: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 6 < source.count, source[index + 1] == UInt8(ascii: "x"), source[index + 6] == UInt8(ascii: "_")
        else { return false }
        for offset in 2...5 {
            switch source[index + offset] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"):
                continue
            default: return false
            }
        }
        return true
    }

    /// Whether text needs `xml:space="preserve"`: it starts or ends with white space, which XML would otherwise let go.
    static func needsPreserve(_ text: String) -> Bool {
        func isSpace(_ byte: UInt8?) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        return isSpace(text.utf8.first) || isSpace(text.utf8.last)
    }
}

extension String {
    /// The text cut to at most `limit` UTF-16 code units (Excel counts a cell's characters so),
    /// never inside a surrogate pair.
    func truncated(toUTF16 limit: Int) -> String {
        // UTF-8 never has fewer code units than UTF-16.
        guard utf8.count > limit, utf16.count > limit else { return self }
        var units = 0
        var end = unicodeScalars.startIndex
        for scalar in unicodeScalars {
            let width = scalar.utf16.count
            if units + width > limit { break }
            units += width
            end = unicodeScalars.index(after: end)
        }
        return String(unicodeScalars[..<end])
    }
}
