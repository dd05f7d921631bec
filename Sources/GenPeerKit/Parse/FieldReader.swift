/// Reads the members of one object node, leniently as Alibaba sends them (`true` or `"true"`,
/// `86400` or `"86400"`), and reports a wrong type at the member's field path.
struct FieldReader {
    let location: SourceLocation
    private let members: DocumentObject

    /// An object node; an empty XML element (`<Tags/>`) reads as an empty object.
    init(_ node: DocumentNode, at location: SourceLocation) throws {
        self.location = location
        switch node {
        case .object(let members): self.members = members
        case .string(let text) where text.isBlank: self.members = [:]
        case .null: self.members = [:]
        default: throw GenPeerError.data("expected an object, found \(node.kindDescription)", at: location)
        }
    }

    func has(_ key: String) -> Bool { members[key] != nil }

    /// Text of a scalar member; numbers and booleans read as their text. `nil` when absent or null.
    func string(_ key: String) throws -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let text)?:
            // A NUL scalar is a zero byte in UTF-8, and no other scalar holds one.
            if text.utf8.withContiguousStorageIfAvailable({ $0.contains(0) }) ?? text.utf8.contains(0) {
                throw GenPeerError.data("the value holds a NUL character", at: location.appending(key))
            }
            return text
        case .number(let text)?: return text
        case .bool(let value)?: return value ? "true" : "false"
        case let other?: throw mismatch(key, expected: "a string", found: other)
        }
    }

    /// A boolean member: `true`/`false` or the same as a string, any case.
    func bool(_ key: String) throws -> Bool? {
        switch members[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case .string(let text)? where text.trimmedBlanks.isEmpty: return nil
        case .string(let text)?:
            switch text.trimmedBlanks.lowercased() {
            case "true": return true
            case "false": return false
            default: throw mismatch(key, expected: "true or false", found: .string(text))
            }
        case let other?: throw mismatch(key, expected: "true or false", found: other)
        }
    }

    /// A whole-number member: a JSON number or a string of decimal digits.
    func integer(_ key: String) throws -> Int64? {
        let text: String
        switch members[key] {
        case nil, .null?: return nil
        case .number(let number)?: text = number
        case .string(let string)? where string.trimmedBlanks.isEmpty: return nil
        case .string(let string)?: text = string.trimmedBlanks
        case let other?: throw mismatch(key, expected: "a whole number", found: other)
        }
        // Digits as bytes: a character is an ASCII digit exactly when its bytes are one digit.
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let value = Int64(text) else {
            throw mismatch(key, expected: "a whole number", found: members[key]!)
        }
        return value
    }

    /// A nested object member, or `nil` when absent.
    func object(_ key: String) throws -> FieldReader? {
        guard let node = members[key] else { return nil }
        if case .null = node { return nil }
        return try FieldReader(node, at: location.appending(key))
    }

    /// The items of an Alibaba list `{"Wrapper": {"Item": [...]}}`, each with its location.
    func list(_ wrapper: String, item: String) throws -> [FieldReader] {
        guard let container = try object(wrapper) else { return [] }
        return try container.items(item)
    }

    /// The items of a list member `item`: a list, or a single object standing for a one-item list.
    func items(_ key: String) throws -> [FieldReader] {
        let itemsLocation = location.appending(key)
        switch members[key] {
        case nil, .null?: return []
        case .array(let nodes)?:
            return try nodes.enumerated().map { try FieldReader($0.element, at: itemsLocation.indexed($0.offset)) }
        case .object?:
            return [try FieldReader(members[key]!, at: itemsLocation.indexed(0))]
        case .string(let text)? where text.isBlank:
            return []
        case let other?:
            throw GenPeerError.data("expected a list, found \(other.kindDescription)", at: itemsLocation)
        }
    }

    /// Fields whose values never appear in a message.
    static let secretKeys: Set<String> = ["Psk", "AuthKey"]

    private func mismatch(_ key: String, expected: String, found: DocumentNode) -> GenPeerError {
        let description = Self.secretKeys.contains(key) ? found.kindWithoutValue : found.kindDescription
        return GenPeerError.data("expected \(expected), found \(description)", at: location.appending(key))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
