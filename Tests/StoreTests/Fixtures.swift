import Foundation

/// The test fixtures of the repository: the real IATI samples and hand-made hostile files.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let samples: [String] = {
        let folder = root.appendingPathComponent("samples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { folder.appendingPathComponent($0).path }
    }()

    static func hostile(_ name: String) -> String {
        root.appendingPathComponent("hostile").appendingPathComponent(name).path
    }

    static func bytes(_ path: String) -> [UInt8] {
        Array((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data())
    }

    /// How often a start tag with this exact name occurs in the raw bytes: a count that does not go through libxml2.
    static func countStartTags(_ name: String, in bytes: [UInt8]) -> Int {
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
}
