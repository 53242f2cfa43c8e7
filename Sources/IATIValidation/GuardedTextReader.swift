import CLibXML2
import IATIXML

/// A libxml2 text reader over a file read through ``IATIXML/DocumentInput`` and checked by
/// ``IATIXML/MarkupGuard``, for a look at a document's root (``SchemaValidator/rootName(of:)``):
/// it reads the same bytes as the other passes (a gzip file inflated, within the same bound) and
/// refuses the same markup before libxml2 sees it, so it cannot be kept busy by a hostile file.
final class GuardedTextReader {
    let reader: xmlTextReaderPtr
    private let source: Source

    /// Why the input stopped, when the guard or the file did; libxml2 only sees a read error.
    var refusal: IATIXMLError? { source.refusal }

    private final class Source {
        let input: DocumentInput
        var markupGuard: MarkupGuard
        var refusal: IATIXMLError?

        init(_ input: DocumentInput) {
            self.input = input
            markupGuard = MarkupGuard(file: input.path)
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) -> Int32 {
            guard refusal == nil else { return -1 }
            do {
                let count = try input.read(into: buffer)
                try markupGuard.check(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                return Int32(count)
            } catch let error as IATIXMLError {
                refusal = error
            } catch {
                refusal = IATIXMLError(.io, file: input.path, line: 0, message: "\(error)")
            }
            return -1
        }
    }

    /// A reader with `XML_PARSE_NONET | XML_PARSE_HUGE`; throws when the file cannot be opened.
    init(path: String) throws {
        let source = Source(try DocumentInput(path: path))
        let context = Unmanaged.passRetained(source).toOpaque()
        // libxml2 owns the retained source from here, and releases it through the close callback.
        guard let reader = xmlReaderForIO(
            { context, buffer, length in
                guard let context, let buffer, length > 0 else { return 0 }
                let source = Unmanaged<Source>.fromOpaque(context).takeUnretainedValue()
                return source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length)))
            },
            { context in
                if let context { Unmanaged<Source>.fromOpaque(context).release() }
                return 0
            },
            context, path, nil, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue))
        else {
            throw IATIXMLError(.io, file: path, line: 0, message: "libxml2 could not create a reader")
        }
        self.reader = reader
        self.source = source
    }

    deinit {
        xmlFreeTextReader(reader)
    }
}
