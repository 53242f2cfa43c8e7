import Foundation
import Testing
@testable import devcoop

/// The benchmarks' peak memory is the command's own, however large the benchmark has grown.
@Suite struct MeasuredProcessTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status")))
    func aCommandsPeakIsItsOwn() throws {
        // This process grows first: the ru_maxrss of what it starts would be at least this much.
        let ballast = [UInt8](repeating: 1, count: 300 << 20)
        let small = try MeasuredProcess.run("/bin/sleep", ["0.5"])
        #expect(small.status == 0)
        #expect(small.peakMB < 50, "sleep peaked at \(small.peakMB) MB")
        // dd holds one block of 200 MB.
        let large = try MeasuredProcess.run("/bin/dd", ["if=/dev/zero", "of=/dev/null", "bs=200M", "count=2"])
        #expect(large.status == 0)
        #expect(large.peakMB >= 200 && large.peakMB < 280, "dd peaked at \(large.peakMB) MB")
        withExtendedLifetime(ballast) {}
    }
}
