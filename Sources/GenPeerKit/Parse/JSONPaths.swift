import Foundation

/// The member names and list indexes along JSON text: what Foundation's decoder does not tell.
/// It names the field at a byte offset (for a message about a syntax error there), finds the
/// offset of a field, and finds a key repeated in one object, which the decoder merges without
/// a word. It looks at strings, brackets, colons and commas only, and never fails: Foundation
/// decides whether the text is valid.
struct JSONPaths {
    enum Step: Equatable {
        case member(String)
        case index(Int)
    }

    private var cursor: StructureCursor

    init(_ bytes: UnsafeRawBufferPointer) {
        cursor = StructureCursor(bytes: bytes)
    }

    /// The path of the innermost member or list item holding the byte at `offset`.
    func path(at offset: Int) -> [Step] {
        var cursor = self.cursor
        while let token = cursor.peek(), token.start < offset {
            cursor.take(token)
        }
        cursor.openPending(before: offset)
        return cursor.path
    }

    /// The offset where the value at `codingPath` starts, if the text has it.
    func offset(of codingPath: [any CodingKey]) -> Int? {
        var cursor = self.cursor
        while let token = cursor.peek() {
            cursor.openPending(before: token.start + 1)
            if token.kind == .value && cursor.isAt(codingPath) { return token.start }
            cursor.take(token)
        }
        return nil
    }

    /// The offset of the first `\u` escape holding half of a surrogate pair: the one problem
    /// whose place `JSONSerialization` does not tell.
    func offsetOfLoneSurrogate() -> Int? {
        var cursor = self.cursor
        while let token = cursor.peek() {
            cursor.take(token)
            if cursor.bytes[token.start] == UInt8(ascii: "\""), let offset = cursor.loneSurrogate(in: token.start..<token.end) {
                return offset
            }
        }
        return nil
    }

    /// The first key that an earlier key of the same object equals (as Swift strings, as
    /// Foundation compares them), with its path and offset.
    func firstRepeatedKey() -> (name: String, path: [Step], offset: Int)? {
        var finder = RepeatedKeyFinder(bytes: cursor.bytes)
        guard let offset = finder.find() else { return nil }
        let path = path(at: offset + 1)
        guard case .member(let name)? = path.last else { return nil }
        return (name, path, offset)
    }
}

/// Finds a key repeated in one object, in one pass over every item read: plain keys (ASCII,
/// no escape) compared byte for byte, the others, and the keys of a wide object, by name.
private struct RepeatedKeyFinder {
    let bytes: UnsafeRawBufferPointer
    /// The open containers: for an object, where its keys start in ``keys``, and its keys' names
    /// once they are compared by name.
    private var containers: [(isObject: Bool, firstKey: Int, names: Set<String>?)] = []
    /// The keys of the open objects, innermost last.
    private var keys: [Range<Int>] = []

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The offset of the first repeated key's opening quote.
    mutating func find() -> Int? {
        var offset = 0
        var expectingKey = false
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                let start = offset
                offset = StructureCursor.endOfString(in: bytes, from: offset)
                if expectingKey {
                    if isRepeated(start + 1..<max(start + 1, offset - 1)) { return start }
                    expectingKey = false
                }
                continue
            case UInt8(ascii: "{"):
                containers.append((true, keys.count, nil))
                expectingKey = true
            case UInt8(ascii: "["):
                containers.append((false, keys.count, nil))
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let container = containers.popLast() { keys.removeSubrange(container.firstKey...) }
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = containers.last?.isObject ?? false
            default:
                break
            }
            offset += 1
        }
        return nil
    }

    private mutating func isRepeated(_ key: Range<Int>) -> Bool {
        let top = containers.count - 1
        let first = containers[top].firstKey
        if containers[top].names == nil && keys.count - first < 32 && StructureCursor.isPlain(bytes[key]) {
            let repeated = keys[first...].contains { earlier in
                earlier.count == key.count && memcmp(bytes.baseAddress! + earlier.lowerBound, bytes.baseAddress! + key.lowerBound, key.count) == 0
            }
            keys.append(key)
            return repeated
        }
        if containers[top].names == nil {
            containers[top].names = Set(keys[first...].compactMap { StructureCursor.name(of: UnsafeRawBufferPointer(rebasing: bytes[$0])) })
        }
        // A key Foundation could not read is one it never used.
        guard let name = StructureCursor.name(of: UnsafeRawBufferPointer(rebasing: bytes[key])) else { return false }
        return !containers[top].names!.insert(name).inserted
    }
}

/// Steps through JSON text by its structure: keys and the starts of values.
private struct StructureCursor {
    struct Token {
        enum Kind: Equatable {
            /// A member's key: the bytes between its quotes.
            case key(Range<Int>)
            /// A value starts (a `{` or `[` opens its container when taken).
            case value
            /// Punctuation, blanks, a container's end.
            case other
        }
        var kind: Kind
        var start: Int
        var end: Int
        /// For `{` and `[`: whether the container it opens is an object.
        var opensObject: Bool?
    }

    struct Frame {
        var isObject: Bool
        var index = 0
        var key: Range<Int>?
        var expectingKey = true
    }

