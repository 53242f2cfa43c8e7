import Hummingbird

/// Headers for a public site: a Content-Security-Policy without `unsafe-inline` (pages carry no
/// inline script or style; charts are SVG with presentation attributes), no sniffing, no framing.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[values: .init("X-Frame-Options")!] = ["DENY"]
        response.headers[values: .init("Referrer-Policy")!] = ["same-origin"]
        return response
    }
}
