/// A link to a public web page or document about the activity, result or organisation.
///
/// Decoded from `document-link`.
public struct DocumentLink: Sendable, Hashable {
    /// `@url`.
    public var url: String?
    /// `@format`: an IANA media type.
    public var format: String?
    /// `title`.
    public var title: NarrativeText?
    /// `description`.
    public var description: NarrativeText?
    /// Every `category/@code`.
    public var categories: [String]
    /// Every `language/@code`.
    public var languages: [String]
    /// `document-date/@iso-date`.
    public var documentDate: String?
    /// Every `recipient-country` (organisation files only; always empty for activities).
    public var recipientCountries: [RecipientCountry]
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        url: String? = nil,
        format: String? = nil,
        title: NarrativeText? = nil,
        description: NarrativeText? = nil,
        categories: [String] = [],
        languages: [String] = [],
        documentDate: String? = nil,
        recipientCountries: [RecipientCountry] = [],
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.url = url
        self.format = format
        self.title = title
        self.description = description
        self.categories = categories
        self.languages = languages
        self.documentDate = documentDate
        self.recipientCountries = recipientCountries
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        url = reader.attribute("url")
        format = reader.attribute("format")
        title = reader.one("title", NarrativeText.init(node:))
        description = reader.one("description", NarrativeText.init(node:))
        categories = reader.leaves("category")
        languages = reader.leaves("language")
        documentDate = reader.leaf("document-date", attribute: "iso-date")
        recipientCountries = reader.all("recipient-country", RecipientCountry.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
