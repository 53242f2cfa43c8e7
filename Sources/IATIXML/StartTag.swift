import CLibXML2

/// Where the start tag that libxml2's SAX parser is reporting began. Every pass that names an
/// element's line (the import's reader, the schema pass) asks here, so their lines agree.
public enum StartTag {
    /// The document offset of the `<` that opened the element being reported, and the newlines
    /// within its tag; `nil` when the parser's input no longer holds it.
    public static func position(in context: xmlParserCtxtPtr?) -> (offset: Int, newlines: Int)? {
        guard let input = context?.pointee.input?.pointee, let base = input.base, var cursor = input.cur else { return nil }
        var newlines = 0
        while cursor > base {
            cursor -= 1
            if cursor.pointee == UInt8(ascii: "<") { return (Int(input.consumed) + (cursor - base), newlines) }
            if cursor.pointee == 10 { newlines += 1 }
        }
        return nil
    }

    /// The line of the `<` that opened the element being reported (libxml2 counts lines to the
    /// end of the tag); `position` is ``position(in:)``'s answer, when it is known already.
    public static func line(in context: xmlParserCtxtPtr?, position: (offset: Int, newlines: Int)?) -> Int {
        max(1, Int(context?.pointee.input?.pointee.line ?? 1) - (position?.newlines ?? 0))
    }
}
