import Foundation

/// The OpenAPI 3.1 document of `/api/v1`, written by hand (`Resources/openapi/openapi.json`) and
/// held equal to the router's routes by `OpenAPIDocumentTests`.
enum OpenAPIDocument {
    private static let loaded = Result<Data, any Error> {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "openapi") else {
            throw WebError.internal("the OpenAPI document is missing from the bundle")
        }
        return try Data(contentsOf: url)
    }

    /// The document's bytes, as served at `/openapi.json`.
    static func data() throws -> Data { try loaded.get() }
}
