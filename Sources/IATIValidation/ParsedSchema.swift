import CLibXML2
import Foundation
import NIOConcurrencyHelpers

/// One XML Schema parsed by libxml2, freed with this object. Whoever holds it (an
/// ``ExclusivePool`` lends it) is the only thread using it.
final class ParsedSchema {
    let schema: xmlSchemaPtr
    /// libxml2 2.9 sets up its built-in schema types on the first parse without a lock.
    private static let parsing = NIOLock()

    init(_ path: String) throws {
        schema = try Self.parsing.withLock { try Self.parse(path) }
    }

    private static func parse(_ path: String) throws -> xmlSchemaPtr {
        guard let context = xmlSchemaNewParserCtxt(path) else { throw IATIValidationError("cannot read the schema \(path)") }
        defer { xmlSchemaFreeParserCtxt(context) }
        guard let schema = xmlSchemaParse(context) else { throw IATIValidationError("the schema \(path) does not parse") }
        return schema
    }

    deinit {
        xmlSchemaFree(schema)
    }
}
