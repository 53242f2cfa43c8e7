#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif

/// A parsed XML element, to look into SVG and HTML output in tests.
struct XMLTree {
    var name: String
    var attributes: [String: String]
    var children: [XMLTree]
    /// The element's own text, without its children's.
    var text: String

    /// Parses `markup`, failing the caller if it is not well-formed XML.
    static func parse(_ markup: String) throws -> XMLTree {
        let document = try XMLDocument(xmlString: markup, options: [])
        guard let root = document.rootElement() else { throw ParseError.noRoot }
        return XMLTree(root)
    }

    enum ParseError: Error { case noRoot }

    init(_ element: XMLElement) {
        name = element.localName ?? element.name ?? ""
        var attributes: [String: String] = [:]
        for attribute in element.attributes ?? [] {
            attributes[attribute.localName ?? attribute.name ?? ""] = attribute.stringValue ?? ""
        }
        self.attributes = attributes
        var children: [XMLTree] = []
        var text = ""
        for child in element.children ?? [] {
            if let child = child as? XMLElement {
                children.append(XMLTree(child))
            } else if child.kind == .text {
                text += child.stringValue ?? ""
            }
        }
        self.children = children
        self.text = text
    }

    /// This element and all below it, in document order.
    var all: [XMLTree] {
        [self] + children.flatMap(\.all)
    }

    var classes: Set<String> {
        Set((attributes["class"] ?? "").split(separator: " ").map(String.init))
    }

    /// Elements below this one with class `name`.
    func withClass(_ name: String) -> [XMLTree] {
        all.filter { $0.classes.contains(name) }
    }

    /// The text of the element and of its children but `<title>`.
    var content: String {
        text + children.filter { $0.name != "title" }.map(\.content).joined()
    }

    /// The text of the `<title>` child, if any.
    var title: String? {
        children.first { $0.name == "title" }?.text
    }
}
