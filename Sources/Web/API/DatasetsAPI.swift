import Hummingbird
import Store

extension Site {
    private struct DatasetList: Encodable {
        var datasets: [DatasetSummary]
    }

    /// `GET /api/v1/datasets?status=`: every dataset, newest first.
    func apiDatasets(_ page: PageRequest) async throws -> Response {
        let status = try page.choice("status", DatasetStatus.self)
        let datasets = try await store.datasets(status: status?.rawValue).map(Self.published)
        return try APIResponse.json(DatasetList(datasets: datasets))
    }

    private struct DatasetDetail: Encodable {
        var dataset: DatasetSummary
        var rules: [FindingRule]
    }

    /// `GET /api/v1/datasets/{id}`: the dataset and its findings grouped by rule.
    func apiDataset(_ id: Int) async throws -> Response {
        let dataset = try await requireDataset(id)
        let rules = try await store.findingRules(datasetID: id)
        return try APIResponse.json(DatasetDetail(dataset: Self.published(dataset), rules: rules))
    }

    private struct FindingPage: Encodable {
        var datasetId: Int
        var findings: [StoredFinding]
        /// The `after` of the next page; `nil` on the last.
        var next: Int?

        enum CodingKeys: String, CodingKey { case datasetId, findings, next }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(datasetId, forKey: .datasetId)
            try container.encode(findings, forKey: .findings)
            try container.encode(next, forKey: .next)  // `null` on the last page, not absent
        }
    }

    /// `GET /api/v1/datasets/{id}/findings?severity=&after=&limit=`: findings in document order,
    /// a page at a time (`after` is the last `seq` of the previous page).
    func apiFindings(_ id: Int, _ page: PageRequest) async throws -> Response {
        let severity = try page.choice("severity", FindingSeverity.self)
        let after = try page.int("after", in: 0...Int(Int32.max))
        let limit = try page.int("limit", in: 1...1_000) ?? 100
        _ = try await requireDataset(id)
        // One more than asked tells whether another page follows.
        let findings = try await store.findings(FindingQuery(datasetID: id, severity: severity?.rawValue, afterSeq: after, limit: limit + 1))
        let shown = Array(findings.prefix(limit))
        return try APIResponse.json(FindingPage(datasetId: id, findings: shown, next: findings.count > limit ? shown.last?.seq : nil))
    }

    /// The dataset with `id`, or a 404.
    func requireDataset(_ id: Int) async throws -> DatasetSummary {
        guard let dataset = try await store.dataset(id: id) else { throw WebError.notFound("no dataset has the id \(id)") }
        return dataset
    }

    /// A dataset as the public sees it: without the path it was imported from on the server.
    static func published(_ dataset: DatasetSummary) -> DatasetSummary {
        var dataset = dataset
        dataset.path = nil
        return dataset
    }

    /// `POST /api/v1/validate`: the validation report of the posted file (the raw body, or a
    /// multipart form's `file`).
    func apiValidate(_ request: Request) async throws -> Response {
        let upload = try await UploadValidation.upload(request)
        let result = try await UploadValidation.validate(upload)
        return try APIResponse.json(ValidationReport(result, fileName: upload.name, size: upload.bytes.readableBytes))
    }
}

/// The statuses a dataset can have.
enum DatasetStatus: String, CaseIterable {
    case imported, failed
}

/// The severities of findings.
enum FindingSeverity: String, CaseIterable {
    case critical, error, warning, info
}
