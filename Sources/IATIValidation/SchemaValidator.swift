import CLibXML2
import Foundation
import IATIXML

/// Validates documents against the bundled IATI 2.03 XML Schemas with libxml2, streaming (a SAX
/// parser with the schema plugged in), so memory stays flat whatever the file size. It reads
/// through ``IATIXML/DocumentInput`` and ``IATIXML/MarkupGuard``: gzip inflated, hostile markup
/// refused as the SAX reader refuses it.
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
        /// The start-tag lines of the activities (or organisations) the schema found an error in,
        /// those of findings left out included; `nil` when the document could not be read to its
        /// end. An activity whose line is not here is valid on its own.
        public var schemaFindingLines: Set<Int>?

        init(valid: Bool, findings: [Finding], counts: [Finding.Severity: Int]? = nil, schemaFindingLines: Set<Int>? = nil) {
            self.valid = valid
            self.findings = findings
            self.counts = counts ?? Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
            self.schemaFindingLines = schemaFindingLines
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
        guard let input = try? DocumentInput(path: path) else {
            return Result(valid: false, findings: [collector.fatal("cannot open the file", line: 0)])
        }

        // A SAX parser with the schema plugged into its callbacks, as libxml2's reader validates
        // but without building the reader's nodes: the same verdict and messages, in less time.
        var handler = Collector.makeHandler()
        guard let context = xmlCreatePushParserCtxt(&handler, unmanaged.toOpaque(), nil, 0, path) else {
            return Result(valid: false, findings: [collector.fatal("libxml2 could not create a parser", line: 0)])
        }
        defer { xmlFreeParserCtxt(context) }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue))
        // Parse errors reach the handler with the plug as their context; they name the parser, and it the collector.
        context.pointee._private = unmanaged.toOpaque()
        collector.context = context
        // The schema's errors take the parser's line, as they do with libxml2's reader.
        xmlSchemaValidateSetLocator(validation, { owner, file, line in
            guard let owner, let parser = Unmanaged<Collector>.fromOpaque(owner).takeUnretainedValue().context?.pointee.input else { return -1 }
            file?.pointee = parser.pointee.filename
            line?.pointee = UInt(parser.pointee.line)
            return 0
        }, unmanaged.toOpaque())
        guard let plug = xmlSchemaSAXPlug(validation, &context.pointee.sax, &context.pointee.userData) else {
            return Result(valid: false, findings: [collector.fatal("libxml2 could not attach the schema", line: 0)])
        }
        defer { xmlSchemaSAXUnplug(plug) }

        var markupGuard = MarkupGuard(file: path)
        var refusal: IATIXMLError?
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        var reachedEnd = false
        // After a fatal error libxml2 reports nothing more: the rest of the file is not read.
        while context.pointee.disableSAX == 0 {
            let count: Int
            do {
                count = try input.read(into: buffer)
                try markupGuard.check(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            } catch {
                refusal = error as? IATIXMLError ?? IATIXMLError(.io, file: path, line: 0, message: "\(error)")
                break
            }
            guard count > 0 else {
                reachedEnd = true
                break
            }
            xmlParseChunk(context, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(count), 0)
        }
        if let refusal {
            var finding = collector.fatal(refusal.message, line: refusal.line)
            finding.rule = "well-formed"
            return Result(valid: false, findings: [finding])
        }
        if reachedEnd { xmlParseChunk(context, nil, 0, 1) }
        if context.pointee.wellFormed == 0, !collector.hasWellFormedFinding {
            let message = context.pointee.lastError.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) }
            var finding = collector.fatal(
                "not well-formed: " + (message ?? "the document could not be read to its end"), line: Int(context.pointee.lastError.line))
            finding.rule = "well-formed"
            collector.add(finding)
        }
        let valid = context.pointee.wellFormed != 0 && xmlSchemaIsValid(validation) == 1 && collector.tally.counts.isEmpty
        return Result(
            valid: valid, findings: collector.attributedFindings(), counts: collector.tally.counts,
            schemaFindingLines: context.pointee.wellFormed != 0 ? collector.schemaFindingLines : nil)
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

