import IATI

/// One `iati-activity` or `iati-organisation` as read from a document.
public struct SourceElement: Sendable {
    /// The element in the 2.03 shape: for a legacy 1.0x document, already upgraded.
    public var node: XMLNode
    /// The bytes of the element exactly as published (UTF-8), from `<iati-activity` to its end tag.
    /// For a document in another encoding this is the element written out again in UTF-8.
    public var xml: [UInt8]
    /// The line of its start tag in the document.
    public var line: Int
    /// Whether `node` was upgraded from a 1.0x document.
    public var upgraded: Bool
    /// Where `xml` starts in the document's bytes; `nil` when it was written out again.
    public var offset: Int?

    public init(node: XMLNode, xml: [UInt8], line: Int, upgraded: Bool, offset: Int?) {
        self.node = node
        self.xml = xml
        self.line = line
        self.upgraded = upgraded
        self.offset = offset
    }
}
