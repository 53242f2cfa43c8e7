/// Reads the modelled parts of one element and remembers what it read, so that whatever is left
/// (foreign or unexpected children and attributes) can be kept as extensions.
///
/// Every read is lenient: a missing or empty value gives `nil`, never an error, because real files
/// are messy and the validator, not the model, is the place to report it.
///
/// It runs for every element of every activity an import reads, so it allocates as little as it
/// can: what was read is kept in bit sets (inline up to 64 children or attributes), lookups scan the
/// children without building arrays, and only elements with many children get a name index.
struct ElementReader {
    let node: XMLNode
    private var usedChildren: UsedSet
    private var usedAttributes: UsedSet
    /// Extras found on the one-value children read through `leaf` and `textLeaf`.
    private(set) var leafExtensions: [LeafExtension] = []

    /// IATI children by name, for elements with many children (an activity has dozens, and the
    /// model asks for each of its forty-odd parts): a lookup instead of a scan per part.
    private let index: NameIndex?

    init(_ node: XMLNode) {
        self.node = node
        usedChildren = UsedSet(count: node.children.count)
        usedAttributes = UsedSet(count: node.attributes.count)
        index = node.children.count > 12 ? NameIndex(node.children) : nil
    }

    /// The positions of the IATI children with this name, in document order.
    private func positions(_ name: String) -> Positions {
        Positions(children: node.children, index: index, name: name)
    }

    // MARK: Attributes

    /// The attribute as written. `name` is a local name in no namespace, or `xml:lang`.
    mutating func rawAttribute(_ name: String) -> String? {
        guard let index = attributeIndex(name) else { return nil }
        usedAttributes.insert(index)
        return node.attributes[index].value
    }

    private func attributeIndex(_ name: String) -> Int? {
        // Fields are compared in place: `firstIndex(where:)` would copy every attribute out,
        // retaining its four strings, for each attribute the model asks for.
        let attributes = node.attributes
        if name.utf8.count > 4, name.hasPrefix("xml:") {
            let local = String(name.dropFirst(4))
            return attributes.indices.first { attributes[$0].name == local && attributes[$0].namespace == XMLNode.xmlNamespace }
        }
        return attributes.indices.first { attributes[$0].name == name && attributes[$0].namespace == nil }
    }

    /// The attribute trimmed of XML white space; an empty value counts as absent.
    mutating func attribute(_ name: String) -> String? {
        rawAttribute(name).flatMap(Self.nonEmptyTrimmed)
    }

    // MARK: Child elements

    /// The first child in IATI's (empty) namespace with this name that has not been read yet.
    mutating func element(_ name: String) -> XMLNode? {
        guard let index = firstUnused(name) else { return nil }
        usedChildren.insert(index)
        return node.children[index]
    }

    /// Every unread child in IATI's namespace with this name, in document order.
    mutating func elements(_ name: String) -> [XMLNode] {
        all(name) { $0 }
    }

    /// Decodes the first child with this name; later ones of a non-repeatable element stay as
    /// extensions so nothing is dropped.
    mutating func one<T>(_ name: String, _ decode: (XMLNode) -> T) -> T? {
        guard let index = firstUnused(name) else { return nil }
        usedChildren.insert(index)
        return decode(node.children[index])
    }

    /// Decodes every child with this name.
    mutating func all<T>(_ name: String, _ decode: (XMLNode) -> T) -> [T] {
        var found: [T] = []
        var positions = positions(name)
        while let index = positions.next() {
            guard !usedChildren.contains(index) else { continue }
            usedChildren.insert(index)
            found.append(decode(node.children[index]))
        }
        return found
    }

    // MARK: Narratives

    /// The `narrative` children of this element.
    ///
    /// Pre-2.0 files put the text straight into the element (`<title>Water</title>`); when there
    /// is no `narrative` but there is text, that text becomes the one narrative, in the element's
    /// `xml:lang`, so legacy activities keep their titles and names.
    mutating func narrativeText() -> NarrativeText {
        let narratives = all("narrative", Narrative.init(node:))
        if narratives.isEmpty, let legacy = Self.trimmedText(node) {
            return NarrativeText(narratives: [Narrative(text: legacy, lang: attribute("xml:lang"))])
        }
        return NarrativeText(narratives: narratives)
    }

    // MARK: One-value elements

    /// The value of a one-value element such as `<activity-status code="2"/>` (`attribute`
    /// "code") or `<period-start iso-date="…"/>`.
    ///
    /// The first occurrence that has a value is read; occurrences without one stay in
    /// `extensions` untouched, so an empty element survives a round trip.
    mutating func leaf(_ name: String, attribute: String = "code") -> String? {
        var positions = positions(name)
        while let index = positions.next() {
            guard !usedChildren.contains(index) else { continue }
            if let value = readLeaf(at: index, attribute: attribute, position: 0) { return value }
        }
        return nil
    }

