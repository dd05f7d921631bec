/// An `Encoder` that turns any `Encodable` value (a dialect's context struct) into a
/// ``TemplateValue``, without reflection.
///
/// Synthesized conformances hand strings, flags and integers to the containers' concrete
/// `encode` overloads, so a scalar is stored as it comes; a nested struct or array is encoded on
/// its own and stored once done. Only nested containers and super encoders, which synthesized
/// conformances never ask for, are filled after they are handed out: they stay nodes until
/// the end.
enum TemplateValueEncoder {
    /// The encoded value; `nil` for a `nil` optional, which the containers leave out.
    static func encode(_ value: some Encodable) throws -> TemplateValue? {
        let node = EncodingNode()
        try value.encode(to: NodeEncoder(node: node))
        return node.value
    }
}

/// A value under construction. Members are kept in the order they were encoded and made into
/// a map once, at its final size, when the value is done.
private final class EncodingNode {
    enum Shape {
        case empty
        case null
        case scalar(TemplateValue)
        case keyed
        case unkeyed
    }

    /// A member or item: encoded already, or handed out as a container still being filled.
    enum Slot {
        case done(TemplateValue?)
        case pending(EncodingNode)

        var value: TemplateValue? {
            switch self {
            case .done(let value): return value
            case .pending(let node): return node.value
            }
        }
    }

    var shape = Shape.empty
    var members: [(key: String, slot: Slot)] = []
    var items: [Slot] = []

    /// The finished value; a `nil` member or item is left out, and of a key set twice the last
    /// value counts.
    var value: TemplateValue? {
        switch shape {
        case .null:
            return nil
        case .scalar(let value):
            return value
        case .unkeyed:
            return .list(items.compactMap(\.value))
        case .keyed, .empty:
            var map = TemplateMap()
            map.reserveCapacity(members.count)
            for member in members { map[MemberName(member.key)] = member.slot.value }
            return .map(map)
        }
    }

    func pendingMember(forKey key: String) -> EncodingNode {
        let node = EncodingNode()
        members.append((key, .pending(node)))
        return node
    }

    func pendingItem() -> EncodingNode {
        let node = EncodingNode()
        items.append(.pending(node))
        return node
    }
}

private struct NodeEncoder: Encoder {
    let node: EncodingNode
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = node.shape {} else {
            node.shape = .keyed
            node.members.reserveCapacity(16)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .unkeyed = node.shape {} else { node.shape = .unkeyed }
        return UnkeyedContainer(node: node)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleValueContainer(node: node)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: String, forKey key: Key) throws { node.members.append((key.stringValue, .done(.text(value)))) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.members.append((key.stringValue, .done(.bool(value)))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.members.append((key.stringValue, .done(.text(String(value))))) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.members.append((key.stringValue, .done(try TemplateValueEncoder.encode(value))))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.pendingMember(forKey: key.stringValue)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        NodeEncoder(node: node.pendingMember(forKey: key.stringValue)).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { NodeEncoder(node: node.pendingMember(forKey: "super")) }
    mutating func superEncoder(forKey key: Key) -> Encoder { NodeEncoder(node: node.pendingMember(forKey: key.stringValue)) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    var codingPath: [CodingKey] { [] }
    var count: Int { node.items.count }

    /// A `nil` item is left out, like a `nil` member.
    mutating func encodeNil() throws {}
    mutating func encode(_ value: String) throws { node.items.append(.done(.text(value))) }
    mutating func encode(_ value: Bool) throws { node.items.append(.done(.bool(value))) }
    mutating func encode(_ value: Int) throws { node.items.append(.done(.text(String(value)))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.items.append(.done(try TemplateValueEncoder.encode(value)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.pendingItem()).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        NodeEncoder(node: node.pendingItem()).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { NodeEncoder(node: node.pendingItem()) }
}

/// Every scalar overload is spelled out: the generic one hands a value back to its own
/// `encode(to:)`, which for a scalar would come straight back here.
private struct SingleValueContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    var codingPath: [CodingKey] { [] }

    private func set(_ value: TemplateValue) { node.shape = .scalar(value) }
    private func set(number value: some CustomStringConvertible) { set(.text(value.description)) }

    mutating func encodeNil() throws { node.shape = .null }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.text(value)) }
    mutating func encode(_ value: Double) throws { set(number: value) }
    mutating func encode(_ value: Float) throws { set(number: value) }
    mutating func encode(_ value: Int) throws { set(number: value) }
    mutating func encode(_ value: Int8) throws { set(number: value) }
    mutating func encode(_ value: Int16) throws { set(number: value) }
    mutating func encode(_ value: Int32) throws { set(number: value) }
    mutating func encode(_ value: Int64) throws { set(number: value) }
    mutating func encode(_ value: UInt) throws { set(number: value) }
    mutating func encode(_ value: UInt8) throws { set(number: value) }
    mutating func encode(_ value: UInt16) throws { set(number: value) }
    mutating func encode(_ value: UInt32) throws { set(number: value) }
    mutating func encode(_ value: UInt64) throws { set(number: value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: NodeEncoder(node: node))
    }
}
