import Foundation
import Testing
@testable import IATIXML

@Suite struct MarkupGuardTests {
    /// Checks `text` in chunks of `chunk` bytes (1: every boundary a tag can be cut at).
    static func check(_ bytes: [UInt8], chunk: Int = 1) throws {
        var markupGuard = MarkupGuard(file: "t.xml")
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            try bytes[start..<min(start + chunk, bytes.count)].withUnsafeBytes { try markupGuard.check($0) }
        }
    }

    static func check(_ text: String, chunk: Int = 1) throws {
        try check(Array(text.utf8), chunk: chunk)
    }

    static func nested(_ levels: Int, open: String = "<x>", close: String = "</x>") -> String {
        String(repeating: open, count: levels) + String(repeating: close, count: levels)
    }

    @Test func depthAtTheLimitPassesAndOneMoreIsRefusedWithItsLine() throws {
        try Self.check(Self.nested(MarkupGuard.maxDepth), chunk: 7)
        // Empty elements and end tags give their level back.
        try Self.check("<r>" + String(repeating: "<e a='/'/><f></f>", count: 10_000) + "</r>", chunk: 100)
        let error = try #require(throws: IATIXMLError.self) {
            try Self.check("<?xml version='1.0'?>\n<r>\n\n" + Self.nested(MarkupGuard.maxDepth), chunk: 5)
        }
        #expect(error.reason == .tooDeep)
        #expect(error.line == 4)
        #expect(error.description.hasPrefix("t.xml:4: elements nested deeper than 256 levels"))
    }

    @Test func attributesAreCountedOutsideTheirValuesOnly() throws {
        let values = String(repeating: #" a="x > ' / <" "#, count: 10)
        try Self.check("<r" + values + "/>", chunk: 3)
        let many = (0...MarkupGuard.maxAttributes).map { " a\($0)='>'" }.joined()
        let error = try #require(throws: IATIXMLError.self) { try Self.check("<r>\n<x\n" + many + "/></r>", chunk: 64) }
        #expect(error.reason == .tooManyAttributes)
        #expect(error.line == 2)
        let exact = (0..<MarkupGuard.maxAttributes).map { " a\($0)='>'" }.joined()
        try Self.check("<r>\n<x\n" + exact + "/></r>", chunk: 64)
    }

    @Test func commentsCDATAProcessingInstructionsAndDoctypesHideNoTags() throws {
        let inert = Self.nested(MarkupGuard.maxDepth + 10)
        let many = String(repeating: " a=''", count: MarkupGuard.maxAttributes + 10)
        for wrapped in [
            "<!-- \(inert) <x\(many)> -->", "<![CDATA[\(inert)<x\(many)>]]>", "<?pi \(inert) <x\(many)> ?>",
            "<!-- - -- ->\(inert) -->",
        ] {
            try Self.check("<r>" + wrapped + "</r>")
            try Self.check("<r>" + wrapped + "</r>", chunk: 4096)
        }
        let doctype = #"<!DOCTYPE r [ <!ATTLIST r a CDATA "<x>]"> <!-- ' " ]> --> <?pi ]> ?> ]>"#
        try Self.check(doctype + "<r>" + Self.nested(MarkupGuard.maxDepth - 1) + "</r>")
        #expect(throws: IATIXMLError.self) { try Self.check(doctype + "<r>" + Self.nested(MarkupGuard.maxDepth) + "</r>") }
    }

    @Test func wideEncodingsAreReadUnitByUnit() throws {
        let deep = "<?xml version='1.0' encoding='UTF-16'?>\n" + Self.nested(MarkupGuard.maxDepth + 1)
        for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian] {
            let bytes = Array(deep.data(using: encoding)!)
            let error = try #require(throws: IATIXMLError.self) { try Self.check(bytes, chunk: 3) }
            #expect(error.reason == .tooDeep)
            #expect(error.line == 2)
            // Without a declaration, libxml2 (and the guard) knows UTF-16 by its byte order mark.
            let mark: [UInt8] = encoding == .utf16BigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            try Self.check(mark + Array(Self.nested(MarkupGuard.maxDepth).data(using: encoding)!), chunk: 3)
            #expect(throws: IATIXMLError.self) { try Self.check(mark + Array(Self.nested(MarkupGuard.maxDepth + 1).data(using: encoding)!), chunk: 3) }
        }
    }

    @Test func encodingsThatHideMarkupAreRefused() throws {
        for declared in ["UTF-7", "IBM037", "ISO-2022-JP"] {
            let error = try #require(throws: IATIXMLError.self) { try Self.check("<?xml version=\"1.0\" encoding=\"\(declared)\"?><r/>", chunk: 4096) }
            #expect(error.reason == .encoding)
            #expect(error.message.contains(declared))
        }
        for declared in ["UTF-8", "iso-8859-1", "windows-1252"] {
            try Self.check("<?xml version=\"1.0\" encoding=\"\(declared)\"?><r/>", chunk: 4096)
        }
        #expect(throws: IATIXMLError.self) { try Self.check([0x4C, 0x6F, 0xA7, 0x94] + Array(repeating: 0x40, count: 600), chunk: 4096) }
    }
}
