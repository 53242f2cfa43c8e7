/// Estimates of how wide text is when drawn, without fonts: good enough to lay out labels and
/// to truncate long ones. Wide (CJK, fullwidth, emoji) characters count about twice a Latin
/// letter.
public enum TextMetrics {
    /// The estimated width of `character` in ems. The estimates follow DejaVu Sans, one of the
    /// widest common sans-serif fonts (and the fallback on many Linux systems), so that text laid
    /// out with them fits in narrower fonts too.
    public static func width(of character: Character) -> Double {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let value = scalar.value
        if value >= 0x20, value < 0x7F { return asciiWidths[Int(value - 0x20)] }
        if isWide(value) { return 1.0 }
        switch value {
        case 0x2018, 0x2019, 0x201A: return 0.32 // ‘ ’ ‚
        case 0x201C, 0x201D, 0x201E: return 0.52 // “ ” „
        case 0x2013: return 0.5 // –
        case 0x2014, 0x2026: return 1.0 // — …
        case 0x00A0: return 0.32
        case 0x0300...0x036F: return 0 // combining marks on their own
        default: return 0.66
        }
    }

    /// Widths in ems of the printable ASCII characters, from space to `~`.
    private static let asciiWidths: [Double] = [
        0.318, 0.401, 0.460, 0.838, 0.636, 0.950, 0.780, 0.275, 0.390, 0.390, 0.500, 0.838, 0.318, 0.361, 0.318, 0.337,
        0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531,
        1.000, 0.684, 0.686, 0.698, 0.770, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787,
        0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.390, 0.337, 0.390, 0.838, 0.500,
        0.500, 0.613, 0.635, 0.550, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612,
        0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,
    ]

    /// The estimated width of `text` drawn at `fontSize`.
    public static func width(of text: String, fontSize: Double) -> Double {
        text.reduce(0) { $0 + width(of: $1) } * fontSize
    }

    /// `text` on one line: line breaks and tabs become spaces.
    public static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// `text` cut to fit `maxWidth` at `fontSize`, ending with `…` when cut.
    public static func truncate(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        if width(of: text, fontSize: fontSize) <= maxWidth { return text }
        let ellipsis = width(of: "…") * fontSize
        var kept = ""
        var used = 0.0
        for character in text {
            let w = width(of: character) * fontSize
            if used + w + ellipsis > maxWidth { break }
            kept.append(character)
            used += w
        }
        while let last = kept.last, last.isWhitespace || last == "," || last == ";" || last == ":" { kept.removeLast() }
        return kept + "…"
    }

    /// `text` broken into lines no wider than `maxWidth` at `fontSize` where it can be: between
    /// words, and before or after wide (CJK) characters. A word wider than `maxWidth` stays whole
    /// on its own line.
    public static func wrap(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> [String] {
        // Break units, each with whether a space comes before it.
        var units: [(text: String, spaced: Bool)] = []
        var word = ""
        var spaceBefore = false
        var pendingSpace = false
        func flush() {
            if !word.isEmpty { units.append((word, spaceBefore)) }
            word = ""
        }
        for character in singleLine(text) {
            if character.isWhitespace {
                flush()
                pendingSpace = true
            } else if let scalar = character.unicodeScalars.first, isWide(scalar.value) {
                flush()
                units.append((String(character), pendingSpace))
                pendingSpace = false
            } else {
                if word.isEmpty {
                    spaceBefore = pendingSpace
                    pendingSpace = false
                }
                word.append(character)
            }
        }
        flush()
        var lines: [String] = []
        var current = ""
        for unit in units {
            let candidate = current.isEmpty ? unit.text : current + (unit.spaced ? " " : "") + unit.text
            if current.isEmpty || width(of: candidate, fontSize: fontSize) <= maxWidth {
                current = candidate
            } else {
                lines.append(current)
                current = unit.text
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// East Asian wide and fullwidth characters, and emoji.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
