/// JSON written straight into bytes, one value at a time: for output too large, or too frequent,
/// for `JSONEncoder`, which builds a tree of boxed values first and costs microseconds per value.
///
/// The writer puts the commas and colons; the caller opens and closes containers and names keys:
///
/// ```swift
/// var json = JSONWriter()
/// json.beginObject()
/// json.key("files"); json.beginArray(linePerElement: true)
/// …
/// json.endArray()
/// json.endObject()
/// handle.write(json.take())
/// ```
///
/// ``take()`` hands over what is written so far, so a long document goes out piece by piece while
/// the writer remembers where in it it is.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    private struct Container {
        var count = 0
        var linePerElement: Bool
    }

    private var open: [Container] = []
    private var afterKey = false

    public init() {
        bytes.reserveCapacity(1 << 16)
    }

    /// Whether every container opened has been closed again.
    public var isComplete: Bool { open.isEmpty }

    /// Hands over the bytes written so far and forgets them.
    public mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// Starts an object. Inside an object a value is written after its ``key(_:)``.
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        open.append(Container(linePerElement: false))
    }

    public mutating func endObject() {
        open.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Starts an array.
    /// - Parameter linePerElement: puts each element on a line of its own, so that a long array of
    ///   objects can still be read, and cut, by line.
    public mutating func beginArray(linePerElement: Bool = false) {
        separate()
        bytes.append(UInt8(ascii: "["))
        open.append(Container(linePerElement: linePerElement))
    }

    public mutating func endArray() {
        let container = open.removeLast()
        if container.linePerElement && container.count > 0 { bytes.append(UInt8(ascii: "\n")) }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Names the next value of the open object.
    public mutating func key(_ name: String) {
        separate()
        JSONText.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func string(_ value: String) {
        separate()
        JSONText.appendString(value, to: &bytes)
    }

    public mutating func int(_ value: Int) {
        separate()
        bytes += value.description.utf8
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes += (value ? "true" : "false").utf8
    }

    /// A finite number as Swift prints it (shortest form that reads back the same); `null` for NaN and infinities, which JSON lacks.
    public mutating func double(_ value: Double) {
        separate()
        bytes += (value.isFinite ? value.description : "null").utf8
    }

    public mutating func null() {
        separate()
        bytes += "null".utf8
    }

    /// `value`, or `null` when there is none.
    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// `value`, or `null` when there is none.
    public mutating func int(_ value: Int?) {
        if let value { int(value) } else { null() }
    }

    /// Ends a line outside any container: after each document of JSON Lines.
    public mutating func endLine() {
        precondition(open.isEmpty, "a line of JSON Lines ends after its value")
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The comma (or line break) a value or key needs before it, and the count of the container it goes in.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = open.indices.last else { return }
        if open[last].count > 0 { bytes.append(UInt8(ascii: ",")) }
        if open[last].linePerElement { bytes.append(UInt8(ascii: "\n")) }
        open[last].count += 1
    }
}
