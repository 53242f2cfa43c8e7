import CLibXML2
import Foundation

/// Validates documents against the bundled IATI 2.03 XML Schemas with libxml2, streaming
/// (`xmlTextReader` with a schema attached), so memory stays flat whatever the file size. It reads
/// through ``GuardedTextReader``: gzip inflated, hostile markup refused as the SAX reader refuses it.
///
/// Every error is collected through the structured error callback, not only the first. A document
/// that does not validate gets `critical` findings, as in the IATI Validator; the verdict agrees
/// with `xmllint --schema`.
public final class SchemaValidator: @unchecked Sendable {
    /// The parsed schema of each root, lent to one validation at a time: libxml2 does not promise
    /// that a schema may serve two threads at once. Parsing one takes longer than validating a small
    /// file, so parsed schemas are kept (one more is parsed only while all are lent).
    private let activities = ExclusivePool<ParsedSchema>()
    private let organisations = ExclusivePool<ParsedSchema>()
    private let activitiesPath: String
    private let organisationsPath: String

    /// The verdict and the findings for one document.
    public struct Result: Sendable {
        public var valid: Bool
        /// The first ``Validator/maxFindings`` findings.
        public var findings: [Finding]
        /// Every finding by severity, those left out of `findings` included.
        public var counts: [Finding.Severity: Int]

        init(valid: Bool, findings: [Finding], counts: [Finding.Severity: Int]? = nil) {
            self.valid = valid
            self.findings = findings
            self.counts = counts ?? Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        }
    }

    /// The folder of the bundled 2.03 schemas (`iati-activities-schema.xsd`, …).
    public static func folder() throws -> URL {
        guard let folder = Bundle.module.url(forResource: "schemas", withExtension: nil) else {
            throw IATIValidationError("the bundled IATI schemas are missing")
        }
        return folder
    }

    public init() throws {
        // libxml2's global state must be set up before parsers run on several threads.
        xmlInitParser()
        let folder = try Self.folder()
        activitiesPath = folder.appendingPathComponent("iati-activities-schema.xsd").path
        organisationsPath = folder.appendingPathComponent("iati-organisations-schema.xsd").path
        // Parsed now, so that a broken bundle fails here rather than in every validation.
        activities.add(try ParsedSchema(activitiesPath))
        organisations.add(try ParsedSchema(organisationsPath))
    }

    /// Validates the file against the activities or organisations schema, chosen from its root.
    public func validate(file path: String) -> Result {
        let isOrganisations = Self.rootName(of: path) == "iati-organisations"
        let schemaPath = isOrganisations ? organisationsPath : activitiesPath
        do {
            return try (isOrganisations ? organisations : activities).borrow(make: { try ParsedSchema(schemaPath) }) {
                validate(file: path, against: $0.schema)
            }
        } catch {
            return Result(valid: false, findings: [Collector(file: path).fatal("\(error)", line: 0)])
        }
    }

    private func validate(file path: String, against schema: xmlSchemaPtr) -> Result {
        let collector = Collector(file: path)
        guard let validation = xmlSchemaNewValidCtxt(schema) else {
            return Result(valid: false, findings: [collector.fatal("libxml2 could not create a validation context", line: 0)])
        }
        defer { xmlSchemaFreeValidCtxt(validation) }
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        xmlSchemaSetValidStructuredErrors(validation, { context, error in
            guard let context, let error else { return }
            Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue().schemaError(error)
        }, unmanaged.toOpaque())

        guard let guarded = try? GuardedTextReader(path: path) else {
            return Result(valid: false, findings: [collector.fatal("cannot open the file", line: 0)])
        }
        let reader = guarded.reader
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue().parseError(error)
        }, unmanaged.toOpaque())
        guard xmlTextReaderSchemaValidateCtxt(reader, validation, 0) == 0 else {
            return Result(valid: false, findings: [collector.fatal("libxml2 could not attach the schema", line: 0)])
        }

        var status = xmlTextReaderRead(reader)
        while status == 1 {
            collector.track(reader)
            status = xmlTextReaderRead(reader)
        }
        if let refusal = guarded.refusal {
            // What libxml2 said after its input stopped is about the stop, not the document.
            var finding = collector.fatal(refusal.message, line: refusal.line)
            finding.rule = "well-formed"
            return Result(valid: false, findings: [finding])
        }
        if status < 0, !collector.hasWellFormedFinding {
            // libxml2 does not always route the reader's own parse errors through the handler.
            let last = xmlGetLastError()
            let message = last?.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
            let line = last.map { Int($0.pointee.line) } ?? Int(xmlTextReaderGetParserLineNumber(reader))
            var finding = collector.fatal("not well-formed: " + (message ?? "the document could not be read to its end"), line: line)
            finding.rule = "well-formed"
            collector.add(finding)
        }
        let valid = status == 0 && xmlTextReaderIsValid(reader) == 1 && collector.tally.counts.isEmpty
        return Result(valid: valid, findings: collector.attributedFindings(), counts: collector.tally.counts)
    }

    /// The local name of the document's first element, read without validating.
    public static func rootName(of path: String) -> String? {
        guard let guarded = try? GuardedTextReader(path: path) else { return nil }
        let reader = guarded.reader
        xmlTextReaderSetStructuredErrorHandler(reader, { _, _ in }, nil)
        while xmlTextReaderRead(reader) == 1 {
            if xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                return xmlTextReaderConstLocalName(reader).map { String(cString: $0) }
            }
        }
        return nil
    }
}

