import CLibXML2
import Foundation
import IATI

/// One pass of libxml2's SAX2 push parser over one document: builds a tree per top-level child of
/// the IATI container and slices its bytes from the input.
///
/// The byte slices rely on where libxml2 stands when it calls back: at `startElementNs` its cursor is
/// inside the start tag (a `<` cannot occur in a tag after its first byte, so the tag begins at the
/// nearest `<` before it), at `endElementNs` just past the end tag. Every slice is checked to begin
/// and end with the element's name; a document in another encoding than UTF-8 (where libxml2's
/// offsets are not the file's) has its elements written out again instead.
///
/// The callbacks work on a `SAXState` reached through a pointer, not on stored properties of a class:
/// every property access of a class is checked for exclusivity at run time, and libxml2 calls back
/// millions of times per file.
final class SAXSession {
    private let file: String
    private let state: UnsafeMutablePointer<SAXState>

    init(
        file: String, buildsTrees: Bool = true, contentHandler: (any ElementContentHandler)? = nil,
        handle: @escaping (IATIReader.Event) throws -> Void
    ) {
        self.file = file
        state = .allocate(capacity: 1)
        state.initialize(to: SAXState(file: file, buildsTrees: buildsTrees, contentHandler: contentHandler, handle: handle))
    }

    deinit {
        state.pointee.release()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Parses the input `read` gives, chunk by chunk, until it gives nothing: `read` fills the
    /// buffer it is handed (at the end of the input window, so nothing is copied there again) and
    /// returns how many bytes it put in. With `endsBetweenElements`, checks that the input stops
    /// between two children of the container instead of finishing the document.
    func run(chunkSize: Int, endsBetweenElements: Bool = false, read: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        var handler = SAXState.makeHandler()
        guard let context = xmlCreatePushParserCtxt(&handler, UnsafeMutableRawPointer(state), nil, 0, file) else {
            throw IATIXMLError(.io, file: file, line: 0, message: "libxml2 could not create a parser")
        }
        state.pointee.context = context
        defer {
            xmlFreeParserCtxt(context)
            state.pointee.context = nil
        }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue))

        let window = state.pointee.window
        var markupGuard = MarkupGuard(file: file)
        var total = 0
        while state.pointee.failure == nil {
            let space = window.space(chunkSize)
            let count = try read(space)
            guard count > 0 else { break }
            total += count
            try markupGuard.check(UnsafeRawBufferPointer(rebasing: space[0..<count]))
            window.grow(by: count)
            let status = xmlParseChunk(context, space.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(count), 0)
            if state.pointee.failure == nil, status != 0 { state.pointee.failure = state.pointee.parserError(status: status) }
            state.pointee.discardConsumedInput()
        }
        if total == 0 {
            throw IATIXMLError(.empty, file: file, line: 0, message: "the file is empty")
        }
        if state.pointee.failure == nil, endsBetweenElements {
            guard state.pointee.isBetweenElements else {
                throw IATIXMLError(.partEnd, file: file, line: Int(context.pointee.input?.pointee.line ?? 0),
                                   message: "the part read does not end between two elements of the container")
            }
            return
        }
        if state.pointee.failure == nil {
            let status = xmlParseChunk(context, nil, 0, 1)
            if state.pointee.failure == nil, status != 0 || context.pointee.wellFormed == 0 {
                state.pointee.failure = state.pointee.parserError(status: status)
            }
        }
        if let failure = state.pointee.failure { throw failure }
        if state.pointee.containerDepth == nil {
            throw IATIXMLError(.notIATI, file: file, line: Int(context.pointee.input?.pointee.line ?? 0),
                               message: "no iati-activities or iati-organisations element: not an IATI file")
        }
    }
}

/// A content handler in a class of its own, so that it can be reached through `Unmanaged`.
private final class HandlerBox {
    let handler: any ElementContentHandler

    init(_ handler: any ElementContentHandler) {
        self.handler = handler
    }
}

/// What one pass keeps between libxml2's callbacks.
private struct SAXState {
    /// An element under the container that is still open.
    private struct Frame {
        var node: XMLNode
        var startOffset: Int
        /// Where its character data begins in `text`.
        var textStart: Int
        /// A top-level element read without its tree: only its bytes and its own tag are wanted.
        var shallow = false
        /// A shallow activity whose content goes to the content handler.
        var reported = false
    }

