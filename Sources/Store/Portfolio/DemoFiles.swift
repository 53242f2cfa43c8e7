import Foundation
import IATIXML
import Portfolio

/// The demo portfolio written the way the ILO publishes: one activity file per biennium and one
/// organisation file.
public enum DemoFiles {
    /// One file written.
    public struct Written: Sendable {
        public var path: String
        /// Activities or organisations in the file.
        public var count: Int
        public var bytes: Int
    }

    /// Writes every file of `portfolio` into `folder` (created if missing), reporting each once
    /// it is complete. Each file appears whole or not at all.
    @discardableResult
    public static func write(
        _ portfolio: DemoPortfolio, to folder: URL, each: (Written) -> Void = { _ in }
    ) throws -> [Written] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [Written] = []
        for biennium in DemoPortfolio.bienniums {
            let path = folder.appendingPathComponent(DemoPortfolio.fileName(biennium)).path
            files.append(try write(to: path, kind: .activities) { writer in
                for activity in portfolio.activities(in: biennium) { try writer.write(activity) }
            })
            each(files[files.count - 1])
        }
        let path = folder.appendingPathComponent(DemoPortfolio.organisationFileName).path
        files.append(try write(to: path, kind: .organisations) { try $0.write(portfolio.organisation()) })
        each(files[files.count - 1])
        return files
    }

    private static func write(
        to path: String, kind: DocumentHeader.Kind, _ body: (IATIWriter) throws -> Void
    ) throws -> Written {
        let partial = path + ".partial"
        let writer = try IATIWriter(path: partial)
        do {
            try writer.begin(kind: kind, generatedDatetime: DemoPortfolio.generatedDatetime)
            try body(writer)
            try writer.end()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        return Written(path: path, count: writer.count, bytes: writer.bytesWritten)
    }
}
