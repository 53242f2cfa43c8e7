/// Another identifier of the activity: a previous IATI identifier, a reporting organisation's own reference...
///
/// Decoded from `other-identifier`.
public struct OtherIdentifier: Sendable, Hashable {
    /// `@ref`.
    public var ref: String?
    /// `@type`.
    public var type: String?
    /// `owner-org`.
    public var ownerOrg: OwnerOrg?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        ref: String? = nil,
        type: String? = nil,
        ownerOrg: OwnerOrg? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.ref = ref
        self.type = type
        self.ownerOrg = ownerOrg
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        ref = reader.attribute("ref")
        type = reader.attribute("type")
        ownerOrg = reader.one("owner-org", OwnerOrg.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
