import Foundation
import IATI
import TestSupport
import Testing
@testable import IATIXML

@Suite struct IATIWriterTests {
    // MARK: Helpers

    struct Document {
        var header: DocumentHeader?
        var activities: [Activity] = []
        var organisations: [Organisation] = []
        var envelope: [XMLNode] = []
    }

    static func read(file path: String) throws -> Document {
        var document = Document()
        try IATIReader().read(file: path) { document.add($0) }
        return document
    }

    static func read(bytes: [UInt8]) throws -> Document {
        var document = Document()
        try IATIReader().read(bytes: bytes, name: "<written>") { document.add($0) }
        return document
    }

    /// Writes what was read into memory, as the store's export would.
    static func write(_ document: Document) throws -> [UInt8] {
        let writer = IATIWriter()
        let header = try #require(document.header)
        try writer.begin(kind: header.kind, generatedDatetime: Date(timeIntervalSince1970: 1_700_000_000), namespaces: header.namespaces)
        for activity in document.activities { try writer.write(activity) }
        for organisation in document.organisations { try writer.write(organisation) }
        try writer.end()
        return writer.bytes
    }

    static func roundTrip(_ activity: Activity, namespaces: [String: String] = [:]) throws -> (Activity, String) {
        let writer = IATIWriter()
        try writer.begin(kind: .activities, namespaces: namespaces)
        try writer.write(activity)
        try writer.end()
        let again = try read(bytes: writer.bytes)
        #expect(again.activities.count == 1)
        return (try #require(again.activities.first), String(decoding: writer.bytes, as: UTF8.self))
    }

    /// The top-level properties in which two values differ, to say where a round trip went wrong.
    static func differences<T>(_ lhs: T, _ rhs: T) -> [String] {
        let left = Mirror(reflecting: lhs).children
        let right = Array(Mirror(reflecting: rhs).children)
        return zip(left, right).compactMap { l, r in
            String(describing: l.value) == String(describing: r.value) ? nil : (l.label ?? "?")
        }
    }

    static let xsdFolder = Fixtures.repository.appendingPathComponent("Sources/IATIValidation/Resources/schemas")

    static func schema(for kind: DocumentHeader.Kind) -> String {
        xsdFolder.appendingPathComponent(kind == .activities ? "iati-activities-schema.xsd" : "iati-organisations-schema.xsd").path
    }

    static let xmllint: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/xmllint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `xmllint --noout --huge --schema`: its exit status and its messages.
    static func validate(_ file: String, kind: DocumentHeader.Kind) throws -> (status: Int32, messages: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(xmllint))
        process.arguments = ["--noout", "--huge", "--schema", schema(for: kind), file]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-writer-\(UUID().uuidString)-\(name)").path
    }

