import Foundation

/// A large activity file cut in two at an activity's start tag, so that two threads parse it at once.
///
/// The first part is the file up to the cut. The second is the file's prologue (what comes before
/// its first activity: the declaration, the container's start tag and its namespaces) followed by
/// the rest of the file from the cut: a document of its own for libxml2, whose lines and offsets
/// are shifted back to the file's.
///
/// The cut is found by its bytes, `<iati-activity` and a space, `>` or `/`. In well-formed XML
/// such bytes are a start tag unless they sit in a comment, a CDATA section or a processing
/// instruction; then the first part does not end between two activities, its reader says so, and
/// the import reads the file again in one part.
struct FileSplit: Sendable {
    /// Where the first activity's start tag begins.
    let prologueEnd: Int
    /// Where the second part's first activity begins.
    let cut: Int
    let size: Int

    /// The bytes of the first part.
    var firstPart: [Range<Int>] { [0..<cut] }
    /// The bytes of the second part: the prologue, then the file from the cut.
    var secondPart: [Range<Int>] { [0..<prologueEnd, cut..<size] }
    /// How far the second part's bytes after its prologue stand from the file's.
    var byteShift: Int { cut - prologueEnd }

    /// Where the cut is looked for. The first part is the larger: the second also counts through
    /// the bytes it skips before it starts, and parsing both parts takes as long this way.
    static let firstPartPercent = 52

    /// How much of the start and of the middle of the file is searched for a start tag.
    static let searchWindow = 1 << 20

    /// Finds the first activity within the file's first megabyte and the first one from
    /// ``firstPartPercent`` of it on (within a megabyte); `nil` when either is missing or they are the same.
    static func find(path: String, size: Int) -> FileSplit? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        func firstTag(from offset: Int) -> Int? {
            guard (try? file.seek(toOffset: UInt64(offset))) != nil,
                  let data = try? file.read(upToCount: searchWindow), !data.isEmpty else { return nil }
            return data.withUnsafeBytes { bytes in
                var found: Int?
                forEachActivityTag(in: bytes, startingBefore: bytes.count) { found = $0; return false }
                return found.map { offset + $0 }
            }
        }
        guard let prologueEnd = firstTag(from: 0), prologueEnd < size / 2, let cut = firstTag(from: size / 100 * firstPartPercent),
              cut > prologueEnd else { return nil }
        return FileSplit(prologueEnd: prologueEnd, cut: cut, size: size)
    }

    /// Counts, in the bytes between the prologue and the cut (which the second part skips), the
    /// newlines, by which its lines are shifted, and the activity start tags: no fewer than the
    /// activities the first part holds, so the second part's ids can start past them.
    func skipped(path: String) throws -> (newlines: Int, activityTags: Int) {
        var newlines = 0, tags = 0
        // Each piece comes with the bytes after it, so a tag across two pieces is seen whole.
        try FilePieces.forEach(in: path, range: prologueEnd..<cut, overlap: Self.tag.count) { piece, own in
            newlines += Self.count(10, in: UnsafeRawBufferPointer(rebasing: piece[0..<own]))
            Self.forEachActivityTag(in: piece, startingBefore: own) { _ in tags += 1; return true }
        }
        return (newlines, tags)
    }

    private static let tag = Array("<iati-activity".utf8)

    private static func count(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0, offset = 0
        while offset < bytes.count, let found = memchr(base + offset, Int32(byte), bytes.count - offset) {
            count += 1
            offset = base.distance(to: UnsafeRawPointer(found)) + 1
        }
        return count
    }

    /// Calls `body` with the offset of each `<iati-activity` start tag that begins before `limit`,
    /// while it returns `true`.
    static func forEachActivityTag(in bytes: UnsafeRawBufferPointer, startingBefore limit: Int, _ body: (Int) -> Bool) {
        guard let base = bytes.baseAddress else { return }
        let name = tag.count
        var offset = 0
        while offset < limit, let found = memchr(base + offset, Int32(UInt8(ascii: "<")), min(limit, bytes.count) - offset) {
            let start = base.distance(to: UnsafeRawPointer(found))
            offset = start + 1
            // Most elements differ from `iati-activity` in their first or sixth letter: no call for them.
            guard start + name < bytes.count, bytes[start + 1] == UInt8(ascii: "i"), bytes[start + 6] == UInt8(ascii: "a"),
                  memcmp(found, tag, name) == 0 else { continue }
            switch bytes[start + name] {
            case 32, 9, 10, 13, UInt8(ascii: ">"), UInt8(ascii: "/"): guard body(start) else { return }
            default: break
            }
        }
    }
}
