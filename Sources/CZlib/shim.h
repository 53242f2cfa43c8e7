#include <zlib.h>

// inflateInit2 is a macro, which Swift does not import.
static inline int devcoop_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
