import Hummingbird
import Logging
import NIOCore

/// The context of every request of the site: Hummingbird's core context, with the upload limit
/// of the data page.
public struct WebRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The largest request body read: an IATI file posted to be validated.
    public var maxUploadSize: Int { WebServer.maxUploadBytes }
}
