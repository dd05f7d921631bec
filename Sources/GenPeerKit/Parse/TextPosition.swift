/// A line and column in a document, both from 1; a column counts bytes.
struct TextPosition: Sendable, Comparable, CustomStringConvertible {
    var line = 1
    var column = 1

    mutating func advance(over byte: UInt8) {
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    /// Advances over many bytes at once: counts the line breaks, then the bytes after the last.
    mutating func advance(over bytes: [UInt8]) {
        guard let lastBreak = bytes.lastIndex(of: UInt8(ascii: "\n")) else {
            column += bytes.count
            return
        }
        line += bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        column = bytes.count - lastBreak
    }

    var description: String { "line \(line), column \(column)" }

    static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
