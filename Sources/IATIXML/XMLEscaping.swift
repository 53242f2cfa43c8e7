import IATI

/// Escaping for text and attribute values written as XML.
public enum XMLEscaping {
    /// Character data: `&`, `<`, `>` as entities, carriage return as `&#13;` (a literal one would be
    /// read back as a line feed); characters XML 1.0 does not allow at all become U+FFFD.
    public static func text(_ value: String) -> String {
        guard containsByte(value, where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == 13 || mayBeForbidden($0) }) else {
            return value
        }
        return escaped(value, attribute: false)
    }

    /// Attribute values (written between double quotes): also `"` as `&quot;`, and tab, line feed
    /// and carriage return as character references, which attribute-value normalisation would
    /// otherwise turn into spaces.
    public static func attribute(_ value: String) -> String {
        guard containsByte(value, where: {
            $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"")
                || $0 == 9 || $0 == 10 || $0 == 13 || mayBeForbidden($0)
        }) else {
            return value
        }
        return escaped(value, attribute: true)
    }

    /// `value` with its markup characters as entities and the characters XML does not allow as
    /// U+FFFD, byte by byte over its UTF-8 (which Swift keeps valid): text with an ampersand, a
    /// carriage return or a full-width character is common, and must not cost a scalar at a time.
    private static func escaped(_ value: String, attribute: Bool) -> String {
        var value = value
        return value.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case 13: out.append(contentsOf: "&#13;".utf8)
                case UInt8(ascii: "\"") where attribute: out.append(contentsOf: "&quot;".utf8)
                case 9 where attribute: out.append(contentsOf: "&#9;".utf8)
                case 10 where attribute: out.append(contentsOf: "&#10;".utf8)
                case 9, 10: out.append(byte)
                case ..<0x20: out.append(contentsOf: replacementUTF8)
                // U+FFFE and U+FFFF: EF BF BE and EF BF BF.
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                    out.append(contentsOf: replacementUTF8)
                    index += 2
                default: out.append(byte)
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// U+FFFD, what stands for a character XML 1.0 cannot carry, even as a character reference.
    private static let replacementUTF8: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Whether a UTF-8 byte of `value` matches: over the string's own storage when it has one
    /// (every value the writer gets does), a plain loop over bytes rather than `String.UTF8View`'s
    /// iterator, since every value written is scanned.
    @inline(__always)
    private static func containsByte(_ value: String, where predicate: (UInt8) -> Bool) -> Bool {
        value.utf8.withContiguousStorageIfAvailable { $0.contains(where: predicate) } ?? value.utf8.contains(where: predicate)
    }

    /// A UTF-8 byte that may start a character XML does not allow (a C0 control, or the lead
    /// byte of U+FFFE / U+FFFF): a cheap test before the slow path.
    @inline(__always)
    private static func mayBeForbidden(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 9 && byte != 10) || byte == 0xEF
    }
}
