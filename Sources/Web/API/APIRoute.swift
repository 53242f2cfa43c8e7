import Hummingbird

/// One endpoint of `/api/v1`: what the index lists, and what the OpenAPI document is held equal to.
struct APIRoute: Sendable {
    let method: HTTPRequest.Method
    /// In Hummingbird's form, `/api/v1/datasets/:id`.
    let path: String
    /// One line on what it answers.
    let summary: String

    /// The path in OpenAPI's form, `/api/v1/datasets/{id}`; a catch-all (`**`, an IATI identifier
    /// may hold `/`) is `{iati-identifier}`.
    var openAPIPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part == "**" ? "{iati-identifier}" : part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
    }
}
