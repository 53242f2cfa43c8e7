import Hummingbird
import Logging
import ServiceLifecycle
import Store

/// The public dashboard and its JSON API, as a Hummingbird application.
///
/// ```swift
/// let store = try await Store.open("devcoop.sqlite")
/// let app = try await WebServer.application(store: store, host: "127.0.0.1", port: 8080)
/// try await app.runService()   // until SIGINT or SIGTERM; the store closes with the server
/// ```
public enum WebServer {
    /// The largest upload accepted by the validation form and `POST /api/v1/validate`.
    public static let maxUploadBytes = 32 * 1024 * 1024

    /// The application: routes, middleware, and the store as a service of its service group, so
    /// that a graceful shutdown finishes the requests in flight and then closes the store.
    public static func application(
        store: Store, host: String = "127.0.0.1", port: Int = 8080, logger: Logger = Logger(label: "devcoop.web")
    ) async throws -> some ApplicationProtocol {
        let router = try await router(site: Site(store: store))
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "DevCoop"),
            services: [store],
            logger: logger)
    }

    /// Every route of the site, for the application and for tests that run without a socket.
    public static func router(site: Site) -> Router<WebRequestContext> {
        let router = Router(context: WebRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorPageMiddleware(site: site))
        router.add(middleware: ResponseCacheMiddleware(cache: ResponseCache(), store: site.store))
        router.get("/health") { _, _ in
            _ = try await site.store.datasets(status: "none")
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}")))
        }
        router.get("/static/:name") { _, context in
            try site.assets.response(context.parameters.require("name"))
        }
        site.addPages(to: router)
        return router
    }
}
