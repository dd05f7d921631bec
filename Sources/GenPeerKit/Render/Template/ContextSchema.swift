/// The names a context type offers its templates, nested objects and list items included: what
/// ``Template/checkNames(against:)`` checks a template's tags against when it is compiled.
///
/// It is read off the type itself (see ``init(of:)``), so an optional member is part of the
/// schema even though a `nil` leaves it out of the rendered ``TemplateValue``.
public indirect enum ContextSchema: Sendable, Equatable {
    /// Text, a number or a flag: printable, and a section over it pushes no names.
    case value
    /// A list whose items have this schema.
    case list(ContextSchema)
    /// Named members.
    case map([String: ContextSchema])

    /// The schema of `type`, found by decoding it with a decoder that answers every question
    /// with a placeholder and writes down what it was asked: every key of every keyed container,
    /// one item of every list, `nil` for no optional. Context types are plain data (strings,
    /// numbers, flags, lists, nested structs), which all decode from placeholders.
    public init<Context: Decodable>(of type: Context.Type) throws {
        let root = SchemaNode(depth: 0)
        do {
            _ = try Context(from: SchemaDecoder(node: root))
        } catch {
            throw GenPeerError(.template, "cannot list the template names of \(Context.self): \(error)")
        }
        self = root.schema
    }
}

/// What a decoder was asked for at one place of the type.
private final class SchemaNode {
    enum Shape {
        case unknown
        case value
        case keyed([(key: String, node: SchemaNode)])
        case unkeyed(SchemaNode)
    }

    /// Deep enough for any context; a deeper one is a type that contains itself.
    static let depthLimit = 32

    let depth: Int
    var shape = Shape.unknown

    init(depth: Int) {
        self.depth = depth
    }

    var schema: ContextSchema {
        switch shape {
        case .unknown, .value: return .value
        case .unkeyed(let item): return .list(item.schema)
        case .keyed(let members):
            var map: [String: ContextSchema] = [:]
            for member in members { map[member.key] = member.node.schema }
            return .map(map)
        }
    }

    func child() throws -> SchemaNode {
        guard depth < Self.depthLimit else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "nested more than \(Self.depthLimit) levels (a type that contains itself?)"))
        }
        return SchemaNode(depth: depth + 1)
    }

    func member(_ key: String) throws -> SchemaNode {
        if case .keyed(let members) = shape, let existing = members.first(where: { $0.key == key }) { return existing.node }
        let node = try child()
        if case .keyed(let members) = shape { shape = .keyed(members + [(key, node)]) } else { shape = .keyed([(key, node)]) }
        return node
    }

    func item() throws -> SchemaNode {
        if case .unkeyed(let item) = shape { return item }
        let node = try child()
        shape = .unkeyed(node)
        return node
    }

    func markValue() {
        if case .unknown = shape { shape = .value }
    }
}

private struct SchemaDecoder: Decoder {
    let node: SchemaNode
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .keyed = node.shape {} else { node.shape = .keyed([]) }
        return KeyedDecodingContainer(KeyedSchemaContainer<Key>(node: node))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        UnkeyedSchemaContainer(node: node)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        SingleValueSchemaContainer(node: node)
    }
}

/// Placeholders for the scalars a container can be asked for.
private enum Placeholder {
    static func value<T>(_ type: T.Type) -> T? {
        switch type {
        case is String.Type: return "" as? T
        case is Bool.Type: return false as? T
        case is Double.Type: return 0.0 as? T
        case is Float.Type: return Float(0) as? T
        case is Int.Type: return 0 as? T
        case is Int8.Type: return Int8(0) as? T
        case is Int16.Type: return Int16(0) as? T
        case is Int32.Type: return Int32(0) as? T
        case is Int64.Type: return Int64(0) as? T
        case is UInt.Type: return UInt(0) as? T
        case is UInt8.Type: return UInt8(0) as? T
        case is UInt16.Type: return UInt16(0) as? T
        case is UInt32.Type: return UInt32(0) as? T
        case is UInt64.Type: return UInt64(0) as? T
        default: return nil
        }
    }

    /// A scalar's placeholder, else the type decoded from `node`.
    static func decode<T: Decodable>(_ type: T.Type, from node: SchemaNode) throws -> T {
        if let scalar = value(type) {
            node.markValue()
            return scalar
        }
        return try T(from: SchemaDecoder(node: node))
    }
}

private struct KeyedSchemaContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: SchemaNode
    var codingPath: [CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try Placeholder.decode(type, from: node.member(key.stringValue))
    }

    private func scalar<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try Placeholder.decode(type, from: node.member(key.stringValue))
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try scalar(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try scalar(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try scalar(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try scalar(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try scalar(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try scalar(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try scalar(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try scalar(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try scalar(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try scalar(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try scalar(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try scalar(type, key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try SchemaDecoder(node: node.member(key.stringValue)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try SchemaDecoder(node: node.member(key.stringValue)).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder { SchemaDecoder(node: try node.member("super")) }
    func superDecoder(forKey key: Key) throws -> Decoder { SchemaDecoder(node: try node.member(key.stringValue)) }
}

/// A list of exactly one item, which stands for all of them.
private struct UnkeyedSchemaContainer: UnkeyedDecodingContainer {
    let node: SchemaNode
    var codingPath: [CodingKey] { [] }
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= 1 }

    init(node: SchemaNode) {
        self.node = node
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeItem(type)
    }

    private mutating func decodeItem<T: Decodable>(_ type: T.Type) throws -> T {
        defer { currentIndex += 1 }
        return try Placeholder.decode(type, from: node.item())
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try decodeItem(type) }
    mutating func decode(_ type: String.Type) throws -> String { try decodeItem(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try decodeItem(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try decodeItem(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try decodeItem(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try decodeItem(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try decodeItem(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try decodeItem(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try decodeItem(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try decodeItem(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeItem(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeItem(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeItem(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeItem(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        defer { currentIndex += 1 }
        return try SchemaDecoder(node: node.item()).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        defer { currentIndex += 1 }
        return try SchemaDecoder(node: node.item()).unkeyedContainer()
    }

    mutating func superDecoder() throws -> Decoder {
        defer { currentIndex += 1 }
        return SchemaDecoder(node: try node.item())
    }
}

private struct SingleValueSchemaContainer: SingleValueDecodingContainer {
    let node: SchemaNode
    var codingPath: [CodingKey] { [] }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try Placeholder.decode(type, from: node)
    }

    func decode(_ type: Bool.Type) throws -> Bool { try Placeholder.decode(type, from: node) }
    func decode(_ type: String.Type) throws -> String { try Placeholder.decode(type, from: node) }
    func decode(_ type: Double.Type) throws -> Double { try Placeholder.decode(type, from: node) }
    func decode(_ type: Float.Type) throws -> Float { try Placeholder.decode(type, from: node) }
    func decode(_ type: Int.Type) throws -> Int { try Placeholder.decode(type, from: node) }
    func decode(_ type: Int8.Type) throws -> Int8 { try Placeholder.decode(type, from: node) }
    func decode(_ type: Int16.Type) throws -> Int16 { try Placeholder.decode(type, from: node) }
    func decode(_ type: Int32.Type) throws -> Int32 { try Placeholder.decode(type, from: node) }
    func decode(_ type: Int64.Type) throws -> Int64 { try Placeholder.decode(type, from: node) }
    func decode(_ type: UInt.Type) throws -> UInt { try Placeholder.decode(type, from: node) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try Placeholder.decode(type, from: node) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try Placeholder.decode(type, from: node) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try Placeholder.decode(type, from: node) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try Placeholder.decode(type, from: node) }
}
