import Foundation
import TestSupport
import IATI
import Testing
@testable import IATIXML

@Suite struct IATIReaderTests {
    struct Read {
        var header: DocumentHeader?
        var activities: [SourceElement] = []
        var organisations: [SourceElement] = []
        var envelope: [XMLNode] = []
    }

    static func read(_ path: String, chunkSize: Int = 64 * 1024) throws -> Read {
        var read = Read()
        try IATIReader(chunkSize: chunkSize).read(file: path) { event in
            switch event {
            case .header(let header): read.header = header
            case .activity(let element): read.activities.append(element)
            case .organisation(let element): read.organisations.append(element)
            case .envelope(let node): read.envelope.append(node)
            }
        }
        return read
    }

    @Test func everySampleIsThere() {
        #expect(Fixtures.samples.count == 34)
    }

    @Test(arguments: Fixtures.samples)
    func readsEverySampleWithTheCountsInTheFile(path: String) throws {
        let bytes = Fixtures.bytes(path)
        // A small chunk size makes elements straddle chunks, which the byte slicing must survive.
        let read = try Self.read(path, chunkSize: 4096)
        let header = try #require(read.header)
        #expect(read.activities.count == Fixtures.countStartTags("iati-activity", in: bytes))
        #expect(read.organisations.count == Fixtures.countStartTags("iati-organisation", in: bytes))
        let transactions = read.activities.reduce(0) { $0 + Activity(node: $1.node).transactions.count }
        #expect(transactions == Fixtures.countStartTags("transaction", in: bytes))
        #expect(header.kind == (read.organisations.isEmpty ? .activities : .organisations))
    }

    @Test(arguments: Fixtures.samples)
    func storedBytesAreTheBytesOfTheFile(path: String) throws {
        let bytes = Fixtures.bytes(path)
        let read = try Self.read(path, chunkSize: 4096)
        for element in read.activities + read.organisations {
            let offset = try #require(element.offset, "element at line \(element.line) was written out again instead of sliced")
            #expect(Array(bytes[offset..<(offset + element.xml.count)]) == element.xml)
            #expect(element.xml.starts(with: Array("<iati-".utf8)))
        }
    }

    @Test(arguments: Fixtures.samples)
    func storedElementReadsBackToTheSameModel(path: String) throws {
        let read = try Self.read(path)
        let namespaces = try #require(read.header).namespaces
        for element in read.activities {
            let again = try IATIReader.element(xml: element.xml, namespaces: namespaces, legacy: element.upgraded)
            #expect(Activity(node: again) == Activity(node: element.node), "activity at line \(element.line)")
        }
        for element in read.organisations {
            let again = try IATIReader.element(xml: element.xml, namespaces: namespaces, legacy: element.upgraded)
            #expect(Organisation(node: again) == Organisation(node: element.node))
        }
    }

    @Test(arguments: Fixtures.samples)
    func storedElementsReadTogetherAsAlone(path: String) throws {
        let read = try Self.read(path)
        let namespaces = try #require(read.header).namespaces
        for elements in [read.activities, read.organisations] where !elements.isEmpty {
            let legacy = elements[0].upgraded
            var together: [XMLNode] = []
            try IATIReader.elements(xml: elements.map(\.xml), namespaces: namespaces, legacy: legacy) { together.append($0) }
            let alone = try elements.map { try IATIReader.element(xml: $0.xml, namespaces: namespaces, legacy: legacy) }
            #expect(together == alone)
        }
    }

