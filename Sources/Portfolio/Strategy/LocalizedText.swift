/// A text in several languages, by language code (`en`, `zh`, `fr`, `es`).
public struct LocalizedText: Sendable, Hashable, Codable {
    public var texts: [String: String]

    public init(_ texts: [String: String]) {
        self.texts = texts.filter { !$0.value.isEmpty }
    }

    /// The text in `language`, else in English, else in any language there is.
    public func text(_ language: String) -> String {
        texts[language] ?? texts["en"] ?? texts.sorted { $0.key < $1.key }.first?.value ?? ""
    }

    /// Whether the text exists in `language` itself (not by falling back).
    public func has(_ language: String) -> Bool { texts[language] != nil }

    public init(from decoder: any Decoder) throws {
        self.init(try [String: String](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try texts.encode(to: encoder)
    }
}
