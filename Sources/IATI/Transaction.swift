/// A financial transaction: a commitment, disbursement, expenditure, incoming funds...
///
/// Decoded from `transaction`.
public struct Transaction: Sendable, Hashable {
    /// `@ref`.
    public var ref: String?
    /// `@humanitarian` raw ("1", "true", "0"...).
    public var humanitarian: String?
    /// `transaction-type/@code`.
    public var transactionType: String?
    /// `transaction-date/@iso-date` as written (trimmed).
    public var transactionDate: String?
    /// `value`.
    public var value: Value?
    /// `description`.
    public var description: NarrativeText?
    /// `provider-org`.
    public var providerOrg: ProviderOrg?
    /// `receiver-org`.
    public var receiverOrg: ReceiverOrg?
    /// `disbursement-channel/@code`.
    public var disbursementChannel: String?
    /// Every `sector`.
    public var sectors: [Sector]
    /// Every `recipient-country` (the standard allows one; more are kept).
    public var recipientCountries: [RecipientCountry]
    /// Every `recipient-region` (the standard allows one; more are kept).
    public var recipientRegions: [RecipientRegion]
    /// `flow-type/@code`.
    public var flowType: String?
    /// `finance-type/@code`.
    public var financeType: String?
    /// Every `aid-type`.
    public var aidTypes: [AidType]
    /// `tied-status/@code`.
    public var tiedStatus: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        ref: String? = nil,
        humanitarian: String? = nil,
        transactionType: String? = nil,
        transactionDate: String? = nil,
        value: Value? = nil,
        description: NarrativeText? = nil,
        providerOrg: ProviderOrg? = nil,
        receiverOrg: ReceiverOrg? = nil,
        disbursementChannel: String? = nil,
        sectors: [Sector] = [],
        recipientCountries: [RecipientCountry] = [],
        recipientRegions: [RecipientRegion] = [],
        flowType: String? = nil,
        financeType: String? = nil,
        aidTypes: [AidType] = [],
        tiedStatus: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.ref = ref
        self.humanitarian = humanitarian
        self.transactionType = transactionType
        self.transactionDate = transactionDate
        self.value = value
        self.description = description
        self.providerOrg = providerOrg
        self.receiverOrg = receiverOrg
        self.disbursementChannel = disbursementChannel
        self.sectors = sectors
        self.recipientCountries = recipientCountries
        self.recipientRegions = recipientRegions
        self.flowType = flowType
        self.financeType = financeType
        self.aidTypes = aidTypes
        self.tiedStatus = tiedStatus
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        ref = reader.attribute("ref")
        humanitarian = reader.attribute("humanitarian")
        transactionType = reader.leaf("transaction-type")
        transactionDate = reader.leaf("transaction-date", attribute: "iso-date")
        value = reader.one("value", Value.init(node:))
        description = reader.one("description", NarrativeText.init(node:))
        providerOrg = reader.one("provider-org", ProviderOrg.init(node:))
        receiverOrg = reader.one("receiver-org", ReceiverOrg.init(node:))
        disbursementChannel = reader.leaf("disbursement-channel")
        sectors = reader.all("sector", Sector.init(node:))
        recipientCountries = reader.all("recipient-country", RecipientCountry.init(node:))
        recipientRegions = reader.all("recipient-region", RecipientRegion.init(node:))
        flowType = reader.leaf("flow-type")
        financeType = reader.leaf("finance-type")
        aidTypes = reader.all("aid-type", AidType.init(node:))
        tiedStatus = reader.leaf("tied-status")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
