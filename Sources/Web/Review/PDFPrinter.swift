import Foundation

/// Prints an HTML document to PDF with headless Chromium (`$CHROMIUM`, else `chromium`,
/// `chromium-browser` or `google-chrome` on the `PATH`): the browser lays out the document's own
/// A4 page styles and embeds the fonts it used, Chinese ones included.
public enum PDFPrinter {
    /// Writes `html` to a temporary file, prints it to `output` and removes the temporary file.
    /// Throws ``WebError`` naming the cause when no browser is found, it fails, or it writes nothing.
    public static func print(html: String, to output: URL, timeout: Duration = .seconds(180)) async throws {
        guard let browser = browserPath() else {
            throw WebError.internal("no Chromium to print the PDF with: install chromium (scripts/setup.sh does) or set CHROMIUM")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("document.html")
        try Data(html.utf8).write(to: page)
        let partial = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).partial")
        try? FileManager.default.removeItem(at: partial)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--print-to-pdf=\(partial.path)", page.absoluteString,
        ]
        let log = folder.appendingPathComponent("browser.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }
        process.standardOutput = logHandle
        process.standardError = logHandle
        let status = try await run(process, timeout: timeout)
        guard status == 0, let size = try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int, size > 0 else {
            try? FileManager.default.removeItem(at: partial)
            let tail = (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(400)) } ?? ""
            throw WebError.internal("\(browser) did not print the PDF (exit status \(status)): \(tail)")
        }
        // Moved into place only when whole: a failed print never leaves a half-written file.
        try? FileManager.default.removeItem(at: output)
        try FileManager.default.moveItem(at: partial, to: output)
    }

    /// The browser's path, or `nil` when none is installed.
    static func browserPath() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["CHROMIUM"], !chosen.isEmpty {
            return chosen.contains("/") ? chosen : search(chosen, in: environment["PATH"])
        }
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            if let path = search(name, in: environment["PATH"]) { return path }
        }
        return nil
    }

    private static func search(_ name: String, in path: String?) -> String? {
        (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `process` to its end without blocking a thread; past `timeout` it is terminated.
    private static func run(_ process: Process, timeout: Duration) async throws -> Int32 {
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            if process.isRunning { process.terminate() }
        }
        defer { watchdog.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }
}
