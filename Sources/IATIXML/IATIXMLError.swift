/// Why a document could not be read or written: the one error type of `IATIXML`.
///
/// It always names the place: the file (or `<memory>`), the line (0 when there is none, as for
/// a file that cannot be opened or a writer used out of order), and what was wrong there.
public struct IATIXMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, Equatable {
        /// The file could not be opened, read or written.
        case io
        /// The XML is not well formed, or ends before its root is closed.
        case malformed
        /// The document declares entities (external ones would read local files or the network,
        /// internal ones can expand exponentially): refused before anything is expanded.
        case entityDeclaration
        /// The file holds no bytes at all (or a compressed file inflates to none).
        case empty
        /// Elements nested deeper than ``MarkupGuard/maxDepth``: refused before libxml2 reads the tag.
        case tooDeep
        /// A start tag with more than ``MarkupGuard/maxAttributes`` attributes: refused before libxml2 reads it.
        case tooManyAttributes
        /// An encoding in which a byte scan cannot see the markup (EBCDIC, UTF-7, ...).
        case encoding
        /// A gzip-compressed file that is corrupt, or inflates to more than ``DocumentInput/maxInflatedSize(compressed:)``.
        case compression
        /// Well-formed XML, but neither `iati-activities` nor `iati-organisations`.
        case notIATI
        /// The caller's handler stopped the read with its own error.
        case handler
        /// A part of a document read on its own did not stop between two children of the container
        /// (see ``IATIReader/read(file:ranges:endsBetweenElements:contentHandler:onChunk:_:)``).
        case partEnd
        /// A writer call out of order: an element before `begin`, anything after `end`, `begin` twice.
        case order
        /// An activity written into an organisations document or the other way round.
        case wrongKind
    }

    public var reason: Reason
    public var file: String
    public var line: Int
    public var message: String

    public init(_ reason: Reason, file: String, line: Int, message: String) {
        self.reason = reason
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