    /// The samples the README's xmllint column marks "validates".
    static let validSamples: [String] = {
        let readme = Fixtures.repository.appendingPathComponent("Samples/iati/README.md")
        let text = (try? String(contentsOf: readme, encoding: .utf8)) ?? ""
        let names = text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `"), line.contains("| validates |") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        }
        return Fixtures.samples.filter { path in names.contains { path.hasSuffix("/" + $0) } }
    }()

    /// The samples whose root says 1.0x (read up to the header only).
    static let legacySamples: [String] = Fixtures.samples.filter { path in
        struct Stop: Error {}
        var legacy = false
        try? IATIReader(chunkSize: 16 * 1024).read(file: path) { event in
            if case .header(let header) = event {
                legacy = header.isLegacy
                throw Stop()
            }
        }
        return legacy
    }

    // MARK: (a) Escaping

    @Test func textEscaping() {
        #expect(XMLEscaping.text("a & b < c > d \"q\" 'x'") == "a &amp; b &lt; c &gt; d \"q\" 'x'")
        #expect(XMLEscaping.text("]]>") == "]]&gt;")
        #expect(XMLEscaping.text("tab\tline\ncr\r") == "tab\tline\ncr&#13;")
        #expect(XMLEscaping.text("plain ünïcödé 😀 עברית") == "plain ünïcödé 😀 עברית")
        #expect(XMLEscaping.text("nul\u{0}bell\u{7}vt\u{B}ff\u{C}esc\u{1B}") == "nul\u{FFFD}bell\u{FFFD}vt\u{FFFD}ff\u{FFFD}esc\u{FFFD}")
        #expect(XMLEscaping.text("\u{FFFE}\u{FFFF}\u{FFFD}\u{EFFF}") == "\u{FFFD}\u{FFFD}\u{FFFD}\u{EFFF}")
    }

    /// The byte-wise escaping against the rule applied a character at a time, on text mixing
    /// markup, controls, full-width punctuation (whose UTF-8 starts like U+FFFE's) and both non-characters.
    @Test func escapingEqualsTheRuleCharacterByCharacter() {
        let alphabet: [Unicode.Scalar] = ["a", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1F}", "\u{7F}", "é", "全",
                                          "，", "（", "\u{FEFF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{EFBF}", "😀"]
        // XML 1.0's `Char` production: no C0 controls other than tab, line feed and carriage return, no U+FFFE / U+FFFF.
        func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
            default: false
            }
        }
        func reference(_ text: String, attribute: Bool) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\r": out += "&#13;"
                case "\"" where attribute: out += "&quot;"
                case "\t" where attribute: out += "&#9;"
                case "\n" where attribute: out += "&#10;"
                default: out.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
                }
            }
            return out
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) { text.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            #expect(XMLEscaping.text(text) == reference(text, attribute: false), "\(Array(text.unicodeScalars))")
            #expect(XMLEscaping.attribute(text) == reference(text, attribute: true), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func attributeEscaping() {
        #expect(XMLEscaping.attribute("a & b < c > d") == "a &amp; b &lt; c &gt; d")
        #expect(XMLEscaping.attribute("say \"hi\" it's") == "say &quot;hi&quot; it's")
        #expect(XMLEscaping.attribute("tab\tline\ncr\r") == "tab&#9;line&#10;cr&#13;")
        #expect(XMLEscaping.attribute("x\u{1}y\u{1F}z") == "x\u{FFFD}y\u{FFFD}z")
        #expect(XMLEscaping.attribute("plain") == "plain")
    }

    @Test func hostileTextSurvivesTheRoundTrip() throws {
        let nasty = "  Fish & chips <b>bold</b> \"quoted\" 'single' ]]> &amp; \t tab\nnew line\r\ncr lf\r 😀 עברית  "
        let activity = Activity(
            lang: "EN",
            iatiIdentifier: "XM-1 & <2>",
            reportingOrg: ReportingOrg(ref: "A\"B'C", name: NarrativeText(narratives: [Narrative(text: nasty, lang: "fr")])),
            title: NarrativeText(narratives: [
                Narrative(text: nasty), Narrative(text: "", lang: "en"), Narrative(text: "  ", lang: ""),
            ]),
            results: [Result(indicators: [Indicator(baselines: [
                Baseline(value: " 1 & 2\t\"3\"\n4\r5 ", dimensions: [Dimension(name: "sex", value: "<m>\t&\n\"f\"")]),
            ])])])
        let (again, xml) = try Self.roundTrip(activity)
        #expect(again == activity, "differs in \(Self.differences(again, activity))")
        #expect(xml.contains("XM-1 &amp; &lt;2&gt;"))
        #expect(xml.contains("ref=\"A&quot;B'C\""))
        #expect(xml.contains("value=\" 1 &amp; 2&#9;&quot;3&quot;&#10;4&#13;5 \""))
    }

    @Test func controlCharactersCannotBreakTheDocument() throws {
        let activity = Activity(
            iatiIdentifier: "ID\u{1}",
            title: NarrativeText(narratives: [Narrative(text: "bell\u{7} nul\u{0} \u{FFFF}")]),
            legacyData: [LegacyData(name: "n", value: "v\u{8}")])
        let (again, _) = try Self.roundTrip(activity)
        #expect(again.iatiIdentifier == "ID\u{FFFD}")
        #expect(again.title?.narratives.first?.text == "bell\u{FFFD} nul\u{FFFD} \u{FFFD}")
        #expect(again.legacyData.first?.value == "v\u{FFFD}")
    }

    /// libxml2 hands `&amp;` in an attribute value over as `&#38;`; the model must hold `&`.
    @Test func readerDecodesAmpersandsInAttributes() throws {
        let xml = #"<iati-activities version="2.03"><iati-activity><document-link url="https://x.org/?a=1&amp;b=2"/></iati-activity></iati-activities>"#
        var url: String?
        try IATIReader().read(bytes: Array(xml.utf8)) { event in
            if case .activity(let element) = event { url = Activity(node: element.node).documentLinks.first?.url }
        }
        #expect(url == "https://x.org/?a=1&b=2")
    }

    // MARK: Shape of the output

    @Test func elementsComeInSchemaOrder() throws {
        let activity = Activity(
            iatiIdentifier: "ID",
            reportingOrg: ReportingOrg(ref: "R", name: NarrativeText(narratives: [Narrative(text: "Org")])),
            title: NarrativeText(narratives: [Narrative(text: "T")]),
            descriptions: [Description(narrative: NarrativeText(narratives: [Narrative(text: "D")]))],
            participatingOrgs: [ParticipatingOrg(ref: "P", role: "1")],
            activityStatus: "2",
            activityDates: [ActivityDate(type: "1", isoDate: "2020-01-01")],
            sectors: [Sector(code: "11110")],
            budgets: [Budget(type: "1", periodStart: "2020-01-01", periodEnd: "2020-12-31", value: Value(text: "10", valueDate: "2020-01-01"))],
            transactions: [Transaction(
                transactionType: "2", transactionDate: "2020-02-01", value: Value(text: "5", valueDate: "2020-02-01"),
                aidTypes: [AidType(code: "C01")])])
        let (_, xml) = try Self.roundTrip(activity)
        let order = ["<iati-identifier>", "<reporting-org", "<title>", "<description>", "<participating-org",
                     "<activity-status", "<activity-date", "<sector", "<budget ", "<transaction>"]
        let positions = order.map { xml.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(xml)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let budget = ["<period-start", "<period-end", "<value"].map { xml.range(of: $0)!.lowerBound }
        #expect(budget == budget.sorted())
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\""))
    }

