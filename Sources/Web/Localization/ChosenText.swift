import IATI

/// A narrative picked for the reader: the one in the language asked for, else one in another
/// language (English first), which pages then mark as a fallback.
struct ChosenText: Sendable {
    var text: String
    /// The language the text is in, when the data says (its `xml:lang`, else the activity's default).
    var lang: String?
    /// Whether the text is in another language than the one asked for.
    var isFallback: Bool

    /// `nil` when `narratives` holds no text.
    init?(_ narratives: NarrativeText?, in language: String, defaultLang: String?) {
        let candidates = (narratives?.narratives ?? []).filter { !$0.text.isEmpty }
            .map { (text: $0.text, lang: ($0.lang ?? defaultLang).map(Self.primary)) }
        let wanted = Self.primary(language)
        if let match = candidates.first(where: { $0.lang == wanted }) {
            self.init(text: match.text, lang: match.lang, isFallback: false)
        } else if let other = candidates.first(where: { $0.lang == "en" }) ?? candidates.first {
            self.init(text: other.text, lang: other.lang, isFallback: true)
        } else {
            return nil
        }
    }

    init(text: String, lang: String?, isFallback: Bool) {
        self.text = text
        self.lang = lang
        self.isFallback = isFallback
    }

    /// `zh-Hans` → `zh`, `EN` → `en`: languages compare by their primary subtag.
    static func primary(_ tag: String) -> String {
        String(tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? Substring(tag)).lowercased()
    }

    /// Every language the texts are in (primary subtags), in order of first appearance.
    static func languages(of texts: [NarrativeText?], defaultLang: String?) -> [String] {
        var seen = Set<String>()
        var languages: [String] = []
        for text in texts {
            for narrative in text?.narratives ?? [] where !narrative.text.isEmpty {
                guard let lang = (narrative.lang ?? defaultLang).map(primary), seen.insert(lang).inserted else { continue }
                languages.append(lang)
            }
        }
        return languages
    }
}
