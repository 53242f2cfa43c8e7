import Foundation

/// The demo's pseudo-random numbers: SplitMix64, so that a seed always gives the same portfolio, on
/// every machine and with every Swift version (the standard library's `random(in:using:)` makes no
/// such promise, and `Hasher` is seeded per process: neither is used).
///
/// Each part of the portfolio draws from a stream of its own (``stream(_:_:)``), so adding a draw
/// in one place does not shift every number after it.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// An independent stream for the part named by `labels` (a project's index, a purpose).
    func stream(_ labels: UInt64...) -> DemoRandom {
        var mixer = DemoRandom(seed: state ^ 0x6A09_E667_F3BC_C909)
        for label in labels {
            mixer.state ^= label &* 0x9E37_79B9_7F4A_7C15
            _ = mixer.next()
        }
        return DemoRandom(seed: mixer.next())
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in `range`.
    mutating func double(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// Uniform in `range` (the bias of the modulo is below 2⁻³² for the small ranges used here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One of `items`, which must not be empty.
    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }

    /// An index drawn with the given (non-negative) weights; the last index when they are all zero.
    mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        guard total > 0 else { return weights.count - 1 }
        var point = unit() * total
        for (index, weight) in weights.enumerated() {
            point -= weight
            if point < 0 { return index }
        }
        return weights.count - 1
    }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(unit(), 0x1.0p-53)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * unit())
    }

    /// Log-normal with median 1.
    mutating func logNormal(sigma: Double) -> Double {
        exp(sigma * normal())
    }

    /// Fisher–Yates.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, int(0...index))
        }
    }

    /// Rounds `value` up or down at random, in proportion to its fraction: the expected result is `value`.
    mutating func round(_ value: Double) -> Int {
        let floor = value.rounded(.down)
        return Int(floor) + (chance(value - floor) ? 1 : 0)
    }
}
