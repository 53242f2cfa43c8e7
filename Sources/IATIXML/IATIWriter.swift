import Foundation
import IATI

/// Streams the model out as an IATI 2.03 document (`iati-activities` or `iati-organisations`),
/// one element at a time: each activity is serialised into a buffer and handed to the sink (a file
/// or memory) as soon as it is complete, so memory stays flat in the number of activities when
/// writing to a file.
///
/// ```swift
/// let writer = try IATIWriter(path: "out.xml")
/// try writer.begin(kind: .activities, generatedDatetime: Date(), namespaces: header.namespaces)
/// for activity in activities { try writer.write(activity) }
/// try writer.end()
/// ```
///
/// What is written is the exact inverse of the model's decoding: reading the output with
/// ``IATIReader`` and decoding it gives back equal values. In detail:
/// - elements in the order of the 2.03 schemas; every attribute the model holds; every narrative
///   with its `xml:lang` as written (`EN` stays `EN`), text exactly as held (white space included);
/// - what the model kept without understanding it is put back: extension attributes on their
///   element, extension elements after the element's known children (where the schema's
///   `xsd:any` is), what one-value elements carried besides their value (``LeafExtension``) on
///   those elements;
/// - namespaces: those given to `begin` are declared on the root; a prefix used by an extension
///   and not declared there is declared on the element that uses it;
/// - escaping: `&`, `<`, `>` always, `"` and tab / line feed / carriage return in attributes as
///   references, carriage return in text as `&#13;`; characters XML 1.0 cannot carry at all (C0
///   controls other than tab, line feed and carriage return, U+FFFE, U+FFFF) become U+FFFD.
///
/// The root is always written as version 2.03: a legacy 1.0x document, which the reader upgrades
/// on the way in, comes out in the 2.03 shape.
///
/// Not thread-safe: one writer is used from one task at a time.
public final class IATIWriter {
    /// The version written on the root.
    public static let version = "2.03"

    private enum State: Equatable {
        case ready
        case open(DocumentHeader.Kind)
        case ended
    }

    private var output = XMLOutput()
    private var state = State.ready
    private let file: FileHandle?
    /// The output's name in errors: the path, or `<memory>` / `<file handle>`.
    private let name: String
    private let ownsFile: Bool
    private var fileClosed = false
    private var memory: [UInt8] = []
    /// What `begin` declared on the root: what a ``RenderedElement`` must have been rendered for.
    private var rootNamespaces: [String: String] = [:]

    /// How many activities or organisations have been written.
    public private(set) var count = 0
    /// How many bytes have been handed to the sink.
    public private(set) var bytesWritten = 0

    /// A writer into memory; the document is in ``bytes``.
    public init() {
        file = nil
        name = "<memory>"
        ownsFile = false
    }

    /// A writer into an open file handle, which stays open after `end()`.
    public init(fileHandle: FileHandle) {
        file = fileHandle
        name = "<file handle>"
        ownsFile = false
    }

