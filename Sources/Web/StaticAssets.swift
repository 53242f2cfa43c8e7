import Foundation
import Hummingbird

/// The site's static files (style sheet, icon), read from the bundle once and served from memory
/// under `/static/`, with a long cache life: their names change when they do.
struct StaticAssets: Sendable {
    private let files: [String: (type: String, bytes: ByteBuffer)]

    init(bundle: Bundle = .module) throws {
        guard let folder = bundle.resourceURL?.appendingPathComponent("static") else {
            throw WebError.internal("the static files are missing from the bundle")
        }
        var files: [String: (type: String, bytes: ByteBuffer)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            files[name] = (Self.contentType(of: name), ByteBuffer(bytes: data))
        }
        self.files = files
    }

    func response(_ name: String) throws -> Response {
        guard let file = files[name] else { throw WebError.notFound("no static file \(name)") }
        return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=86400"],
                        body: .init(byteBuffer: file.bytes))
    }

    private static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension {
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "js": "text/javascript; charset=utf-8"
        case "ico": "image/x-icon"
        default: "application/octet-stream"
        }
    }
}
