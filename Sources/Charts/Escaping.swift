/// Escapes text for XML and HTML, in element content and in attribute values alike.
///
/// Replaces `&`, `<`, `>`, `"` and `'` by character references, so that the result can stand
/// between tags or inside a single- or double-quoted attribute. Characters that XML 1.0 does not
/// allow at all (C0 controls other than tab, line feed and carriage return, C1 controls, U+FFFE
/// and U+FFFF) become U+FFFD, so that hostile input cannot make a document ill-formed either.
///
/// Every label, title, description and series name written by this module goes through it.
public func escapeMarkup(_ text: String) -> String {
    var escaped = ""
    escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&#39;"
        case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
        default:
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF {
                escaped.unicodeScalars.append("\u{FFFD}")
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
    }
    return escaped
}
