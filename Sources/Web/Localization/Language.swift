/// A language of the user interface. Narratives in other languages are shown with a visible note.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case en, fr, es, zh

    /// The language's own name, for the switcher.
    public var nativeName: String {
        switch self {
        case .en: "English"
        case .fr: "Français"
        case .es: "Español"
        case .zh: "中文"
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    public var tag: String { self == .zh ? "zh-Hans" : rawValue }

    /// The language of a request: `?lang=` first, then the best of `Accept-Language`, else English.
    /// An unknown `?lang=` is not an error: it is ignored like an unknown `Accept-Language` tag.
    public static func negotiate(query: String?, acceptLanguage: String?) -> Language {
        if let query, let language = Language(tag: query) { return language }
        guard let acceptLanguage else { return .en }
        var best: (language: Language, weight: Double)?
        for part in acceptLanguage.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, let language = Language(tag: tag) else { continue }
            var weight = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            if weight > 0, weight > (best?.weight ?? 0) { best = (language, weight) }
        }
        return best?.language ?? .en
    }

    /// `fr`, `fr-CH`, `zh-Hans-CN`, `ZH`: the language of the tag's first subtag.
    public init?(tag: String) {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        self.init(rawValue: primary)
    }
}
