/// An organisation taking part in the activity in some role (funding, accountable, extending, implementing).
///
/// Decoded from `participating-org`.
public struct ParticipatingOrg: Sendable, Hashable {
    /// `@ref`.
    public var ref: String?
    /// `@type`.
    public var type: String?
    /// `@role`.
    public var role: String?
    /// `@activity-id`: the organisation's own identifier for the activity, to link funding chains.
    public var activityID: String?
    /// `@crs-channel-code`.
    public var crsChannelCode: String?
    /// The organisation's name: the element's own `narrative` children.
    public var name: NarrativeText
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        ref: String? = nil,
        type: String? = nil,
        role: String? = nil,
        activityID: String? = nil,
        crsChannelCode: String? = nil,
        name: NarrativeText = NarrativeText(),
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.ref = ref
        self.type = type
        self.role = role
        self.activityID = activityID
        self.crsChannelCode = crsChannelCode
        self.name = name
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        ref = reader.attribute("ref")
        type = reader.attribute("type")
        role = reader.attribute("role")
        activityID = reader.attribute("activity-id")
        crsChannelCode = reader.attribute("crs-channel-code")
        name = reader.narrativeText()
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
