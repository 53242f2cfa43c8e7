import CLibXML2
import Foundation
import IATI
import IATIXML

/// A small libxml2 DOM of ONE `iati-activity` (or `iati-organisation`), so that codelist and ruleset
/// XPaths run with memory proportional to one activity, never to the file.
///
/// The element is wrapped in its container (`<iati-activities version="2.03" xmlns:…>`, carrying the
/// document's namespace declarations) with the element starting on the wrapper's first line, so a
/// node on line `L` of this DOM sits on line `element.line + L - 1` of the file.
///
/// A legacy (1.0x) element is built from its upgraded tree, so rules see the 2.03 shape; its
/// elements are written out on their original lines (line breaks are inserted before start tags).
///
/// Parsed with `XML_PARSE_NONET | XML_PARSE_HUGE` (plus `BIG_LINES` and silenced error output): no
/// entity substitution, no DTD loading.
final class ActivityDocument {
    let document: xmlDocPtr
    let context: xmlXPathContextPtr
    /// The `iati-activity` / `iati-organisation` element.
    let element: xmlNodePtr
    /// The 1-based position of the element among its siblings of the same name in the file.
    let index: Int
    let kind: DocumentHeader.Kind
    /// File line = DOM line + `lineOffset`.
    let lineOffset: Int
    /// The compiled expressions, shared by every document of one validation run.
    let cache: XPathCache
    /// The element's XML as parsed (without the wrapper), to find where start tags begin.
    private let body: [UInt8]
    /// Per element (in document order), the DOM line its start tag begins on; built on first use.
    private var startLines: [xmlNodePtr: Int]?

    /// The element's `iati-identifier` (or `organisation-identifier`), trimmed; `nil` when absent or empty.
    private(set) lazy var identifier: String? = {
        let name = self.kind == .activities ? "iati-identifier" : "organisation-identifier"
        guard let node = self.nodes(name, at: self.element).first else { return nil }
        let text = self.string(of: node).trimmingXMLWhitespace()
        return text.isEmpty ? nil : text
    }()

    var containerName: String { kind == .activities ? "iati-activities" : "iati-organisations" }
    var elementName: String { kind == .activities ? "iati-activity" : "iati-organisation" }

    enum Failure: Error, CustomStringConvertible {
        case unparsable(line: Int, message: String)
        var description: String {
            switch self {
            case .unparsable(let line, let message): "line \(line): cannot build the element's tree: \(message)"
            }
        }
    }

