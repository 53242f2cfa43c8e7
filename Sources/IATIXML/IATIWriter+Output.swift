import IATI

/// The byte-level half of ``IATIWriter``: start tags, attributes, text and end tags appended to a
/// buffer, with escaping (``XMLEscaping``) and namespace declarations handled here once.
///
/// Namespaces: the bindings in scope are tracked element by element. An element or attribute whose
/// prefix is not bound to its namespace where it is written gets its declaration on the spot
/// (`xmlns:ir="…"` on that very element), so an extension subtree is always written in its own
/// namespace whatever the document root declares; an IATI element inside a default-namespaced
/// extension gets `xmlns=""`.
///
/// Indentation: children of the model's own elements are put on their own lines, which the reader
/// drops again (white space beside child elements is not text). An element that has text, and
/// everything inside an extension subtree, is written exactly as given, with no white space added.
struct XMLOutput {
    /// What has been written and not yet handed to the sink.
    var buffer: [UInt8] = []

    private struct Frame {
        /// The qualified name, for the end tag.
        var name: String
        /// Bindings this element changed, with what they were before, to restore at its end.
        var restore: [(prefix: String, previous: String?)] = []
        var hasChildren = false
        var hasText = false
        /// Whether its children may be put on their own lines.
        var pretty: Bool
        /// Extension elements still to be written inside it, in their order.
        var pending: [XMLNode] = []
        var nextPending = 0
    }

    private var frames: [Frame] = []
    /// Whether the last start tag still waits for its `>` (attributes may still be added).
    private var tagOpen = false
    /// Prefix (`""` for the default namespace) to namespace URI, as in scope at the write position.
    private var bindings: [String: String] = ["xml": XMLNode.xmlNamespace] {
        didSet { defaultNamespaceBound = bindings[""].map { !$0.isEmpty } ?? false }
    }
    /// Whether a non-empty default namespace is in scope: asked at every start tag, and a
    /// dictionary lookup there costs more than keeping the answer.
    private var defaultNamespaceBound = false
    private var generatedPrefixes = 0
    private var indents: [[UInt8]] = []

    /// How many elements are open.
    var depth: Int { frames.count }

    mutating func append(_ string: String) {
        buffer.append(contentsOf: string.utf8)
    }

    /// The markup around names and values, a byte or two at a time: appending a string costs
    /// far more than appending a byte, and there are several per element.
    @inline(__always)
    mutating func append(ascii first: Unicode.Scalar, _ second: Unicode.Scalar? = nil) {
        buffer.append(UInt8(ascii: first))
        if let second { buffer.append(UInt8(ascii: second)) }
    }

    /// Whether a prefix was made up (`ns1`…) so far: such a name depends on every element written
    /// before, so what was written cannot be moved into another document.
    var generatedPrefix: Bool { generatedPrefixes > 0 }

    // MARK: Root

