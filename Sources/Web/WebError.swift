import Hummingbird
import Store

/// What went wrong with a request, as the status and message the user sees: pages show it in the
/// site's error page, `/api/v1` as JSON `{"status": 400, "message": "…"}`.
public struct WebError: Error, HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// A query parameter or body the request cannot be answered with.
    public static func badRequest(_ message: String) -> WebError { WebError(.badRequest, message) }
    /// Nothing at that address (an unknown project, partner, country …).
    public static func notFound(_ message: String) -> WebError { WebError(.notFound, message) }
    /// A fault of the server: logged, and shown without details.
    public static func `internal`(_ message: String) -> WebError { WebError(.internalServerError, message) }

    public var description: String { "\(status.code) \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = "{\"status\":\(status.code),\"message\":\(JSONText.string(message, escapingMarkup: true))}"
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
