import IATI

/// One `iati-activity` or `iati-organisation` turned into bytes before its turn in the document,
/// so that the model can be serialised on other threads while ``IATIWriter`` only appends.
///
/// What ``IATIWriter/write(_:)-(RenderedElement)`` then puts in the file is byte for byte what
/// writing the model there would have given: the element is rendered with the root's namespace
/// bindings in scope, and an element whose bytes would depend on what came before it in the
/// document (a prefix made up for an undeclared namespace, numbered through the whole document)
/// keeps its model and is written by the writer when its turn comes.
public struct RenderedElement: Sendable {
    enum Content: Sendable {
        case bytes([UInt8], DocumentHeader.Kind)
        case activity(Activity)
        case organisation(Organisation)
        case verbatim(String)
    }

    let content: Content
    /// The namespaces the root was assumed to declare; `nil` for published bytes.
    let namespaces: [String: String]?

    /// `activity` as ``IATIWriter`` writes it into a document begun with `namespaces`.
    public init(_ activity: Activity, namespaces: [String: String]) {
        self.namespaces = namespaces
        var output = Self.output(.activities, namespaces: namespaces)
        output.write(activity)
        content = output.generatedPrefix ? .activity(activity) : .bytes(output.buffer, .activities)
    }

    /// `organisation` as ``IATIWriter`` writes it into a document begun with `namespaces`.
    public init(_ organisation: Organisation, namespaces: [String: String]) {
        self.namespaces = namespaces
        var output = Self.output(.organisations, namespaces: namespaces)
        output.write(organisation)
        content = output.generatedPrefix ? .organisation(organisation) : .bytes(output.buffer, .organisations)
    }

    /// Published bytes, written as ``IATIWriter/write(verbatim:)`` does.
    public init(verbatim xml: String) {
        namespaces = nil
        content = .verbatim(xml)
    }

    /// An output inside an open root like the writer's, with nothing in its buffer yet.
    private static func output(_ kind: DocumentHeader.Kind, namespaces: [String: String]) -> XMLOutput {
        var output = XMLOutput()
        output.openRoot(kind, generatedDatetime: nil, namespaces: namespaces)
        output.buffer.removeAll(keepingCapacity: true)
        // Most elements fit, so the buffer is not grown and copied again and again.
        output.buffer.reserveCapacity(16 * 1024)
        return output
    }
}