    /// Builds the DOM of `source`, the `index`-th element of a document with this `header`.
    init(source: SourceElement, header: DocumentHeader, index: Int, cache: XPathCache) throws {
        self.index = index
        self.kind = header.kind
        self.cache = cache
        let container = header.kind == .activities ? "iati-activities" : "iati-organisations"
        var namespaces = header.namespaces
        var body: [UInt8]
        if source.upgraded {
            var out = ""
            var line = source.line
            var used: [String: String] = [:]
            Self.write(source.node, defaultNamespace: nil, line: &line, used: &used, into: &out)
            for (prefix, uri) in used where namespaces[prefix] == nil { namespaces[prefix] = uri }
            body = Array(out.utf8)
        } else {
            body = source.xml
        }
        var bytes = Array("<\(container) version=\"2.03\"".utf8)
        for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) where prefix != "xml" {
            let name = prefix.isEmpty ? "xmlns" : "xmlns:\(prefix)"
            bytes += Array(" \(name)=\"\(Self.escapeAttribute(uri))\"".utf8)
        }
        bytes += Array(">".utf8)
        bytes += body
        bytes += Array("</\(container)>".utf8)
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_BIG_LINES.rawValue
                | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlReadMemory(chars.baseAddress, Int32(chars.count), "activity.xml", "UTF-8", options)
            }
        }
        guard let parsed else {
            let message = xmlGetLastError().flatMap { $0.pointee.message.map { String(cString: $0) } }?
                .trimmingXMLWhitespace() ?? "malformed XML"
            throw Failure.unparsable(line: source.line, message: message)
        }
        guard let root = xmlDocGetRootElement(parsed), let first = Self.firstElementChild(of: root),
            let context = xmlXPathNewContext(parsed)
        else {
            xmlFreeDoc(parsed)
            throw Failure.unparsable(line: source.line, message: "no element inside the wrapper")
        }
        self.document = parsed
        self.body = body
        self.element = first
        self.context = context
        self.lineOffset = source.line - 1
    }

    deinit {
        xmlXPathFreeContext(context)
        xmlFreeDoc(document)
    }

    // MARK: XPath

    /// Evaluates `expression` with `node` as the context node; `nil` when it does not compile or fails.
    func evaluate(_ expression: String, at node: xmlNodePtr) -> XPathValue? {
        guard let compiled = cache.compiled(expression) else { return nil }
        context.pointee.node = node
        context.pointee.contextSize = 1
        context.pointee.proximityPosition = 1
        guard let object = xmlXPathCompiledEval(compiled, context) else { return nil }
        defer { xmlXPathFreeObject(object) }
        switch object.pointee.type {
        case XPATH_NODESET:
            var result: [xmlNodePtr] = []
            if let set = object.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab {
                result.reserveCapacity(Int(set.pointee.nodeNr))
                for i in 0..<Int(set.pointee.nodeNr) {
                    if let node = table[i] { result.append(node) }
                }
            }
            return .nodes(result)
        case XPATH_BOOLEAN: return .boolean(object.pointee.boolval != 0)
        case XPATH_NUMBER: return .number(object.pointee.floatval)
        case XPATH_STRING: return .string(object.pointee.stringval.map { String(cString: $0) } ?? "")
        default: return .boolean(xmlXPathCastToBoolean(object) != 0)
        }
    }

    /// The nodes `expression` selects from `node` (empty when it selects no node set).
    func nodes(_ expression: String, at node: xmlNodePtr) -> [xmlNodePtr] {
        if case .nodes(let nodes) = evaluate(expression, at: node) { return nodes }
        return []
    }

    /// `expression` as an XPath boolean (`boolean(...)`): a node set is true when not empty. `nil` when it fails.
    func boolean(_ expression: String, at node: xmlNodePtr) -> Bool? {
        evaluate(expression, at: node)?.boolean
    }

    /// The string value of a node (an attribute's value, an element's text content).
    func string(of node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { devcoop_xmlFree(content) }
        return String(cString: content)
    }

    /// The element a node belongs to: itself for an element, the owner for an attribute, the
    /// parent for text.
    func owningElement(of node: xmlNodePtr) -> xmlNodePtr {
        if node.pointee.type == XML_ELEMENT_NODE { return node }
        return node.pointee.parent ?? node
    }

    /// The line in the original file of the element holding `node`: the line where its start tag
    /// begins (libxml2 numbers an element by the line where its start tag ends).
    func line(of node: xmlNodePtr) -> Int {
        let owner = owningElement(of: node)
        if startLines == nil { startLines = Self.startLines(of: element, in: body) }
        if let line = startLines?[owner] { return line + lineOffset }
        let line = Int(xmlGetLineNo(owner))
        return line > 0 ? line + lineOffset : lineOffset + 1
    }

    /// Pairs each element under (and including) `root`, in document order, with the line where its
    /// start tag begins in `bytes`, the element's XML.
    static func startLines(of root: xmlNodePtr, in bytes: [UInt8]) -> [xmlNodePtr: Int] {
        let lines = startTagLines(bytes)
        var result: [xmlNodePtr: Int] = [:]
        var index = 0
        func visit(_ node: xmlNodePtr) {
            guard index < lines.count else { return }
            result[node] = lines[index]
            index += 1
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { visit(current) }
                child = current.pointee.next
            }
        }
        visit(root)
        return result
    }

    /// The 1-based line of each start tag in `bytes`, in order (comments, CDATA, processing
    /// instructions, end tags and quoted attribute values skipped).
    static func startTagLines(_ bytes: [UInt8]) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var i = 0
        let n = bytes.count
        func at(_ pattern: String) -> Bool {
            let p = Array(pattern.utf8)
            return i + p.count <= n && bytes[i..<(i + p.count)].elementsEqual(p)
        }
        func skip(past pattern: String) {
            let p = Array(pattern.utf8)
            while i < n {
                if i + p.count <= n && bytes[i..<(i + p.count)].elementsEqual(p) {
                    i += p.count
                    return
                }
                if bytes[i] == 10 { line += 1 }
                i += 1
            }
        }
        while i < n {
            let c = bytes[i]
            if c == 10 {
                line += 1
                i += 1
                continue
            }
            guard c == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            if at("<!--") {
                skip(past: "-->")
            } else if at("<![CDATA[") {
                skip(past: "]]>")
            } else if at("<!") || at("</") {
                skip(past: ">")
            } else if at("<?") {
                skip(past: "?>")
            } else {
                lines.append(line)
                i += 1
                var quote: UInt8 = 0
                while i < n {
                    let d = bytes[i]
                    if d == 10 { line += 1 }
                    i += 1
                    if quote != 0 {
                        if d == quote { quote = 0 }
                    } else if d == 34 || d == 39 {
                        quote = d
                    } else if d == UInt8(ascii: ">") {
                        break
                    }
                }
            }
        }
        return lines
    }

    /// The node's XPath in the original file: `/iati-activities/iati-activity[3]/sector[2]/@code`.
    func path(of node: xmlNodePtr) -> String {
        guard let raw = xmlGetNodePath(node) else { return rootPath }
        defer { devcoop_xmlFree(raw) }
        let path = String(cString: raw)
        let prefix = "/\(containerName)/\(elementName)"
        if path.hasPrefix(prefix) {
            return rootPath + path.dropFirst(prefix.count)
        }
        return path
    }

    /// The element's own XPath in the file.
    var rootPath: String { "/\(containerName)/\(elementName)[\(index)]" }

    static func firstElementChild(of node: xmlNodePtr) -> xmlNodePtr? {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { return current }
            child = current.pointee.next
        }
        return nil
    }

    // MARK: Writing an upgraded tree

    /// Writes `node` as XML, inserting line breaks before start tags so each element starts on
    /// the line it had in the source (when known and not behind the current line).
    static func write(
        _ node: XMLNode, defaultNamespace: String?, line: inout Int, used: inout [String: String], into out: inout String
    ) {
        if node.line > line {
            out += String(repeating: "\n", count: node.line - line)
            line = node.line
        }
        out += "<" + node.qualifiedName
        var inner = defaultNamespace
        if let prefix = node.prefix, let namespace = node.namespace {
            used[prefix] = used[prefix] ?? namespace
        } else if node.prefix == nil, node.namespace != defaultNamespace {
            out += " xmlns=\"" + escapeAttribute(node.namespace ?? "") + "\""
            inner = node.namespace
        }
        for attribute in node.attributes {
            if let prefix = attribute.prefix, let namespace = attribute.namespace, prefix != "xml" {
                used[prefix] = used[prefix] ?? namespace
            }
            out += " " + attribute.qualifiedName + "=\"" + escapeAttribute(attribute.value) + "\""
        }
        if node.children.isEmpty && node.text.isEmpty {
            out += "/>"
            return
        }
        out += ">" + escapeText(node.text)
        line += node.text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        for child in node.children {
            write(child, defaultNamespace: inner, line: &line, used: &used, into: &out)
        }
        out += "</" + node.qualifiedName + ">"
    }

    static func escapeText(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func escapeAttribute(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// The value of an XPath expression.
enum XPathValue {
    case nodes([xmlNodePtr])
    case boolean(Bool)
    case number(Double)
    case string(String)

    /// XPath's `boolean()`.
    var boolean: Bool {
        switch self {
        case .nodes(let nodes): !nodes.isEmpty
        case .boolean(let value): value
        case .number(let value): value != 0 && !value.isNaN
        case .string(let value): !value.isEmpty
        }
    }
}

/// Compiled XPath expressions, compiled once per validation run and freed with it.
final class XPathCache {
    private var compiledExpressions: [String: xmlXPathCompExprPtr] = [:]
    private var failed: Set<String> = []

    init() {}

    func compiled(_ expression: String) -> xmlXPathCompExprPtr? {
        if let found = compiledExpressions[expression] { return found }
        if failed.contains(expression) { return nil }
        guard let compiled = xmlXPathCompile(expression) else {
            failed.insert(expression)
            return nil
        }
        compiledExpressions[expression] = compiled
        return compiled
    }

    deinit {
        for compiled in compiledExpressions.values { xmlXPathFreeCompExpr(compiled) }
    }
}