    @Test func extensionsAndNamespacesAreWrittenBack() throws {
        let xml = """
            <iati-activities version="2.03" xmlns:akvo="http://akvo.org/iati-activities">
             <iati-activity akvo:version="3" dataset="d-portal" xml:lang="en" xmlns:usg="http://www.usaid.gov/2016">
              <iati-identifier usg:checked="yes">ID-1</iati-identifier>
              <activity-status code="2" usg:label="Implementation">Implementation</activity-status>
              <sector code="111" usg:weight="high"><narrative xml:lang="EN" usg:src="x">Education</narrative><usg:note a="1">n<usg:sub/>m</usg:note></sector>
              <akvo:photo akvo:caption="Site &amp; view">https://akvo.org/p.jpg</akvo:photo>
              <other xmlns="urn:default"><inner>text</inner><plain xmlns="">in no namespace</plain></other>
              <registry xmlns:ir="http://iatiregistry.org/ns/record#" ir:a="1"><ir:b/></registry>
              <activity-status/>
              <transaction><transaction-type code="2"/><value currency="EUR">  10 <usg:fx rate="1.1"/></value></transaction>
             </iati-activity>
            </iati-activities>
            """
        let first = try Self.read(bytes: Array(xml.utf8))
        let header = try #require(first.header)
        let activity = try #require(first.activities.first)
        #expect(activity.extensions.count == 4)
        #expect(!activity.leafExtensions.isEmpty)
        let (again, written) = try Self.roundTrip(activity, namespaces: header.namespaces)
        #expect(again == activity, "differs in \(Self.differences(again, activity))")
        #expect(written.contains("<iati-activities version=\"2.03\" xmlns:akvo=\"http://akvo.org/iati-activities\">"))
        #expect(written.contains("xmlns:usg=\"http://www.usaid.gov/2016\""))
        // Without the root's declarations, every prefix is declared where it is used.
        let (alone, _) = try Self.roundTrip(activity)
        #expect(alone == activity, "differs in \(Self.differences(alone, activity))")
    }

