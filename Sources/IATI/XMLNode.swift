/// A parsed XML element: the neutral tree the reader hands to the model.
///
/// The reader builds one `XMLNode` per `iati-activity` (or `iati-organisation`), so memory stays
/// proportional to one activity, never to the file. The model decodes its typed values from it and
/// keeps what it does not know (extension elements and attributes) as `XMLNode`s, so nothing is lost.
///
/// Equality ignores `line`: the same element read from a file and from its stored copy is equal.
public struct XMLNode: Sendable, Hashable {
    /// The local name (`narrative`, not `ir:narrative`).
    public var name: String
    /// The namespace URI, or `nil` for IATI's own (unqualified) elements.
    public var namespace: String?
    /// The prefix used in the source, kept so an extension can be written back as it came.
    public var prefix: String?
    public var attributes: [XMLAttribute]
    public var children: [XMLNode]
    /// The character data directly inside this element (not inside its children), as given.
    public var text: String
    /// The 1-based line of the start tag in the source document, 0 when unknown.
    public var line: Int

    public init(
        name: String, namespace: String? = nil, prefix: String? = nil,
        attributes: [XMLAttribute] = [], children: [XMLNode] = [], text: String = "", line: Int = 0
    ) {
        self.name = name
        self.namespace = namespace
        self.prefix = prefix
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
    }

    /// The value of the attribute with this local name in no namespace, or with the `xml` prefix
    /// when `name` is written `xml:lang`.
    public subscript(attribute name: String) -> String? {
        if name.hasPrefix("xml:") {
            let local = name.dropFirst(4)
            return attributes.first { $0.namespace == XMLNode.xmlNamespace && $0.name == local }?.value
        }
        return attributes.first { $0.namespace == nil && $0.name == name }?.value
    }

    /// The first child in no namespace with this local name.
    public func child(_ name: String) -> XMLNode? {
        children.first { $0.namespace == nil && $0.name == name }
    }

    /// Every child in no namespace with this local name, in document order.
    public func children(_ name: String) -> [XMLNode] {
        children.filter { $0.namespace == nil && $0.name == name }
    }

    /// The element's text with surrounding white space removed, `nil` when that leaves nothing.
    public var trimmedText: String? {
        let trimmed = text.trimmingXMLWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The qualified name as written in the source (`ir:registry-record`).
    public var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }

    public static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    public static func == (lhs: XMLNode, rhs: XMLNode) -> Bool {
        lhs.name == rhs.name && lhs.namespace == rhs.namespace && lhs.prefix == rhs.prefix
            && lhs.attributes == rhs.attributes && lhs.text == rhs.text && lhs.children == rhs.children
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(namespace)
        hasher.combine(attributes)
        hasher.combine(text)
        hasher.combine(children)
    }
}

/// An attribute of an `XMLNode`.
public struct XMLAttribute: Sendable, Hashable {
    public var name: String
    public var namespace: String?
    public var prefix: String?
    public var value: String

    public init(name: String, namespace: String? = nil, prefix: String? = nil, value: String) {
        self.name = name
        self.namespace = namespace
        self.prefix = prefix
        self.value = value
    }

    public var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }
}

extension StringProtocol {
    /// The string without leading and trailing XML white space (space, tab, CR, LF).
    public func trimmingXMLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
