/// Reads a JSON document (RFC 8259) from a stream of chunks into ``DocumentNode``s.
///
/// Strict where Foundation is lenient, because the document comes from the network and a
/// surprise here would become a surprise in a root daemon's config: a duplicate key, invalid
/// UTF-8, a raw control character in a string, nesting deeper than ``maximumDepth`` or anything
/// after the document is an error naming the line, column and field path. A UTF-8 byte-order
/// mark is skipped.
///
/// The items of the connection list (``ConnectionList``) are handed to a closure one at a time
/// as soon as each is complete and are not kept, so memory does not grow with the number of
/// connections.
struct JSONStreamReader {
    static let maximumDepth = 64
    static let maximumStringBytes = 1 << 20

    var location: SourceLocation

    /// Reads the whole document, handing each connection-list item to `connectionItem`; returns
    /// the rest of the document (the list itself left empty).
    func read(_ input: ChunkedInput, connectionItem: (DocumentNode, SourceLocation) throws -> Void) throws -> DocumentNode {
        var parser = JSONParser(input: input, location: location)
        return try parser.parseDocument(connectionItem)
    }
}

/// One element of the path to the value being read, for messages and the connection list.
private enum PathComponent {
    case key(String)
    case index(Int)
}

private struct JSONParser {
    let input: ChunkedInput
    let location: SourceLocation
    private var bytes: [UInt8] = []
    private var index = 0
    private var atEnd = false
    private var line = 1
    /// Bytes consumed before `bytes[0]`, and the offset where the current line starts.
    private var chunkOffset = 0
    private var lineStartOffset = 0
    private var path: [PathComponent] = []
    private var scratch: [UInt8] = []

    init(input: ChunkedInput, location: SourceLocation) {
        self.input = input
        self.location = location
    }

