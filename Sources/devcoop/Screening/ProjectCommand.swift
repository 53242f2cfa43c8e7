import ArgumentParser
import Foundation
import Portfolio
import Store

/// `devcoop project`: a project's place in the agency's pipeline.
struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project", abstract: "Manage a project's pipeline status.", subcommands: [ProjectStatusCommand.self])
}

/// `devcoop project status PROJECT STATUS --by NAME`: refused from approval on without a screening.
struct ProjectStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Move a project to a pipeline status (approval needs a completed E&S screening).")

    @Argument(help: "The project's iati-identifier.")
    var project: String

    @Argument(help: "The status: \(PipelineStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
    var status: PipelineStatus

    @Option(help: "Who makes the change.")
    var by: String

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let change = try await Store.withCommandStore(db) { try await $0.setPipelineStatus(project: project, to: status, by: by) }
        if json {
            print(Terminal.json(change))
        } else {
            print("\(change.project) is \(change.status.rawValue) (\(change.changedAt), by \(change.changedBy)).")
        }
    }
}

extension PipelineStatus: ExpressibleByArgument {}
