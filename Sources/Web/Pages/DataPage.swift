import Charts
import Foundation
import Hummingbird
import Store

extension Site {
    /// `/data`: every imported dataset with its verdict, and the form that validates an uploaded
    /// file; `/data/{id}`: one dataset's findings by rule, with lines; `POST /data/validate`: the
    /// report of an uploaded file, which is not stored.
    func addData(to router: Router<WebRequestContext>) {
        router.get("/data") { request, _ in
            try await dataPage(PageRequest(request))
        }
        router.get("/data/:id") { request, context in
            try await datasetPage(Self.datasetID(context), PageRequest(request))
        }
        router.post("/data/validate") { request, _ in
            let page = try PageRequest(request)
            let upload = try await UploadValidation.upload(request)
            let result = try await UploadValidation.validate(upload)
            return try uploadReportPage(ValidationReport(result, fileName: upload.name, size: upload.bytes.readableBytes), page)
        }
    }

    private func dataPage(_ page: PageRequest) async throws -> Response {
        let datasets = try await store.datasets()
        let rows: [[String: Any]] = datasets.map { dataset in
            var row: [String: Any] = [
                "href": page.link("/data/\(dataset.id)"), "name": dataset.name, "reportingOrg": dataset.reportingOrg ?? "–",
                "failed": dataset.status == "failed", "status": text(dataset.status == "failed" ? "data_status_failed" : "data_status_imported", page),
                "error": dataset.error ?? "",
                "activities": ValueFormat.integer.format(Double(dataset.activityCount)),
                "transactions": ValueFormat.integer.format(Double(dataset.transactionCount)),
            ]
            row.merge(verdictValues(dataset.validation, page)) { _, new in new }
            return row
        }
        return try self.page("data", title: text("data_title", page), [
            "datasets": rows,
            "hasDatasets": !rows.isEmpty,
            "uploadAction": page.link("/data/validate"),
            "uploadHelp": text("data_upload_help", page, String(WebServer.maxUploadBytes / (1024 * 1024))),
            "apiLink": "/api/v1/datasets",
        ], for: page)
    }

    /// The verdict columns of a dataset: schema valid or not, and its findings by severity.
    private func verdictValues(_ validation: ValidationSummary?, _ page: PageRequest) -> [String: Any] {
        guard let validation else { return ["verdict": text("data_verdict_none", page), "verdictClass": "", "validated": false] }
        return [
            "validated": true,
            "verdict": text(validation.validSchema ? "data_verdict_valid" : "data_verdict_invalid", page),
            "verdictClass": validation.validSchema ? "verdict-valid" : "verdict-invalid",
            "critical": ValueFormat.integer.format(Double(validation.critical)),
            "errors": ValueFormat.integer.format(Double(validation.errors)),
            "warnings": ValueFormat.integer.format(Double(validation.warnings)),
            "infos": ValueFormat.integer.format(Double(validation.infos)),
        ]
    }

    private func datasetPage(_ id: Int, _ page: PageRequest) async throws -> Response {
        let severity = try page.choice("severity", FindingSeverity.self)
        let after = try page.int("after", in: 0...Int(Int32.max))
        let pageSize = 200
        guard let dataset = try await store.dataset(id: id) else { throw WebError.notFound("no dataset has the id \(id)") }
        async let rules = store.findingRules(datasetID: id)
        async let findings = store.findings(FindingQuery(datasetID: id, severity: severity?.rawValue, afterSeq: after, limit: pageSize + 1))
        let found = try await findings
        let shown = Array(found.prefix(pageSize))

        let facts: [(String, String)] = [
            ("data_col_reporting_org", dataset.reportingOrg ?? "–"),
            ("data_col_status", text(dataset.status == "failed" ? "data_status_failed" : "data_status_imported", page)),
            ("data_fact_error", dataset.error ?? ""),
            ("data_fact_failure", dataset.failure.map { text("failure_\($0.rawValue)", page) } ?? ""),
            ("data_fact_failure_line", dataset.failureLine.map { ValueFormat.integer.format(Double($0)) } ?? ""),
            ("data_fact_version", dataset.version ?? "–"),
            ("data_fact_upgraded", text(dataset.upgraded ? "data_yes" : "data_no", page)),
            ("data_col_activities", ValueFormat.integer.format(Double(dataset.activityCount))),
            ("data_fact_organisations", ValueFormat.integer.format(Double(dataset.organisationCount))),
            ("data_col_transactions", ValueFormat.integer.format(Double(dataset.transactionCount))),
            ("data_fact_budgets", ValueFormat.integer.format(Double(dataset.budgetCount))),
            ("data_fact_duplicates", ValueFormat.integer.format(Double(dataset.duplicateCount))),
            ("data_fact_size", dataset.size.map { ValueFormat.integer.format(Double($0)) } ?? "–"),
            ("data_fact_imported_at", dataset.importedAt),
            ("data_fact_sha256", dataset.sha256),
        ]
        let groups = findingGroups(shown.map {
            GroupedFinding(severity: $0.severity, rule: $0.rule, message: $0.message, line: $0.line, xpath: $0.xpath, activity: $0.activity)
        }, page)
        let ruleRows = try await rules.map { rule in ruleValues(rule.severity, rule.rule, rule.category, rule.message, rule.count, page) }
        var values: [String: Any] = [
            "name": dataset.name,
            "facts": facts.filter { !$0.1.isEmpty }.map { ["label": text($0.0, page), "value": $0.1] },
            "rules": ruleRows,
            "hasRules": !ruleRows.isEmpty,
            "groups": groups,
            "hasFindings": !shown.isEmpty,
            "severities": [["value": "", "label": text("data_all_severities", page), "selected": severity == nil]]
                + FindingSeverity.allCases.map { ["value": $0.rawValue, "label": text("data_severity_\($0.rawValue)", page), "selected": $0 == severity] },
            "filterAction": page.path,
            "langParam": (page.languageInURL ? page.language.rawValue : nil) as Any,
            "backLink": page.link("/data"),
            "failed": dataset.status == "failed",
            "dataLink": page.link("/data") + "#upload-heading",
            "apiLink": "/api/v1/datasets/\(dataset.id)",
        ]
        values.merge(verdictValues(dataset.validation, page)) { _, new in new }
        if found.count > pageSize, let last = shown.last { values["nextLink"] = page.replacing(["after": String(last.seq)]) }
        if after != nil { values["firstLink"] = page.replacing(["after": nil]) }
        return try self.page("dataset", title: dataset.name, values, for: page)
    }

