import CLibXML2
import Foundation
import IATIXML
import TestSupport
import Testing

@testable import IATIValidation

/// Reads `xml` and builds the DOM of each element, handing them to `body` in order.
private func documents(_ xml: String, _ body: (ActivityDocument) throws -> Void) throws {
    let cache = XPathCache()
    var header: DocumentHeader?
    var index = 0
    try IATIReader().read(bytes: Array(xml.utf8)) { event in
        switch event {
        case .header(let found): header = found
        case .activity(let element), .organisation(let element):
            index += 1
            try body(try ActivityDocument(source: element, header: header!, index: index, cache: cache))
        case .envelope: break
        }
    }
}

@Suite struct ActivityDocumentTests {
    let xml = """
        <?xml version="1.0"?>
        <iati-activities version="2.03" xmlns:ext="http://example.org/ext"
                         generated-datetime="2020-01-01T00:00:00">
          <iati-activity>
            <iati-identifier>A-1</iati-identifier>
          </iati-activity>
          <iati-activity>
            <iati-identifier>A-2</iati-identifier>
            <sector code="1"/>
            <sector
                code="2"/>
            <ext:note ext:kind="x">extension</ext:note>
          </iati-activity>
        </iati-activities>
        """

    @Test func linesAndPathsPointIntoTheOriginalFile() throws {
        var seen: [String] = []
        try documents(xml) { document in
            seen.append(document.identifier ?? "-")
            if document.index == 2 {
                let sectors = document.nodes("sector", at: document.element)
                #expect(sectors.count == 2)
                #expect(document.line(of: sectors[0]) == 9)
                #expect(document.line(of: sectors[1]) == 10)
                let code = document.nodes("sector[2]/@code", at: document.element)
                #expect(code.count == 1)
                #expect(document.string(of: code[0]) == "2")
                #expect(document.line(of: code[0]) == 10)
                #expect(document.path(of: code[0]) == "/iati-activities/iati-activity[2]/sector[2]/@code")
                #expect(document.line(of: document.element) == 7)
                #expect(document.path(of: document.element) == "/iati-activities/iati-activity[2]")
            } else {
                #expect(document.line(of: document.element) == 4)
                #expect(document.path(of: document.nodes("iati-identifier", at: document.element)[0])
                    == "/iati-activities/iati-activity[1]/iati-identifier")
            }
        }
        #expect(seen == ["A-1", "A-2"])
    }

    @Test func namespacesOfTheDocumentAreInScope() throws {
        try documents(xml) { document in
            guard document.index == 2 else { return }
            // The prefix is declared on the container only: the wrapper carries it.
            let notes = document.nodes("*[local-name() = 'note']/@*[local-name() = 'kind']", at: document.element)
            #expect(notes.count == 1)
            #expect(document.string(of: notes[0]) == "x")
            #expect(document.line(of: notes[0]) == 12)
        }
    }

    @Test func xpathValuesOfEveryType() throws {
        try documents(xml) { document in
            guard document.index == 2 else { return }
            #expect(document.boolean("count(sector) = 2", at: document.element) == true)
            #expect(document.boolean("sector[@code = '3']", at: document.element) == false)
            if case .number(let count)? = document.evaluate("count(sector)", at: document.element) {
                #expect(count == 2)
            } else {
                Issue.record("count() is not a number")
            }
            if case .string(let text)? = document.evaluate("string(iati-identifier)", at: document.element) {
                #expect(text == "A-2")
            } else {
                Issue.record("string() is not a string")
            }
            #expect(document.evaluate("sector[", at: document.element) == nil)
        }
    }

    @Test func legacyElementsAreBuiltFromTheUpgradedTreeOnTheirLines() throws {
        let legacy = """
            <?xml version="1.0"?>
            <iati-activities version="1.03">
              <iati-activity>
                <iati-identifier>L-1</iati-identifier>
                <title>Old title</title>
                <transaction>
                  <transaction-type code="D"/>
                  <value>10</value>
                </transaction>
              </iati-activity>
            </iati-activities>
            """
        var count = 0
        try documents(legacy) { document in
            count += 1
            // 1.0x text content becomes a narrative, transaction-type letters become numbers.
            let narrative = document.nodes("title/narrative", at: document.element)
            #expect(narrative.count == 1)
            #expect(narrative.first.map { document.string(of: $0) } == "Old title")
            let type = document.nodes("transaction/transaction-type/@code", at: document.element)
            #expect(type.first.map { document.string(of: $0) } == "3")
            #expect(type.first.map { document.line(of: $0) } == 7)
            #expect(document.nodes("transaction", at: document.element).first.map { document.line(of: $0) } == 6)
        }
        #expect(count == 1)
    }

    @Test func organisationsAreWrappedInTheirContainer() throws {
        try documents(ValidationFixtures.organisation()) { document in
            #expect(document.kind == .organisations)
            #expect(document.identifier == "XM-DAC-41114")
            let value = document.nodes("recipient-country-budget/budget-line/value/@value-date", at: document.element)
            #expect(value.first.map { document.path(of: $0) }
                == "/iati-organisations/iati-organisation[1]/recipient-country-budget/budget-line/value/@value-date")
        }
    }
}

@Suite struct ActivityDocumentPathTests {
    /// ``ActivityDocument/path(of:)`` makes paths itself (once per element): on every element,
    /// attribute and text node of every activity and organisation in the samples (legacy files
    /// upgraded, namespaced extensions, mixed content), it writes what `xmlGetNodePath` writes.
    @Test(arguments: Fixtures.samples)
    func pathsAreLibxml2s(sample: String) throws {
        let cache = XPathCache()
        var header: DocumentHeader?
        var index = 0
        var compared = 0
        var differences: [String] = []
        try IATIReader(buildsTrees: false).read(file: sample) { event in
            switch event {
            case .header(let found): header = found
            case .activity(let element), .organisation(let element):
                index += 1
                let document = try ActivityDocument(source: element, header: header!, index: index, cache: cache)
                func visit(_ node: xmlNodePtr) {
                    var attribute = node.pointee.properties
                    while let current = attribute {
                        let pointer = UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)
                        compared += 1
                        if document.path(of: pointer) != document.libxmlPath(of: pointer) { differences.append(document.libxmlPath(of: pointer)) }
                        attribute = current.pointee.next
                    }
                    var child = node.pointee.children
                    while let current = child {
                        if [XML_ELEMENT_NODE, XML_TEXT_NODE, XML_CDATA_SECTION_NODE].contains(current.pointee.type) {
                            compared += 1
                            if document.path(of: current) != document.libxmlPath(of: current) { differences.append(document.libxmlPath(of: current)) }
                        }
                        if current.pointee.type == XML_ELEMENT_NODE { visit(current) }
                        child = current.pointee.next
                    }
                }
                compared += 1
                #expect(document.path(of: document.element) == document.libxmlPath(of: document.element))
                visit(document.element)
            case .envelope: break
            }
        }
        #expect(differences.prefix(5) == [])
        #expect(index == 0 || compared > index)
    }
}
