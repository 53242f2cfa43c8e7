import Foundation

/// A 2.03 file that fails the schema in two of its four activities, placed to catch an error
/// given to the wrong activity: the second's error is on its own start tag (which spans two
/// lines), and the third's at its end tag, on the line where the fourth starts. Attributes are in
/// single quotes, which an activity rewritten through the model would not keep.
public enum PartlyInvalidFile {
    /// The start-tag lines of the activities, in order.
    public static let activityLines = [3, 12, 22, 25]
    /// The lines of the activities with a schema error.
    public static let invalidLines: Set<Int> = [12, 22]

    public static let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <iati-activities version='2.03' generated-datetime='2026-01-01T00:00:00Z'>
         <iati-activity last-updated-datetime='2026-01-01T00:00:00Z' default-currency='EUR'>
          <iati-identifier>XM-TEST-1</iati-identifier>
          <reporting-org ref='XM-TEST' type='40'><narrative>Test</narrative></reporting-org>
          <title><narrative>One</narrative></title>
          <description><narrative>The first</narrative></description>
          <participating-org ref='XM-TEST' role='1'/>
          <activity-status code='2'/>
          <activity-date type='1' iso-date='2024-01-01'/>
         </iati-activity>
         <iati-activity last-updated-datetime='2026-01-01T00:00:00Z'
           default-currency='EUR' humanitarian='maybe'>
          <iati-identifier>XM-TEST-2</iati-identifier>
          <reporting-org ref='XM-TEST' type='40'><narrative>Test</narrative></reporting-org>
          <title><narrative>Two</narrative></title>
          <description><narrative>The second</narrative></description>
          <participating-org ref='XM-TEST' role='1'/>
          <activity-status code='2'/>
          <activity-date type='1' iso-date='2024-01-01'/>
         </iati-activity>
         <iati-activity last-updated-datetime='2026-01-01T00:00:00Z'>
          <iati-identifier>XM-TEST-3</iati-identifier>
          <reporting-org ref='XM-TEST' type='40'><narrative>Test</narrative></reporting-org>
         </iati-activity><iati-activity last-updated-datetime='2026-01-01T00:00:00Z'>
          <iati-identifier>XM-TEST-4</iati-identifier>
          <reporting-org ref='XM-TEST' type='40'><narrative>Test</narrative></reporting-org>
          <title><narrative>Four</narrative></title>
          <description><narrative>The fourth</narrative></description>
          <participating-org ref='XM-TEST' role='1'/>
          <activity-status code='2'/>
          <activity-date type='1' iso-date='2024-01-01'/>
         </iati-activity>
        </iati-activities>

        """

    /// The bytes of each activity element as published, in order.
    public static var activities: [String] {
        var result: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "<iati-activity "), let end = rest.range(of: "</iati-activity>", range: start.upperBound..<rest.endIndex) {
            result.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    /// Writes the file into a new temporary folder and returns its path.
    public static func write() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-partly-invalid-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("partly-invalid.xml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
