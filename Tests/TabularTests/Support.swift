import Foundation
import Testing
import CZlib
import TestSupport

@testable import Tabular

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A value behind a lock (Synchronization's `Mutex` needs macOS 15; the package supports 14).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// A sink that keeps what it is given, and the size of each call.
final class ChunkCollector: Sendable {
    private let state = Locked<(bytes: [UInt8], sizes: [Int])>(([], []))

    var sink: ByteSink {
        { chunk in self.state.withLock { $0.bytes.append(contentsOf: chunk); $0.sizes.append(chunk.count) } }
    }

    var bytes: [UInt8] { state.withLock { $0.bytes } }
    var sizes: [Int] { state.withLock { $0.sizes } }
    var data: Data { Data(bytes) }
}

/// A sink that only counts: for long exports whose bytes need not be kept.
final class ChunkCounter: Sendable {
    private let state = Locked<(count: Int, total: Int, largest: Int)>((0, 0, 0))

    var sink: ByteSink {
        { chunk in self.state.withLock { $0.count += 1; $0.total += chunk.count; $0.largest = max($0.largest, chunk.count) } }
    }

    var count: Int { state.withLock { $0.count } }
    var total: Int { state.withLock { $0.total } }
    var largest: Int { state.withLock { $0.largest } }
}

/// Python's `zipfile` testing the archive (`python3 -m zipfile -t`), when python3 is installed: nil when it is not.
func pythonZipTest(_ data: Data) throws -> (status: Int32, output: String)? {
    guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile)
    else { return nil }
    return try withTemporaryFile(data) { try run(python, ["-m", "zipfile", "-t", $0.path]) }
}

func withTemporaryFile<T>(_ data: Data, name: String = "export.xlsx", _ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tabular-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent(name)
    try data.write(to: file)
    return try body(file)
}

/// `unzip -t` on the bytes, when unzip is installed: nil when it is not.
func unzipTest(_ data: Data) throws -> (status: Int32, output: String)? {
    guard let unzip = ["/usr/bin/unzip", "/bin/unzip", "/usr/local/bin/unzip"].first(where: FileManager.default.isExecutableFile)
    else { return nil }
    return try withTemporaryFile(data) { try run(unzip, ["-t", $0.path]) }
}

/// Runs a program to its end; its status and what it printed.
func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// A fixed timestamp, so the bytes of an export do not depend on the clock.
let fixedTimestamp = DOSTimestamp(year: 2025, month: 3, day: 14, hour: 15, minute: 9, second: 26)