/// Gathers errors during one validation and knows which activity each belongs to: it sees the
/// parser's elements before the schema does, so an error arrives while its activity is the last
/// one started.
private final class Collector {
    let file: String
    /// The parser whose callbacks reach the collector, for the line of each start tag.
    var context: xmlParserCtxtPtr?
    private(set) var tally = FindingTally(limit: Validator.maxFindings)
    private(set) var hasWellFormedFinding = false
    /// Activities (or organisations) started: the line of their start tag and their identifier.
    private var activities: [(line: Int, identifier: String?)] = []
    /// For each kept finding, how many activities had started when it came (0: none).
    private var keptActivity: [Int] = []
    /// The start lines of the activities with at least one finding, whether kept or only counted.
    private(set) var schemaFindingLines = Set<Int>()
    private var depth = 0
    private var root = "iati-activities"
    /// The identifier's text, while the current activity's first identifier element is open.
    private var identifier: [UInt8]?

    init(file: String) {
        self.file = file
    }

    func fatal(_ message: String, line: Int) -> Finding {
        Finding(severity: .critical, category: "schema", rule: "schema", message: message, line: line, xpath: "/")
    }

    func schemaError(_ error: xmlErrorPtr) {
        let message = Self.message(error)
        // In streaming mode libxml2 gives no node: name the activity and the element the message names.
        let element = SchemaValidator.elementName(in: message)
        let xpath = "/\(root)"
            + (activities.isEmpty ? "" : "/\(root == "iati-organisations" ? "iati-organisation" : "iati-activity")[\(activities.count)]")
            + (element.map { ["iati-activity", "iati-organisation", root].contains($0) ? "" : "/\($0)" } ?? "")
        add(Finding(
            severity: .critical, category: "schema", rule: "schema", message: message,
            line: Int(error.pointee.line), xpath: xpath))
    }

    /// A parser error or warning (the schema's errors come through ``schemaError(_:)``).
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

    func add(_ finding: Finding) {
        hasWellFormedFinding = hasWellFormedFinding || finding.rule == "well-formed"
        if tally.kept.count < tally.limit { keptActivity.append(activities.count) }
        if let activity = activities.last { schemaFindingLines.insert(activity.line) }
        tally.add(finding)
    }

    /// The findings kept, with the activity each sits in.
    func attributedFindings() -> [Finding] {
        zip(tally.kept, keptActivity).map { finding, activity in
            var finding = finding
            finding.activity = activity > 0 ? activities[activity - 1].identifier : nil
            return finding
        }
    }

    // MARK: The parser's events

    private func startElement(_ name: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?) {
        depth += 1
        guard uri == nil else { return }
        if depth == 1 {
            root = String(cString: name)
        } else if depth == 2, strcmp(name, "iati-activity") == 0 || strcmp(name, "iati-organisation") == 0 {
            activities.append((StartTag.line(in: context, position: StartTag.position(in: context)), nil))
        } else if depth == 3, activities.last.map({ $0.identifier == nil }) == true,
                  strcmp(name, "iati-identifier") == 0 || strcmp(name, "organisation-identifier") == 0 {
            identifier = []
        }
    }

    private func endElement() {
        if depth == 3, let text = identifier {
            activities[activities.count - 1].identifier = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            identifier = nil
        }
        depth -= 1
    }

    private func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        identifier?.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// Callbacks that only track activities: no tree is built. Entity declarations are not kept
    /// (the codelist and rule pass refuses a document that declares one).
    static func makeHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, name, _, uri, _, _, _, _, _ in collector(context).startElement(name!, uri: uri) }
        handler.endElementNs = { context, _, _, _ in collector(context).endElement() }
        handler.characters = { context, bytes, count in collector(context).characters(bytes!, count: Int(count)) }
        handler.cdataBlock = { context, bytes, count in collector(context).characters(bytes!, count: Int(count)) }
        handler.serror = { _, error in
            guard let error, let parser = error.pointee.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self),
                  let owner = parser.pointee._private else { return }
            Unmanaged<Collector>.fromOpaque(owner).takeUnretainedValue().parseError(error)
        }
        return handler
    }
}

/// The collector a parser callback was given as its context.
private func collector(_ context: UnsafeMutableRawPointer?) -> Collector {
    Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
}
