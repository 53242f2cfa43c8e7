/// The organisation publishing the activity or organisation file.
///
/// Decoded from `reporting-org`.
public struct ReportingOrg: Sendable, Hashable {
    /// `@ref`.
    public var ref: String?
    /// `@type`.
    public var type: String?
    /// `@secondary-reporter` raw ("1", "true", "0"...): set when the publisher is not the organisation responsible.
    public var secondaryReporter: String?
    /// The organisation's name: the element's own `narrative` children.
    public var name: NarrativeText
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        ref: String? = nil,
        type: String? = nil,
        secondaryReporter: String? = nil,
        name: NarrativeText = NarrativeText(),
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.ref = ref
        self.type = type
        self.secondaryReporter = secondaryReporter
        self.name = name
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        ref = reader.attribute("ref")
        type = reader.attribute("type")
        secondaryReporter = reader.attribute("secondary-reporter")
        name = reader.narrativeText()
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
