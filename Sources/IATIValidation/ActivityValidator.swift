import Foundation
import IATI
import IATIXML

/// Codelist and ruleset validation of a whole IATI file, one activity (or organisation) at a time:
/// the file is streamed by ``IATIXML/IATIReader`` and only the current element's DOM is in memory.
///
/// Schema validation is a separate layer (`SchemaValidator`); codelists and rules run on every
/// activity whether the file passes the schema or not. A legacy 1.0x file is validated after its
/// upgrade to the 2.03 shape, and says so in a `legacy-version` finding.
public struct ActivityValidator: Sendable {
    public let codelists: CodelistValidator
    public let rules: RulesetValidator
    /// The checks compiled for these codelists and rules, kept between files (compiling them costs
    /// more than checking a small file), each lent to one checking thread at a time.
    let compiledChecks = ExclusivePool<CompiledChecks>()

    public init(codelists: CodelistValidator, rules: RulesetValidator) {
        self.codelists = codelists
        self.rules = rules
    }

    /// The bundled codelists and the IATI Standard Ruleset.
    public init(now: Date = Date()) throws {
        self.init(codelists: try CodelistValidator(), rules: try RulesetValidator(now: now))
    }

    /// Every codelist and ruleset finding of the file at `path`, in document order (by line).
    /// Throws the reader's error when the file is not well-formed XML or not an IATI document.
    public func validate(file path: String) throws -> [Finding] {
        var findings: [Finding] = []
        try validate(file: path) { findings.append(contentsOf: $0) }
        return findings
    }

    /// Streams the findings: `handle` gets the file-level findings, then each element's, in order.
    public func validate(file path: String, _ handle: ([Finding]) throws -> Void) throws {
        try validate(reading: { try IATIReader(buildsTrees: false).read(file: path, $0) }, handle)
    }

    /// The findings of a document held in memory.
    public func validate(bytes: [UInt8], name: String = "<memory>") throws -> [Finding] {
        var findings: [Finding] = []
        try validate(reading: { try IATIReader(buildsTrees: false).read(bytes: bytes, name: name, $0) }) { findings.append(contentsOf: $0) }
        return findings
    }

    private func validate(
        reading: ((IATIReader.Event) throws -> Void) throws -> Void, _ handle: ([Finding]) throws -> Void
    ) throws {
        try withoutActuallyEscaping(handle) { handle in try validate(reading: reading, escaping: handle) }
    }

    private func validate(
        reading: ((IATIReader.Event) throws -> Void) throws -> Void, escaping handle: @escaping ([Finding]) throws -> Void
    ) throws {
        // The reader parses on this thread while a second thread builds each element's tree and
        // checks it; the findings come back, and are handled, in document order.
        let pipe = ElementPipe(validator: self)
        defer { pipe.close() }
        var header: DocumentHeader?
        var index = 0
        var handlerFailed = false
        func deliver(_ batches: [[Finding]]) throws {
            for findings in batches {
                do { try handle(findings) } catch {
                    handlerFailed = true
                    throw error
                }
            }
        }
        do {
            try reading { event in
                switch event {
                case .header(let found):
                    header = found
                    var findings = codelists.validate(header: found)
                    if found.isLegacy {
                        findings.append(
                            Finding(
                                severity: .warning, category: "version", rule: "legacy-version",
                                message:
                                    "The file uses IATI version \(found.version ?? "1.0x"), which is no longer supported; it was upgraded to 2.03 before its codelists and rules were checked, so places may refer to the upgraded elements.",
                                line: found.line,
                                xpath: "/\(found.kind == .activities ? "iati-activities" : "iati-organisations")/@version"))
                    }
                    try deliver(pipe.drain())
                    try deliver([findings.sorted(by: Self.order)])
                case .activity(let element), .organisation(let element):
                    guard let header else { return }
                    index += 1
                    pipe.submit(element, header: header, index: index)
                    try deliver(pipe.ready())
                case .envelope:
                    break
                }
            }
        } catch {
            // What the elements read before the error gave is handled, as if checked one by one.
            if !handlerFailed { try deliver(pipe.drain()) }
            throw error
        }
        try deliver(pipe.drain())
    }

    /// The findings of one element (`index`-th of its document), with the checking thread's compiled checks.
    func validate(_ element: SourceElement, header: DocumentHeader, index: Int, _ run: CompiledChecks) -> [Finding] {
        let document: ActivityDocument
        do {
            document = try ActivityDocument(source: element, header: header, index: index, cache: run.cache)
        } catch {
            return [
                Finding(
                    severity: .error, category: "xml", rule: "unreadable-element", message: "\(error)",
                    line: element.line,
                    xpath: "/\(header.kind == .activities ? "iati-activities/iati-activity" : "iati-organisations/iati-organisation")[\(index)]")
            ]
        }
        var findings = codelists.validate(document, walk: run.codelists)
        findings += rules.validate(document, compiled: run.rules(forVersion: header.version))
        return findings.sorted(by: Self.order)
    }

    /// By line, then severity, rule and place: a stable, readable order.
    static func order(_ a: Finding, _ b: Finding) -> Bool {
        if a.line != b.line { return a.line < b.line }
        if a.severity != b.severity { return a.severity < b.severity }
        if a.rule != b.rule { return a.rule < b.rule }
        if a.xpath != b.xpath { return a.xpath < b.xpath }
        return a.message < b.message
    }
}
