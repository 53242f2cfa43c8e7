import Foundation

/// The rows of a small comma-separated table (RFC 4180 quoting), header first: the bundled
/// reference tables and the ECB's rate file.
struct CSVTable {
    var header: [String]
    var rows: [[String]]

    init(text: String) {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return characters.next()
        }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = following }
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\r": break
            case "\n":
                record.append(field); field = ""
                records.append(record); record = []
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        header = records.first?.map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        rows = Array(records.dropFirst()).filter { !($0.count == 1 && $0[0].isEmpty) }
    }

    /// Reads a table bundled with the module.
    static func resource(_ name: String) throws -> CSVTable {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { throw PortfolioError("the bundled table \(name).csv is missing") }
        return CSVTable(text: text)
    }

    /// A table bundled with the module, read by `make`. The tables are part of the build, so one
    /// that does not read stops the program, naming the table and the row.
    static func bundled<Value>(_ name: String, as make: (CSVTable) throws -> Value) -> Value {
        do {
            return try make(resource(name))
        } catch {
            preconditionFailure("\(error)")
        }
    }

    /// Where the column `name` is in each row.
    func column(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else { throw PortfolioError("the table has no column \(name)") }
        return index
    }
}
