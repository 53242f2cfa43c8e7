import Foundation

/// Refuses, before libxml2 parses them, the shapes of markup whose cost grows far faster than
/// their size: elements nested deeper than ``maxDepth`` (every walk over a tree recurses once per
/// level, and a deep enough file crashes it) and start tags with more than ``maxAttributes``
/// attributes (libxml2 compares each attribute's name with every other one's: 200,000 attributes,
/// 2 MB, keep a core busy for minutes).
///
/// It lexes just enough XML to see start tags, end tags and attribute values in the bytes as they
/// come, chunk by chunk: text and attribute values are skipped with `memchr`, so the scan costs
/// little beside the parse (about a third of libxml2's own time, measured without callbacks). It reads the markup of every encoding libxml2 detects from the first
/// bytes (8-bit encodings that keep ASCII as it is, UTF-16, UCS-4) and refuses the others (EBCDIC,
/// or a declared encoding that could hide a `<`, such as UTF-7): a byte scan cannot see their tags.
///
/// Libxml2 stops at the first well-formedness error and the scan follows XML's lexical rules up to
/// it, so the two agree on every byte the parser acts on.
public struct MarkupGuard: Sendable {
    /// libxml2's own limit without `XML_PARSE_HUGE`; IATI documents need fewer than 20 levels.
    public static let maxDepth = 256
    /// IATI elements have at most a dozen attributes; at this many libxml2's pairwise check is still cheap.
    public static let maxAttributes = 1_000

    private enum State {
        case text, open, startTag, quoted, endTag
        case bang, bangDash, comment, cdata, processingInstruction, declaration, declarationQuoted, subset
    }

    /// How code units are laid out, found from the first bytes as libxml2 finds them.
    private enum Layout: Equatable {
        case undecided, bytes, utf16(bigEndian: Bool), ucs4(bigEndian: Bool)
        var width: Int {
            switch self {
            case .undecided, .bytes: 1
            case .utf16: 2
            case .ucs4: 4
            }
        }
    }

    let file: String
    private var layout = Layout.undecided
    private var state = State.text
    private var quote: UInt8 = 0
    /// Whether the last byte of a start tag outside its values was `/` (an empty element).
    private var slash = false
    /// How many of the bytes that end a comment (`-->`), a CDATA section (`]]>`) or a processing
    /// instruction (`?>`) were just seen.
    private var closing = 0
    /// Inside a DOCTYPE's internal subset, where comments and processing instructions return to.
    private var inSubset = false
    private var depth = 0
    private var attributes = 0
    /// The line the next chunk starts on, and that of the `<` of a tag still open at the end of the last one.
    private var line = 1
    private var openTagLine = 1
    /// Bytes of a unit cut by the end of the chunk, for the next chunk.
    private var carry: [UInt8] = []

    public init(file: String) {
        self.file = file
    }

    /// Scans the next bytes of the document; throws ``IATIXMLError`` (naming the line of the tag)
    /// at the first element too deep or with too many attributes, or for an encoding it cannot read.
    public mutating func check(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        guard layout != .undecided else {
            // The layout is decided on the first bytes and the XML declaration, whichever chunks they come in.
            carry += bytes
            guard carry.count >= 512 || (carry.count >= 4 && carry.contains(UInt8(ascii: ">"))) else { return }
            let head = carry
            carry = []
            try head.withUnsafeBytes { try decideLayout($0) }
            try head.withUnsafeBytes { try check($0) }
            return
        }
        guard layout.width > 1 else { return try scan(bytes) }
        // Each unit becomes one byte: itself when ASCII, else 0x80, which is nothing to the lexer.
        var units = carry + Array(bytes)
        let whole = units.count - units.count % layout.width
        carry = Array(units[whole...])
        units.removeLast(units.count - whole)
        var narrow: [UInt8] = []
        narrow.reserveCapacity(whole / layout.width)
        var index = 0
        while index < whole {
            var value: UInt32 = 0
            for offset in 0..<layout.width {
                let byte = UInt32(units[index + offset])
                switch layout {
                case .utf16(true), .ucs4(true): value = value << 8 | byte
                default: value |= byte << (8 * offset)
                }
            }
            narrow.append(value < 0x80 ? UInt8(value) : 0x80)
            index += layout.width
        }
        try narrow.withUnsafeBytes { try scan($0) }
    }

