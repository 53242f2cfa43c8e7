import ArgumentParser

/// `--json` and `--json-lines` of the commands that report file by file (`validate`, `import`).
struct JSONOutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON document: each file's object as the file is done, then the totals.")
    var json = false

    @Flag(help: "Print one compact JSON object per file per line, then one with the totals.")
    var jsonLines = false

    func validate() throws {
        if json && jsonLines { throw ValidationError("--json and --json-lines cannot be used together") }
    }

    /// Where the files' objects go, or `nil` for text.
    func stream() -> FileReportStream? {
        json || jsonLines ? FileReportStream(lines: jsonLines) : nil
    }
}
