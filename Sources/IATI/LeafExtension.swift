/// What a one-value child element carried beyond the value the model keeps.
///
/// The model keeps elements such as `<activity-status code="2"/>` or `<email>` as plain strings.
/// When such an element also carries foreign attributes, child elements or stray text (1.0x
/// files put code labels there), they are kept here, keyed by element name and by the position
/// of the value among that element's values, so a writer can put them back where they were.
public struct LeafExtension: Sendable, Hashable {
    /// The local name of the element (`activity-status`).
    public var element: String
    /// The position of the value among the parent's values for `element`; 0 for a single one.
    public var index: Int
    /// Text inside the element that the model did not use, as given.
    public var text: String?
    public var extensionAttributes: [XMLAttribute]
    public var extensions: [XMLNode]

    public init(
        element: String, index: Int = 0, text: String? = nil,
        extensionAttributes: [XMLAttribute] = [], extensions: [XMLNode] = []
    ) {
        self.element = element
        self.index = index
        self.text = text
        self.extensionAttributes = extensionAttributes
        self.extensions = extensions
    }

    /// True when there is nothing to keep.
    public var isEmpty: Bool { text == nil && extensionAttributes.isEmpty && extensions.isEmpty }
}

extension Array where Element == LeafExtension {
    /// The extras of the `index`-th value of `element`, if it had any.
    public func first(element: String, index: Int = 0) -> LeafExtension? {
        first { $0.element == element && $0.index == index }
    }
}