    /// The XML declaration and the root's start tag, closed, with `namespaces` declared on it.
    mutating func openRoot(_ kind: DocumentHeader.Kind, generatedDatetime: String?, namespaces: [String: String]) {
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        start(kind == .activities ? "iati-activities" : "iati-organisations")
        attribute("version", IATIWriter.version)
        attribute("generated-datetime", generatedDatetime)
        for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) where !prefix.isEmpty && !uri.isEmpty {
            declare(prefix: prefix, uri: uri)
        }
        closePendingTag()
    }

    /// Bytes of a child of the innermost element written elsewhere with the same bindings in
    /// scope, as `start` would have begun them (indentation included).
    mutating func child(rendered bytes: [UInt8]) {
        closePendingTag()
        if !frames.isEmpty { frames[frames.count - 1].hasChildren = true }
        buffer.append(contentsOf: bytes)
    }

    // MARK: Elements

    /// Opens an element; attributes may follow until the first child, text or `end()`.
    ///
    /// `extensions` are the element's extension elements: each is written as soon as the known
    /// children that come before it in the schema (``SchemaOrder``) are written, never before an
    /// extension that precedes it, and at the latest before the end tag. So an IATI element kept
    /// as an extension (an empty `<default-tied-status code=""/>`) goes back to its place in the
    /// schema's sequence, while the extensions keep their order. `pretty: false` marks an element
    /// written from an extension tree.
    mutating func start(
        _ name: String, prefix: String? = nil, namespace: String? = nil, pretty: Bool = true, extensions: [XMLNode] = []
    ) {
        closePendingTag()
        if pretty, prefix == nil, namespace == nil { writePendingExtensions(before: name) }
        // The frames are read in place, field by field, all through: copying one out retains its
        // name and arrays only to release them again, several times per element written.
        if !frames.isEmpty {
            let parent = frames.count - 1
            frames[parent].hasChildren = true
            if frames[parent].pretty && !frames[parent].hasText { newline(depth: frames.count) }
        }
        let qualified = prefix.map { "\($0):\(name)" } ?? name
        append(ascii: "<")
        append(qualified)
        tagOpen = true
        frames.append(Frame(name: qualified, pretty: pretty, pending: extensions))
        switch (prefix, namespace) {
        case (nil, nil):
            if defaultNamespaceBound { declare(prefix: "", uri: "") }
        case (nil, let uri?):
            declare(prefix: "", uri: uri)
        case (let prefix?, let uri?):
            if prefix != "xml" { declare(prefix: prefix, uri: uri) }
        case (_?, nil):
            // An undeclared prefix in the source: written as it came.
            break
        }
    }

    /// Closes the innermost open element (`<a/>` when it got no content), after the extensions
    /// not written yet.
    mutating func end() {
        if let last = frames.indices.last, frames[last].nextPending < frames[last].pending.count {
            let pending = frames[last].pending[frames[last].nextPending...]
            for node in pending { self.node(node) }
            frames[last].nextPending = frames[last].pending.count
        }
        guard let frame = frames.popLast() else { return }
        if tagOpen {
            append(ascii: "/", ">")
            tagOpen = false
        } else {
            if frame.hasChildren && frame.pretty && !frame.hasText { newline(depth: frames.count) }
            append(ascii: "<", "/")
            append(frame.name)
            append(ascii: ">")
        }
        for (prefix, previous) in frame.restore.reversed() {
            bindings[prefix] = previous
        }
    }

    /// Writes the `>` of a start tag that is still open.
    mutating func closePendingTag() {
        guard tagOpen else { return }
        append(ascii: ">")
        tagOpen = false
    }

    // MARK: Attributes

    /// An attribute named as given (`code`, `xml:lang`); nothing when `value` is `nil`.
    mutating func attribute(_ name: String, _ value: String?) {
        guard let value, tagOpen else { return }
        append(ascii: " ")
        append(name)
        append(ascii: "=", "\"")
        append(XMLEscaping.attribute(value))
        append(ascii: "\"")
    }

    /// An attribute kept from the source, in its namespace.
    mutating func attribute(_ attribute: XMLAttribute) {
        guard tagOpen else { return }
        // Namespace declarations are never attributes in the model; skip anything that would
        // turn into one.
        if attribute.prefix == "xmlns" || (attribute.prefix == nil && attribute.name == "xmlns") { return }
        let name: String
        if attribute.namespace == XMLNode.xmlNamespace {
            name = "xml:" + attribute.name
        } else if let uri = attribute.namespace, !uri.isEmpty {
            name = prefix(for: uri, preferred: attribute.prefix) + ":" + attribute.name
        } else {
            name = attribute.qualifiedName
        }
        self.attribute(name, attribute.value)
    }

    mutating func attributes(_ attributes: [XMLAttribute]) {
        for attribute in attributes { self.attribute(attribute) }
    }

    /// Binds `prefix` to `uri` on the element being started, unless it already is in scope.
    mutating func declare(prefix: String, uri: String) {
        guard tagOpen, !frames.isEmpty, prefix != "xml", prefix != "xmlns" else { return }
        if bindings[prefix] == uri || (prefix.isEmpty && uri.isEmpty && bindings[""] == nil) { return }
        // Declared on this element already (for another URI): a second declaration would not be
        // well formed; the caller picks another prefix (see `prefix(for:preferred:)`).
        if frames[frames.count - 1].restore.contains(where: { $0.prefix == prefix }) { return }
        frames[frames.count - 1].restore.append((prefix, bindings[prefix]))
        bindings[prefix] = uri
        append(prefix.isEmpty ? " xmlns=\"" : " xmlns:\(prefix)=\"")
        append(XMLEscaping.attribute(uri))
        append(ascii: "\"")
    }

    /// A prefix bound to `uri` at this point: `preferred` when it is or can be, else one already
    /// bound to it, else a new one declared here.
    private mutating func prefix(for uri: String, preferred: String?) -> String {
        if let preferred, !preferred.isEmpty, preferred != "xmlns" {
            if bindings[preferred] == uri { return preferred }
            if !frames[frames.count - 1].restore.contains(where: { $0.prefix == preferred }) {
                declare(prefix: preferred, uri: uri)
                return preferred
            }
        }
        if let bound = bindings.first(where: { !$0.key.isEmpty && $0.value == uri })?.key { return bound }
        var candidate: String
        repeat {
            generatedPrefixes += 1
            candidate = "ns\(generatedPrefixes)"
        } while bindings[candidate] != nil
        declare(prefix: candidate, uri: uri)
        return candidate
    }

    // MARK: Content

    /// Character data of the innermost element, escaped.
    mutating func text(_ text: String) {
        guard !text.isEmpty, !frames.isEmpty else { return }
        closePendingTag()
        frames[frames.count - 1].hasText = true
        append(XMLEscaping.text(text))
    }

    /// An element kept as a tree (an extension), with its namespace, attributes, text and children
    /// exactly as given.
    mutating func node(_ node: XMLNode) {
        start(node.name, prefix: node.prefix, namespace: node.namespace, pretty: false)
        attributes(node.attributes)
        text(node.text)
        for child in node.children { self.node(child) }
        end()
    }

    mutating func nodes(_ nodes: [XMLNode]) {
        for node in nodes { self.node(node) }
    }

    /// Writes the innermost element's pending extensions that belong before its child `name`.
    private mutating func writePendingExtensions(before name: String) {
        guard let index = frames.indices.last, frames[index].nextPending < frames[index].pending.count,
              let order = SchemaOrder.children[frames[index].name], let slot = order[name]
        else { return }
        while frames[index].nextPending < frames[index].pending.count {
            let node = frames[index].pending[frames[index].nextPending]
            guard SchemaOrder.slot(of: node, in: order) < slot else { break }
            frames[index].nextPending += 1
            self.node(node)
        }
    }

    private mutating func newline(depth: Int) {
        while indents.count <= depth {
            indents.append([10] + Array(repeating: 32, count: 2 * indents.count))
        }
        buffer.append(contentsOf: indents[depth])
    }
}