    /// A writer into the file at `path`, created or truncated; closed by `end()`.
    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw IATIXMLError(.io, file: path, line: 0, message: "cannot create the file")
        }
        do {
            file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        } catch {
            throw IATIXMLError(.io, file: path, line: 0, message: "cannot open the file for writing: \(error)")
        }
        name = path
        ownsFile = true
    }

    private func failure(_ reason: IATIXMLError.Reason, _ message: String) -> IATIXMLError {
        IATIXMLError(reason, file: name, line: 0, message: message)
    }

    deinit {
        if ownsFile, !fileClosed { try? file?.close() }
    }

    /// Everything written so far, for a writer into memory (empty for a file).
    public var bytes: [UInt8] { memory }

    /// Everything written since the last call, for a writer into memory, which forgets it: a
    /// stream (an HTTP response) takes the document piece by piece, so memory stays flat.
    public func takeBytes() -> [UInt8] {
        defer { memory.removeAll(keepingCapacity: true) }
        return memory
    }

    /// Writes the XML declaration and the root's start tag.
    ///
    /// - Parameters:
    ///   - generatedDatetime: `@generated-datetime`, written in UTC (`2024-05-01T10:00:00Z`).
    ///   - namespaces: prefix to URI, declared on the root (the source document's, from
    ///     ``DocumentHeader/namespaces``, so its extensions keep their prefixes). The default
    ///     namespace (`""`) and `xml` are never declared: IATI's elements have no namespace.
    public func begin(kind: DocumentHeader.Kind, generatedDatetime: Date? = nil, namespaces: [String: String] = [:]) throws {
        guard state == .ready else { throw failure(.order, "begin called twice") }
        output.openRoot(kind, generatedDatetime: generatedDatetime.map(Self.timestamp), namespaces: namespaces)
        rootNamespaces = namespaces
        state = .open(kind)
        try flush()
    }

    /// Writes one `iati-activity`.
    public func write(_ activity: Activity) throws {
        try expect(.activities)
        output.write(activity)
        count += 1
        try flush()
    }

    /// Writes one `iati-organisation`.
    public func write(_ organisation: Organisation) throws {
        try expect(.organisations)
        output.write(organisation)
        count += 1
        try flush()
    }

    /// Writes one `iati-activity` or `iati-organisation` exactly as given: the bytes of an element
    /// that was published as valid 2.03 need no round through the model. Its prefixes must be the
    /// ones declared on the root.
    public func write(verbatim xml: String) throws {
        guard case .open = state else { throw failure(.order, "write called outside begin…end") }
        output.append("\n ")
        output.buffer.append(contentsOf: xml.utf8)
        count += 1
        try flush()
    }

    /// Writes one element rendered ahead of time (see ``RenderedElement``), exactly as `write(_:)`
    /// would have written its model here.
    public func write(_ rendered: RenderedElement) throws {
        if let namespaces = rendered.namespaces, namespaces != rootNamespaces {
            throw failure(.order, "an element rendered for other root namespaces than this document's")
        }
        switch rendered.content {
        case .verbatim(let xml):
            try write(verbatim: xml)
        case .activity(let activity):
            try write(activity)
        case .organisation(let organisation):
            try write(organisation)
        case .bytes(let bytes, let kind):
            try expect(kind)
            output.child(rendered: bytes)
            count += 1
            try flush()
        }
    }

    /// Writes another child of the root as it was read (a registry `registry-record`, an
    /// extension): the schema allows elements of other namespaces after the activities.
    public func write(rootExtension node: XMLNode) throws {
        guard case .open = state else { throw failure(.order, "write called outside begin…end") }
        output.node(node)
        try flush()
    }

    /// Closes the root and hands the rest to the sink; closes the file when the writer opened it.
    public func end() throws {
        guard case .open = state else { throw failure(.order, "end called without begin, or twice") }
        output.end()
        output.append("\n")
        state = .ended
        try flush(force: true)
        if ownsFile, let file, !fileClosed {
            fileClosed = true
            do { try file.close() } catch { throw failure(.io, "cannot close the file: \(error)") }
        }
    }

    /// `@generated-datetime` / `@last-updated-datetime` form of a date: `2024-05-01T10:00:00Z`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    // MARK: Internals

    private func expect(_ kind: DocumentHeader.Kind) throws {
        switch state {
        case .open(kind): return
        case .open(let other):
            throw failure(.wrongKind, "cannot write an \(kind == .activities ? "activity" : "organisation") into an iati-\(other.rawValue) document")
        case .ready: throw failure(.order, "write called before begin")
        case .ended: throw failure(.order, "write called after end")
        }
    }

    /// Bytes a file's buffer gathers before they are written: one system call per element cost
    /// an export of many small activities more than copying them.
    static let fileBufferSize = 1 << 20

    /// Hands the buffer to the sink and empties it; a file's only once it is full, or with `force`.
    private func flush(force: Bool = false) throws {
        guard !output.buffer.isEmpty, file == nil || force || output.buffer.count >= Self.fileBufferSize else { return }
        bytesWritten += output.buffer.count
        if let file {
            do {
                try file.write(contentsOf: output.buffer)
            } catch {
                throw failure(.io, "write failed: \(error)")
            }
        } else {
            memory.append(contentsOf: output.buffer)
        }
        output.buffer.removeAll(keepingCapacity: true)
    }
}
