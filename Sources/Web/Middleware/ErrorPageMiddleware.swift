import Hummingbird
import Logging

/// Turns every error into what the user can read: under `/api/` JSON `{"status", "message"}`,
/// elsewhere the site's error page in the request's language. Errors that are not the request's
/// fault are logged and shown as a 500 without their details.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = Self.webError(error)
            if failure.status.code >= 500 {
                context.logger.error("\(request.method) \(request.uri.path): \(String(reflecting: error))")
            }
            if request.uri.path.hasPrefix("/api/") || request.uri.path == "/openapi.json" {
                return try failure.response(from: request, context: context)
            }
            let page = try PageRequest(request)
            let titleKey = failure.status == .notFound ? "error_not_found" : failure.status.code >= 500 ? "error_server" : "error_bad_request"
            let title = site.text(titleKey, page)
            return try site.page("error", title: title, [
                "status": failure.status.code, "heading": title, "message": failure.message, "home": page.link("/"),
            ], for: page, status: failure.status)
        }
    }

    /// The status and message to show for `error`.
    static func webError(_ error: any Error) -> WebError {
        switch error {
        case let error as WebError:
            return error.status.code >= 500 ? WebError(error.status, "The server could not answer this request.") : error
        case let error as HTTPError:
            let message = error.body ?? (error.status == .notFound ? "Nothing is at this address." : error.status.reasonPhrase)
            return WebError(error.status, message)
        case let error as any HTTPResponseError:
            return WebError(error.status, error.status.reasonPhrase)
        default:
            return WebError(.internalServerError, "The server could not answer this request.")
        }
    }
}
