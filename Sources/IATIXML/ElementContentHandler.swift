/// Sees the inside of each `iati-activity` as libxml2 parses it, instead of a tree.
///
/// For a caller that wants a few values of every activity (the store's projections) a tree per
/// activity costs more than the parse itself. With a content handler the reader hands 2.0x
/// UTF-8 activities over with their bytes and their own start tag only, and reports their
/// elements, attributes and text here as they are parsed, the activity's own start tag first and
/// its end tag last, before the ``IATIReader/Event/activity(_:)`` event. Legacy and re-encoded
/// activities, which are upgraded or rewritten on a tree, and organisations still come as trees.
package protocol ElementContentHandler: AnyObject {
    /// The names the handler tells apart: element local names, attribute local names, and
    /// `xml:lang`. Names are reported by their index in this list.
    var names: [String] { get }
    /// An element opens. `name` is its index in ``names``, or -1 for any other name and for every
    /// element in a namespace (IATI elements have none).
    func startElement(_ name: Int, attributes: ElementAttributes)
    /// Character data of the innermost open element (possibly in several pieces).
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
    /// The innermost open element closes.
    func endElement(_ name: Int)
    /// The bytes of the activity just reported, exactly as published, valid during the call only
    /// (after its end tag, before its ``IATIReader/Event/activity(_:)`` event). A handler that
    /// keeps them returns `true`, and the event's ``SourceElement/xml`` then comes empty: the
    /// bytes are not copied twice.
    func takeBytes(_ bytes: UnsafeRawBufferPointer) -> Bool
}

extension ElementContentHandler {
    package func takeBytes(_ bytes: UnsafeRawBufferPointer) -> Bool { false }
}

/// The attributes of an element being reported to an ``ElementContentHandler``; valid only during
/// the call.
package struct ElementAttributes {
    /// libxml2's attribute array: five pointers per attribute (local name, prefix, URI, value start, value end).
    let raw: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    /// Each attribute's index in the handler's names, or -1.
    let codes: UnsafeBufferPointer<Int>

    package var count: Int { codes.count }

    /// The attribute's name as an index in the handler's ``ElementContentHandler/names``, or -1.
    package func name(at index: Int) -> Int { codes[index] }

    /// The value's bytes as written, except that libxml2 gives each `&` as `&#38;`; see
    /// ``decodedValue(at:)``.
    package func rawValue(at index: Int) -> UnsafeBufferPointer<UInt8> {
        guard let raw, let start = raw[5 * index + 3], let end = raw[5 * index + 4] else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: start, count: end - start)
    }

    /// Whether the raw value needs decoding (it holds an `&`).
    package func needsDecoding(at index: Int) -> Bool {
        rawValue(at: index).contains(UInt8(ascii: "&"))
    }

    /// The value with every `&#38;` turned back into `&`.
    package func decodedValue(at index: Int) -> [UInt8] {
        Self.decode(rawValue(at: index))
    }

    /// Without entity substitution libxml2 hands every `&` of an attribute value (written `&amp;` or
    /// `&#38;`) over as `&#38;`, to be parsed again later; so each one stands for `&`.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let entity = Array("&#38;".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), index + entity.count <= bytes.count,
               bytes[index..<(index + entity.count)].elementsEqual(entity) {
                result.append(UInt8(ascii: "&"))
                index += entity.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }
}
