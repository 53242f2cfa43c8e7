import CLibXML2
import Foundation
import IATI

/// Streams IATI documents: every `iati-activity` (or `iati-organisation`) is handed over as soon as
/// its end tag is read, so memory stays flat whatever the size of the file.
///
/// The engine is libxml2's SAX2 push parser with `XML_PARSE_NONET | XML_PARSE_HUGE`. No DTD is
/// loaded and no entity is ever expanded: a document that declares an entity (the shape of XXE and
/// of "billion laughs") is refused at the declaration.
///
/// What it accepts, because real publishers write it:
/// - versions 2.01–2.03, and legacy 1.01–1.05 (also `1.0` / `1.00`), which are upgraded to the 2.03
///   shape on the way in by ``IATI/LegacyUpgrade`` (its documentation holds the mapping: text content to
///   `narrative`, transaction-type letter codes `IF C D E IR LR R QP QS CG` to `1`–`10`, activity-date
///   types `start-planned start-actual end-planned end-actual` to `1`–`4`, organisation roles
///   `Funding Accountable Extending Implementing` to `1`–`4`, text vocabularies to codes, coordinates
///   to `point/pos`, `activity-website` to `document-link`);
/// - a container with no `@version` (Datastore exports; read as 2.0x), a container wrapped in other
///   elements, registry `registry-record` children beside the activities, foreign-namespace and
///   non-namespaced extra attributes (d-portal's `dataset`), upper-case `xml:lang`, elements in any
///   order, empty elements: the reader hands the tree over as written, the model is lenient.
///
/// Errors name the file and line: malformed or truncated XML, entity declarations, a document with
/// no IATI container, an empty file, or markup that costs far more than its size (``MarkupGuard``:
/// elements nested deeper than 256 levels, a start tag with more than 1,000 attributes), refused
/// before libxml2 reads it. Activities handed over before an error are the caller's to discard
/// (the store imports a file in one transaction).
public struct IATIReader: Sendable {
    /// A thing found in the document, in document order.
    public enum Event: Sendable {
        /// The container was found; always the first event.
        case header(DocumentHeader)
        /// One `iati-activity`.
        case activity(SourceElement)
        /// One `iati-organisation`.
        case organisation(SourceElement)
        /// Another child of the container (a registry `registry-record`, an extension): kept with the dataset.
        case envelope(XMLNode)
    }

    /// Bytes read from the file per push into the parser.
    public var chunkSize: Int
    /// Whether each element comes with its tree. Without, a 2.0x element comes with its bytes and
    /// its own start tag only, for callers that parse the bytes themselves (the validator);
    /// legacy elements, which are upgraded on the tree, always come whole.
    public var buildsTrees: Bool

    public init(chunkSize: Int = 256 * 1024, buildsTrees: Bool = true) {
        self.chunkSize = chunkSize
        self.buildsTrees = buildsTrees
    }

    /// Reads the file at `path` (inflated when gzip-compressed: ``DocumentInput``), calling
    /// `handle` for each event; `onChunk` sees every chunk of the file's bytes as it is read (to hash the file or show progress without a second pass). With a
    /// `contentHandler`, 2.0x activities come without their tree and their content goes to it.
    public func read(
        file path: String,
        onChunk: ((UnsafeRawBufferPointer) -> Void)? = nil,
        _ handle: (Event) throws -> Void
    ) throws {
        try read(file: path, ranges: [0..<Int.max], contentHandler: nil, onChunk: onChunk, handle)
    }

    /// ``read(file:onChunk:_:)`` with a `contentHandler` for the package's own fast paths.
    package func read(
        file path: String,
        contentHandler: (any ElementContentHandler)?,
        onChunk: ((UnsafeRawBufferPointer) -> Void)? = nil,
        _ handle: (Event) throws -> Void
    ) throws {
        try read(file: path, ranges: [0..<Int.max], contentHandler: contentHandler, onChunk: onChunk, handle)
    }

    /// Reads the byte `ranges` of the file, one after the other, as one document: how a large file
    /// is read in two parts at once, the second part being the file's prologue (up to its first
    /// activity) followed by its second half.
    ///
    /// With `endsBetweenElements`, the bytes are expected to stop inside the container, between two
    /// of its children (the first part): instead of finishing the document, the reader checks that
    /// they do, and throws ``IATIXMLError/Reason/partEnd`` when they stop elsewhere (inside an
    /// element, a comment or a CDATA section).
    public func read(
        file path: String,
        ranges: [Range<Int>],
        endsBetweenElements: Bool = false,
        onChunk: ((UnsafeRawBufferPointer) -> Void)? = nil,
        _ handle: (Event) throws -> Void
    ) throws {
        try read(file: path, ranges: ranges, endsBetweenElements: endsBetweenElements, contentHandler: nil, onChunk: onChunk, handle)
    }

