import IATI
import IATIXML
import TestSupport

/// The activities the store keeps after importing every sample in order, read from the files
/// through the model: within a file the first activity of a key is kept, and a later file replaces
/// the activities it shares with an earlier one.
enum KeptSampleActivities {
    static func read() throws -> [Activity] {
        var activities: [String: Activity] = [:]
        for path in Fixtures.samples {
            var keys = Set<String>()
            try IATIReader().read(file: path) { event in
                guard case .activity(let element) = event else { return }
                let activity = Activity(node: element.node)
                let identifier = activity.iatiIdentifier?.trimmingXMLWhitespace() ?? ""
                let key = (activity.reportingOrg?.ref?.trimmingXMLWhitespace() ?? "") + "|"
                    + (identifier.isEmpty ? "\(path):\(element.line)" : identifier)
                guard keys.insert(key).inserted else { return }
                activities[key] = activity
            }
        }
        return Array(activities.values)
    }
}
