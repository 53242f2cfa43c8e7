/// One language version of a piece of text.
///
/// The text is kept exactly as given, white space included, so a stored activity compares equal to
/// the one it was read from and writes back byte for byte.
public struct Narrative: Sendable, Hashable {
    public var text: String
    /// The `xml:lang` as written (`EN` stays `EN`); `nil` means the activity's default language.
    public var lang: String?
    public var extensions: [XMLNode]
    public var extensionAttributes: [XMLAttribute]

    public init(text: String, lang: String? = nil, extensions: [XMLNode] = [], extensionAttributes: [XMLAttribute] = []) {
        self.text = text
        self.lang = lang
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    public init(node: XMLNode) {
        // Most narratives are text with at most their language: read without a reader, which is
        // there to collect what else an element carries.
        let attributes = node.attributes
        if node.children.isEmpty,
           attributes.isEmpty || (attributes.count == 1 && attributes[0].name == "lang" && attributes[0].namespace == XMLNode.xmlNamespace) {
            text = node.text
            lang = attributes.first?.value
            extensions = []
            extensionAttributes = []
            return
        }
        var reader = ElementReader(node)
        text = node.text
        lang = reader.rawAttribute("xml:lang")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
