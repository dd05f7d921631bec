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

/// A value under construction.
private final class EncodingNode {
    enum Shape {
        case empty
        case null
        case scalar(TemplateValue)
        case keyed
        case unkeyed
    }

    var shape = Shape.empty
    var members: [String: TemplateValue] = [:]
    var items: [TemplateValue] = []
    /// Members and items handed out as containers or encoders, filled after they were added.
    var pendingMembers: [String: EncodingNode] = [:]
    var pendingItems: [Int: EncodingNode] = [:]

    var value: TemplateValue? {
        switch shape {
        case .null:
            return nil
        case .scalar(let value):
            return value
        case .unkeyed:
            guard !pendingItems.isEmpty else { return .list(items) }
            return .list(items.indices.compactMap { index in pendingItems[index].map(\.value) ?? items[index] })
        case .keyed, .empty:
            var members = members
            for (key, node) in pendingMembers { members[key] = node.value }
            return .map(members)
        }
    }

    func setMember(_ value: TemplateValue?, forKey key: String) {
        if !pendingMembers.isEmpty { pendingMembers[key] = nil }
        members[key] = value
    }

    func append(_ value: TemplateValue?) {
        if let value { items.append(value) }
    }

    func pendingMember(forKey key: String) -> EncodingNode {
        let node = EncodingNode()
        pendingMembers[key] = node
        return node
    }

    func pendingItem() -> EncodingNode {
        let node = EncodingNode()
        pendingItems[items.count] = node
        items.append(.map([:]))
        return node
    }
}

private struct NodeEncoder: Encoder {
    let node: EncodingNode
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = node.shape {} else { node.shape = .keyed }
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
    mutating func encode(_ value: String, forKey key: Key) throws { node.setMember(.text(value), forKey: key.stringValue) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.setMember(.bool(value), forKey: key.stringValue) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.setMember(.text(String(value)), forKey: key.stringValue) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.setMember(try TemplateValueEncoder.encode(value), forKey: key.stringValue)
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
    mutating func encode(_ value: String) throws { node.append(.text(value)) }
    mutating func encode(_ value: Bool) throws { node.append(.bool(value)) }
    mutating func encode(_ value: Int) throws { node.append(.text(String(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.append(try TemplateValueEncoder.encode(value))
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
