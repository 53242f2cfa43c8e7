import CLibXML2
import Foundation
import IATI

/// One IATI codelist: its codes and whether each is still active.
public struct Codelist: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case active, withdrawn
    }

    public var name: String
    /// `complete="1"`: only codes on the list are valid (`Country`, `Language`… are not complete).
    public var complete: Bool
    public var codes: [String: Status]

    public init(name: String, complete: Bool, codes: [String: Status]) {
        self.name = name
        self.complete = complete
        self.codes = codes
    }

    public func status(of code: String) -> Status? { codes[code] }
}

/// Which codelist applies to which XPath (`codelists/_meta/mapping.xml`).
public struct CodelistMapping: Sendable, Hashable {
    /// As written: `//iati-activity/sector/@code`.
    public var path: String
    public var codelist: String
    /// An XPath on the element holding the coded value (`@vocabulary = '1' or not(@vocabulary)`).
    public var condition: String?

    public init(path: String, codelist: String, condition: String?) {
        self.path = path
        self.codelist = codelist
        self.condition = condition
    }
}

/// The bundled IATI 2.03 codelists and their mapping, loaded once.
public struct Codelists: Sendable {
    public var lists: [String: Codelist]
    public var mappings: [CodelistMapping]

    public init(lists: [String: Codelist], mappings: [CodelistMapping]) {
        self.lists = lists
        self.mappings = mappings
    }

    public subscript(name: String) -> Codelist? { lists[name] }

    private static let loaded: Swift.Result<Codelists, IATIValidationError> = {
        guard let folder = Bundle.module.url(forResource: "codelists", withExtension: nil) else {
            return .failure(IATIValidationError("codelists: missing the bundled codelists folder"))
        }
        do { return .success(try load(folder: folder.path)) } catch let error as IATIValidationError {
            return .failure(error)
        } catch {
            return .failure(IATIValidationError("codelists: \(error)"))
        }
    }()

    /// The codelists bundled with DevCoop (loaded on first use, then shared).
    public static func bundled() throws -> Codelists { try loaded.get() }

    /// Loads every `*.xml` codelist in `folder` and `folder/_meta/mapping.xml`.
    public static func load(folder: String) throws -> Codelists {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }.sorted()
        var lists: [String: Codelist] = [:]
        for name in names {
            let list = try loadCodelist(path: folder + "/" + name)
            lists[list.name] = list
        }
        let mappingPath = folder + "/_meta/mapping.xml"
        guard FileManager.default.fileExists(atPath: mappingPath) else { throw IATIValidationError("codelists: missing \(mappingPath)") }
        return Codelists(lists: lists, mappings: try loadMappings(path: mappingPath))
    }

    static func loadCodelist(path: String) throws -> Codelist {
        try withDocument(path) { root in
            let fileName = (path as NSString).lastPathComponent.replacingOccurrences(of: ".xml", with: "")
            let name = attribute(root, "name") ?? fileName
            let complete = attribute(root, "complete") != "0"
            var codes: [String: Codelist.Status] = [:]
            for items in elements(root, "codelist-items") {
                for item in elements(items, "codelist-item") {
                    guard let codeNode = elements(item, "code").first else { continue }
                    let code = text(codeNode).trimmingXMLWhitespace()
                    let status: Codelist.Status = attribute(item, "status") == "withdrawn" ? .withdrawn : .active
                    // A code listed twice counts as active if any entry is.
                    if codes[code] != .active { codes[code] = status }
                }
            }
            return Codelist(name: name, complete: complete, codes: codes)
        }
    }

    static func loadMappings(path: String) throws -> [CodelistMapping] {
        try withDocument(path) { root in
            elements(root, "mapping").compactMap { mapping in
                guard let pathNode = elements(mapping, "path").first,
                    let codelist = elements(mapping, "codelist").first.flatMap({ attribute($0, "ref") })
                else { return nil }
                let condition = elements(mapping, "condition").first.map { text($0).trimmingXMLWhitespace() }
                return CodelistMapping(
                    path: text(pathNode).trimmingXMLWhitespace(), codelist: codelist,
                    condition: condition?.isEmpty == false ? condition : nil)
            }
        }
    }

    // MARK: Small libxml2 helpers for the resource files

    private static func withDocument<T>(_ path: String, _ body: (xmlNodePtr) throws -> T) throws -> T {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let document = xmlReadFile(path, nil, options) else { throw IATIValidationError("codelists: cannot parse \(path)") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw IATIValidationError("codelists: cannot parse \(path)") }
        return try body(root)
    }

    private static func elements(_ node: xmlNodePtr, _ name: String) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, let raw = current.pointee.name, String(cString: raw) == name {
                result.append(current)
            }
            child = current.pointee.next
        }
        return result
    }

    private static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { devcoop_xmlFree(value) }
        return String(cString: value)
    }

    private static func text(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { devcoop_xmlFree(content) }
        return String(cString: content)
    }
}
