import Foundation
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A command run as a child process, timed from its start to its exit, with its own peak memory.
///
/// The peak is the child's `VmHWM` (`/proc/<pid>/status`), read every 2 ms while it runs: the
/// high-water mark of the memory the command itself mapped. Its `ru_maxrss` is no measure of that
/// on Linux: `exec` records the high-water mark of the memory it leaves, which for a child started
/// by `posix_spawn` (or `fork`) is the parent's, so a benchmark that has itself grown to 140 MB
/// saw every command it ran peak at 140 MB or more (`/bin/true` started by a process of 300 MB
/// reports 320 MB). `ru_maxrss` is the fallback where `/proc` has nothing (another system, or a
/// command over before the first reading).
struct MeasuredProcess {
    var seconds: Double
    /// The exit status, or 128 plus the signal that ended it.
    var status: Int32
    /// The peak resident set size, in bytes.
    var peakBytes: Int

    var peakMB: Double { Double(peakBytes) / 1_048_576 }

    /// Runs `executable` with `arguments`, its standard output written to the file `output`, its
    /// standard error discarded.
    static func run(_ executable: String, _ arguments: [String], output: String = "/dev/null") throws -> MeasuredProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid = pid_t()
        let started = DispatchTime.now()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw UsageError(description: "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        let watch = NIOLockedValueBox((running: true, peakKibibytes: 0))
        let watched = DispatchSemaphore(value: 0)
        let child = pid
        // A thread of its own: a queue's work item can wait behind others until the command is over.
        Thread {
            while watch.withLockedValue({ $0.running }) {
                if let kibibytes = highWaterMark(of: child) {
                    watch.withLockedValue { $0.peakKibibytes = max($0.peakKibibytes, kibibytes) }
                }
                usleep(2_000)
            }
            watched.signal()
        }.start()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        watch.withLockedValue { $0.running = false }
        watched.wait()
        let peakKibibytes = watch.withLockedValue { $0.peakKibibytes }
        // The wait status: the signal in the low 7 bits, else the exit code in the next byte.
        let exit = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return MeasuredProcess(
            seconds: seconds, status: exit, peakBytes: (peakKibibytes > 0 ? peakKibibytes : Int(usage.ru_maxrss)) * 1024)
    }

    /// The `VmHWM` of process `pid` in KiB; `nil` when `/proc` does not say (another system, or a
    /// process that has ended).
    static func highWaterMark(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
    }

    /// The best (shortest) of `runs` runs of `body`; the peak memory is the largest of them.
    static func best(of runs: Int, _ body: () throws -> MeasuredProcess) rethrows -> MeasuredProcess {
        var best = try body()
        for _ in 1..<max(1, runs) {
            let run = try body()
            best = MeasuredProcess(
                seconds: min(best.seconds, run.seconds), status: max(best.status, run.status), peakBytes: max(best.peakBytes, run.peakBytes))
        }
        return best
    }

    /// Runs one after the other: their times added, the worse status, the larger peak.
    static func + (a: MeasuredProcess, b: MeasuredProcess) -> MeasuredProcess {
        MeasuredProcess(seconds: a.seconds + b.seconds, status: max(a.status, b.status), peakBytes: max(a.peakBytes, b.peakBytes))
    }
}