extension SchemaValidator {
    /// `bytes` as a string trimmed of `.whitespacesAndNewlines`. Invalid files give a schema error
    /// each, so this runs often: Foundation is asked only when the trimmed ends are not printable ASCII.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D {
            end -= 1
        }
        if end > 0, (0x21...0x7E).contains(bytes[0]), (0x21...0x7E).contains(bytes[end - 1]) {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `name` of a message starting `Element 'name'` (as `/^Element '([^']+)'/` finds it), else `nil`.
    static func elementName(in message: String) -> String? {
        let prefix = "Element '".utf8
        let utf8 = message.utf8
        guard utf8.starts(with: prefix) else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: prefix.count)
        guard let end = utf8[start...].firstIndex(of: UInt8(ascii: "'")), end > start else { return nil }
        return String(message[start..<end])
    }
}

/// Gathers errors during one validation and knows which activity each line belongs to.
private final class Collector {
    let file: String
    private(set) var tally = FindingTally(limit: Validator.maxFindings)
    private(set) var hasWellFormedFinding = false
    /// Activities seen: the line of their start tag and their `iati-identifier`. An activity runs
    /// to the next one's start (the reader's parser reads ahead, so only node lines are exact).
    private var spans: [(first: Int, identifier: String?)] = []
    private var inActivity = false
    private var root = "iati-activities"

    init(file: String) {
        self.file = file
    }

    func fatal(_ message: String, line: Int) -> Finding {
        Finding(severity: .critical, category: "schema", rule: "schema", message: message, line: line, xpath: "/")
    }

    func schemaError(_ error: xmlErrorPtr) {
        let node = error.pointee.node.map { OpaquePointer($0) }
        var xpath = "/"
        if let node, let path = xmlGetNodePath(UnsafeMutablePointer<xmlNode>(node)) {
            xpath = String(cString: path)
            devcoop_xmlFree(path)
        }
        let message = Self.message(error)
        if xpath == "/" {
            // In streaming mode libxml2 gives no node: name the activity and the element the message names.
            let element = SchemaValidator.elementName(in: message)
            xpath = "/\(root)" + (spans.isEmpty ? "" : "/\(root == "iati-organisations" ? "iati-organisation" : "iati-activity")[\(spans.count)]")
                + (element.map { ["iati-activity", "iati-organisation", root].contains($0) ? "" : "/\($0)" } ?? "")
        }
        add(Finding(
            severity: .critical, category: "schema", rule: "schema", message: message,
            line: Int(error.pointee.line), xpath: xpath))
    }

    /// The reader's handler receives the schema's errors too, once it has one attached.
    func parseError(_ error: xmlErrorPtr) {
        if error.pointee.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
            schemaError(error)
            return
        }
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        add(Finding(
            severity: .critical, category: "schema", rule: "well-formed",
            message: "not well-formed: " + Self.message(error), line: Int(error.pointee.line), xpath: "/"))
    }

    /// The error's message without the white space around it.
    static func message(_ error: xmlErrorPtr) -> String {
        guard let raw = error.pointee.message else { return "schema error" }
        let bytes = UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self)
        return SchemaValidator.trimmed(UnsafeBufferPointer(start: bytes, count: strlen(raw)))
    }

    /// Notes where activities start and end and what they are called, as the reader passes them.
    func track(_ reader: xmlTextReaderPtr) {
        let type = xmlTextReaderNodeType(reader)
        guard type == Int32(XML_READER_TYPE_ELEMENT.rawValue) || type == Int32(XML_READER_TYPE_END_ELEMENT.rawValue),
              xmlTextReaderConstNamespaceUri(reader) == nil,
              let name = xmlTextReaderConstLocalName(reader) else { return }
        if xmlTextReaderDepth(reader) == 0 { root = String(cString: name) }
        if strcmp(name, "iati-activity") == 0 || strcmp(name, "iati-organisation") == 0 {
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                let line = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? 0
                spans.append((line, nil))
                inActivity = xmlTextReaderIsEmptyElement(reader) != 1
            } else {
                inActivity = false
            }
        } else if inActivity, type == Int32(XML_READER_TYPE_ELEMENT.rawValue), spans.last?.identifier == nil,
                  strcmp(name, "iati-identifier") == 0 || strcmp(name, "organisation-identifier") == 0,
                  let text = xmlTextReaderReadString(reader) {
            spans[spans.count - 1].identifier = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
            devcoop_xmlFree(text)
        }
    }

    func add(_ finding: Finding) {
        hasWellFormedFinding = hasWellFormedFinding || finding.rule == "well-formed"
        tally.add(finding)
    }

    /// The findings kept, with the activity each sits in.
    func attributedFindings() -> [Finding] {
        tally.kept.map { finding in
            var finding = finding
            finding.activity = spans.last(where: { $0.first <= finding.line })?.identifier
            return finding
        }
    }
}
