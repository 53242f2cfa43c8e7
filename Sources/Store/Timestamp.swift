import Foundation

/// UTC timestamps as ISO 8601 text, the same on both engines.
enum Timestamp {
    static func now() -> String {
        Date().formatted(.iso8601)
    }
}
