import Foundation
import Store

/// The machine output of `validate` and `import`: one JSON document `{"files": [...], "totals": {...}}`
/// (each file's object on a line of its own), or JSON Lines (one object per file, then one
/// `{"totals": {...}}`). Each file goes to standard output as soon as it is done, and a large one
/// in pieces as it is written, so the output never piles up in memory, however many findings.
struct FileReportStream {
    /// Where each file's object is written, followed by ``endFile()``.
    var json = JSONWriter()
    let lines: Bool

    init(lines: Bool) {
        self.lines = lines
        if !lines {
            json.beginObject()
            json.key("files")
            json.beginArray(linePerElement: true)
        }
    }

    /// Sends out the file's object, written whole into ``json``.
    mutating func endFile() {
        if lines { json.endLine() }
        flush()
    }

    /// Sends what is written when it has grown large: between the findings of a file.
    mutating func flushIfLarge() {
        if json.bytes.count >= 1 << 16 { flush() }
    }

    /// Closes the output with the totals, which `body` writes as an object.
    mutating func finish(totals body: (inout JSONWriter) -> Void) {
        if lines {
            json.beginObject()
        } else {
            json.endArray()
        }
        json.key("totals")
        body(&json)
        json.endObject()
        json.endLine()
        flush()
    }

    private mutating func flush() {
        // A closed pipe (`| head`) ends the output, not the work: the exit code still tells.
        try? FileHandle.standardOutput.write(contentsOf: json.take())
    }
}
