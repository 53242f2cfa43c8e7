import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A command run as a child process, timed from its start to its exit, with its own peak memory:
/// `wait4` gives each child's resource usage, where `Process` (and `RUSAGE_CHILDREN`, the largest
/// of all children so far) cannot tell one command's peak from another's.
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
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        // The wait status: the signal in the low 7 bits, else the exit code in the next byte.
        let exit = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return MeasuredProcess(seconds: seconds, status: exit, peakBytes: Int(usage.ru_maxrss) * 1024)
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