/// The order of the known children of each IATI element that has any, from the 2.03 schemas
/// (`iati-activities-schema.xsd`, `iati-organisations-schema.xsd`); `##other` is where the
/// schema's `xsd:any` stands when known children follow it.
enum SchemaOrder {
    static let children: [String: [String: Int]] = {
        let lists: [String: [String]] = [
            "iati-activity": [
                "iati-identifier", "reporting-org", "title", "description", "participating-org", "other-identifier",
                "activity-status", "activity-date", "contact-info", "activity-scope", "recipient-country",
                "recipient-region", "location", "sector", "tag", "country-budget-items", "humanitarian-scope",
                "policy-marker", "collaboration-type", "default-flow-type", "default-finance-type", "default-aid-type",
                "default-tied-status", "budget", "planned-disbursement", "capital-spend", "transaction", "document-link",
                "related-activity", "legacy-data", "conditions", "result", "crs-add", "fss",
            ],
            "other-identifier": ["owner-org"],
            "contact-info": [
                "organisation", "department", "person-name", "job-title", "telephone", "email", "website", "mailing-address",
            ],
            "location": [
                "location-reach", "location-id", "name", "description", "activity-description", "administrative", "point",
                "exactness", "location-class", "feature-designation",
            ],
            "point": ["pos"],
            "country-budget-items": ["budget-item"],
            "budget-item": ["description"],
            "budget": ["period-start", "period-end", "value"],
            "planned-disbursement": ["period-start", "period-end", "value", "provider-org", "receiver-org"],
            "transaction": [
                "transaction-type", "transaction-date", "value", "description", "provider-org", "receiver-org",
                "disbursement-channel", "sector", "recipient-country", "recipient-region", "flow-type", "finance-type",
                "aid-type", "tied-status",
            ],
            "document-link": ["title", "description", "category", "language", "document-date", "##other", "recipient-country"],
            "conditions": ["condition"],
            "result": ["title", "description", "document-link", "reference", "indicator"],
            "indicator": ["title", "description", "document-link", "reference", "baseline", "period"],
            "baseline": ["location", "dimension", "document-link", "comment"],
            "period": ["period-start", "period-end", "target", "actual"],
            "target": ["location", "dimension", "comment", "document-link"],
            "actual": ["location", "dimension", "comment", "document-link"],
            "crs-add": ["other-flags", "loan-terms", "loan-status", "channel-code"],
            "loan-terms": ["repayment-type", "repayment-plan", "commitment-date", "repayment-first-date", "repayment-final-date"],
            "loan-status": ["interest-received", "principal-outstanding", "principal-arrears", "interest-arrears"],
            "fss": ["forecast"],
            "budget-line": ["value", "narrative"],
            "expense-line": ["value", "narrative"],
            "iati-organisation": [
                "organisation-identifier", "name", "reporting-org", "total-budget", "recipient-org-budget",
                "recipient-region-budget", "recipient-country-budget", "total-expenditure", "document-link",
            ],
            "total-budget": ["period-start", "period-end", "value", "budget-line"],
            "recipient-org-budget": ["recipient-org", "period-start", "period-end", "value", "budget-line"],
            "recipient-region-budget": ["recipient-region", "period-start", "period-end", "value", "budget-line"],
            "recipient-country-budget": ["recipient-country", "period-start", "period-end", "value", "budget-line"],
            "total-expenditure": ["period-start", "period-end", "value", "expense-line"],
        ]
        return lists.mapValues { names in
            Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        }
    }()

    /// Where an extension element belongs among the known children: an IATI element at its
    /// name's place, a foreign one at `##other` (else last).
    static func slot(of node: XMLNode, in order: [String: Int]) -> Int {
        if node.namespace == nil && node.prefix == nil { return order[node.name] ?? Int.max }
        return order["##other"] ?? Int.max
    }
}
