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
    /// The compiled expressions, shared by every document checked with the same ``CompiledChecks``.
    let cache: XPathCache
    /// The element's XML as parsed (without the wrapper), to find where start tags begin.
    private let body: [UInt8]
    /// Whether each element's `_private` holds the DOM line its start tag begins on (done on first use).
    private var linesAssigned = false
    /// The paths ``path(of:)`` made so far, by element.
    private var elementPaths: [xmlNodePtr: String] = [:]

    /// The element's `iati-identifier` (or `organisation-identifier`), trimmed; `nil` when absent or empty.
    private(set) lazy var identifier: String? = {
        let name = self.kind == .activities ? "iati-identifier" : "organisation-identifier"
        guard let node = self.nodes(name, at: self.element).first else { return nil }
        let text = self.string(of: node).trimmingXMLWhitespace()
        return text.isEmpty ? nil : text
    }()

    var containerName: String { kind == .activities ? "iati-activities" : "iati-organisations" }
    var elementName: String { kind == .activities ? "iati-activity" : "iati-organisation" }

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
            var lines = SourceLines(line: source.line)
            source.node.write(to: &out, hooks: &lines)
            for (prefix, uri) in lines.used where namespaces[prefix] == nil { namespaces[prefix] = uri }
            body = Array(out.utf8)
        } else {
            body = source.xml
        }
        var bytes = Array("<\(container) version=\"2.03\"".utf8)
        for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) where prefix != "xml" {
            let name = prefix.isEmpty ? "xmlns" : "xmlns:\(prefix)"
            bytes += Array(" \(name)=\"\(XMLEscaping.attribute(uri))\"".utf8)
        }
        bytes += Array(">".utf8)
        bytes += body
        bytes += Array("</\(container)>".utf8)
        // COMPACT keeps short texts inside their nodes (fewer allocations); the run's parser context
        // is reused, so its name dictionary is shared by every element's tree.
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue | XML_PARSE_BIG_LINES.rawValue
                | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)
        let parser = cache.parser
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let parser {
                    return xmlCtxtReadMemory(parser, chars.baseAddress, Int32(chars.count), "activity.xml", "UTF-8", options)
                }
                return xmlReadMemory(chars.baseAddress, Int32(chars.count), "activity.xml", "UTF-8", options)
            }
        }
        guard let parsed else {
            let message = xmlGetLastError().flatMap { $0.pointee.message.map { String(cString: $0) } }?
                .trimmingXMLWhitespace() ?? "malformed XML"
            throw IATIValidationError("line \(source.line): cannot build the element's tree: \(message)")
        }
        guard let root = xmlDocGetRootElement(parsed), let first = Self.firstElementChild(of: root),
            let context = cache.context
        else {
            xmlFreeDoc(parsed)
            throw IATIValidationError("line \(source.line): cannot build the element's tree: no element inside the wrapper")
        }
        self.document = parsed
        self.body = body
        self.element = first
        self.context = context
        self.lineOffset = source.line - 1
    }

    deinit {
        if context.pointee.doc == document {
            context.pointee.doc = nil
            context.pointee.node = nil
        }
        xmlFreeDoc(document)
    }

    // MARK: XPath

    /// Evaluates `expression` with `node` as the context node; `nil` when it does not compile or fails.
    func evaluate(_ expression: String, at node: xmlNodePtr) -> XPathValue? {
        evaluate(cache.expression(expression), at: node)
    }

    /// Evaluates a compiled expression with `node` as the context node; `nil` when it did not compile or fails.
    func evaluate(_ expression: XPathExpression, at node: xmlNodePtr) -> XPathValue? {
        guard let object = run(expression, at: node) else { return nil }
        defer { xmlXPathFreeObject(object) }
        switch object.pointee.type {
        case XPATH_NODESET: return .nodes(Self.nodes(of: object))
        case XPATH_BOOLEAN: return .boolean(object.pointee.boolval != 0)
        case XPATH_NUMBER: return .number(object.pointee.floatval)
        case XPATH_STRING: return .string(object.pointee.stringval.map { String(cString: $0) } ?? "")
        default: return .boolean(xmlXPathCastToBoolean(object) != 0)
        }
    }

    @inline(__always)
    private func run(_ expression: XPathExpression, at node: xmlNodePtr) -> xmlXPathObjectPtr? {
        guard let compiled = expression.compiled else { return nil }
        context.pointee.doc = document
        context.pointee.node = node
        context.pointee.contextSize = 1
        context.pointee.proximityPosition = 1
        return xmlXPathCompiledEval(compiled, context)
    }

    private static func nodes(of object: xmlXPathObjectPtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        if let set = object.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab {
            result.reserveCapacity(Int(set.pointee.nodeNr))
            for i in 0..<Int(set.pointee.nodeNr) {
                if let node = table[i] { result.append(node) }
            }
        }
        return result
    }

    /// The nodes `expression` selects from `node` (empty when it selects no node set).
    func nodes(_ expression: String, at node: xmlNodePtr) -> [xmlNodePtr] {
        nodes(cache.expression(expression), at: node)
    }

    /// The nodes a compiled expression selects from `node` (empty when it selects no node set).
    func nodes(_ expression: XPathExpression, at node: xmlNodePtr) -> [xmlNodePtr] {
        guard let object = run(expression, at: node) else { return [] }
        defer { xmlXPathFreeObject(object) }
        guard object.pointee.type == XPATH_NODESET else { return [] }
        return Self.nodes(of: object)
    }

    /// Whether a compiled expression selects at least one node from `node` (`false` when it selects
    /// no node set or fails): `!nodes(expression, at: node).isEmpty`.
    func selectsNodes(_ expression: XPathExpression, at node: xmlNodePtr) -> Bool {
        guard let object = run(expression, at: node) else { return false }
        defer { xmlXPathFreeObject(object) }
        guard object.pointee.type == XPATH_NODESET, let set = object.pointee.nodesetval, set.pointee.nodeNr > 0,
            let table = set.pointee.nodeTab
        else { return false }
        for i in 0..<Int(set.pointee.nodeNr) where table[i] != nil { return true }
        return false
    }

    /// `expression` as an XPath predicate on `node`, the `position`-th of `size` nodes: a number is
    /// true when it equals the position, anything else as `boolean()`; `false` when it fails.
    func predicate(_ expression: XPathExpression, at node: xmlNodePtr, position: Int, size: Int) -> Bool {
        guard let compiled = expression.compiled else { return false }
        context.pointee.doc = document
        context.pointee.node = node
        context.pointee.contextSize = Int32(size)
        context.pointee.proximityPosition = Int32(position)
        guard let object = xmlXPathCompiledEval(compiled, context) else { return false }
        defer { xmlXPathFreeObject(object) }
        if object.pointee.type == XPATH_NUMBER { return object.pointee.floatval == Double(position) }
        return xmlXPathCastToBoolean(object) != 0
    }

    /// `expression` as an XPath boolean (`boolean(...)`): a node set is true when not empty. `nil` when it fails.
    func boolean(_ expression: String, at node: xmlNodePtr) -> Bool? {
        boolean(cache.expression(expression), at: node)
    }

    /// A compiled expression as an XPath boolean (as ``XPathValue/boolean``); `nil` when it fails.
    func boolean(_ expression: XPathExpression, at node: xmlNodePtr) -> Bool? {
        // libxml2's own boolean evaluation: no result set is built, a plain path stops at its first node.
        guard let compiled = expression.compiled else { return nil }
        context.pointee.doc = document
        context.pointee.node = node
        context.pointee.contextSize = 1
        context.pointee.proximityPosition = 1
        switch xmlXPathCompiledEvalToBoolean(compiled, context) {
        case 0: return false
        case 1: return true
        default: return nil
        }
    }

    /// ``boolean(_:at:)-(XPathExpression,_)`` through the expression's full value.
    func booleanOfValue(_ expression: XPathExpression, at node: xmlNodePtr) -> Bool? {
        guard let object = run(expression, at: node) else { return nil }
        defer { xmlXPathFreeObject(object) }
        switch object.pointee.type {
        case XPATH_NODESET:
            guard let set = object.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else {
                return false
            }
            for i in 0..<Int(set.pointee.nodeNr) where table[i] != nil { return true }
            return false
        case XPATH_BOOLEAN: return object.pointee.boolval != 0
        case XPATH_NUMBER:
            let value = object.pointee.floatval
            return value != 0 && !value.isNaN
        case XPATH_STRING:
            guard let text = object.pointee.stringval else { return false }
            return text.pointee != 0
        default: return xmlXPathCastToBoolean(object) != 0
        }
    }

    /// The string value of a node (an attribute's value, an element's text content).
    func string(of node: xmlNodePtr) -> String {
        if let content = Self.directContent(of: node) { return String(cString: content) }
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { devcoop_xmlFree(content) }
        return String(cString: content)
    }

    /// `body` of the UTF-8 bytes of ``string(of:)`` (without making a `String` where it can).
    func withText<T>(of node: xmlNodePtr, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let content = Self.directContent(of: node) {
            return body(UnsafeBufferPointer(start: content, count: strlen(content)))
        }
        guard let content = xmlNodeGetContent(node) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        defer { devcoop_xmlFree(content) }
        return body(UnsafeBufferPointer(start: content, count: strlen(content)))
    }

    /// What `xmlNodeGetContent` would copy, where it is one string held by the tree: a text node's
    /// content, an attribute's single text child. `nil` otherwise.
    @inline(__always)
    private static func directContent(of node: xmlNodePtr) -> UnsafePointer<UInt8>? {
        switch node.pointee.type {
        case XML_TEXT_NODE:
            return node.pointee.content.map { UnsafePointer($0) }
        case XML_ATTRIBUTE_NODE:
            guard let child = node.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE
            else { return nil }
            return child.pointee.content.map { UnsafePointer($0) }
        default:
            return nil
        }
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
        if !linesAssigned {
            linesAssigned = true
            Self.assignStartLines(of: element, in: body)
        }
        if let stored = owner.pointee._private { return Int(bitPattern: stored) + lineOffset }
        let line = Int(xmlGetLineNo(owner))
        return line > 0 ? line + lineOffset : lineOffset + 1
    }

    /// Stores in each element under (and including) `root` (its `_private`), in document order, the
    /// line where its start tag begins in `bytes`, the element's XML.
    private static func assignStartLines(of root: xmlNodePtr, in bytes: [UInt8]) {
        let lines = startTagLines(bytes)
        var index = 0
        func visit(_ node: xmlNodePtr) {
            guard index < lines.count else { return }
            node.pointee._private = UnsafeMutableRawPointer(bitPattern: lines[index])
            index += 1
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { visit(current) }
                child = current.pointee.next
            }
        }
        visit(root)
    }

    /// The 1-based line of each start tag in `bytes`, in order (comments, CDATA, processing
    /// instructions, end tags and quoted attribute values skipped).
    static func startTagLines(_ bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { startTagLines($0) }
    }

    private static func startTagLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var i = 0
        let n = bytes.count
        let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), bang = UInt8(ascii: "!"), slash = UInt8(ascii: "/")
        let question = UInt8(ascii: "?"), dash = UInt8(ascii: "-"), bracket = UInt8(ascii: "]")
        /// Moves `i` past the next `a b c` (or `a b` when `c` is 0, or `a` when `b` is 0), counting lines.
        func skip(past a: UInt8, _ b: UInt8, _ c: UInt8) {
            let length = c != 0 ? 3 : (b != 0 ? 2 : 1)
            while i < n {
                let d = bytes[i]
                if d == a, i + length <= n, length < 2 || bytes[i + 1] == b, length < 3 || bytes[i + 2] == c {
                    i += length
                    return
                }
                if d == 10 { line += 1 }
                i += 1
            }
        }
        func at(_ pattern: StaticString) -> Bool {
            let count = pattern.utf8CodeUnitCount
            guard i + count <= n else { return false }
            let p = pattern.utf8Start
            for k in 0..<count where bytes[i + k] != p[k] { return false }
            return true
        }
        while i < n {
            let c = bytes[i]
            if c == 10 {
                line += 1
                i += 1
                continue
            }
            guard c == lt else {
                i += 1
                continue
            }
            let next: UInt8 = i + 1 < n ? bytes[i + 1] : 0
            if next == bang {
                if at("<!--") {
                    skip(past: dash, dash, gt)
                } else if at("<![CDATA[") {
                    skip(past: bracket, bracket, gt)
                } else {
                    skip(past: gt, 0, 0)
                }
            } else if next == slash {
                skip(past: gt, 0, 0)
            } else if next == question {
                skip(past: question, gt, 0)
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
                    } else if d == gt {
                        break
                    }
                }
            }
        }
        return lines
    }

    /// The node's XPath in the original file: `/iati-activities/iati-activity[3]/sector[2]/@code`.
    func path(of node: xmlNodePtr) -> String {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            return elementPath(node)
        case XML_ATTRIBUTE_NODE:
            guard let owner = node.pointee.parent, let name = node.pointee.name else { break }
            return elementPath(owner) + "/@" + Self.qualifiedName(name, node.pointee.ns)
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard let parent = node.pointee.parent else { break }
            let occurrence = Self.occurrence(of: node) { $0.pointee.type == XML_TEXT_NODE || $0.pointee.type == XML_CDATA_SECTION_NODE }
            return elementPath(parent) + "/text()" + (occurrence == 0 ? "" : "[\(occurrence)]")
        default:
            break
        }
        return libxmlPath(of: node)
    }

    /// The path of an element, as `xmlGetNodePath` writes it below the element: each element's
    /// path is made once per document, as findings often sit in the same elements (a finding's
    /// path costs a walk over the siblings of each of its ancestors in libxml2).
    private func elementPath(_ node: xmlNodePtr) -> String {
        if node == element { return rootPath }
        if let known = elementPaths[node] { return known }
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else {
            return libxmlPath(of: node)
        }
        // An element in a default namespace other than none cannot be named in XPath: libxml2 writes `*`.
        let generic = node.pointee.ns != nil && node.pointee.ns.pointee.prefix == nil
        let occurrence = Self.occurrence(of: node) { sibling in
            guard sibling.pointee.type == XML_ELEMENT_NODE else { return false }
            if generic { return true }
            guard xmlStrEqual(sibling.pointee.name, name) != 0 else { return false }
            let (mine, theirs) = (node.pointee.ns, sibling.pointee.ns)
            return mine == theirs || (mine != nil && theirs != nil && xmlStrEqual(mine!.pointee.prefix, theirs!.pointee.prefix) != 0)
        }
        let path = elementPath(parent) + "/" + (generic ? "*" : Self.qualifiedName(name, node.pointee.ns))
            + (occurrence == 0 ? "" : "[\(occurrence)]")
        elementPaths[node] = path
        return path
    }

    /// libxml2's index of `node` among its siblings that `matches` accepts: 0 when it is the only
    /// one, else its 1-based position.
    private static func occurrence(of node: xmlNodePtr, _ matches: (xmlNodePtr) -> Bool) -> Int {
        var before = 0
        var sibling = node.pointee.prev
        while let current = sibling {
            if matches(current) { before += 1 }
            sibling = current.pointee.prev
        }
        if before > 0 { return before + 1 }
        sibling = node.pointee.next
        while let current = sibling {
            if matches(current) { return 1 }
            sibling = current.pointee.next
        }
        return 0
    }

    private static func qualifiedName(_ name: UnsafePointer<xmlChar>, _ namespace: xmlNsPtr?) -> String {
        let local = String(cString: name)
        guard let prefix = namespace?.pointee.prefix else { return local }
        return String(cString: prefix) + ":" + local
    }

    /// `xmlGetNodePath`'s path of `node`, with the element's own path in the file for the wrapper's.
    func libxmlPath(of node: xmlNodePtr) -> String {
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

    /// How an upgraded tree is written: line breaks before start tags so that each element starts
    /// on the line it had in the source (when known and not behind the current line), the default
    /// namespace declared where it changes, and the prefixes used collected for the container.
    struct SourceLines: XMLNodeWritingHooks {
        var line: Int
        /// Prefix to namespace of every prefixed name written.
        var used: [String: String] = [:]
        /// The default namespace in scope inside each open element (`nil`: IATI's own).
        private var defaultNamespaces: [String?] = [nil]

        init(line: Int) {
            self.line = line
        }

        mutating func willStart(_ node: XMLNode, into out: inout String) {
            guard node.line > line else { return }
            out += String(repeating: "\n", count: node.line - line)
            line = node.line
        }

        mutating func didWriteName(of node: XMLNode, into out: inout String) {
            let outer = defaultNamespaces[defaultNamespaces.count - 1]
            var inner = outer
            if let prefix = node.prefix, let namespace = node.namespace {
                used[prefix] = used[prefix] ?? namespace
            } else if node.prefix == nil, node.namespace != outer {
                out += " xmlns=\"" + XMLEscaping.attribute(node.namespace ?? "") + "\""
                inner = node.namespace
            }
            defaultNamespaces.append(inner)
        }

        mutating func willWrite(_ attribute: XMLAttribute, of node: XMLNode) {
            if let prefix = attribute.prefix, let namespace = attribute.namespace, prefix != "xml" {
                used[prefix] = used[prefix] ?? namespace
            }
        }

        mutating func didWriteText(of node: XMLNode) {
            line += node.text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        }

        mutating func didEnd(_ node: XMLNode) {
            defaultNamespaces.removeLast()
        }
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

/// A compiled XPath expression of an ``XPathCache`` (valid while the cache lives); `compiled` is
/// `nil` when the expression does not compile (it then evaluates to nothing).
struct XPathExpression {
    let compiled: xmlXPathCompExprPtr?
}

/// Compiled XPath expressions, compiled once per ``CompiledChecks`` (kept between files, used by one
/// thread at a time) and freed with it, and its parser context (reused for every element's tree).
final class XPathCache {
    private var compiledExpressions: [String: xmlXPathCompExprPtr] = [:]
    private var failed: Set<String> = []
    /// `nil` when libxml2 cannot make one (each tree is then parsed on its own).
    let parser: xmlParserCtxtPtr? = xmlNewParserCtxt()
    /// The XPath context every document of the run evaluates in (its object cache stays warm);
    /// each evaluation sets its document and node.
    let context: xmlXPathContextPtr? = xmlXPathNewContext(nil)

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

    /// `expression` compiled (once), to keep and evaluate without looking it up again.
    func expression(_ expression: String) -> XPathExpression {
        XPathExpression(compiled: compiled(expression))
    }

    /// How many expressions were compiled (or failed to compile).
    var count: Int { compiledExpressions.count + failed.count }

    /// The bytes of names and short texts the parser's dictionary holds (it only grows).
    var dictionaryBytes: Int { parser?.pointee.dict.map { Int(xmlDictGetUsage($0)) } ?? 0 }

    deinit {
        for compiled in compiledExpressions.values { xmlXPathFreeCompExpr(compiled) }
        if let parser { xmlFreeParserCtxt(parser) }
        if let context { xmlXPathFreeContext(context) }
    }
}