    let file: String
    let handle: (IATIReader.Event) throws -> Void
    /// When `false`, a 2.0x element in UTF-8 is handed over with its bytes and its own start tag
    /// only (no children): what a caller that parses the bytes itself needs. Legacy elements and
    /// other encodings still get their tree, which their upgrade or their bytes need.
    let buildsTrees: Bool
    /// Gets the content of 2.0x activities read without their tree, reached without counting
    /// references: it is called for every element, and a retain and release each time would show.
    private let handlerBox: Unmanaged<HandlerBox>?
    var context: xmlParserCtxtPtr?
    var failure: IATIXMLError?

    private var depth = 0
    private(set) var containerDepth: Int?
    private var containerClosed = false
    private var legacy = false
    private var namespacesInScope: [String: String] = [:]
    private var frames: [Frame] = []
    /// `frames[0]`'s flags, kept apart: reading them through `frames.first` copies the frame (and
    /// retains and releases its node's storage) for every element of the document.
    private var outerShallow = false
    private var outerReported = false
    /// The character data of the open elements, innermost last: an element's text runs from its
    /// `textStart` to the end, because the text of its children is removed when they close.
    private var text: [UInt8] = []

    /// Raw input bytes from the start of the outermost open element on: what it is sliced from.
    let window = InputWindow()

    private var names: NameTable
    /// The handler's codes of the attributes of the element being reported, reused between elements.
    private var attributeCodes: [Int] = []

    init(
        file: String, buildsTrees: Bool, contentHandler: (any ElementContentHandler)?,
        handle: @escaping (IATIReader.Event) throws -> Void
    ) {
        self.file = file
        self.buildsTrees = buildsTrees
        handlerBox = contentHandler.map { Unmanaged.passRetained(HandlerBox($0)) }
        self.handle = handle
        names = NameTable(vocabulary: contentHandler?.names ?? [])
    }

    // MARK: Input window

    private var parserOffset: Int {
        guard let input = context?.pointee.input?.pointee, let base = input.base, let cur = input.cur else { return 0 }
        return Int(input.consumed) + (cur - base)
    }

    mutating func discardConsumedInput() {
        window.discard(before: min(frames.first?.startOffset ?? parserOffset, parserOffset))
    }

    private var convertsEncoding: Bool {
        context?.pointee.input?.pointee.buf?.pointee.encoder != nil
    }

    /// Whether the parser stands inside the open container, between two of its children, with
    /// nothing but white space read and not yet parsed.
    var isBetweenElements: Bool {
        guard let containerDepth, !containerClosed, depth == containerDepth, frames.isEmpty,
              context?.pointee.instate == XML_PARSER_CONTENT,
              let input = context?.pointee.input?.pointee, var cursor = input.cur, let end = input.end else { return false }
        while cursor < end {
            guard cursor.pointee == 32 || cursor.pointee == 9 || cursor.pointee == 10 || cursor.pointee == 13 else { return false }
            cursor += 1
        }
        return true
    }

    /// Ends the pass's hold on the content handler.
    func release() {
        handlerBox?.release()
    }

    // MARK: Events

    mutating func startElement(
        localname: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        namespaceCount: Int, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        depth += 1
        // Inside an element read without its tree, nothing but the content handler wants to know.
        if outerShallow, !containerClosed {
            if outerReported { report(localname: localname, uri: uri, attributeCount: attributeCount, attributes) }
            return
        }
        let tag = StartTag.position(in: context)
        let line = StartTag.line(in: context, position: tag)
        let name = intern(localname)
        let namespace = intern(uri)

        guard let containerDepth else {
            for index in 0..<namespaceCount {
                let declaredPrefix = intern(namespaces?[2 * index]) ?? ""
                namespacesInScope[declaredPrefix] = intern(namespaces?[2 * index + 1]) ?? ""
            }
            guard namespace == nil, name == "iati-activities" || name == "iati-organisations" else { return }
            self.containerDepth = depth
            let attributes = makeAttributes(count: attributeCount, attributes)
            let version = attributes.first { $0.name == "version" && $0.namespace == nil }?.value
            legacy = version.map(DocumentHeader.isLegacyVersion) ?? false
            emit(.header(DocumentHeader(
                kind: name == "iati-activities" ? .activities : .organisations,
                version: version, attributes: attributes, namespaces: namespacesInScope, line: line)))
            return
        }
        guard !containerClosed, depth > containerDepth else { return }
        let node = XMLNode(
            name: name, namespace: namespace, prefix: intern(prefix),
            attributes: makeAttributes(count: attributeCount, attributes), line: line)
        let readable = frames.isEmpty && !legacy && !convertsEncoding
            && node[attribute: "version"].map(DocumentHeader.isLegacyVersion) != true
        let reported = readable && handlerBox != nil && namespace == nil && name == "iati-activity"
        let shallow = readable && (!buildsTrees || reported)
        frames.append(Frame(node: node, startOffset: tag?.offset ?? -1, textStart: text.count, shallow: shallow, reported: reported))
        if frames.count == 1 {
            outerShallow = shallow
            outerReported = reported
        }
        if reported {
            report(localname: localname, uri: uri, attributeCount: attributeCount, attributes)
        }
    }

