import Foundation
import Hummingbird

extension Site {
    typealias APIHandler = @Sendable (Request, WebRequestContext) async throws -> Response

    /// Every endpoint of `/api/v1` in one table: the router registers from it, the index lists it,
    /// and a test holds the OpenAPI document equal to it and to the router's routes.
    func apiEndpoints() -> [(route: APIRoute, handler: APIHandler)] {
        [
            (APIRoute(method: .get, path: "/api/v1", summary: "This index of the endpoints"), { _, _ in try self.apiIndex() }),
            (APIRoute(method: .get, path: "/api/v1/activities", summary: "Activities with the project list's filters, search and cursor pagination"),
             { request, _ in try await self.apiActivities(request) }),
            (APIRoute(method: .get, path: "/api/v1/activities/**", summary: "One activity: everything its page shows"),
             { request, context in try await self.apiActivity(request, context) }),
            (APIRoute(method: .get, path: "/api/v1/funding", summary: "Funding sums in US dollars by up to two dimensions"),
             { request, _ in try await self.apiFunding(PageRequest(request)) }),
            (APIRoute(method: .get, path: "/api/v1/partners", summary: "Funding partners with their contributions in a period"),
             { request, _ in try await self.apiPartners(PageRequest(request)) }),
            (APIRoute(method: .get, path: "/api/v1/countries", summary: "Countries with their expenditure in a period"),
             { request, _ in try await self.apiCountries(PageRequest(request)) }),
            (APIRoute(method: .get, path: "/api/v1/datasets", summary: "Every imported IATI dataset with its validation verdict"),
             { request, _ in try await self.apiDatasets(PageRequest(request)) }),
            (APIRoute(method: .get, path: "/api/v1/datasets/:id", summary: "One dataset with its findings grouped by rule"),
             { _, context in try await self.apiDataset(Self.datasetID(context)) }),
            (APIRoute(method: .get, path: "/api/v1/datasets/:id/findings", summary: "A dataset's findings, a page at a time"),
             { request, context in try await self.apiFindings(Self.datasetID(context), PageRequest(request)) }),
            (APIRoute(method: .post, path: "/api/v1/validate", summary: "Validates the IATI file posted as the body; nothing is stored"),
             { request, _ in try await self.apiValidate(request) }),
        ]
    }

    /// `/api/v1/…` and `/openapi.json`.
    func addAPI(to router: Router<WebRequestContext>) {
        for endpoint in apiEndpoints() {
            router.on(RouterPath(endpoint.route.path), method: endpoint.route.method, use: endpoint.handler)
        }
        router.get("/openapi.json") { _, _ in
            APIResponse.json(text: try OpenAPIDocument.data(), contentType: "application/vnd.oai.openapi+json; charset=utf-8")
        }
    }

    /// The `{id}` of a dataset path: a whole number, or a 400.
    static func datasetID(_ context: WebRequestContext) throws -> Int {
        let text = try context.parameters.require("id")
        guard let id = Int(text), id >= 0 else {
            throw WebError.badRequest("id must be a whole number, not \(PageRequest.quoted(text))")
        }
        return id
    }

    private struct Index: Encodable {
        struct Endpoint: Encodable {
            var method: String
            var path: String
            var summary: String
        }

        var openapi: String
        var endpoints: [Endpoint]
    }

    private func apiIndex() throws -> Response {
        let endpoints = apiEndpoints().map {
            Index.Endpoint(method: $0.route.method.rawValue, path: $0.route.openAPIPath, summary: $0.route.summary)
        }
        return try APIResponse.json(Index(openapi: "/openapi.json", endpoints: endpoints))
    }
}
