import IATI
import IATIXML

/// A run of stored elements on their way into an export, in file order: reading them back through
/// the model and rendering them is most of an export's work, so chunks are rendered on other
/// threads while the export's own task only appends the bytes to the file.
struct ExportChunk: Sendable {
    enum Item: Sendable {
        /// Bytes published as valid 2.03, copied as they are.
        case verbatim(String)
        /// An element to read back into the model and write out again.
        case stored(StoredDocument)
    }

    var items: [Item] = []
    /// Organisations rather than activities.
    let organisations: Bool
    /// What the export's root declares.
    let namespaces: [String: String]

    init(organisations: Bool, namespaces: [String: String]) {
        self.organisations = organisations
        self.namespaces = namespaces
    }

    /// The items as the writer puts them in the file, in order. Consecutive stored elements of the
    /// same kind of document are read with one parser.
    func render() throws -> [RenderedElement] {
        var rendered: [RenderedElement] = []
        rendered.reserveCapacity(items.count)
        var index = items.startIndex
        while index < items.endIndex {
            guard case .stored(let first) = items[index] else {
                if case .verbatim(let xml) = items[index] { rendered.append(RenderedElement(verbatim: xml)) }
                index += 1
                continue
            }
            var run = [Array(first.xml.utf8)]
            var end = index + 1
            while end < items.endIndex, case .stored(let next) = items[end], next.legacy == first.legacy, next.namespaces == first.namespaces {
                run.append(Array(next.xml.utf8))
                end += 1
            }
            try IATIReader.elements(xml: run, namespaces: first.namespaces, legacy: first.legacy) { node in
                rendered.append(organisations
                    ? RenderedElement(Organisation(node: node), namespaces: namespaces)
                    : RenderedElement(Activity(node: node), namespaces: namespaces))
            }
            index = end
        }
        return rendered
    }
}