    let bytes: UnsafeRawBufferPointer
    private var offset = 0
    private var frames: [Frame] = []
    /// A container opened but not entered yet: whether it is an object, and where it opens.
    private var pending: (isObject: Bool, at: Int)?

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The next token, not taken.
    func peek() -> Token? {
        var offset = self.offset
        while offset < bytes.count {
            let start = offset
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset = endOfString(from: offset)
                let expectingKey = pending.map { $0.isObject } ?? frames.last.map { $0.isObject && $0.expectingKey } ?? false
                if expectingKey {
                    return Token(kind: .key(start + 1..<max(start + 1, offset - 1)), start: start, end: offset)
                }
                return Token(kind: .value, start: start, end: offset)
            case UInt8(ascii: "{"):
                return Token(kind: .value, start: start, end: offset + 1, opensObject: true)
            case UInt8(ascii: "["):
                return Token(kind: .value, start: start, end: offset + 1, opensObject: false)
            case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"):
                return Token(kind: .other, start: start, end: offset + 1)
            case let byte where InputFormat.isBlank(byte):
                offset += 1
            default:
                while offset < bytes.count, !Self.endsScalar(bytes[offset]) { offset += 1 }
                return Token(kind: .value, start: start, end: offset)
            }
        }
        return nil
    }

    mutating func take(_ token: Token) {
        openPending(before: token.start + 1)
        offset = token.end
        switch token.kind {
        case .key(let range):
            frames[frames.count - 1].key = range
            frames[frames.count - 1].expectingKey = false
        case .value:
            if let isObject = token.opensObject { pending = (isObject, token.start) }
        case .other:
            switch bytes[token.start] {
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !frames.isEmpty { frames.removeLast() }
            case UInt8(ascii: ","):
                guard !frames.isEmpty else { break }
                if frames[frames.count - 1].isObject {
                    frames[frames.count - 1].expectingKey = true
                    frames[frames.count - 1].key = nil
                } else {
                    frames[frames.count - 1].index += 1
                }
            default:
                break
            }
        }
    }

    /// Enters a container opened before `offset`. A container is entered lazily, so that the
    /// path at its opening bracket is the path of the container itself.
    mutating func openPending(before offset: Int) {
        if let (isObject, at) = pending, at < offset {
            frames.append(Frame(isObject: isObject))
            pending = nil
        }
    }

    var path: [JSONPaths.Step] {
        frames.compactMap { frame in
            if !frame.isObject { return .index(frame.index) }
            return frame.key.map { .member(name($0) ?? "") }
        }
    }

    func isAt(_ codingPath: [any CodingKey]) -> Bool {
        guard frames.count == codingPath.count else { return false }
        return zip(frames, codingPath).allSatisfy { frame, key in
            if frame.isObject { return frame.key.map { name($0) == key.stringValue } ?? false }
            return frame.index == key.intValue
        }
    }

    /// The offset of the first escape in `string` that is half of a surrogate pair.
    func loneSurrogate(in string: Range<Int>) -> Int? {
        var offset = string.lowerBound + 1
        var highSurrogateAt: Int?
        while offset < string.upperBound {
            guard bytes[offset] == UInt8(ascii: "\\") else {
                if let highSurrogateAt { return highSurrogateAt }
                offset += 1
                continue
            }
            let unit = offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "u") ? hexQuad(at: offset + 2) : nil
            switch unit {
            case (0xD800...0xDBFF)?:
                if let highSurrogateAt { return highSurrogateAt }
                highSurrogateAt = offset
            case (0xDC00...0xDFFF)?:
                if highSurrogateAt == nil { return offset }
                highSurrogateAt = nil
            default:
                if let highSurrogateAt { return highSurrogateAt }
            }
            offset += unit == nil ? 2 : 6
        }
        return highSurrogateAt
    }

    private func hexQuad(at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[offset..<offset + 4] {
            guard let digit = UInt32(String(UnicodeScalar(byte)), radix: 16) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    /// A key as Foundation reads it: escapes decoded.
    func name(_ key: Range<Int>) -> String? {
        Self.name(of: UnsafeRawBufferPointer(rebasing: bytes[key]))
    }

    static func name(of key: UnsafeRawBufferPointer) -> String? {
        if isPlain(key[...]) { return String(decoding: key, as: UTF8.self) }
        var quoted = Data([UInt8(ascii: "\"")])
        quoted.append(contentsOf: key)
        quoted.append(UInt8(ascii: "\""))
        return try? JSONDecoder().decode(String.self, from: quoted)
    }

    static func isPlain(_ key: Slice<UnsafeRawBufferPointer>) -> Bool {
        key.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\\") }
    }

    private func endOfString(from start: Int) -> Int {
        Self.endOfString(in: bytes, from: start)
    }

    /// The offset after the string starting at `start` (its closing quote, or the end).
    static func endOfString(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var offset = start + 1
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\\"): offset += 2
            case UInt8(ascii: "\""): return offset + 1
            default: offset += 1
            }
        }
        return bytes.count
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "\""):
            return true
        default:
            return InputFormat.isBlank(byte)
        }
    }
}
