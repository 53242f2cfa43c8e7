/// Reads the modelled parts of one element and remembers what it read, so that whatever is left
/// (foreign or unexpected children and attributes) can be kept as extensions.
///
/// Every read is lenient: a missing or empty value gives `nil`, never an error, because real files
/// are messy and the validator, not the model, is the place to report it.
struct ElementReader {
    let node: XMLNode
    private var usedChildren: [Bool]
    private var usedAttributes: [Bool]
    /// Extras found on the one-value children read through `leaf` and `textLeaf`.
    private(set) var leafExtensions: [LeafExtension] = []

    /// IATI children by name, for elements with many children (an activity has dozens, and the
    /// model asks for each of its forty-odd parts): a lookup instead of a scan per part.
    private let childrenByName: [String: [Int]]?

    init(_ node: XMLNode) {
        self.node = node
        usedChildren = Array(repeating: false, count: node.children.count)
        usedAttributes = Array(repeating: false, count: node.attributes.count)
        if node.children.count > 12 {
            var index: [String: [Int]] = [:]
            for (position, child) in node.children.enumerated() where child.namespace == nil {
                index[child.name, default: []].append(position)
            }
            childrenByName = index
        } else {
            childrenByName = nil
        }
    }

    /// Positions of the IATI children with this name, in document order.
    private func positions(_ name: String) -> [Int] {
        if let childrenByName { return childrenByName[name] ?? [] }
        return node.children.indices.filter { Self.isIATI(node.children[$0], name) }
    }

    // MARK: Attributes

    /// The attribute as written. `name` is a local name in no namespace, or `xml:lang`.
    mutating func rawAttribute(_ name: String) -> String? {
        let namespace: String?
        let local: Substring
        if name.hasPrefix("xml:") {
            namespace = XMLNode.xmlNamespace
            local = name.dropFirst(4)
        } else {
            namespace = nil
            local = Substring(name)
        }
        guard let index = node.attributes.firstIndex(where: { $0.namespace == namespace && $0.name == local })
        else { return nil }
        usedAttributes[index] = true
        return node.attributes[index].value
    }

    /// The attribute trimmed of XML white space; an empty value counts as absent.
    mutating func attribute(_ name: String) -> String? {
        rawAttribute(name).flatMap(Self.nonEmptyTrimmed)
    }

    // MARK: Child elements

    /// The first child in IATI's (empty) namespace with this name that has not been read yet.
    mutating func element(_ name: String) -> XMLNode? {
        guard let index = firstUnused(name) else { return nil }
        usedChildren[index] = true
        return node.children[index]
    }

    /// Every unread child in IATI's namespace with this name, in document order.
    mutating func elements(_ name: String) -> [XMLNode] {
        var found: [XMLNode] = []
        for index in positions(name) where !usedChildren[index] {
            usedChildren[index] = true
            found.append(node.children[index])
        }
        return found
    }

    /// Decodes the first child with this name; later ones of a non-repeatable element stay as
    /// extensions so nothing is dropped.
    mutating func one<T>(_ name: String, _ decode: (XMLNode) -> T) -> T? {
        element(name).map(decode)
    }

    /// Decodes every child with this name.
    mutating func all<T>(_ name: String, _ decode: (XMLNode) -> T) -> [T] {
        elements(name).map(decode)
    }

    // MARK: Narratives

    /// The `narrative` children of this element.
    ///
    /// Pre-2.0 files put the text straight into the element (`<title>Water</title>`); when there
    /// is no `narrative` but there is text, that text becomes the one narrative, in the element's
    /// `xml:lang`, so legacy activities keep their titles and names.
    mutating func narrativeText() -> NarrativeText {
        let nodes = elements("narrative")
        if nodes.isEmpty, let legacy = node.trimmedText {
            return NarrativeText(narratives: [Narrative(text: legacy, lang: attribute("xml:lang"))])
        }
        return NarrativeText(narratives: nodes.map(Narrative.init(node:)))
    }

    // MARK: One-value elements

    /// The value of a one-value element such as `<activity-status code="2"/>` (`attribute`
    /// "code") or `<period-start iso-date="…"/>`.
    ///
    /// The first occurrence that has a value is read; occurrences without one stay in
    /// `extensions` untouched, so an empty element survives a round trip.
    mutating func leaf(_ name: String, attribute: String = "code") -> String? {
        for index in positions(name) where !usedChildren[index] {
            if let value = readLeaf(at: index, attribute: attribute, position: 0) { return value }
        }
        return nil
    }

    /// The values of a repeatable one-value element such as a document's `category`.
    mutating func leaves(_ name: String, attribute: String = "code") -> [String] {
        var values: [String] = []
        for index in positions(name) where !usedChildren[index] {
            if let value = readLeaf(at: index, attribute: attribute, position: values.count) { values.append(value) }
        }
        return values
    }

    /// The trimmed text of a text-only element such as `iati-identifier` or `email`.
    mutating func textLeaf(_ name: String) -> String? {
        leaf(name, attribute: "")
    }

    /// The trimmed texts of a repeatable text-only element.
    mutating func textLeaves(_ name: String) -> [String] {
        leaves(name, attribute: "")
    }

    /// Reads one leaf; an empty `attribute` means the value is the element's text.
    private mutating func readLeaf(at index: Int, attribute: String, position: Int) -> String? {
        let child = node.children[index]
        var reader = ElementReader(child)
        var textUsed = attribute.isEmpty
        var value = attribute.isEmpty ? child.trimmedText : reader.attribute(attribute)
        // 1.0x dates were sometimes given only as text.
        if value == nil, attribute == "iso-date" {
            value = child.trimmedText
            textUsed = true
        }
        guard let value else { return nil }
        usedChildren[index] = true
        let strayText = textUsed ? nil : child.trimmedText.map { _ in child.text }
        let extras = LeafExtension(
            element: child.name, index: position, text: strayText,
            extensionAttributes: reader.extensionAttributes, extensions: reader.extensions)
        if !extras.isEmpty { leafExtensions.append(extras) }
        return value
    }

    // MARK: Leftovers

    /// Children not read: foreign elements and IATI elements the model does not expect here.
    var extensions: [XMLNode] {
        node.children.indices.filter { !usedChildren[$0] }.map { node.children[$0] }
    }

    /// Attributes not read.
    var extensionAttributes: [XMLAttribute] {
        node.attributes.indices.filter { !usedAttributes[$0] }.map { node.attributes[$0] }
    }

    // MARK: Helpers

    private func firstUnused(_ name: String) -> Int? {
        positions(name).first { !usedChildren[$0] }
    }

    private static func isIATI(_ child: XMLNode, _ name: String) -> Bool {
        child.namespace == nil && child.name == name
    }

    static func nonEmptyTrimmed(_ string: String) -> String? {
        let trimmed = string.trimmingXMLWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
