import Foundation
import Hummingbird
import IATIValidation
import NIOCore
import NIOPosix

/// Validation of a file posted to the site (the data page's form, `POST /api/v1/validate`): the
/// body read up to ``WebServer/maxUploadBytes``, written to a temporary file that the validator
/// reads as the CLI's `validate` does (so hostile files get the same errors), and deleted after;
/// nothing is stored.
enum UploadValidation {
    /// The file a request carries: a multipart form's `file` field, or else the whole body.
    struct Upload {
        var name: String?
        var bytes: ByteBuffer
    }

    /// The validator, made once (it loads the schemas, codelists and rulesets) on a thread that
    /// may block.
    private static let validator = Task<Validator, any Error> {
        try await NIOThreadPool.singleton.runIfActive { try Validator() }
    }

    /// Reads the uploaded file of `request`: a 413 beyond the limit, a 400 for an empty or broken form.
    static func upload(_ request: Request) async throws -> Upload {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > WebServer.maxUploadBytes {
            throw tooLarge
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: WebServer.maxUploadBytes)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        let upload: Upload
        if let boundary = MultipartForm.boundary(contentType: request.headers[.contentType]) {
            let file = try MultipartForm.file("file", in: body, boundary: boundary)
            upload = Upload(name: file.name.flatMap { $0.isEmpty ? nil : $0 }, bytes: file.bytes)
        } else {
            upload = Upload(name: nil, bytes: body)
        }
        guard upload.bytes.readableBytes > 0 else {
            throw WebError.badRequest("the upload is empty: choose an IATI XML file (or a .xml.gz) to validate")
        }
        return upload
    }

    /// The validator's result for `upload`, off the threads that serve requests.
    static func validate(_ upload: Upload) async throws -> Validator.Result {
        let validator = try await validator.value
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("devcoop-upload-\(UUID().uuidString).xml").path
        let data = Data(upload.bytes.readableBytesView)
        try await NIOThreadPool.singleton.runIfActive {
            guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw WebError.internal("cannot write the upload to \(path)")
            }
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        return await validator.validate(file: path)
    }

    static let tooLarge = WebError(
        .contentTooLarge,
        "The file is larger than \(WebServer.maxUploadBytes / (1024 * 1024)) MiB, the most this site validates. "
            + "Compress it with gzip, or validate it with `devcoop validate` on your own machine.")
}
