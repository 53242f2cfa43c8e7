import ArgumentParser
import Foundation
import Portfolio
import Store
import Web

/// `devcoop report review`: the Governing-Body-style review of the strategy, from live data.
struct ReviewReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Write the review of the strategy (purpose, context, assessment, pillars, next steps, appendix) from live data.",
        discussion: """
            html is one page with its own styles; md writes the figures as SVG files beside FILE \
            (FILE-figure-1.svg …); pdf prints the HTML with headless Chromium. Without --format, \
            the format follows FILE's extension (.html, .md, .pdf).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, md, pdf }

    @Option(help: "The store: an SQLite file path or a postgres:// URL.")
    var db = "devcoop.sqlite"

    @Option(name: .customLong("as-of"), help: "The review's day, YYYY-MM-DD (today by default).")
    var asOf: String?

    @Option(help: "The language: en, fr, es or zh.")
    var lang = "en"

    @Option(help: "html, md or pdf.")
    var format: Format?

    @Option(name: .shortAndLong, help: "The file to write.")
    var output: String

    func validate() throws {
        if let asOf, CalendarDate.parse(asOf) == nil { throw ValidationError("--as-of \(asOf) is not a date (YYYY-MM-DD)") }
        guard Language(rawValue: lang) != nil else { throw ValidationError("--lang must be en, fr, es or zh, not \(lang)") }
        if format == nil, Format(rawValue: (output as NSString).pathExtension.lowercased()) == nil {
            throw ValidationError("give --format html, md or pdf (the file \(output) has no such extension)")
        }
    }

    func run() async throws {
        let language = Language(rawValue: lang) ?? .en
        let format = format ?? Format(rawValue: (output as NSString).pathExtension.lowercased()) ?? .html
        let day = asOf ?? String(Date().formatted(.iso8601).prefix(10))
        let document = try await Store.withCommandStore(db) { store in
            try await Site(store: store).review(asOf: day, language: language)
        }
        let url = URL(fileURLWithPath: output)
        do {
            switch format {
            case .html:
                try Data(document.html().utf8).write(to: url, options: .atomic)
            case .md:
                let stem = url.deletingPathExtension().lastPathComponent
                for figure in document.figures {
                    let name = "\(stem)-figure-\(figure.number).svg"
                    try Data(figure.svg.utf8).write(to: url.deletingLastPathComponent().appendingPathComponent(name), options: .atomic)
                }
                try Data(document.markdown { "\(stem)-figure-\($0).svg" }.utf8).write(to: url, options: .atomic)
            case .pdf:
                try await PDFPrinter.print(html: document.html(), to: url)
            }
        } catch {
            Terminal.error("devcoop: cannot write \(output): \((error as? WebError)?.message ?? "\(error)")")
            throw ExitCode(1)
        }
        print("wrote \(output): \(document.title), as of \(day) (\(lang), \(format.rawValue))")
    }
}
