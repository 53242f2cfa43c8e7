/// A type of aid, in a given aid-type vocabulary.
///
/// Decoded from `default-aid-type` and `transaction/aid-type`.
public struct AidType: Sendable, Hashable {
    /// `@code`.
    public var code: String?
    /// `@vocabulary`; `nil` means OECD DAC (vocabulary 1).
    public var vocabulary: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        code: String? = nil,
        vocabulary: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.code = code
        self.vocabulary = vocabulary
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        code = reader.attribute("code")
        vocabulary = reader.attribute("vocabulary")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
