import Foundation

/// A folder of IATI files shaped like a folder of real publishers' files (issue 18: the d-portal
/// folder of 132 files, 170 MB, 548,000 findings): files of 0.3 to 4 MB, most of them small (see
/// ``targetBytes(_:)``), each of one ``CorpusPublisher``, with
/// that publisher's languages, habits and mistakes. The same seed writes the same bytes.
struct BenchCorpus {
    static let smallestBytes = 300_000
    static let largestBytes = 4_000_000
    /// An activity is far smaller than this; a file stops at the first activity that reaches its
    /// target, so targets stay this far below the largest size.
    static let activityAllowance = 150_000

    /// What was written: each file's name, bytes and activities.
    struct Written {
        var name: String
        var bytes: Int
        var activities: Int
    }

    /// Writes `files` files into `folder` (created if needed).
    static func write(files: Int, to folder: String, seed: UInt64) throws -> [Written] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var plan = SeededRandom(seed: seed)
        var written: [Written] = []
        // Publishers take turns, from one the seed picks: any dozen files hold every publisher.
        let first = plan.next(CorpusPublisher.all.count)
        for number in 0..<files {
            let publisher = CorpusPublisher.all[(first + number) % CorpusPublisher.all.count]
            let target = targetBytes(plan.unit())
            // Each file has a generator of its own: its bytes depend on the seed and its number only.
            let random = SeededRandom(seed: seed &* 1_000_003 &+ UInt64(number))
            let name = "\(publisher.slug)-\(String(format: "%04d", number)).xml"
            let (bytes, activities) = file(of: publisher, bytes: target, random: random)
            let path = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw UsageError(description: "cannot write \(path)")
            }
            written.append(Written(name: name, bytes: bytes.count, activities: activities))
        }
        return written
    }

    /// A size between the smallest and the largest for `unit` (0..<1): on a log scale, a little
    /// skewed toward small files, so that the mean is 1.3 MB (the real folder's: 170 MB in 132
    /// files) and the median 0.95 MB.
    static func targetBytes(_ unit: Double) -> Int {
        let low = Double(smallestBytes), high = Double(largestBytes - activityAllowance)
        return Int(low * pow(high / low, pow(unit, 1.15)))
    }

    /// One file of about `target` bytes (at least that many): its bytes and activities.
    static func file(of publisher: CorpusPublisher, bytes target: Int, random: SeededRandom) -> ([UInt8], Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(target + activityAllowance)
        let version = publisher.version.map { " version=\"\($0)\"" } ?? ""
        bytes += Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities\(version) generated-datetime=\"2025-11-30T06:00:00Z\">\n".utf8)
        var writer = CorpusActivity(publisher: publisher, random: random)
        var count = 0
        while bytes.count < target {
            bytes += Array(writer.write(index: count).utf8)
            count += 1
        }
        bytes += Array("</iati-activities>\n".utf8)
        return (bytes, count)
    }
}
