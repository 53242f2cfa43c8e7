import ArgumentParser
import Foundation
import Logging
import Store
import Web

/// Where the server listens: the options of `serve` and `demo`.
struct ServerOptions: ParsableArguments {
    @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
    }

    /// Serves `store` until SIGINT or SIGTERM, then finishes the requests in flight and closes it.
    func serve(_ store: Store) async throws {
        var logger = Logger(label: "devcoop.web")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let app = try await WebServer.application(store: store, host: host, port: port, logger: logger)
        print("DevCoop serves \(store.location) (\(store.engineName)) at http://\(host):\(port)  (Ctrl-C stops)")
        try await app.runService()
    }
}

/// `devcoop serve`: the dashboard and the JSON API on a store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the public dashboard and the JSON API of a store.",
        discussion: "Pages at /, /funding, /projects, /data …; the API under /api/v1, described at /openapi.json; /health.")

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @OptionGroup var server: ServerOptions

    func run() async throws {
        try await server.serve(try await Store.openForCommand(db))
    }
}