    /// Tells the content handler an element of a shallow activity opens.
    private mutating func report(
        localname: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?,
        attributeCount: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard let handlerBox else { return }
        // Written in place rather than emptied and appended: this runs for every element.
        if attributeCodes.count < attributeCount { attributeCodes += Array(repeating: -1, count: attributeCount - attributeCodes.count) }
        for index in 0..<attributeCount {
            attributeCodes[index] = attributes?[5 * index].map { names.attributeCode($0, uri: attributes?[5 * index + 2]) } ?? -1
        }
        let code = uri == nil ? names.code(localname) : -1
        attributeCodes.withUnsafeBufferPointer { codes in
            let codes = UnsafeBufferPointer(rebasing: codes[0..<attributeCount])
            handlerBox._withUnsafeGuaranteedRef { $0.handler.startElement(code, attributes: ElementAttributes(raw: attributes, codes: codes)) }
        }
    }

    mutating func endElement(localname: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?) {
        defer { depth -= 1 }
        guard let containerDepth, !containerClosed else { return }
        if depth == containerDepth {
            containerClosed = true
            return
        }
        if outerReported, depth > containerDepth {
            let code = uri == nil ? names.code(localname) : -1
            handlerBox?._withUnsafeGuaranteedRef { $0.handler.endElement(code) }
        }
        if outerShallow, depth > containerDepth + 1 { return }
        guard depth > containerDepth, var frame = frames.popLast() else { return }
        if frames.isEmpty {
            outerShallow = false
            outerReported = false
        }
        if text.count > frame.textStart {
            let own = text[frame.textStart...]
            let isBlank = own.allSatisfy { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
            if !(isBlank && !frame.node.children.isEmpty) {
                frame.node.text = String(decoding: own, as: UTF8.self)
            }
            text.removeLast(text.count - frame.textStart)
        }
        if !frames.isEmpty {
            frames[frames.count - 1].node.children.append(frame.node)
            return
        }
        deliver(frame)
    }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !frames.isEmpty, count > 0 else { return }
        guard !outerShallow else {
            if outerReported { handlerBox?._withUnsafeGuaranteedRef { $0.handler.characters(UnsafeBufferPointer(start: bytes, count: count)) } }
            return
        }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    mutating func refuseEntity(named name: String) {
        fail(IATIXMLError(
            .entityDeclaration, file: file, line: Int(context?.pointee.input?.pointee.line ?? 0),
            message: "the document declares the entity '\(name)'; entity declarations are refused (no external or expanding entities are read)"))
    }

    mutating func structuredError(_ error: xmlErrorPtr) {
        // Namespace and validity problems are errors that leave the document well formed; only a
        // fatal error means the XML cannot be read.
        guard failure == nil, error.pointee.level == XML_ERR_FATAL else { return }
        let message = error.pointee.message.map { String(cString: $0) }?.trimmingXMLWhitespace() ?? "malformed XML"
        failure = IATIXMLError(.malformed, file: file, line: Int(error.pointee.line), message: message)
    }

    private mutating func deliver(_ frame: Frame) {
        var node = frame.node
        let isActivity = node.namespace == nil && node.name == "iati-activity"
        let isOrganisation = node.namespace == nil && node.name == "iati-organisation"
        guard isActivity || isOrganisation else {
            emit(.envelope(node))
            return
        }
        let end = parserOffset
        var xml: [UInt8] = []
        var offset: Int?
        if !convertsEncoding, frame.startOffset < end, let slice = window.bytes(frame.startOffset..<end),
           Self.slice(slice, isElementNamed: node.qualifiedName) {
            offset = frame.startOffset
            let taken = frame.reported && handlerBox?._withUnsafeGuaranteedRef { $0.handler.takeBytes(slice) } == true
            if !taken { xml = Array(slice) }
        }
        if offset == nil { xml = Array(node.xmlString().utf8) }

        let upgraded = legacy || node[attribute: "version"].map(DocumentHeader.isLegacyVersion) == true
        if upgraded {
            node = isActivity ? LegacyUpgrade.upgradeActivity(node) : LegacyUpgrade.upgradeOrganisation(node)
        }
        let element = SourceElement(node: node, xml: xml, line: frame.node.line, upgraded: upgraded, offset: offset)
        emit(isActivity ? .activity(element) : .organisation(element))
    }

    private static func slice(_ slice: UnsafeRawBufferPointer, isElementNamed name: String) -> Bool {
        let name = Array(name.utf8)
        guard slice.count > name.count + 2, slice.first == UInt8(ascii: "<"), slice.last == UInt8(ascii: ">") else { return false }
        return slice[1..<(1 + name.count)].elementsEqual(name)
    }

    private mutating func emit(_ event: IATIReader.Event) {
        guard failure == nil else { return }
        do {
            try handle(event)
        } catch let error as IATIXMLError {
            fail(error)
        } catch {
            fail(IATIXMLError(.handler, file: file, line: Int(context?.pointee.input?.pointee.line ?? 0), message: "\(error)"))
        }
    }

    private mutating func fail(_ error: IATIXMLError) {
        guard failure == nil else { return }
        failure = error
        if let context { xmlStopParser(context) }
    }

    func parserError(status: Int32) -> IATIXMLError {
        let line = Int(context?.pointee.input?.pointee.line ?? 0)
        if let last = xmlCtxtGetLastError(context), let message = last.pointee.message {
            return IATIXMLError(.malformed, file: file, line: Int(last.pointee.line), message: String(cString: message).trimmingXMLWhitespace())
        }
        return IATIXMLError(.malformed, file: file, line: line, message: "malformed XML (libxml2 error \(status))")
    }

    // MARK: Strings

    /// libxml2 interns names in its dictionary, so one pointer is one name for the whole pass.
    private mutating func intern(_ pointer: UnsafePointer<xmlChar>) -> String {
        names.name(pointer)
    }

    private mutating func intern(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { names.name($0) }
    }

    private mutating func makeAttributes(count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> [XMLAttribute] {
        guard count > 0, let attributes else { return [] }
        var result: [XMLAttribute] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            let base = 5 * index
            guard let localname = attributes[base], let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
            let bytes = UnsafeBufferPointer(start: start, count: end - start)
            let value = bytes.contains(UInt8(ascii: "&"))
                ? String(decoding: ElementAttributes.decode(bytes), as: UTF8.self)
                : String(decoding: bytes, as: UTF8.self)
            result.append(XMLAttribute(
                name: intern(localname), namespace: intern(attributes[base + 2]),
                prefix: intern(attributes[base + 1]), value: value))
        }
        return result
    }

    // MARK: libxml2 glue

    static func makeHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { context, localname, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            saxSession(context).pointee.startElement(
                localname: localname!, prefix: prefix, uri: uri,
                namespaceCount: Int(namespaceCount), namespaces: namespaces,
                attributeCount: Int(attributeCount), attributes: attributes)
        }
        handler.endElementNs = { context, localname, _, uri in saxSession(context).pointee.endElement(localname: localname!, uri: uri) }
        handler.characters = { context, bytes, count in saxSession(context).pointee.characters(bytes!, count: Int(count)) }
        handler.cdataBlock = { context, bytes, count in saxSession(context).pointee.characters(bytes!, count: Int(count)) }
        handler.entityDecl = { context, name, _, _, _, _ in
            saxSession(context).pointee.refuseEntity(named: name.map { String(cString: $0) } ?? "?")
        }
        handler.serror = { context, error in
            guard let context, let error else { return }
            saxSession(context).pointee.structuredError(error)
        }
        return handler
    }
}

