import Foundation

/// The test fixtures of the repository: the real IATI samples (`Samples/iati`, also the demo data)
/// and hand-made hostile files.
public enum Fixtures {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    public static let root = repository.appendingPathComponent("Tests/Fixtures")

    public static let samples: [String] = {
        let folder = repository.appendingPathComponent("Samples/iati")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { folder.appendingPathComponent($0).path }
    }()

    public static func hostile(_ name: String) -> String {
        root.appendingPathComponent("hostile").appendingPathComponent(name).path
    }

    public static func bytes(_ path: String) -> [UInt8] {
        Array((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data())
    }

    /// How often a start tag with this exact name occurs in the raw bytes: a count that does not go through libxml2.
    public static func countStartTags(_ name: String, in bytes: [UInt8]) -> Int {
        let needle = Array("<\(name)".utf8)
        var count = 0
        var index = 0
        let end = bytes.count - needle.count
        while index < end {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) {
                let next = bytes[index + needle.count]
                if next == 32 || next == 9 || next == 10 || next == 13 || next == UInt8(ascii: ">") || next == UInt8(ascii: "/") {
                    count += 1
                }
                index += needle.count
            } else {
                index += 1
            }
        }
        return count
    }

    /// xmllint's schema verdict on each sample (file name → validates), from the table in
    /// `Samples/iati/README.md`.
    public static let schemaVerdicts: [String: Bool] = {
        let readme = (try? String(contentsOf: repository.appendingPathComponent("Samples/iati/README.md"), encoding: .utf8)) ?? ""
        var verdicts: [String: Bool] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 8 else { continue }
            verdicts[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells[7] == "validates"
        }
        return verdicts
    }()
}
