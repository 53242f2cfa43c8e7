import Foundation

/// A Forward Spending Survey forecast for one year: an amount like `Value`, with its year.
///
/// Decoded from `fss/forecast`.
public struct Forecast: Sendable, Hashable {
    public var year: String?
    /// The element's text exactly as given; see `amount`.
    public var text: String
    public var currency: String?
    public var valueDate: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        year: String? = nil, text: String, currency: String? = nil, valueDate: String? = nil,
        extensions: [XMLNode] = [], extensionAttributes: [XMLAttribute] = []
    ) {
        self.year = year
        self.text = text
        self.currency = currency
        self.valueDate = valueDate
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        year = reader.attribute("year")
        text = node.text
        currency = reader.attribute("currency")
        valueDate = reader.attribute("value-date")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }

    /// The amount, read as `Value.amount` reads its text.
    public var amount: Decimal? { Value.parseAmount(text) }
}