    @Test func aBadStoredElementAmongOthersFailsAsAlone() throws {
        let good = Array("<iati-activity><iati-identifier>XM-1</iati-identifier></iati-activity>".utf8)
        let bad = Array("<iati-activity><title></iati-activity>".utf8)
        let alone = #expect(throws: IATIXMLError.self) { try IATIReader.element(xml: bad, namespaces: [:], legacy: false) }
        var handed: [XMLNode] = []
        let together = #expect(throws: IATIXMLError.self) {
            try IATIReader.elements(xml: [good, bad, good], namespaces: [:], legacy: false) { handed.append($0) }
        }
        #expect(together == alone)
        #expect(handed == [try IATIReader.element(xml: good, namespaces: [:], legacy: false)])
        // Two elements in one stored slice are not two elements.
        var split: [XMLNode] = []
        try IATIReader.elements(xml: [good + good, good], namespaces: [:], legacy: false) { split.append($0) }
        #expect(split.count == 2)
    }

    @Test func legacyFilesAreUpgraded() throws {
        let path = try #require(Fixtures.samples.first { $0.hasSuffix("att_unitedstates-tz_302_1.0.xml") })
        let read = try Self.read(path)
        #expect(read.header?.isLegacy == true)
        #expect(read.activities.allSatisfy { $0.upgraded })
        let types = Set(read.activities.flatMap { Activity(node: $0.node).transactions.compactMap(\.transactionType) })
        #expect(!types.isEmpty)
        #expect(types.allSatisfy { Int($0) != nil }, "letter codes left: \(types)")
        let congo = try Self.read(try #require(Fixtures.samples.first { $0.hasSuffix("ckanext_undp-congo_1.0_656acts.xml") }))
        let titles = congo.activities.compactMap { Activity(node: $0.node).title?.text() }
        #expect(titles.count == 548, "1.0 titles are text content: upgraded to narratives")
        #expect(titles.first == "DDR A L'EST DE LA RDC")
    }

    @Test func registryRecordsAreKeptAsEnvelope() throws {
        let path = try #require(Fixtures.samples.first { $0.hasSuffix("dqtester_sample_1.02.xml") })
        let read = try Self.read(path)
        #expect(read.envelope.contains { $0.name == "registry-record" && $0.namespace != nil })
        #expect(read.activities.count == 273)
    }

    @Test func dPortalExtraAttributesAndUpperCaseLanguagesAreKept() throws {
        let path = try #require(Fixtures.samples.first { $0.hasSuffix("dportal_dflat_downloads_activities_100acts.xml") })
        let read = try Self.read(path)
        #expect(read.header?.version == nil)
        let first = try #require(read.activities.first)
        #expect(first.node[attribute: "dataset"] != nil)
        let languages = Set(read.activities.compactMap { Activity(node: $0.node).lang })
        #expect(languages.contains("FR"))
    }

    @Test func truncatedFileFailsWithFileAndLine() throws {
        let path = try #require(Fixtures.samples.first { $0.hasSuffix("iaticloud_nl-mfa_XM-DAC-7_13acts.xml") })
        let bytes = Fixtures.bytes(path)
        let truncated = FileManager.default.temporaryDirectory.appendingPathComponent("truncated-\(UUID()).xml")
        try Data(bytes[0..<(bytes.count / 2)]).write(to: truncated)
        defer { try? FileManager.default.removeItem(at: truncated) }
        let error = try #require(throws: IATIXMLError.self) { try Self.read(truncated.path) }
        #expect(error.reason == .malformed)
        #expect(error.file == truncated.path)
        #expect(error.line > 1)
        #expect(error.description.hasPrefix(truncated.path + ":"))
    }

    @Test func malformedFileNamesTheLine() throws {
        let error = try #require(throws: IATIXMLError.self) { try Self.read(Fixtures.hostile("malformed.xml")) }
        #expect(error.reason == .malformed)
        #expect(error.line == 9)
        #expect(error.message.contains("title"))
    }

    @Test func externalEntityIsRefusedAndNeverRead() throws {
        var texts: [String] = []
        let error = try #require(throws: IATIXMLError.self) {
            try IATIReader().read(file: Fixtures.hostile("xxe.xml")) { event in
                if case .activity(let element) = event { texts.append(element.node.children.map(\.text).joined()) }
            }
        }
        #expect(error.reason == .entityDeclaration)
        #expect(error.line == 3)
        #expect(error.message.contains("xxe"))
        #expect(texts.isEmpty)
    }

    @Test func entityExpansionBombIsRefused() throws {
        let error = try #require(throws: IATIXMLError.self) { try Self.read(Fixtures.hostile("billion-laughs.xml")) }
        #expect(error.reason == .entityDeclaration)
        #expect(error.line == 3)
    }

    @Test func documentWithoutIATIContainerIsRefused() throws {
        let error = try #require(throws: IATIXMLError.self) { try Self.read(Fixtures.hostile("not-iati.xml")) }
        #expect(error.reason == .notIATI)
    }

    @Test func missingFileIsAnIOError() throws {
        let error = try #require(throws: IATIXMLError.self) { try Self.read("/nonexistent/file.xml") }
        #expect(error.reason == .io)
    }

    @Test func otherEncodingsAreDecodedAndWrittenOutAgainInUTF8() throws {
        let read = try Self.read(Fixtures.hostile("latin1.xml"))
        let element = try #require(read.activities.first)
        let activity = Activity(node: element.node)
        #expect(activity.title?.text(in: "fr") == "Développement à Genève")
        #expect(element.offset == nil)
        let again = try IATIReader.element(xml: element.xml, namespaces: [:], legacy: false)
        #expect(Activity(node: again) == activity)
    }

    @Test func containerMayBeWrappedAndNamespacesAreCollected() throws {
        let xml = """
            <registry xmlns:ext="urn:example:ext"><meta>x</meta>
            <iati-activities version="2.03" xmlns:akvo="http://akvo.org/iati-activities">
             <iati-activity akvo:label="7" ext:flag="y"><iati-identifier>XM-W-1</iati-identifier><akvo:photo url="p.jpg"/></iati-activity>
            </iati-activities></registry>
            """
        var activities: [SourceElement] = []
        var header: DocumentHeader?
        try IATIReader().read(bytes: Array(xml.utf8)) { event in
            if case .activity(let element) = event { activities.append(element) }
            if case .header(let found) = event { header = found }
        }
        let found = try #require(header)
        #expect(found.namespaces == ["ext": "urn:example:ext", "akvo": "http://akvo.org/iati-activities"])
        let element = try #require(activities.first)
        #expect(element.line == 3)
        let again = try IATIReader.element(xml: element.xml, namespaces: found.namespaces, legacy: false)
        #expect(again == element.node)
        #expect(again.children.contains { $0.name == "photo" && $0.namespace == "http://akvo.org/iati-activities" })
    }

    @Test func handlerErrorStopsTheRead() throws {
        struct Stop: Error {}
        var seen = 0
        let path = try #require(Fixtures.samples.first { $0.hasSuffix("iaticloud_iom_XM-DAC-47066_577acts.xml") })
        let error = try #require(throws: IATIXMLError.self) {
            try IATIReader().read(file: path) { event in
                if case .activity = event {
                    seen += 1
                    if seen == 3 { throw Stop() }
                }
            }
        }
        #expect(error.reason == .handler)
        #expect(seen == 3)
    }

    @Test(arguments: Fixtures.samples)
    func withoutTreesTheBytesAndLinesAreTheSame(path: String) throws {
        let full = try Self.read(path)
        var shallow: [SourceElement] = []
        try IATIReader(chunkSize: 4096, buildsTrees: false).read(file: path) { event in
            if case .activity(let element) = event { shallow.append(element) }
            if case .organisation(let element) = event { shallow.append(element) }
        }
        let whole = full.activities + full.organisations
        #expect(shallow.map(\.xml) == whole.map(\.xml))
        #expect(shallow.map(\.line) == whole.map(\.line))
        #expect(shallow.map(\.offset) == whole.map(\.offset))
        for (light, heavy) in zip(shallow, whole) {
            // Legacy elements are upgraded on their tree, so they always come whole.
            #expect(light.node.children.isEmpty == !heavy.upgraded || light.node == heavy.node)
            #expect(light.node.attributes == heavy.node.attributes || heavy.upgraded)
        }
    }
}
