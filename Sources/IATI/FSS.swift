/// The OECD Forward Spending Survey: forecasts of future spending.
///
/// Decoded from `fss`.
public struct FSS: Sendable, Hashable {
    /// `@extraction-date`.
    public var extractionDate: String?
    /// `@priority` raw ("1", "true", "0"...).
    public var priority: String?
    /// `@phaseout-year`.
    public var phaseoutYear: String?
    /// Every `forecast`.
    public var forecasts: [Forecast]
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]

    public init(
        extractionDate: String? = nil,
        priority: String? = nil,
        phaseoutYear: String? = nil,
        forecasts: [Forecast] = [],
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = []
    ) {
        self.extractionDate = extractionDate
        self.priority = priority
        self.phaseoutYear = phaseoutYear
        self.forecasts = forecasts
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        extractionDate = reader.attribute("extraction-date")
        priority = reader.attribute("priority")
        phaseoutYear = reader.attribute("phaseout-year")
        forecasts = reader.all("forecast", Forecast.init(node:))
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
    }
}
