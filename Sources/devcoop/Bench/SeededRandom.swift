/// A small pseudo-random generator (a 64-bit linear congruential one, high bits used) whose
/// sequence depends on the seed alone, on every platform and Swift version: the benchmark files are
/// the same bytes wherever they are generated, which `SystemRandomNumberGenerator` cannot promise.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed &* 6364136223846793005 &+ 1442695040888963407
    }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    /// A number in `0..<1`, in steps of 2⁻³¹.
    mutating func unit() -> Double {
        Double(next(1 << 31)) / Double(1 << 31)
    }

    /// Whether an event of probability `percent`/100 happens.
    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
}
