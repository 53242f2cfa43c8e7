import Foundation
import Hummingbird
import Testing

/// Reading back what pages and exports hold, by readers of the tests' own: the rows of an HTML
/// table, CSV records, and the cells of an XLSX worksheet.
enum PageReading {
    /// The body rows of the table with `id`, each as the text of its cells (tags removed, entities undone).
    static func tableRows(_ html: String, id: String, section: String = "tbody") -> [[String]] {
        guard let start = html.range(of: "id=\"\(id)\""),
              let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex)
        else { return [] }
        let table = html[start.upperBound..<end.lowerBound]
        guard let open = table.range(of: "<\(section)>"), let close = table.range(of: "</\(section)>") else { return [] }
        return table[open.upperBound..<close.lowerBound].components(separatedBy: "<tr").dropFirst().map { row in
            row.replacingOccurrences(of: "</td>", with: "\u{1F}").replacingOccurrences(of: "</th>", with: "\u{1F}")
                .split(separator: "\u{1F}", omittingEmptySubsequences: false).dropLast()
                .map { unescape(stripTags(String($0))).trimmingCharacters(in: .whitespacesAndNewlines) }
        }
    }

    /// The `href` of every link in `html`, entities undone.
    static func links(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map { unescape(String($0)) } }
    }

    static func stripTags(_ text: String) -> String {
        var result = "", inTag = false
        for character in text {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { result.append(character) }
        }
        return result
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// `184,077` → 184077.
    static func number(_ text: String) -> Int? { Int(text.replacingOccurrences(of: ",", with: "")) }

    /// RFC 4180 records: fields split at commas outside quotes, `""` inside quotes a quote, CRLF ending each record.
    static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = ""
        var inQuotes = false, previousWasQuote = false
        for scalar in text.unicodeScalars {
            if inQuotes {
                if scalar == "\"" { inQuotes = false; previousWasQuote = true } else { field.unicodeScalars.append(scalar) }
                continue
            }
            switch scalar {
            case "\"":
                if previousWasQuote { field.append("\"") }
                inQuotes = true
            case ",":
                fields.append(field)
                field = ""
            case "\r":
                break
            case "\n":
                fields.append(field)
                records.append(fields)
                fields = []
                field = ""
            default:
                field.unicodeScalars.append(scalar)
            }
            previousWasQuote = false
        }
        return records
    }

    /// The values of an XLSX file's first worksheet by cell reference (`E2` → `184077000`), read
    /// with `unzip -p` and a scan of its `<c r="…"><v>…</v></c>` and inline-string cells.
    static func xlsxCells(_ data: Data) throws -> [String: String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("webtests-\(UUID()).xlsx")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", file.path, "xl/worksheets/sheet1.xml"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let xml = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
        var cells: [String: String] = [:]
        for piece in xml.components(separatedBy: "<c r=\"").dropFirst() {
            guard let reference = piece.split(separator: "\"").first, let close = piece.range(of: "</c>") else { continue }
            let inner = String(piece[..<close.lowerBound])
            if let value = inner.components(separatedBy: "<v>").dropFirst().first?.components(separatedBy: "</v>").first {
                cells[String(reference)] = value
            } else if let text = inner.components(separatedBy: "<t").dropFirst().first?.split(separator: ">", maxSplits: 1, omittingEmptySubsequences: false).last?
                .components(separatedBy: "</t").first {
                cells[String(reference)] = unescape(text)
            }
        }
        return cells
    }
}

extension DemoSite {
    /// `uri` answers the site's error page with `status`, and nothing of the request comes back as markup.
    static func expectErrorPage(_ uri: String, _ status: HTTPResponse.Status) async throws {
        try await test { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == status, "\(uri)")
            #expect(response.text.contains("class=\"error-message\""), "\(uri)")
            #expect(!response.text.contains("<script>"), "\(uri)")
        }
    }
}
