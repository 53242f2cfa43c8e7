import Foundation
import Hummingbird
import Mustache
import Store

/// What every page and endpoint of the site shares: the store, the templates, the interface texts
/// and the static files, loaded once when the server starts.
public struct Site: Sendable {
    /// The store the site reads.
    public let store: Store
    let templates: MustacheLibrary
    let localizer: Localizer
    let assets: StaticAssets
    /// The project filters' lists, kept while the store does not change.
    let projectChoicesMemo = TokenMemo<ProjectChoices>()

    /// Loads the templates, texts and static files from the module's bundle.
    public init(store: Store) async throws {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("templates").path else {
            throw WebError.internal("the page templates are missing from the bundle")
        }
        self.store = store
        templates = try await MustacheLibrary(directory: folder)
        localizer = try Localizer()
        assets = try StaticAssets()
    }

    /// A whole HTML page: `template` rendered with `values`, inside the layout (navigation,
    /// language switcher, footer).
    func page(_ template: String, title: String, _ values: [String: Any], for request: PageRequest,
              status: HTTPResponse.Status = .ok) throws -> Response {
        var values = values
        values["t"] = localizer.table(request.language)
        values["lang"] = request.language.rawValue
        guard let body = templates.render(values, withTemplate: template) else {
            throw WebError.internal("no page template \(template)")
        }
        let layout: [String: Any] = [
            "t": values["t"]!,
            "title": title,
            "htmlLang": request.language.tag,
            "lang": request.language.rawValue,
            "body": body,
            "languages": request.languageLinks,
            "nav": navigation(request),
            "home": request.link("/"),
        ]
        guard let html = templates.render(layout, withTemplate: "layout") else {
            throw WebError.internal("no layout template")
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// One interface text in the request's language.
    func text(_ key: String, _ request: PageRequest, _ arguments: String...) -> String {
        localizer.text(key, request.language, arguments)
    }

    private func navigation(_ request: PageRequest) -> [[String: Any]] {
        let items: [(path: String, key: String)] = [
            ("/", "nav_overview"), ("/funding", "nav_funding"), ("/projects", "nav_projects"), ("/strategy", "nav_strategy"),
            ("/dwcps", "nav_dwcps"), ("/results", "nav_results"), ("/screening", "nav_screening"), ("/data", "nav_data"),
        ]
        return items.map { item in
            let current = item.path == "/" ? request.path == "/" : request.path.hasPrefix(item.path)
            return ["href": request.link(item.path), "label": localizer.text(item.key, request.language), "current": current]
        }
    }
}
