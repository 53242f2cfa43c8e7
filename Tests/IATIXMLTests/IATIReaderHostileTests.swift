import Foundation
import IATI
import Testing
import TestSupport
@testable import IATIXML

/// Files whose cost would grow far faster than their size: each is refused within seconds, naming
/// the line, or read as its plain form is.
@Suite struct IATIReaderHostileTests {
    static func activities(_ path: String, buildsTrees: Bool = true) throws -> Int {
        var count = 0
        try IATIReader(buildsTrees: buildsTrees).read(file: path) { event in
            if case .activity = event { count += 1 }
        }
        return count
    }

    @Test func deepNestingIsRefusedBeforeAnyTreeIsBuilt() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let deep = try files.deepNesting(levels: 200_000)
        for buildsTrees in [true, false] {
            let error = try #require(throws: IATIXMLError.self) { try Self.activities(deep, buildsTrees: buildsTrees) }
            #expect(error.reason == .tooDeep)
            #expect(error.description.hasPrefix("\(deep):5: elements nested deeper than 256 levels"))
        }
        // At the limit the tree is built, walked, compared and freed.
        let atLimit = try files.deepNesting(levels: MarkupGuard.maxDepth - 2)
        var node: XMLNode?
        try IATIReader().read(file: atLimit) { if case .activity(let element) = $0 { node = element.node } }
        let tree = try #require(node)
        #expect(tree == tree)
        #expect(tree.xmlString().count > 3 * MarkupGuard.maxDepth)
        #expect(try IATIReader.element(xml: Array(tree.xmlString().utf8), namespaces: [:], legacy: false) == tree)
    }

    @Test func tooManyAttributesAreRefusedBeforeLibxml2ComparesThem() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let path = try files.manyAttributes(count: 200_000)
        let error = try #require(throws: IATIXMLError.self) { try Self.activities(path) }
        #expect(error.reason == .tooManyAttributes)
        #expect(error.description.hasPrefix("\(path):5: a start tag with more than 1000 attributes"))
        #expect(try Self.activities(files.manyAttributes(count: MarkupGuard.maxAttributes)) == 1)
    }

    @Test func emptyFileSaysSo() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let path = try files.empty()
        let error = try #require(throws: IATIXMLError.self) { try Self.activities(path) }
        #expect(error.reason == .empty)
        #expect(error.description == "\(path):0: the file is empty")
    }

    @Test func gzipFileIsReadAsItsPlainForm() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let plain = try files.duplicateIdentifiers(count: 300)
        let compressed = try files.gzip(plain, as: "duplicates.xml.gz")
        #expect(try Self.activities(compressed) == 300)
        #expect(try Self.activities(compressed, buildsTrees: false) == 300)
        // Hostile markup inside is refused as it is in the plain file.
        let deep = try files.gzip(files.deepNesting(levels: 1_000), as: "deep.xml.gz")
        #expect(throws: IATIXMLError(.tooDeep, file: deep, line: 5, message: "elements nested deeper than 256 levels (IATI needs fewer than 20): refused before parsing")) {
            try Self.activities(deep)
        }
        let empty = try files.gzip(files.empty(), as: "empty.xml.gz")
        #expect(throws: IATIXMLError(.empty, file: empty, line: 0, message: "the file is empty")) { try Self.activities(empty) }
    }

    @Test func truncatedOrCorruptGzipIsRefused() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let compressed = Fixtures.bytes(try files.gzip(files.duplicateIdentifiers(count: 300), as: "d.xml.gz"))
        let truncated = try files.write("", as: "truncated.xml.gz")
        try Data(compressed[0..<(compressed.count / 2)]).write(to: URL(fileURLWithPath: truncated))
        let error = try #require(throws: IATIXMLError.self) { try Self.activities(truncated) }
        #expect(error.reason == .compression || error.reason == .malformed)
        var corrupt = compressed
        for index in 20..<60 { corrupt[index] ^= 0x5A }
        try Data(corrupt).write(to: URL(fileURLWithPath: truncated))
        #expect(throws: IATIXMLError.self) { try Self.activities(truncated) }
    }

    @Test func gzipBombIsRefusedOnceItInflatesPastTheBound() throws {
        let files = try HostileFiles()
        defer { files.remove() }
        let bomb = try files.gzipBomb(megabytes: 200)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: bomb)[.size] as? Int)
        #expect(DocumentInput.maxInflatedSize(compressed: size) < 200 << 20)
        let error = try #require(throws: IATIXMLError.self) { try Self.activities(bomb) }
        #expect(error.reason == .compression)
        #expect(error.message.contains("gzip bomb"))
    }
}
