/// Contact details for the activity.
///
/// Decoded from `contact-info`.
public struct ContactInfo: Sendable, Hashable {
    /// `@type`.
    public var type: String?
    /// `organisation`.
    public var organisation: NarrativeText?
    /// `department`.
    public var department: NarrativeText?
    /// `person-name`.
    public var personName: NarrativeText?
    /// `job-title`.
    public var jobTitle: NarrativeText?
    /// The text of every `telephone`.
    public var telephones: [String]
    /// The text of every `email`.
    public var emails: [String]
    /// The text of every `website`.
    public var websites: [String]
    /// Every `mailing-address`.
    public var mailingAddresses: [NarrativeText]
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        type: String? = nil,
        organisation: NarrativeText? = nil,
        department: NarrativeText? = nil,
        personName: NarrativeText? = nil,
        jobTitle: NarrativeText? = nil,
        telephones: [String] = [],
        emails: [String] = [],
        websites: [String] = [],
        mailingAddresses: [NarrativeText] = [],
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.type = type
        self.organisation = organisation
        self.department = department
        self.personName = personName
        self.jobTitle = jobTitle
        self.telephones = telephones
        self.emails = emails
        self.websites = websites
        self.mailingAddresses = mailingAddresses
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        type = reader.attribute("type")
        organisation = reader.one("organisation", NarrativeText.init(node:))
        department = reader.one("department", NarrativeText.init(node:))
        personName = reader.one("person-name", NarrativeText.init(node:))
        jobTitle = reader.one("job-title", NarrativeText.init(node:))
        telephones = reader.textLeaves("telephone")
        emails = reader.textLeaves("email")
        websites = reader.textLeaves("website")
        mailingAddresses = reader.all("mailing-address", NarrativeText.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
