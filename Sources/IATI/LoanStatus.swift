/// The yearly status of a loan, for CRS reporting.
///
/// Decoded from `crs-add/loan-status`.
public struct LoanStatus: Sendable, Hashable {
    /// `@year`.
    public var year: String?
    /// `@currency`.
    public var currency: String?
    /// `@value-date`.
    public var valueDate: String?
    /// The text of `interest-received`.
    public var interestReceived: String?
    /// The text of `principal-outstanding`.
    public var principalOutstanding: String?
    /// The text of `principal-arrears`.
    public var principalArrears: String?
    /// The text of `interest-arrears`.
    public var interestArrears: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        year: String? = nil,
        currency: String? = nil,
        valueDate: String? = nil,
        interestReceived: String? = nil,
        principalOutstanding: String? = nil,
        principalArrears: String? = nil,
        interestArrears: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.year = year
        self.currency = currency
        self.valueDate = valueDate
        self.interestReceived = interestReceived
        self.principalOutstanding = principalOutstanding
        self.principalArrears = principalArrears
        self.interestArrears = interestArrears
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        year = reader.attribute("year")
        currency = reader.attribute("currency")
        valueDate = reader.attribute("value-date")
        interestReceived = reader.textLeaf("interest-received")
        principalOutstanding = reader.textLeaf("principal-outstanding")
        principalArrears = reader.textLeaf("principal-arrears")
        interestArrears = reader.textLeaf("interest-arrears")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
