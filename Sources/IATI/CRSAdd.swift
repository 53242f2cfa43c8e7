/// Additional data the OECD Creditor Reporting System needs.
///
/// Decoded from `crs-add`.
public struct CRSAdd: Sendable, Hashable {
    /// Every `other-flags`.
    public var otherFlags: [OtherFlag]
    /// `loan-terms`.
    public var loanTerms: LoanTerms?
    /// `loan-status`.
    public var loanStatus: LoanStatus?
    /// The text of `channel-code`.
    public var channelCode: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        otherFlags: [OtherFlag] = [],
        loanTerms: LoanTerms? = nil,
        loanStatus: LoanStatus? = nil,
        channelCode: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.otherFlags = otherFlags
        self.loanTerms = loanTerms
        self.loanStatus = loanStatus
        self.channelCode = channelCode
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        otherFlags = reader.all("other-flags", OtherFlag.init(node:))
        loanTerms = reader.one("loan-terms", LoanTerms.init(node:))
        loanStatus = reader.one("loan-status", LoanStatus.init(node:))
        channelCode = reader.textLeaf("channel-code")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
