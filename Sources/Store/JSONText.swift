import Foundation

/// JSON as text: string literals written by hand (for ``JSONWriter`` and small bodies), and
/// texts in several languages and small lists, kept as JSON text in one column.
public enum JSONText {
    /// `value` as a JSON string literal, quotes included.
    /// - Parameter escapingMarkup: writes `<` as `\u003c`, so the text can never close a `<script>` in a page.
    public static func string(_ value: String, escapingMarkup: Bool = false) -> String {
        var bytes: [UInt8] = []
        appendString(value, to: &bytes, escapingMarkup: escapingMarkup)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` as a JSON string literal to `bytes`, byte by byte: every byte of a multi-byte
    /// UTF-8 sequence is 0x80 or more, so only ASCII needs a look.
    static func appendString(_ value: String, to bytes: inout [UInt8], escapingMarkup: Bool = false) {
        var value = value
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || (escapingMarkup && byte == 0x3C) else { continue }
                bytes.append(contentsOf: utf8[start..<index])
                start = index + 1
                switch byte {
                case 0x22: bytes += [0x5C, 0x22]  // \"
                case 0x5C: bytes += [0x5C, 0x5C]  // \\
                case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
                case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
                case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
                default: bytes += Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
                }
            }
            bytes.append(contentsOf: utf8[start...])
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError(.database, "a stored JSON text cannot be read: \(error)")
        }
    }
}
