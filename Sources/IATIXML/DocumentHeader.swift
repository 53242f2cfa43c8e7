import IATI

/// What a document is, learnt from its container element (`iati-activities` or `iati-organisations`).
public struct DocumentHeader: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case activities
        case organisations
    }

    public var kind: Kind
    /// `@version` of the container as written (`2.03`, `1.0`, …); `nil` when absent, as in Datastore exports.
    public var version: String?
    /// The container's attributes, kept with the dataset.
    public var attributes: [XMLAttribute]
    /// Every namespace declared on the container and its ancestors, prefix (`""` for the default) to URI.
    /// A stored activity is only readable again with these in scope.
    public var namespaces: [String: String]
    /// The line of the container's start tag.
    public var line: Int

    public init(kind: Kind, version: String?, attributes: [XMLAttribute], namespaces: [String: String], line: Int) {
        self.kind = kind
        self.version = version
        self.attributes = attributes
        self.namespaces = namespaces
        self.line = line
    }

    /// Whether the document is a 1.0x file that the reader upgrades to the 2.03 shape.
    public var isLegacy: Bool { version.map(Self.isLegacyVersion) ?? false }

    static func isLegacyVersion(_ version: String) -> Bool {
        version.trimmingXMLWhitespace().hasPrefix("1")
    }
}