    /// The values of a repeatable one-value element such as a document's `category`.
    mutating func leaves(_ name: String, attribute: String = "code") -> [String] {
        var values: [String] = []
        var positions = positions(name)
        while let index = positions.next() {
            guard !usedChildren.contains(index) else { continue }
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
        if let value = plainLeaf(at: index, attribute: attribute) {
            usedChildren.insert(index)
            return value
        }
        let child = node.children[index]
        var reader = ElementReader(child)
        var textUsed = attribute.isEmpty
        var value = attribute.isEmpty ? Self.trimmedText(child) : reader.attribute(attribute)
        // 1.0x dates were sometimes given only as text.
        if value == nil, attribute == "iso-date" {
            value = Self.trimmedText(child)
            textUsed = true
        }
        guard let value else { return nil }
        usedChildren.insert(index)
        let strayText = textUsed ? nil : Self.trimmedText(child).map { _ in child.text }
        let extensionAttributes = reader.extensionAttributes
        let extensions = reader.extensions
        if strayText != nil || !extensionAttributes.isEmpty || !extensions.isEmpty {
            let extras = LeafExtension(
                element: child.name, index: position, text: strayText,
                extensionAttributes: extensionAttributes, extensions: extensions)
            if !extras.isEmpty { leafExtensions.append(extras) }
        }
        return value
    }

    /// The value of a leaf that carries nothing else (no other attribute, no child, no text
    /// besides its value): most of them. Read without a reader of its own, which the general path
    /// needs only to collect extras; `nil` sends the leaf down that path.
    private func plainLeaf(at index: Int, attribute: String) -> String? {
        let children = node.children
        guard children[index].children.isEmpty else { return nil }
        if attribute.isEmpty {
            guard children[index].attributes.isEmpty else { return nil }
            return Self.nonEmptyTrimmed(children[index].text)
        }
        let attributes = children[index].attributes
        guard attributes.count == 1, children[index].text.isEmpty, attributes[0].namespace == nil,
              attributes[0].name == attribute, !attribute.hasPrefix("xml:")
        else { return nil }
        return Self.nonEmptyTrimmed(attributes[0].value)
    }

    // MARK: Leftovers

    /// Children not read: foreign elements and IATI elements the model does not expect here.
    var extensions: [XMLNode] {
        let count = node.children.count
        guard usedChildren.count(below: count) < count else { return [] }
        return node.children.indices.filter { !usedChildren.contains($0) }.map { node.children[$0] }
    }

    /// Attributes not read.
    var extensionAttributes: [XMLAttribute] {
        let count = node.attributes.count
        guard usedAttributes.count(below: count) < count else { return [] }
        return node.attributes.indices.filter { !usedAttributes.contains($0) }.map { node.attributes[$0] }
    }

    // MARK: Helpers

    private func firstUnused(_ name: String) -> Int? {
        var positions = positions(name)
        while let index = positions.next() {
            if !usedChildren.contains(index) { return index }
        }
        return nil
    }

    /// `node.trimmedText`, without copying the text when it has no white space to trim.
    private static func trimmedText(_ node: XMLNode) -> String? {
        nonEmptyTrimmed(node.text)
    }

    static func nonEmptyTrimmed(_ string: String) -> String? {
        let utf8 = string.utf8
        guard let first = utf8.first else { return nil }
        // No XML white space at either end: nothing to trim (a Character is white space only when
        // its first and only scalar is, so looking at the end bytes decides).
        if !isSpace(first), !isSpace(utf8[utf8.index(before: utf8.endIndex)]) { return string }
        let trimmed = string.trimmingXMLWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13
    }
}

/// Which children (or attributes) were read: inline bits up to 64, an array beyond.
private struct UsedSet {
    private var small: UInt64 = 0
    private var large: [UInt64] = []

    init(count: Int) {
        if count > 64 { large = Array(repeating: 0, count: (count + 63) / 64) }
    }

    @inline(__always)
    func contains(_ index: Int) -> Bool {
        if large.isEmpty { return small & (1 << UInt64(index)) != 0 }
        return large[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    @inline(__always)
    mutating func insert(_ index: Int) {
        if large.isEmpty {
            small |= 1 << UInt64(index)
        } else {
            large[index >> 6] |= 1 << UInt64(index & 63)
        }
    }

    /// How many of the first `count` are in the set.
    func count(below count: Int) -> Int {
        if large.isEmpty { return small.nonzeroBitCount }
        return large.reduce(0) { $0 + $1.nonzeroBitCount }
    }
}

/// The IATI children of an element by name: the first position of each name, and for each
/// position the next one with the same name (-1 at the end).
private struct NameIndex {
    var first: [String: Int]
    var next: [Int]

    init(_ children: [XMLNode]) {
        first = [:]
        next = Array(repeating: -1, count: children.count)
        for position in children.indices.reversed() where children[position].namespace == nil {
            let name = children[position].name
            if let following = first.updateValue(position, forKey: name) {
                next[position] = following
            }
        }
    }
}

/// Walks the positions of the IATI children with one name: through the index when there is one,
/// else by scanning.
private struct Positions {
    let children: [XMLNode]
    let index: NameIndex?
    let name: String
    private var cursor: Int

    init(children: [XMLNode], index: NameIndex?, name: String) {
        self.children = children
        self.index = index
        self.name = name
        cursor = index.map { $0.first[name] ?? -1 } ?? 0
    }

    @inline(__always)
    mutating func next() -> Int? {
        if let index {
            guard cursor >= 0 else { return nil }
            defer { cursor = index.next[cursor] }
            return cursor
        }
        while cursor < children.count {
            let position = cursor
            cursor += 1
            if children[position].namespace == nil && children[position].name == name { return position }
        }
        return nil
    }
}
