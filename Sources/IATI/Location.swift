/// A sub-national place where the activity happens or which it benefits.
///
/// Decoded from `iati-activity/location`.
public struct Location: Sendable, Hashable {
    /// `@ref`.
    public var ref: String?
    /// `location-reach/@code`.
    public var locationReach: String?
    /// Every `location-id`.
    public var locationIDs: [LocationID]
    /// `name`.
    public var name: NarrativeText?
    /// `description`.
    public var description: NarrativeText?
    /// `activity-description`.
    public var activityDescription: NarrativeText?
    /// Every `administrative`.
    public var administratives: [Administrative]
    /// `point`.
    public var point: Point?
    /// `exactness/@code`.
    public var exactness: String?
    /// `location-class/@code`.
    public var locationClass: String?
    /// `feature-designation/@code`.
    public var featureDesignation: String?
    /// Child elements the model does not know: other namespaces, or IATI elements out of place.
    public var extensions: [XMLNode]
    /// Attributes the model does not know, such as d-portal's `dataset` or namespaced ones.
    public var extensionAttributes: [XMLAttribute]
    /// What the one-value children kept as strings carried besides their value.
    public var leafExtensions: [LeafExtension]

    public init(
        ref: String? = nil,
        locationReach: String? = nil,
        locationIDs: [LocationID] = [],
        name: NarrativeText? = nil,
        description: NarrativeText? = nil,
        activityDescription: NarrativeText? = nil,
        administratives: [Administrative] = [],
        point: Point? = nil,
        exactness: String? = nil,
        locationClass: String? = nil,
        featureDesignation: String? = nil,
        extensions: [XMLNode] = [],
        extensionAttributes: [XMLAttribute] = [],
        leafExtensions: [LeafExtension] = []
    ) {
        self.ref = ref
        self.locationReach = locationReach
        self.locationIDs = locationIDs
        self.name = name
        self.description = description
        self.activityDescription = activityDescription
        self.administratives = administratives
        self.point = point
        self.exactness = exactness
        self.locationClass = locationClass
        self.featureDesignation = featureDesignation
        self.extensions = extensions
        self.extensionAttributes = extensionAttributes
        self.leafExtensions = leafExtensions
    }

    /// Decodes leniently: missing or malformed parts become `nil` or empty, never an error.
    public init(node: XMLNode) {
        var reader = ElementReader(node)
        ref = reader.attribute("ref")
        locationReach = reader.leaf("location-reach")
        locationIDs = reader.all("location-id", LocationID.init(node:))
        name = reader.one("name", NarrativeText.init(node:))
        description = reader.one("description", NarrativeText.init(node:))
        activityDescription = reader.one("activity-description", NarrativeText.init(node:))
        administratives = reader.all("administrative", Administrative.init(node:))
        point = reader.one("point", Point.init(node:))
        exactness = reader.leaf("exactness")
        locationClass = reader.leaf("location-class")
        featureDesignation = reader.leaf("feature-designation")
        extensions = reader.extensions
        extensionAttributes = reader.extensionAttributes
        leafExtensions = reader.leafExtensions
    }
}