    private mutating func decideLayout(_ bytes: UnsafeRawBufferPointer) throws {
        let head = Array(bytes.prefix(4)) + Array(repeating: 0xFF, count: max(0, 4 - bytes.count))
        switch (head[0], head[1], head[2], head[3]) {
        case (0x00, 0x00, 0x00, 0x3C): layout = .ucs4(bigEndian: true)
        case (0x3C, 0x00, 0x00, 0x00): layout = .ucs4(bigEndian: false)
        case (0xFE, 0xFF, _, _), (0x00, 0x3C, 0x00, 0x3F): layout = .utf16(bigEndian: true)
        case (0xFF, 0xFE, _, _), (0x3C, 0x00, 0x3F, 0x00): layout = .utf16(bigEndian: false)
        case (0x4C, 0x6F, 0xA7, 0x94), (0x00, 0x00, 0x3C, 0x00), (0x00, 0x3C, 0x00, 0x00):
            throw IATIXMLError(.encoding, file: file, line: 1, message: "the document is in an encoding DevCoop does not read (EBCDIC or unusual UCS-4); IATI files are UTF-8")
        default:
            layout = .bytes
            if let encoding = Self.declaredEncoding(bytes), !Self.keepsASCII(encoding) {
                throw IATIXMLError(.encoding, file: file, line: 1, message: "the document declares the encoding '\(encoding)', which DevCoop does not read; IATI files are UTF-8")
            }
        }
    }

