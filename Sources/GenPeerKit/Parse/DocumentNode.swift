/// A format-neutral tree of an input document: what JSON and XML have in common once Alibaba's
/// list conventions are applied. Scalars keep their text so that `86400` and `"86400"` read alike.
///
/// Not `indirect`: lists and objects hold their children in arrays already, so a scalar needs
/// no box of its own (a document has about one allocation fewer per value).
public enum DocumentNode: Sendable, Equatable {
    /// Named members, each name once (see ``DocumentObject``).
    case object(DocumentObject)
    case array([DocumentNode])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// The member named `key` when this is an object.
    subscript(key: String) -> DocumentNode? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The kind of value without the value, for messages about secrets.
    var kindWithoutValue: String {
        switch self {
        case .object: return "an object"
        case .array: return "a list"
        case .string: return "a string (not shown: it is a secret)"
        case .number: return "a number (not shown: it is a secret)"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }

    /// A short name for the kind of value, for error messages.
    var kindDescription: String {
        switch self {
        case .object: return "an object"
        case .array: return "a list"
        case .string(let text): return "the string \"\(text.truncatedForMessage)\""
        case .number(let text): return "the number \(text.truncatedForMessage)"
        case .bool(let value): return "\(value)"
        case .null: return "null"
        }
    }
}

/// The members of an object node: each name at most once, kept in document order.
///
/// An Alibaba object has a handful to a few dozen members, each looked up a few times, so
/// members sit in an array and a name is found by comparing names, which costs less than
/// hashing it. Objects longer than ``indexedCount`` (only a hostile document has them) also
/// keep a dictionary of positions, so that building and reading them stays linear.
/// Names compare as Swift strings do (canonical equivalence), exactly as dictionary keys would.
/// Two objects are equal when they have the same names with equal values, in any order.
public struct DocumentObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public struct Member: Sendable, Equatable {
        public var key: String { name.text }
        public var value: DocumentNode
        let name: MemberName

        public init(key: String, value: DocumentNode) {
            self.init(name: MemberName(key), value: value)
        }

        init(name: MemberName, value: DocumentNode) {
            self.name = name
            self.value = value
        }

        public static func == (lhs: Member, rhs: Member) -> Bool { lhs.key == rhs.key && lhs.value == rhs.value }
    }

    /// The members, in the order they were added.
    public private(set) var members: [Member] = []
    /// Positions of the members by name, once there are more than ``indexedCount`` of them.
    private var positions: [String: Int]?

    static let indexedCount = 32

    public init() {}

    /// An object of `elements`; like a dictionary literal, it traps on a name given twice.
    public init(dictionaryLiteral elements: (String, DocumentNode)...) {
        for (key, value) in elements {
            precondition(!contains(key), "duplicate name \(key) in a DocumentObject literal")
            append(value, forKey: key)
        }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// The value of the member named `key`, if any.
    public subscript(key: String) -> DocumentNode? {
        position(of: key).map { members[$0].value }
    }

    public func contains(_ key: String) -> Bool { contains(MemberName(key)) }

    /// ``contains(_:)`` for a name measured already (a reader that meets the same names again
    /// and again measures each once).
    func contains(_ name: MemberName) -> Bool { position(of: name) != nil }

    /// Adds a member the caller knows is not there yet (``contains(_:)`` said so).
    mutating func append(_ value: DocumentNode, forKey key: String) {
        append(value, forName: MemberName(key))
    }

    mutating func append(_ value: DocumentNode, forName name: MemberName) {
        members.append(Member(name: name, value: value))
        if positions != nil {
            positions![name.text] = members.count - 1
        } else if members.count > Self.indexedCount {
            positions = Dictionary(uniqueKeysWithValues: members.indices.map { (members[$0].key, $0) })
        }
    }

    mutating func reserveCapacity(_ count: Int) { members.reserveCapacity(count) }

    private func position(of key: String) -> Int? {
        position(of: MemberName(key))
    }

    private func position(of name: MemberName) -> Int? {
        if let positions { return positions[name.text] }
        return members.firstIndex { $0.name.matches(name) }
    }

    public static func == (lhs: DocumentObject, rhs: DocumentObject) -> Bool {
        lhs.count == rhs.count && lhs.members.allSatisfy { rhs[$0.key] == $0.value }
    }
}

extension String {
    /// The text without leading and trailing blanks (space, tab, line feed, carriage return).
    var trimmedBlanks: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !InputFormat.isBlank($0) }) else { return "" }
        let last = bytes.lastIndex(where: { !InputFormat.isBlank($0) })!
        if first == bytes.startIndex && last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }

    /// Whether every byte is below 0x80, read from the string's own storage in one pass. Code
    /// that reads ASCII text byte by byte, where a character is one byte, checks this first.
    var isASCII: Bool {
        utf8.withContiguousStorageIfAvailable { $0.reduce(0, |) < 0x80 } ?? utf8.allSatisfy { $0 < 0x80 }
    }

    /// Whether the text is empty or only blanks.
    var isBlank: Bool { utf8.allSatisfy(InputFormat.isBlank) }

    /// A value shortened and made printable for an error message.
    var truncatedForMessage: String {
        let printable = unicodeScalars.map { scalar -> String in
            if scalar.value < 0x20 || scalar.value == 0x7F { return "\\u{\(String(scalar.value, radix: 16))}" }
            return String(scalar)
        }.joined()
        return printable.count > 60 ? String(printable.prefix(57)) + "..." : printable
    }
}
