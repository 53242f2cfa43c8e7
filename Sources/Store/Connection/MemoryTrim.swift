import Foundation

/// Keeps the resident memory of a folder import near its heap, with glibc's allocator: memory
/// freed by threads goes back to the system between the files of a validating import
/// (`malloc_trim`), and a batch import uses one arena per core (`mallopt(M_ARENA_MAX)`) instead
/// of glibc's eight per core.
///
/// glibc keeps what each thread frees in that thread's arena for its next allocations. With the
/// parsing, checking and writing threads of an import each holding some, the resident memory of
/// a validating folder import grew to about twice its heap: 201 MB resident for a 55 MB heap peak
/// on the generated corpus (`devcoop bench generate --files 130`). Trimming between files gave
/// 161–178 MB; one arena per core on top gives 122–127 MB on 2 cores, for a validating import
/// about 5% slower in the same run (13.7 s against 13.1 s, three runs each alternately;
/// `--no-validate` unchanged), the threads now and then waiting for each other's arena.
///
/// Elsewhere than on Linux it does nothing.
public enum MemoryTrim {
    private typealias Trim = @convention(c) (Int) -> Int32
    private typealias Option = @convention(c) (Int32, Int32) -> Int32

    /// Found at run time: Swift's Glibc module leaves `<malloc.h>` out.
    private static let trim: Trim? = GNUFunction.find("malloc_trim", as: Trim.self)
    private static let option: Option? = GNUFunction.find("mallopt", as: Option.self)
    /// `M_ARENA_MAX` of `<malloc.h>`.
    private static let arenaMaximum: Int32 = -8

    static func releaseFreedMemory() {
        _ = trim?(0)
    }

    /// One allocation arena per core from now on, for a process that runs one batch import (the
    /// command line's `import`); a server keeps glibc's default.
    public static func limitArenasToCores() {
        _ = option?(arenaMaximum, Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
    }
}