    /// The `encoding` of an XML declaration at the start of `bytes`, if any.
    static func declaredEncoding(_ bytes: UnsafeRawBufferPointer) -> String? {
        var head = Array(bytes.prefix(512))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        guard head.starts(with: Array("<?xml".utf8)) else { return nil }
        let declaration = String(decoding: head.prefix { $0 != UInt8(ascii: ">") }, as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// Whether an 8-bit encoding writes the ASCII characters of markup as ASCII and never uses
    /// their bytes inside another character (so a byte scan sees every tag).
    static func keepsASCII(_ encoding: String) -> Bool {
        let name = encoding.lowercased()
        let families = [
            "utf-8", "utf8", "us-ascii", "ascii", "iso-8859", "iso8859", "iso_8859", "latin", "windows-", "cp125", "cp850",
            "cp437", "koi8", "shift_jis", "shift-jis", "sjis", "euc-", "euc_", "gb", "big5", "utf-16", "utf16",
        ]
        return families.contains { name.hasPrefix($0) }
    }

    private mutating func scan(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let end = base + bytes.count
        var cursor = base
        // The lexer's state in locals for the loop (stored properties cost a load and store per byte).
        var state = state, quote = quote, slash = slash, closing = closing, inSubset = inSubset
        var depth = depth, attributes = attributes
        /// The `<` of the last tag begun in this chunk.
        var tag: UnsafePointer<UInt8>?
        var refusal: (reason: IATIXMLError.Reason, message: String)?
        scanning: while cursor < end {
            let byte = cursor.pointee
            switch state {
            case .text:
                guard let found = Self.find(UInt8(ascii: "<"), from: cursor, to: end) else {
                    cursor = end
                    continue
                }
                cursor = found
                tag = cursor
                state = .open
            case .open:
                switch byte {
                case UInt8(ascii: "/"): state = .endTag
                case UInt8(ascii: "!"): state = .bang
                case UInt8(ascii: "?"): state = .processingInstruction; closing = 0
                default:
                    state = .startTag
                    depth += 1
                    attributes = 0
                    slash = false
                    if depth > Self.maxDepth {
                        refusal = (.tooDeep, "elements nested deeper than \(Self.maxDepth) levels (IATI needs fewer than 20)")
                        break scanning
                    }
                    continue  // the byte is the name's first
                }
            case .startTag:
                // Names and white space go by in a tight loop: only quotes and `>` matter here.
                var found = cursor
                while found < end, found.pointee != UInt8(ascii: "\""), found.pointee != UInt8(ascii: "'"),
                      found.pointee != UInt8(ascii: ">") {
                    found += 1
                }
                if found > cursor { slash = (found - 1).pointee == UInt8(ascii: "/") }
                cursor = found
                guard cursor < end else { continue }
                if cursor.pointee == UInt8(ascii: ">") {
                    // `/>`: an empty element gives its level back at once.
                    if slash { depth -= 1 }
                    state = .text
                } else {
                    attributes += 1
                    if attributes > Self.maxAttributes {
                        refusal = (.tooManyAttributes, "a start tag with more than \(Self.maxAttributes) attributes")
                        break scanning
                    }
                    quote = cursor.pointee
                    slash = false
                    state = .quoted
                }
            case .quoted, .declarationQuoted:
                guard let found = Self.find(quote, from: cursor, to: end) else {
                    cursor = end
                    continue
                }
                cursor = found
                state = state == .quoted ? .startTag : .declaration
            case .endTag:
                guard let found = Self.find(UInt8(ascii: ">"), from: cursor, to: end) else {
                    cursor = end
                    continue
                }
                cursor = found
                depth -= 1
                state = .text
            case .bang:
                switch byte {
                case UInt8(ascii: "-"): state = .bangDash
                case UInt8(ascii: "["): state = .cdata; closing = 0
                default: state = .declaration
                }
            case .bangDash:
                state = byte == UInt8(ascii: "-") ? .comment : .declaration
                closing = 0
            case .comment:
                if byte == UInt8(ascii: ">"), closing >= 2 { state = inSubset ? .subset : .text }
                closing = byte == UInt8(ascii: "-") ? closing + 1 : 0
            case .cdata:
                if byte == UInt8(ascii: ">"), closing >= 2 { state = .text }
                closing = byte == UInt8(ascii: "]") ? closing + 1 : 0
            case .processingInstruction:
                if byte == UInt8(ascii: ">"), closing >= 1 { state = inSubset ? .subset : .text }
                closing = byte == UInt8(ascii: "?") ? 1 : 0
            case .declaration:
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    quote = byte
                    state = .declarationQuoted
                case UInt8(ascii: "[") where !inSubset:
                    inSubset = true
                    state = .subset
                case UInt8(ascii: ">"):
                    state = inSubset ? .subset : .text
                default: break
                }
            case .subset:
                switch byte {
                case UInt8(ascii: "]"):
                    // The rest of the DOCTYPE, up to its `>`.
                    inSubset = false
                    state = .declaration
                case UInt8(ascii: "<"):
                    tag = cursor
                    state = .open
                default: break
                }
            }
            cursor += 1
        }
        (self.state, self.quote, self.slash, self.closing, self.inSubset) = (state, quote, slash, closing, inSubset)
        (self.depth, self.attributes) = (depth, attributes)
        // Lines are counted once per chunk; a tag's line only when it fails or spans two chunks.
        let tagLine = tag.map { line + Self.newlines(UnsafeBufferPointer(start: base, count: $0 - base)) } ?? openTagLine
        if let refusal { throw IATIXMLError(refusal.reason, file: file, line: tagLine, message: "\(refusal.message): refused before parsing") }
        if state != .text { openTagLine = tagLine }
        line += Self.newlines(UnsafeBufferPointer(start: base, count: bytes.count))
    }

    /// The first `byte` in `start..<end`: most spans in XML are a few bytes (white space between
    /// tags, codes, dates), shorter than what a call to `memchr` costs, which takes the long ones.
    @inline(__always)
    private static func find(_ byte: UInt8, from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        var cursor = start
        let near = min(end, start + 16)
        while cursor < near {
            if cursor.pointee == byte { return cursor }
            cursor += 1
        }
        guard cursor < end, let found = memchr(cursor, Int32(byte), end - cursor) else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
    }

    /// Eight bytes at a time: far cheaper than the lexer per byte.
    static func newlines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let words = bytes.count / 8
        var count = 0
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        for index in 0..<words {
            // A byte of `x` is zero exactly where the input holds a newline; its high bit marks it.
            let x = UnsafeRawPointer(base + 8 * index).loadUnaligned(as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            count += (~(((x & low) &+ low) | x | low)).nonzeroBitCount
        }
        for index in (8 * words)..<bytes.count where base[index] == 10 { count += 1 }
        return count
    }
}