    private func uploadReportPage(_ report: ValidationReport, _ page: PageRequest) throws -> Response {
        let listed = 2_000
        let name = report.fileName ?? text("data_uploaded_file", page)
        let groups = findingGroups(report.findings.prefix(listed).map {
            GroupedFinding(severity: $0.severity, rule: $0.rule, message: $0.message, line: $0.line, xpath: $0.xpath, activity: $0.activity)
        }, page)
        var values: [String: Any] = [
            "heading": text("data_report_title", page, name),
            "passes": report.passes,
            "verdict": text(report.validSchema ? "data_verdict_valid" : "data_verdict_invalid", page),
            "verdictClass": report.validSchema ? "verdict-valid" : "verdict-invalid",
            "validated": true,
            "critical": ValueFormat.integer.format(Double(report.counts.critical)),
            "errors": ValueFormat.integer.format(Double(report.counts.error)),
            "warnings": ValueFormat.integer.format(Double(report.counts.warning)),
            "infos": ValueFormat.integer.format(Double(report.counts.info)),
            "size": ValueFormat.integer.format(Double(report.size)),
            "rules": report.rules.map { ruleValues($0.severity, $0.rule, $0.category, $0.message, $0.count, page) },
            "hasRules": !report.rules.isEmpty,
            "groups": groups,
            "hasFindings": !report.findings.isEmpty,
            "backLink": page.link("/data"),
        ]
        if report.omitted > 0 { values["omitted"] = text("data_report_omitted", page, ValueFormat.integer.format(Double(report.omitted))) }
        if report.findings.count > listed { values["shownLimit"] = text("data_report_shown_limit", page, ValueFormat.integer.format(Double(listed))) }
        return try self.page("datareport", title: text("data_report_title", page, name), values, for: page)
    }

    private func ruleValues(_ severity: String, _ rule: String, _ category: String, _ message: String, _ count: Int,
                            _ page: PageRequest) -> [String: Any] {
        ["severity": text("data_severity_\(severity)", page), "severityClass": "severity-\(severity)", "rule": rule,
         "category": category, "message": message, "count": ValueFormat.integer.format(Double(count))]
    }

    /// A finding as the report lists it, whether stored or just found.
    private struct GroupedFinding {
        var severity: String
        var rule: String
        var message: String
        var line: Int?
        var xpath: String?
        var activity: String?
    }

    /// Findings grouped by severity and rule, in the order of their first finding; each with its
    /// line and XPath, and its message when it differs from the group's.
    private func findingGroups(_ findings: [GroupedFinding], _ page: PageRequest) -> [[String: Any]] {
        var order: [String] = []
        var groups: [String: [GroupedFinding]] = [:]
        for finding in findings {
            let key = finding.severity + " " + finding.rule
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(finding)
        }
        return order.map { key in
            let members = groups[key]!
            let first = members[0]
            return [
                "severity": text("data_severity_\(first.severity)", page), "severityClass": "severity-\(first.severity)",
                "rule": first.rule, "message": first.message,
                "count": ValueFormat.integer.format(Double(members.count)),
                "findings": members.map { finding -> [String: Any] in
                    ["line": finding.line.map(String.init) ?? "–", "xpath": finding.xpath ?? "", "activity": finding.activity ?? "",
                     "message": finding.message == first.message ? "" : finding.message]
                },
            ]
        }
    }
}
