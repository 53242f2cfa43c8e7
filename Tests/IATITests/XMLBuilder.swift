import IATI

/// Builds `XMLNode` trees by hand, as the reader would hand them over.
///
/// Attribute names `xml:lang` and `prefix:name` (with a prefix from `namespaces`) are put in
/// their namespace, as a namespace-aware parser would.
enum X {
    static let namespaces = [
        "xml": XMLNode.xmlNamespace,
        "akvo": "http://akvo.org/iati-activities",
        "usg": "http://www.usaid.gov/foreign-assistance",
    ]

    static func el(
        _ qualifiedName: String, _ attributes: KeyValuePairs<String, String> = [:], text: String = "",
        _ children: [XMLNode] = []
    ) -> XMLNode {
        let (prefix, name) = split(qualifiedName)
        return XMLNode(
            name: name, namespace: prefix.flatMap { namespaces[$0] }, prefix: prefix,
            attributes: attributes.map { key, value in
                let (prefix, name) = split(key)
                return XMLAttribute(name: name, namespace: prefix.flatMap { namespaces[$0] }, prefix: prefix, value: value)
            },
            children: children, text: text)
    }

    static func narrative(_ text: String, lang: String? = nil) -> XMLNode {
        el("narrative", lang.map { ["xml:lang": $0] } ?? [:], text: text)
    }

    /// A narrative-bearing wrapper such as `title`.
    static func text(_ name: String, _ narratives: [XMLNode], _ attributes: KeyValuePairs<String, String> = [:]) -> XMLNode {
        el(name, attributes, narratives)
    }

    private static func split(_ qualifiedName: String) -> (String?, String) {
        guard let colon = qualifiedName.firstIndex(of: ":") else { return (nil, qualifiedName) }
        return (String(qualifiedName[..<colon]), String(qualifiedName[qualifiedName.index(after: colon)...]))
    }
}
