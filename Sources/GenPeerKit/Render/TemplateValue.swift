/// Turns a dialect's context (any `Encodable` struct) into the dictionaries and arrays the
/// Mustache renderer looks names up in.
///
/// swift-mustache finds a name in a plain struct through `Mirror`, which costs a type-metadata
/// walk per lookup; a dictionary costs one hash. The synthesized `Encodable` conformance walks
/// each context once without reflection. A `nil` optional is left out, which Mustache reads as
/// false, like the struct's `nil`.
enum TemplateValue {
    static func make(_ value: some Encodable) throws -> Any {
        let encoder = TemplateValueEncoder()
        try value.encode(to: encoder)
        return encoder.storage.value
    }
}

/// A value under construction: a scalar, or a dictionary or array still being filled.
private final class TemplateNode {
    enum Content {
        case scalar(Any)
        case keyed([String: TemplateNode])
        case unkeyed([TemplateNode])
        case empty
    }

    var content: Content = .empty

    var value: Any {
        switch content {
        case .scalar(let scalar): return scalar
        case .keyed(let members): return members.mapValues(\.value)
        case .unkeyed(let items): return items.map(\.value)
        case .empty: return [String: Any]()
        }
    }
}

private struct TemplateValueEncoder: Encoder {
    let storage: TemplateNode
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(storage: TemplateNode = TemplateNode()) {
        self.storage = storage
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = storage.content {} else { storage.content = .keyed([:]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(storage: storage))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .unkeyed = storage.content {} else { storage.content = .unkeyed([]) }
        return UnkeyedContainer(storage: storage)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleValueContainer(storage: storage)
    }

    /// Scalars are stored as they are; anything else is encoded into a new node.
    static func encode(_ value: some Encodable, into node: TemplateNode) throws {
        switch value {
        case let text as String: node.content = .scalar(text)
        case let flag as Bool: node.content = .scalar(flag)
        case let number as Int: node.content = .scalar(number)
        default: try value.encode(to: TemplateValueEncoder(storage: node))
        }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let storage: TemplateNode
    var codingPath: [CodingKey] { [] }

    private func child(_ key: Key) -> TemplateNode {
        let node = TemplateNode()
        if case .keyed(var members) = storage.content {
            storage.content = .empty
            members[key.stringValue] = node
            storage.content = .keyed(members)
        }
        return node
    }

    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try TemplateValueEncoder.encode(value, into: child(key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        TemplateValueEncoder(storage: child(key)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        TemplateValueEncoder(storage: child(key)).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { TemplateValueEncoder(storage: storage) }
    mutating func superEncoder(forKey key: Key) -> Encoder { TemplateValueEncoder(storage: child(key)) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let storage: TemplateNode
    var codingPath: [CodingKey] { [] }

    var count: Int {
        if case .unkeyed(let items) = storage.content { return items.count }
        return 0
    }

    private func next() -> TemplateNode {
        let node = TemplateNode()
        if case .unkeyed(var items) = storage.content {
            storage.content = .empty
            items.append(node)
            storage.content = .unkeyed(items)
        }
        return node
    }

    mutating func encodeNil() throws {}

    mutating func encode<T: Encodable>(_ value: T) throws {
        try TemplateValueEncoder.encode(value, into: next())
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        TemplateValueEncoder(storage: next()).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        TemplateValueEncoder(storage: next()).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { TemplateValueEncoder(storage: next()) }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let storage: TemplateNode
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil() throws {}

    mutating func encode<T: Encodable>(_ value: T) throws {
        try TemplateValueEncoder.encode(value, into: storage)
    }
}
