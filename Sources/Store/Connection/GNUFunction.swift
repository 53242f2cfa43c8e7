#if canImport(Glibc)
import Glibc
#endif

/// A C function of the process looked up by name at run time: GNU extensions that Swift's Glibc
/// module leaves out (`sync_file_range`, `malloc_trim`). `nil` when absent, and elsewhere than on Linux.
enum GNUFunction {
    static func find<Function>(_ name: String, as type: Function.Type) -> Function? {
        #if os(Linux)
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, name) else { return nil }
        return unsafeBitCast(symbol, to: type)
        #else
        return nil
        #endif
    }
}
