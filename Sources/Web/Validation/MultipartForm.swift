import Foundation
import NIOCore

/// The file of a `multipart/form-data` body (RFC 7578), as browsers send a form with
/// `<input type="file">`: the part's bytes and the file name it came with.
struct MultipartForm {
    struct File {
        var name: String?
        var bytes: ByteBuffer
    }

    /// The boundary of a `multipart/form-data` content type; `nil` for any other type.
    static func boundary(contentType: String?) -> String? {
        guard let contentType else { return nil }
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = part.dropFirst("boundary=".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            // RFC 2046: 1 to 70 characters.
            guard (1...70).contains(value.count) else { return nil }
            return String(value)
        }
        return nil
    }

    /// The part named `field` of `body`, or a 400 saying what is wrong with the body.
    static func file(_ field: String, in body: ByteBuffer, boundary: String) throws -> File {
        let bytes = body.readableBytesView
        let delimiter = Array("--\(boundary)".utf8)
        let headerEnd = Array("\r\n\r\n".utf8)
        let nextDelimiter = Array("\r\n--\(boundary)".utf8)
        guard var cursor = find(delimiter, in: bytes, from: bytes.startIndex) else {
            throw WebError.badRequest("the form's body has no part (no boundary)")
        }
        while true {
            cursor += delimiter.count
            // `--` after a delimiter closes the body.
            if bytes.index(cursor, offsetBy: 2, limitedBy: bytes.endIndex).map({ Array(bytes[cursor..<$0]) == Array("--".utf8) }) == true {
                break
            }
            guard let headersEnd = find(headerEnd, in: bytes, from: cursor) else {
                throw WebError.badRequest("a part of the form has no end to its headers")
            }
            let headers = String(decoding: bytes[cursor..<headersEnd], as: UTF8.self)
            let contentStart = headersEnd + headerEnd.count
            guard let contentEnd = find(nextDelimiter, in: bytes, from: contentStart) else {
                throw WebError.badRequest("the form's body ends inside a part (was the upload cut short?)")
            }
            let disposition = Self.disposition(headers)
            if disposition["name"] == field {
                let start = contentStart - bytes.startIndex, length = contentEnd - contentStart
                guard let slice = body.getSlice(at: body.readerIndex + start, length: length) else {
                    throw WebError.badRequest("a part of the form cannot be read")
                }
                return File(name: disposition["filename"], bytes: slice)
            }
            cursor = contentEnd + 2  // at the delimiter after the CRLF
        }
        throw WebError.badRequest("the form has no field “\(field)”: choose a file to validate")
    }

    /// The parameters of the `Content-Disposition` header among a part's headers (`name`, `filename`).
    static func disposition(_ headers: String) -> [String: String] {
        for line in headers.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            var values: [String: String] = [:]
            for parameter in parts[1].split(separator: ";").dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                var value = pair[1].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                values[pair[0].trimmingCharacters(in: .whitespaces).lowercased()] = value
            }
            return values
        }
        return [:]
    }

    /// The index of the first occurrence of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: ByteBufferView, from start: ByteBufferView.Index) -> ByteBufferView.Index? {
        guard let first = needle.first, haystack.endIndex - start >= needle.count else { return nil }
        var index = start
        let last = haystack.endIndex - needle.count
        while index <= last {
            // Skip to the next candidate first byte, then compare the rest.
            guard let candidate = haystack[index...last].firstIndex(of: first) else { return nil }
            var matches = true
            for offset in 1..<needle.count where haystack[candidate + offset] != needle[offset] {
                matches = false
                break
            }
            if matches { return candidate }
            index = candidate + 1
        }
        return nil
    }
}
