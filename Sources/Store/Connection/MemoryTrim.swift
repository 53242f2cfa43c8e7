/// Gives the memory that threads have freed back to the system (glibc's `malloc_trim`), between
/// the files of a folder import.
///
/// glibc keeps what each thread frees in that thread's arena for its next allocations. With the
/// parsing, checking and writing threads of an import each holding some, the resident memory of
/// a folder import grew to about twice its heap: 201 MB resident for a 55 MB heap peak on the
/// generated corpus (`devcoop bench generate --files 130`). Fewer arenas (`MALLOC_ARENA_MAX=2`)
/// gave 137 MB but made the import 17% slower, the threads waiting for each other's arena;
/// trimming between files gives 164 MB at no measurable cost.
///
/// Elsewhere than on Linux it does nothing.
enum MemoryTrim {
    private typealias Trim = @convention(c) (Int) -> Int32

    /// Found at run time: Swift's Glibc module leaves `<malloc.h>` out.
    private static let trim: Trim? = GNUFunction.find("malloc_trim", as: Trim.self)

    static func releaseFreedMemory() {
        _ = trim?(0)
    }
}
