import IATI

/// Escaping for text and attribute values written as XML.
public enum XMLEscaping {
    /// Character data: `&`, `<`, `>` as entities, carriage return as `&#13;` (a literal one would be
    /// read back as a line feed); characters XML 1.0 does not allow at all become U+FFFD.
    public static func text(_ value: String) -> String {
        guard containsByte(value, where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == 13 || mayBeForbidden($0) }) else {
            return value
        }
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(isAllowed(scalar) ? scalar : replacement)
            }
        }
        return out
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
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(isAllowed(scalar) ? scalar : replacement)
            }
        }
        return out
    }

    /// Whether a UTF-8 byte of `value` matches: over the string's own storage when it has one
    /// (every value the writer gets does), a plain loop over bytes rather than `String.UTF8View`'s
    /// iterator, since every value written is scanned.
    @inline(__always)
    private static func containsByte(_ value: String, where predicate: (UInt8) -> Bool) -> Bool {
        value.utf8.withContiguousStorageIfAvailable { $0.contains(where: predicate) } ?? value.utf8.contains(where: predicate)
    }

    /// What stands for a character XML 1.0 cannot carry, even as a character reference.
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Whether XML 1.0 allows the character (`Char` production): no C0 controls other than tab,
    /// line feed and carriage return, no U+FFFE / U+FFFF.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// A UTF-8 byte that may start a character XML does not allow (a C0 control, or the lead
    /// byte of U+FFFE / U+FFFF): a cheap test before the slow path.
    @inline(__always)
    private static func mayBeForbidden(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 9 && byte != 10) || byte == 0xEF
    }
}
