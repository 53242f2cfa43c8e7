/// The terms of a loan, for CRS reporting.
///
/// Decoded from `crs-add/loan-terms`.
public struct LoanTerms: Sendable, Hashable {
    /// `@rate-1`.
    public var rate1: String?
    /// `@rate-2`.
    public var rate2: String?
    /// `repayment-type/@code`.
    public var repaymentType: String?
    /// `repayment-plan/@code`.
    public var repaymentPlan: String?
    /// `commitment-date/@iso-date`.
    public var commitmentDate: String?
    /// `repayment-first-date/@iso-date`.
    public var repaymentFirstDate: String?
    /// `repayment-final-date/@iso-date`.
    public var repaymentFinalDate: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        rate1: String? = nil,
        rate2: String? = nil,
        repaymentType: String? = nil,
        repaymentPlan: String? = nil,
        commitmentDate: String? = nil,
        repaymentFirstDate: String? = nil,
        repaymentFinalDate: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.rate1 = rate1
        self.rate2 = rate2
        self.repaymentType = repaymentType
        self.repaymentPlan = repaymentPlan
        self.commitmentDate = commitmentDate
        self.repaymentFirstDate = repaymentFirstDate
        self.repaymentFinalDate = repaymentFinalDate
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        rate1 = reader.attribute("rate-1")
        rate2 = reader.attribute("rate-2")
        repaymentType = reader.leaf("repayment-type")
        repaymentPlan = reader.leaf("repayment-plan")
        commitmentDate = reader.leaf("commitment-date", attribute: "iso-date")
        repaymentFirstDate = reader.leaf("repayment-first-date", attribute: "iso-date")
        repaymentFinalDate = reader.leaf("repayment-final-date", attribute: "iso-date")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