private func saxSession(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<SAXState> {
    context!.assumingMemoryBound(to: SAXState.self)
}

/// libxml2's interned names as Swift strings, and as codes of a content handler, by pointer: open
/// addressing on the pointer's bits, cheaper than hashing a key through `Hasher` for every element
/// and attribute.
private struct NameTable {
    // Names and codes in separate arrays: reading a code then copies no string (no retain and
    // release for every element).
    private var keys: [UnsafeRawPointer?] = Array(repeating: nil, count: 256)
    private var names: [String] = Array(repeating: "", count: 256)
    /// The name's index in the vocabulary, or -1.
    private var codes: [Int] = Array(repeating: -1, count: 256)
    /// The index of `xml:` + name, for attributes in the XML namespace.
    private var xmlCodes: [Int] = Array(repeating: -1, count: 256)
    private var count = 0
    private let vocabulary: [String: Int]

    init(vocabulary: [String]) {
        self.vocabulary = Dictionary(vocabulary.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @inline(__always)
    private static func slot(_ key: UnsafeRawPointer, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt(bitPattern: key) &>> 3) &* 0x9E37_79B9_7F4A_7C15 &>> 32) & mask
    }

    mutating func name(_ pointer: UnsafePointer<xmlChar>) -> String {
        names[slot(of: pointer)]
    }

    /// The vocabulary index of an element's local name.
    mutating func code(_ pointer: UnsafePointer<xmlChar>) -> Int {
        codes[slot(of: pointer)]
    }

    /// The vocabulary index of an attribute: its local name when it has no namespace, `xml:` + it in
    /// the XML namespace, else -1.
    mutating func attributeCode(_ pointer: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>?) -> Int {
        guard let uri else { return code(pointer) }
        let xmlCode = xmlCodes[slot(of: pointer)]
        guard xmlCode >= 0, name(uri) == XMLNode.xmlNamespace else { return -1 }
        return xmlCode
    }

    @inline(__always)
    private mutating func slot(of pointer: UnsafePointer<xmlChar>) -> Int {
        let key = UnsafeRawPointer(pointer)
        let mask = keys.count - 1
        var slot = Self.slot(key, mask: mask)
        while let found = keys[slot] {
            if found == key { return slot }
            slot = (slot + 1) & mask
        }
        return add(key, at: slot)
    }

    private mutating func add(_ key: UnsafeRawPointer, at slot: Int) -> Int {
        let name = String(cString: key.assumingMemoryBound(to: UInt8.self))
        keys[slot] = key
        names[slot] = name
        codes[slot] = vocabulary[name] ?? -1
        xmlCodes[slot] = vocabulary["xml:" + name] ?? -1
        count += 1
        guard count * 2 > keys.count else { return slot }
        grow()
        return self.slot(of: key.assumingMemoryBound(to: xmlChar.self))
    }

    private mutating func grow() {
        let old = (keys: keys, names: names, codes: codes, xmlCodes: xmlCodes)
        let size = old.keys.count * 2
        keys = Array(repeating: nil, count: size)
        names = Array(repeating: "", count: size)
        codes = Array(repeating: -1, count: size)
        xmlCodes = Array(repeating: -1, count: size)
        let mask = size - 1
        for (index, key) in old.keys.enumerated() {
            guard let key else { continue }
            var slot = Self.slot(key, mask: mask)
            while keys[slot] != nil { slot = (slot + 1) & mask }
            keys[slot] = key
            names[slot] = old.names[index]
            codes[slot] = old.codes[index]
            xmlCodes[slot] = old.xmlCodes[index]
        }
    }
}

/// The raw input of a pass from some offset of the document on, in memory of its own that the
/// reader fills directly: what an element still open may need to be sliced from.
final class InputWindow {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    private var count = 0
    /// The document offset of the first byte held.
    private var start = 0

    init() {
        capacity = 1 << 16
        base = malloc(capacity)!
    }

    deinit {
        free(base)
    }

    /// Room for `size` more bytes at the end, to be filled and then counted in with ``grow(by:)``.
    func space(_ size: Int) -> UnsafeMutableRawBufferPointer {
        if count + size > capacity {
            capacity = max(capacity * 2, count + size)
            // realloc moves a large block by remapping its pages: a huge element is not held twice while it grows.
            base = realloc(base, capacity)!
        }
        return UnsafeMutableRawBufferPointer(start: base + count, count: size)
    }

    func grow(by filled: Int) {
        count += filled
    }

    /// Forgets the bytes before document offset `offset`.
    func discard(before offset: Int) {
        let drop = offset - start
        guard drop > 0, drop <= count else { return }
        (base).copyMemory(from: base + drop, byteCount: count - drop)
        count -= drop
        start = offset
    }

    /// The bytes of document offsets `range`, when all are held; valid until the window next changes.
    func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer? {
        guard range.lowerBound >= start, range.upperBound <= start + count else { return nil }
        return UnsafeRawBufferPointer(start: base + (range.lowerBound - start), count: range.count)
    }
}