    @Test func iatiElementsKeptAsExtensionsGoBackToTheirPlace() throws {
        let xml = """
            <iati-activities version="2.03" xmlns:akvo="http://akvo.org/iati-activities">
             <iati-activity>
              <iati-identifier>A</iati-identifier>
              <title><narrative>First</narrative></title>
              <title><narrative>Second</narrative></title>
              <default-tied-status code=""/>
              <transaction><transaction-type code="1"/><transaction-date/></transaction>
              <akvo:x/>
             </iati-activity>
             <iati-activity>
              <iati-identifier>B</iati-identifier>
              <akvo:x/>
              <default-tied-status code=""/>
              <transaction><transaction-type code="1"/></transaction>
             </iati-activity>
            </iati-activities>
            """
        let read = try Self.read(bytes: Array(xml.utf8))
        #expect(read.activities.count == 2)
        #expect(read.activities[0].extensions.map(\.qualifiedName) == ["title", "default-tied-status", "akvo:x"])
        #expect(read.activities[0].transactions.first?.extensions.map(\.name) == ["transaction-date"])
        let writer = IATIWriter()
        try writer.begin(kind: .activities, namespaces: try #require(read.header).namespaces)
        for activity in read.activities { try writer.write(activity) }
        try writer.end()
        let written = String(decoding: writer.bytes, as: UTF8.self)
        let again = try Self.read(bytes: writer.bytes)
        #expect(again.activities == read.activities)
        let first = try #require(written.range(of: "<iati-activity>\n")).upperBound
        let second = try #require(written.range(of: "<iati-activity>\n", range: first..<written.endIndex)).lowerBound
        let one = String(written[first..<second])
        let places = ["Second", "<default-tied-status", "<transaction>", "<transaction-date/>", "</transaction>", "<akvo:x/>"]
            .map { one.range(of: $0)?.lowerBound }
        #expect(places.allSatisfy { $0 != nil } && places.compactMap { $0 } == places.compactMap { $0 }.sorted(), "\(one)")
        // A foreign element before an IATI one keeps them both, in their order, at the end.
        let two = String(written[second...])
        let foreign = try #require(two.range(of: "<akvo:x/>")).lowerBound
        let status = try #require(two.range(of: "<default-tied-status")).lowerBound
        let transaction = try #require(two.range(of: "<transaction>")).lowerBound
        #expect(transaction < foreign && foreign < status)
    }

    @Test func writerCallsOutOfOrderAreRefused() throws {
        let writer = IATIWriter()
        #expect(throws: IATIXMLError.self) { try writer.write(Activity()) }
        try writer.begin(kind: .organisations)
        let wrong = try #require(throws: IATIXMLError.self) { try writer.write(Activity()) }
        #expect(wrong.reason == .wrongKind)
        try writer.write(Organisation(organisationIdentifier: "XM-1"))
        try writer.end()
        #expect(throws: IATIXMLError.self) { try writer.end() }
        #expect(writer.count == 1)
        let again = try Self.read(bytes: writer.bytes)
        #expect(again.header?.kind == .organisations)
        #expect(again.organisations == [Organisation(organisationIdentifier: "XM-1")])
    }

    @Test func fileSinkWritesTheSameBytesAsMemory() throws {
        let path = try #require(Self.validSamples.first)
        let document = try Self.read(file: path)
        let header = try #require(document.header)
        let out = Self.temporaryFile("file-sink.xml")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let writer = try IATIWriter(path: out)
        try writer.begin(kind: header.kind, generatedDatetime: Date(timeIntervalSince1970: 1_700_000_000), namespaces: header.namespaces)
        for activity in document.activities { try writer.write(activity) }
        try writer.end()
        #expect(writer.bytes.isEmpty)
        #expect(Fixtures.bytes(out) == (try Self.write(document)))
        #expect(writer.bytesWritten == Fixtures.bytes(out).count)
        #expect(try Self.read(file: out).activities == document.activities)
    }

    @Test(arguments: Fixtures.samples)
    func renderedElementsWriteTheSameBytes(path: String) throws {
        let document = try Self.read(file: path)
        let header = try #require(document.header)
        let writer = IATIWriter()
        try writer.begin(kind: header.kind, generatedDatetime: Date(timeIntervalSince1970: 1_700_000_000), namespaces: header.namespaces)
        for activity in document.activities { try writer.write(RenderedElement(activity, namespaces: header.namespaces)) }
        for organisation in document.organisations { try writer.write(RenderedElement(organisation, namespaces: header.namespaces)) }
        try writer.end()
        #expect(writer.bytes == (try Self.write(document)))
    }

    @Test func renderedElementsWithMadeUpPrefixesAreWrittenInPlace() throws {
        // An attribute in a namespace with no prefix gets one made up, numbered through the document.
        let odd = XMLAttribute(name: "flag", namespace: "urn:example:odd", value: "1")
        let activities = (1...2).map { Activity(iatiIdentifier: "XM-\($0)", extensionAttributes: [odd]) }
        let document = Document(header: DocumentHeader(kind: .activities, version: "2.03", attributes: [], namespaces: [:], line: 1), activities: activities)
        let writer = IATIWriter()
        try writer.begin(kind: .activities, generatedDatetime: Date(timeIntervalSince1970: 1_700_000_000))
        for activity in activities { try writer.write(RenderedElement(activity, namespaces: [:])) }
        try writer.end()
        let expected = try Self.write(document)
        #expect(writer.bytes == expected)
        #expect(String(decoding: expected, as: UTF8.self).contains("ns2:flag"))
        // Rendered for another root, an element is refused rather than written wrong.
        let other = IATIWriter()
        try other.begin(kind: .activities)
        #expect(throws: IATIXMLError.self) { try other.write(RenderedElement(activities[0], namespaces: ["x": "urn:x"])) }
    }

    @Test func generatedDatetimeIsUTC() {
        #expect(IATIWriter.timestamp(Date(timeIntervalSince1970: 1_700_000_000)) == "2023-11-14T22:13:20Z")
    }

    // MARK: (b) Round trip of every sample

    @Test(arguments: Fixtures.samples)
    func everySampleRoundTrips(path: String) throws {
        let original = try Self.read(file: path)
        let header = try #require(original.header)
        #expect(original.activities.count + original.organisations.count > 0)
        let written = try Self.write(original)
        let again = try Self.read(bytes: written)
        #expect(again.header?.kind == header.kind)
        #expect(again.header?.version == IATIWriter.version)
        #expect(again.activities.count == original.activities.count)
        #expect(again.organisations.count == original.organisations.count)
        var reported = 0
        for (index, (before, after)) in zip(original.activities, again.activities).enumerated() where before != after && reported < 3 {
            reported += 1
            Issue.record("activity \(index) (\(before.iatiIdentifier ?? "?")) differs in \(Self.differences(before, after))")
        }
        for (index, (before, after)) in zip(original.organisations, again.organisations).enumerated() where before != after {
            Issue.record("organisation \(index) differs in \(Self.differences(before, after))")
        }
        // Writing is deterministic: the written document writes itself again byte for byte.
        #expect(try Self.write(again) == written)
    }

    // MARK: (c) Valid in, valid out

    @Test func theREADMEListsValidSamples() {
        #expect(Self.validSamples.count >= 10, "README verdicts not found: \(Self.validSamples)")
    }

    @Test(.enabled(if: IATIWriterTests.xmllint != nil, "xmllint is not installed"), arguments: IATIWriterTests.validSamples)
    func validSampleIsStillValidWhenWritten(path: String) throws {
        let document = try Self.read(file: path)
        let kind = try #require(document.header).kind
        let out = Self.temporaryFile(URL(fileURLWithPath: path).lastPathComponent)
        defer { try? FileManager.default.removeItem(atPath: out) }
        try Data(try Self.write(document)).write(to: URL(fileURLWithPath: out))
        let (status, messages) = try Self.validate(out, kind: kind)
        #expect(status == 0, "\(messages.split(separator: "\n").prefix(10).joined(separator: "\n"))")
        #expect(messages.contains("validates"))
    }

    // MARK: (d) Legacy files come out as 2.03

    @Test func legacySamplesAreFound() {
        #expect(Self.legacySamples.count == 9)
    }

    /// Writes each upgraded 1.0x sample and counts, from xmllint's messages, the activities
    /// (or organisations) without a schema error.
    @Test(.enabled(if: IATIWriterTests.xmllint != nil, "xmllint is not installed"), arguments: IATIWriterTests.legacySamples)
    func legacySampleIsWrittenAs203(path: String) throws {
        let document = try Self.read(file: path)
        let header = try #require(document.header)
        #expect(header.isLegacy)
        let written = try Self.write(document)
        let out = Self.temporaryFile(URL(fileURLWithPath: path).lastPathComponent)
        defer { try? FileManager.default.removeItem(atPath: out) }
        try Data(written).write(to: URL(fileURLWithPath: out))
        let (status, messages) = try Self.validate(out, kind: header.kind)
        // 0 valid, 3 schema-invalid; anything else (not well formed, schema not loaded) is a failure.
        #expect(status == 0 || status == 3, "\(messages.prefix(2000))")

        let element = header.kind == .activities ? "  <iati-activity" : "  <iati-organisation"
        let lines = String(decoding: written, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let starts = lines.indices.filter { lines[$0].hasPrefix(element + " ") || lines[$0].hasPrefix(element + ">") }.map { $0 + 1 }
        #expect(starts.count == document.activities.count + document.organisations.count)
        var invalid = Set<Int>()
        var outside = 0
        for message in messages.split(separator: "\n") where message.hasPrefix(out + ":") {
            guard let line = Int(message.dropFirst(out.count + 1).prefix { $0.isNumber }) else { continue }
            if let index = starts.lastIndex(where: { $0 <= line }) { invalid.insert(index) } else { outside += 1 }
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        print("legacy \(name): \(starts.count - invalid.count) of \(starts.count) written \(header.kind == .activities ? "activities" : "organisations") validate against 2.03\(outside > 0 ? "; \(outside) errors outside any" : "")")
        if status == 0 { #expect(invalid.isEmpty) }
    }
}

extension IATIWriterTests.Document {
    mutating func add(_ event: IATIReader.Event) {
        switch event {
        case .header(let header): self.header = header
        case .activity(let element): activities.append(Activity(node: element.node))
        case .organisation(let element): organisations.append(Organisation(node: element.node))
        case .envelope(let node): envelope.append(node)
        }
    }
}
