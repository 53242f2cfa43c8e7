/// The results of an `async` operation over a list of inputs, in order, with up to `ahead` inputs
/// after the current one already under way: work on the next file overlaps the end of this one's,
/// while memory holds at most `ahead + 1` results.
struct LookaheadQueue<Input: Sendable, Output: Sendable> {
    private let inputs: [Input]
    private let ahead: Int
    private let operation: @Sendable (Input) async -> Output
    private var started: [Task<Output, Never>] = []
    private var nextToStart = 0

    init(_ inputs: [Input], ahead: Int, operation: @escaping @Sendable (Input) async -> Output) {
        self.inputs = inputs
        self.ahead = ahead
        self.operation = operation
    }

    /// The next input's result; call it once per input.
    mutating func next() async -> Output {
        while started.count < ahead + 1 && nextToStart < inputs.count {
            let input = inputs[nextToStart]
            let operation = operation
            started.append(Task { await operation(input) })
            nextToStart += 1
        }
        precondition(!started.isEmpty, "more results asked for than inputs")
        return await started.removeFirst().value
    }
}
