import Foundation

/// Hostile files too large to commit, written on demand into a folder of their own: each is the
/// shape of one attack (or accident) the readers must refuse or survive cheaply.
public struct HostileFiles {
    public let folder: URL

    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-hostile-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Removes the folder and everything written into it.
    public func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    public static let header = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + #"<iati-activities version="2.03">"# + "\n"

    /// One activity with `levels` elements nested inside it (the document is `levels + 2` deep),
    /// all on line 5.
    public func deepNesting(levels: Int) throws -> String {
        var text = Self.header + "<iati-activity>\n<iati-identifier>XM-DEEP-1</iati-identifier>\n"
        text += String(repeating: "<x>", count: levels) + String(repeating: "</x>", count: levels)
        text += "\n</iati-activity>\n</iati-activities>\n"
        return try write(text, as: "deep-\(levels).xml")
    }

    /// One element, on line 5, with `count` attributes.
    public func manyAttributes(count: Int) throws -> String {
        var text = Self.header + "<iati-activity>\n<iati-identifier>XM-ATTR-1</iati-identifier>\n<x"
        for index in 0..<count { text += " a\(index)=\"\"" }
        text += "/>\n</iati-activity>\n</iati-activities>\n"
        return try write(text, as: "attributes-\(count).xml")
    }

    /// `count` activities, all with the same identifier.
    public func duplicateIdentifiers(count: Int) throws -> String {
        let activity = """
            <iati-activity><iati-identifier>XM-DUP-1</iati-identifier><reporting-org ref="XM-DUP" type="10"/>\
            <title><narrative>Same</narrative></title></iati-activity>

            """
        return try write(Self.header + String(repeating: activity, count: count) + "</iati-activities>\n", as: "duplicates-\(count).xml")
    }

    /// One activity whose title is a narrative of `megabytes` MiB.
    public func hugeNarrative(megabytes: Int) throws -> String {
        let url = folder.appendingPathComponent("narrative-\(megabytes).xml")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        handle.write(Data((Self.header + "<iati-activity><iati-identifier>XM-BIG-1</iati-identifier><title><narrative>").utf8))
        let line = Data((String(repeating: "word ", count: 200) + "\n").utf8)
        var lines = Data()
        for _ in 0..<1024 { lines.append(line) }
        for _ in 0..<(megabytes << 20) / lines.count { handle.write(lines) }
        handle.write(Data("</narrative></title></iati-activity>\n</iati-activities>\n".utf8))
        return url.path
    }

    public func empty() throws -> String {
        try write("", as: "empty.xml")
    }

    /// `path` compressed with gzip, as `name`.
    public func gzip(_ path: String, as name: String) throws -> String {
        let target = folder.appendingPathComponent(name).path
        try Self.shell("gzip -c '\(path)' > '\(target)'")
        return target
    }

    /// A gzip file of a few hundred kilobytes that inflates to an IATI header and `megabytes` MiB of
    /// spaces: one member per MiB (each a kilobyte), as `cat` joins gzip files.
    public func gzipBomb(megabytes: Int) throws -> String {
        let target = folder.appendingPathComponent("bomb.xml.gz").path
        let member = folder.appendingPathComponent("spaces.gz").path
        try Self.shell("printf '%s' '\(Self.header)' | gzip -9 > '\(target)' && head -c 1048576 /dev/zero | tr '\\0' ' ' | gzip -9 > '\(member)'")
        let spaces = try Data(contentsOf: URL(fileURLWithPath: member))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
        defer { try? handle.close() }
        try handle.seekToEnd()
        for _ in 0..<megabytes { handle.write(spaces) }
        return target
    }

    public func write(_ text: String, as name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func shell(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
