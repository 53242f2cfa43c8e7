import IATI
import IATIXML

/// The parsing side of an import without a database: what the import benchmark times to tell the
/// parser's share from the database's.
public enum ProjectionPass {
    /// Reads the file and builds every projection row, as an import would; returns how many rows.
    public static func run(file path: String) throws -> Int {
        let projector = ActivityProjector()
        var rows = 0
        try IATIReader().read(file: path, contentHandler: projector) { event in
            guard case .activity(let element) = event else { return }
            if let summary = projector.pending {
                let key = ActivityKey(reportingOrg: summary.reportingOrg ?? "", identifier: summary.identifier ?? "")
                projector.commit(id: projector.nextID, datasetID: 1, key: key, identifierMissing: summary.identifier == nil,
                                 element: element, version: nil)
            } else {
                projector.batch.add(Activity(node: element.node), element: element, key: ActivityKey(reportingOrg: "", identifier: ""),
                                    identifierMissing: false, id: projector.nextID, datasetID: 1, version: nil)
                projector.nextID += 1
            }
            if projector.batch.rowCount >= 20_000 {
                rows += projector.batch.rowCount
                projector.batch = ImportBatch()
            }
        }
        return rows + projector.batch.rowCount
    }
}
