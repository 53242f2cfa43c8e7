/// A stack of plain values in memory of its own: pushes and pops without an array's copy-on-write
/// checks, for state kept per open element of every parsed activity.
///
/// Not copyable, so that exactly one owner frees the memory, when the stack goes away.
struct UnsafeStack<Element: BitwiseCopyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    var last: Element? { count > 0 ? base[count - 1] : nil }

    mutating func push(_ element: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.initialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        base[count] = element
        count += 1
    }

    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return base[count]
    }

    /// Changes the top element in place; nothing when the stack is empty.
    mutating func updateLast(_ body: (inout Element) -> Void) {
        guard count > 0 else { return }
        body(&base[count - 1])
    }
}