    mutating func parseDocument(_ connectionItem: (DocumentNode, SourceLocation) throws -> Void) throws -> DocumentNode {
        try refill()
        if bytes.starts(with: InputFormat.utf8ByteOrderMark) { index = 3 }
        guard let first = try peekNonBlank() else { throw failure("the input is empty") }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            let root = try parseValue(depth: 0, connectionItem)
            if try peekNonBlank() != nil { throw failure("unexpected data after the end of the JSON document") }
            return root
        }
        throw failure("not valid JSON: expected { or [ at the start of the document")
    }

    // MARK: Values

    private mutating func parseValue(depth: Int, _ connectionItem: (DocumentNode, SourceLocation) throws -> Void) throws -> DocumentNode {
        guard let byte = try peekNonBlank() else { throw failure("not valid JSON: the document ends early") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1, connectionItem)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1, connectionItem)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("not valid JSON: unexpected \(Self.describe(byte))")
        }
    }

    private mutating func parseObject(depth: Int, _ connectionItem: (DocumentNode, SourceLocation) throws -> Void) throws -> DocumentNode {
        try checkDepth(depth)
        index += 1
        var members = DocumentObject()
        if try peekNonBlank() == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            guard try peekNonBlank() == UInt8(ascii: "\"") else { throw failure("not valid JSON: expected a key in double quotes") }
            let key = try parseString()
            guard try peekNonBlank() == UInt8(ascii: ":") else { throw failure("not valid JSON: expected ':' after the key \"\(key.truncatedForMessage)\"") }
            index += 1
            path.append(.key(key))
            if members.contains(key) {
                throw failure("the key \"\(key.truncatedForMessage)\" appears twice in one object; genpeer will not guess which one counts")
            }
            members.append(try parseValue(depth: depth, connectionItem), forKey: key)
            path.removeLast()
            switch try peekNonBlank() {
            case UInt8(ascii: ",")?: index += 1
            case UInt8(ascii: "}")?: index += 1; return .object(members)
            default: throw failure("not valid JSON: expected ',' or '}' after a member")
            }
        }
    }

    private mutating func parseArray(depth: Int, _ connectionItem: (DocumentNode, SourceLocation) throws -> Void) throws -> DocumentNode {
        try checkDepth(depth)
        index += 1
        let streams = ConnectionList.isList(keyPath: keyPath)
        var items: [DocumentNode] = []
        if try peekNonBlank() == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        var position = 0
        while true {
            path.append(.index(position))
            let item = try parseValue(depth: depth, connectionItem)
            if streams {
                try connectionItem(item, currentLocation)
            } else {
                items.append(item)
            }
            path.removeLast()
            position += 1
            switch try peekNonBlank() {
            case UInt8(ascii: ",")?: index += 1
            case UInt8(ascii: "]")?: index += 1; return .array(items)
            default: throw failure("not valid JSON: expected ',' or ']' after a list item")
            }
        }
    }

    private mutating func checkDepth(_ depth: Int) throws {
        if depth > JSONStreamReader.maximumDepth {
            throw failure("the document nests deeper than \(JSONStreamReader.maximumDepth) levels; an API response never does")
        }
    }

    // MARK: Scalars

    private mutating func parseString() throws -> String {
        index += 1
        scratch.removeAll(keepingCapacity: true)
        while true {
            if index == bytes.count {
                try refill()
                if atEnd { throw failure("not valid JSON: a string is not closed") }
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                break
            }
            if byte < 0x20 {
                throw failure("not valid JSON: a string holds the raw control character \(Self.describe(byte)) (JSON requires it escaped)")
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                try appendEscape()
            } else {
                scratch.append(byte)
                index += 1
            }
            if scratch.count > JSONStreamReader.maximumStringBytes {
                throw failure("a string is longer than \(JSONStreamReader.maximumStringBytes) bytes")
            }
        }
        guard let text = String(validating: scratch, as: UTF8.self) else {
            throw failure("a string is not valid UTF-8")
        }
        return text
    }

    private mutating func appendEscape() throws {
        guard let escaped = try nextByte() else { throw failure("not valid JSON: a string is not closed") }
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xD800...0xDBFF).contains(scalar) {
                guard try nextByte() == UInt8(ascii: "\\"), try nextByte() == UInt8(ascii: "u") else {
                    throw failure("not valid JSON: a \\u escape holds half of a surrogate pair")
                }
                let low = try hexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("not valid JSON: a \\u escape holds half of a surrogate pair") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw failure("not valid JSON: a \\u escape holds half of a surrogate pair")
            }
            scratch.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
            throw failure("not valid JSON: unknown escape \\\(Self.describe(escaped))")
        }
    }

    private mutating func hexQuad() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try nextByte(), let digit = Self.hexValue(byte) else {
                throw failure("not valid JSON: \\u needs four hexadecimal digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    private mutating func parseNumber() throws -> String {
        scratch.removeAll(keepingCapacity: true)
        func digits(_ parser: inout JSONParser) throws -> Int {
            var count = 0
            while let byte = try parser.peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                parser.scratch.append(byte)
                parser.index += 1
                count += 1
            }
            return count
        }
        if try peek() == UInt8(ascii: "-") {
            scratch.append(UInt8(ascii: "-"))
            index += 1
        }
        let leadingZero = try peek() == UInt8(ascii: "0")
        let integerDigits = try digits(&self)
        guard integerDigits > 0, !(leadingZero && integerDigits > 1) else { throw failure("not valid JSON: a malformed number") }
        if try peek() == UInt8(ascii: ".") {
            scratch.append(UInt8(ascii: "."))
            index += 1
            guard try digits(&self) > 0 else { throw failure("not valid JSON: a malformed number") }
        }
        if let byte = try peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            scratch.append(byte)
            index += 1
            if let sign = try peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                scratch.append(sign)
                index += 1
            }
            guard try digits(&self) > 0 else { throw failure("not valid JSON: a malformed number") }
        }
        if scratch.count > 400 { throw failure("a number is longer than 400 characters") }
        return String(decoding: scratch, as: UTF8.self)
    }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for byte in expected {
            guard try nextByte() == byte else { throw failure("not valid JSON: expected \(literal)") }
        }
    }

    // MARK: Bytes

    private mutating func refill() throws {
        chunkOffset += bytes.count
        index = 0
        bytes = try input.nextChunk()
        atEnd = bytes.isEmpty
    }

    private mutating func peek() throws -> UInt8? {
        if index == bytes.count {
            try refill()
            if atEnd { return nil }
        }
        return bytes[index]
    }

    private mutating func nextByte() throws -> UInt8? {
        guard let byte = try peek() else { return nil }
        index += 1
        return byte
    }

    /// The next byte after blanks, not consumed; `nil` at the end.
    private mutating func peekNonBlank() throws -> UInt8? {
        while true {
            if index == bytes.count {
                try refill()
                if atEnd { return nil }
            }
            let byte = bytes[index]
            guard InputFormat.isBlank(byte) else { return byte }
            if byte == 0x0A {
                line += 1
                lineStartOffset = chunkOffset + index + 1
            }
            index += 1
        }
    }

    // MARK: Locations

    private var keyPath: [String] {
        path.compactMap { if case .key(let key) = $0 { return key } else { return nil } }
    }

    private var currentLocation: SourceLocation {
        path.reduce(location) { location, component in
            switch component {
            case .key(let key): return location.appending(key)
            case .index(let position): return location.indexed(position)
            }
        }
    }

    private func failure(_ message: String) -> GenPeerError {
        let column = chunkOffset + index - lineStartOffset + 1
        return GenPeerError(.data, "\(message) (line \(line), column \(column))", at: currentLocation)
    }

    private static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
