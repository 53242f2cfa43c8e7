/// Multilingual text: an element made of `narrative` children, one per language.
///
/// Used both for wrapper elements (`title`, `description`, `comment`) and, with empty extensions,
/// for the narratives an element carries directly (a participating org's name).
public struct NarrativeText: Sendable, Hashable {
    /// Every narrative in document order; several may share a language and all are kept.
    public var narratives: [Narrative]
    public var extensions: [XMLNode]
    public var extensionAttributes: [XMLAttribute]

    public init(narratives: [Narrative] = [], extensions: [XMLNode] = [], extensionAttributes: [XMLAttribute] = []) {
        self.narratives = narratives
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    public init(node: XMLNode) {
        var reader = ElementReader(node)
        narratives = reader.narrativeText().narratives
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }

    /// True when there is no narrative at all.
    public var isEmpty: Bool { narratives.isEmpty }

    /// The text in `lang`, compared without case (`EN` matches `en`), else the text without a
    /// language (the activity default), else the first narrative. `nil` when there is none.
    public func text(in lang: String? = nil) -> String? {
        if let lang, let match = narratives.first(where: { $0.lang?.lowercased() == lang.lowercased() }) {
            return match.text
        }
        return (narratives.first { $0.lang == nil } ?? narratives.first)?.text
    }

    /// The languages present, as written, without duplicates, in document order.
    public var languages: [String] {
        var seen = Set<String>()
        return narratives.compactMap(\.lang).filter { seen.insert($0).inserted }
    }
}