    /// ``read(file:ranges:endsBetweenElements:onChunk:_:)`` with a `contentHandler` (see
    /// ``ElementContentHandler``), for the package's own fast paths.
    package func read(
        file path: String,
        ranges: [Range<Int>],
        endsBetweenElements: Bool = false,
        contentHandler: (any ElementContentHandler)?,
        onChunk: ((UnsafeRawBufferPointer) -> Void)? = nil,
        _ handle: (Event) throws -> Void
    ) throws {
        let input = try DocumentInput(path: path, ranges: ranges, onChunk: onChunk)
        try withoutActuallyEscaping(handle) { handle in
            let session = SAXSession(file: path, buildsTrees: buildsTrees, contentHandler: contentHandler, handle: handle)
            try session.run(chunkSize: chunkSize, endsBetweenElements: endsBetweenElements) { try input.read(into: $0) }
        }
    }

    /// Reads a document held in memory; `name` stands for the file in errors.
    public func read(bytes: [UInt8], name: String = "<memory>", _ handle: (Event) throws -> Void) throws {
        try read(bytes: bytes, name: name, contentHandler: nil, handle)
    }

    /// ``read(bytes:name:_:)`` with a `contentHandler` (see ``ElementContentHandler``).
    package func read(
        bytes: [UInt8], name: String = "<memory>", contentHandler: (any ElementContentHandler)?,
        _ handle: (Event) throws -> Void
    ) throws {
        var offset = 0
        try withoutActuallyEscaping(handle) { handle in
            let session = SAXSession(file: name, buildsTrees: buildsTrees, contentHandler: contentHandler, handle: handle)
            try session.run(chunkSize: chunkSize) { buffer in
                let count = min(buffer.count, bytes.count - offset)
                bytes[offset..<(offset + count)].withUnsafeBytes { buffer.copyMemory(from: $0) }
                offset += count
                return count
            }
        }
    }

    /// Reads one stored element (the `xml` of a ``SourceElement``) back into its tree, with the
    /// document's namespaces in scope; upgraded when the document was a legacy one.
    public static func element(xml: [UInt8], namespaces: [String: String], legacy: Bool) throws -> XMLNode {
        let document = storedDocumentStart(namespaces: namespaces, legacy: legacy) + xml + Array("</iati-activities>".utf8)
        var found: XMLNode?
        try IATIReader(chunkSize: max(document.count, 1)).read(bytes: document, name: "<stored element>") { event in
            switch event {
            case .activity(let element), .organisation(let element): found = found ?? element.node
            case .header, .envelope: break
            }
        }
        guard let found else {
            throw IATIXMLError(.notIATI, file: "<stored element>", line: 1, message: "no iati-activity or iati-organisation in the stored element")
        }
        return found
    }

    /// Reads stored elements of one document (or of documents with the same namespaces and
    /// legacy flag) back into their trees, handing each to `body` in order: what
    /// ``element(xml:namespaces:legacy:)`` gives for each, with one parser for all of them, which
    /// saves setting up libxml2 and learning the names again per element. Each tree is handed over
    /// as soon as it is read, while it is still in the processor's caches.
    ///
    /// An element counts only when it was read exactly within its own bytes; from the first one
    /// that is not (or where the batch stops parsing), the rest are read one by one, so a bad
    /// element fails as it would alone, after `body` has had the ones before it.
    public static func elements(
        xml elements: [[UInt8]], namespaces: [String: String], legacy: Bool, _ body: (XMLNode) -> Void
    ) throws {
        var handed = 0
        if elements.count > 1 {
            var document = storedDocumentStart(namespaces: namespaces, legacy: legacy)
            var starts: [Int] = []
            starts.reserveCapacity(elements.count)
            document.reserveCapacity(document.count + elements.reduce(0) { $0 + $1.count } + 20)
            for xml in elements {
                starts.append(document.count)
                document += xml
            }
            document += Array("</iati-activities>".utf8)
            // Stops the batch at the first element not read within its bounds.
            struct OutOfBounds: Error {}
            try? IATIReader(chunkSize: document.count).read(bytes: document, name: "<stored elements>") { event in
                switch event {
                case .activity(let element), .organisation(let element):
                    guard handed < elements.count, element.offset == starts[handed], element.xml.count == elements[handed].count else {
                        throw OutOfBounds()
                    }
                    body(element.node)
                    handed += 1
                case .envelope: throw OutOfBounds()
                case .header: break
                }
            }
        }
        for xml in elements[handed...] {
            body(try element(xml: xml, namespaces: namespaces, legacy: legacy))
        }
    }

    /// The container a stored element is read in: the version that decides whether it is
    /// upgraded, and its document's namespaces.
    private static func storedDocumentStart(namespaces: [String: String], legacy: Bool) -> [UInt8] {
        var document = Array(#"<iati-activities version=""#.utf8)
        document += Array((legacy ? "1.05" : "2.03").utf8)
        document += Array("\"".utf8)
        for (prefix, uri) in namespaces.sorted(by: { $0.key < $1.key }) where prefix != "xml" {
            let name = prefix.isEmpty ? "xmlns" : "xmlns:\(prefix)"
            document += Array(" \(name)=\"\(XMLEscaping.attribute(uri))\"".utf8)
        }
        document += Array(">".utf8)
        return document
    }
}
