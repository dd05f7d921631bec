/// An XML element as ``XMLDocumentReader`` builds it: its text, or its children by name. The
/// items of one of Alibaba's list wrappers (``AlibabaListNames``) are gathered into a list under
/// their name, so `<Tags><Tag>…</Tag></Tags>` has the shape of JSON's `{"Tags": {"Tag": […]}}`.
enum XMLNode: Sendable, Equatable {
    /// An element without child elements: its text (empty for `<Name/>`).
    case text(String)
    case element(XMLChildren)
    /// The items of a list wrapper, in document order.
    case list([XMLNode])
}

/// The children of an element, each name once (see ``NamedValues``).
typealias XMLChildren = NamedValues<XMLNode>

/// A `Decoder` over an element tree, so that XML feeds the same `Decodable` model as JSON.
///
/// XML has only text and no null: an element reads as an object, a list wrapper's items as a
/// list, and text as a string, or as a boolean or a number by the same conventions that read
/// JSON's strings (``LenientScalar``). An element with blank text has no children (`<Tags/>`).
/// A missing element is an absent key.
final class XMLNodeDecoder: Decoder {
    let node: XMLNode
    let userInfo: [CodingUserInfoKey: Any]
    /// The decoder of the enclosing element and this node's key in it; a root decoder has
    /// neither and starts at ``startPath``.
    private let parent: XMLNodeDecoder?
    private let key: (any CodingKey)?
    private let startPath: [any CodingKey]

    init(_ node: XMLNode, userInfo: [CodingUserInfoKey: Any], codingPath: [any CodingKey] = []) {
        self.node = node
        self.userInfo = userInfo
        parent = nil
        key = nil
        startPath = codingPath
    }

    private init(_ node: XMLNode, parent: XMLNodeDecoder, key: any CodingKey) {
        self.node = node
        userInfo = parent.userInfo
        self.parent = parent
        self.key = key
        startPath = []
    }

    /// A decoder of an element without children at the place of `decoder`: what blank text
    /// stands for where an object is expected.
    static func emptyElement(at decoder: any Decoder) -> XMLNodeDecoder {
        XMLNodeDecoder(.element(XMLChildren()), userInfo: decoder.userInfo, codingPath: decoder.codingPath)
    }

    /// Built only when asked (for a location or an error), from the chain of parents.
    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var decoder = self
        while let key = decoder.key, let parent = decoder.parent {
            keys.append(key)
            decoder = parent
        }
        return decoder.startPath + keys.reversed()
    }

    func child(_ node: XMLNode, at key: any CodingKey) -> XMLNodeDecoder {
        XMLNodeDecoder(node, parent: self, key: key)
    }

    /// The children of an element; an element with blank text (`<Tags/>`) has none.
    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch node {
        case .element(let children): return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, children: children))
        case .text(let text) where text.isBlank: return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, children: XMLChildren()))
        case .text, .list: throw mismatch([String: Any].self, expected: "an element with child elements")
        }
    }

    /// The items of a list; blank text holds none.
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch node {
        case .list(let items): return UnkeyedContainer(decoder: self, items: items)
        case .text(let text) where text.isBlank: return UnkeyedContainer(decoder: self, items: [])
        case .text, .element: throw mismatch([Any].self, expected: "list items")
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: self)
    }

    func mismatch(_ type: Any.Type, expected: String) -> DecodingError {
        let found: String
        switch node {
        case .text: found = "text"
        case .element: found = "child elements"
        case .list: found = "list items"
        }
        return DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected " + expected + ", found " + found))
    }
}

extension XMLNodeDecoder {
    private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: XMLNodeDecoder
        let children: XMLChildren

        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] { children.members.compactMap { Key(stringValue: $0.key) } }

        func contains(_ key: Key) -> Bool { children.contains(key.stringValue) }

        /// XML has no null: an element is there or not.
        func decodeNil(forKey key: Key) throws -> Bool { false }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try T(from: childDecoder(key))
        }

        /// One lookup rather than the default's two (``contains(_:)``, then ``decode(_:forKey:)``).
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let node = children[key.stringValue] else { return nil }
            return try T(from: decoder.child(node, at: key))
        }

        /// Scalars read straight from the child's text, without a decoder of their own: the
        /// model reads every scalar field this way first (``LenientScalar``).
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            try textIfPresent(type, key)
        }

        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
            try convertedIfPresent(type, key)
        }

        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
            try convertedIfPresent(type, key)
        }

        private func textIfPresent(_ type: Any.Type, _ key: Key) throws -> String? {
            switch children[key.stringValue] {
            case nil: return nil
            case .text(let text)?: return text
            case let node?: throw XMLNodeDecoder(node, userInfo: decoder.userInfo, codingPath: codingPath + [key]).mismatch(type, expected: "text")
            }
        }

        private func convertedIfPresent<T: LenientScalar>(_ type: T.Type, _ key: Key) throws -> T? {
            guard let text = try textIfPresent(type, key) else { return nil }
            guard let value = T.converting(.text(text)) else {
                throw DecodingError.typeMismatch(type, .init(codingPath: codingPath + [key], debugDescription: "expected " + T.expected))
            }
            return value
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try type.init(from: childDecoder(key)) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try type.init(from: childDecoder(key)) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try type.init(from: childDecoder(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try type.init(from: childDecoder(key)) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try type.init(from: childDecoder(key)) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try type.init(from: childDecoder(key)) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try type.init(from: childDecoder(key)) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try type.init(from: childDecoder(key)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try type.init(from: childDecoder(key)) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try type.init(from: childDecoder(key)) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try type.init(from: childDecoder(key)) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try type.init(from: childDecoder(key)) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try type.init(from: childDecoder(key)) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try type.init(from: childDecoder(key)) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try childDecoder(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try childDecoder(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { decoder }

        func superDecoder(forKey key: Key) throws -> any Decoder { try childDecoder(key) }

        private func childDecoder(_ key: Key) throws -> XMLNodeDecoder {
            guard let node = children[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no element <\(key.stringValue)>"))
            }
            return decoder.child(node, at: key)
        }
    }

    private struct UnkeyedContainer: UnkeyedDecodingContainer {
        let decoder: XMLNodeDecoder
        let items: [XMLNode]
        private(set) var currentIndex = 0

        init(decoder: XMLNodeDecoder, items: [XMLNode]) {
            self.decoder = decoder
            self.items = items
        }

        var codingPath: [any CodingKey] { decoder.codingPath }
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex == items.count }

        mutating func decodeNil() throws -> Bool { false }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: nextDecoder()) }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: String.Type) throws -> String { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: Double.Type) throws -> Double { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: Float.Type) throws -> Float { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: Int.Type) throws -> Int { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try type.init(from: nextDecoder()) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try type.init(from: nextDecoder()) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try nextDecoder().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try nextDecoder().unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { try nextDecoder() }

        private mutating func nextDecoder() throws -> XMLNodeDecoder {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "no more list items"))
            }
            defer { currentIndex += 1 }
            return decoder.child(items[currentIndex], at: NameKey(intValue: currentIndex))
        }
    }

    /// Text read as a value. Booleans and whole numbers are spelled as ``LenientScalar`` reads
    /// them from a JSON string; other number types by their own `init?(_: String)`.
    private struct SingleValueContainer: SingleValueDecodingContainer {
        let decoder: XMLNodeDecoder

        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool { false }

        func decode(_ type: String.Type) throws -> String { try text(type) }
        func decode(_ type: Bool.Type) throws -> Bool { try converted(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try converted(type) }
        func decode(_ type: Double.Type) throws -> Double { try parsed(type) }
        func decode(_ type: Float.Type) throws -> Float { try parsed(type) }
        func decode(_ type: Int.Type) throws -> Int { try parsed(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try parsed(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try parsed(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try parsed(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try parsed(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try parsed(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try parsed(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try parsed(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try parsed(type) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }

        private func text(_ type: Any.Type) throws -> String {
            guard case .text(let text) = decoder.node else { throw decoder.mismatch(type, expected: "text") }
            return text
        }

        private func converted<T: LenientScalar>(_ type: T.Type) throws -> T {
            guard let value = T.converting(.text(try text(type))) else { throw decoder.mismatch(type, expected: T.expected) }
            return value
        }

        private func parsed<T: LosslessStringConvertible>(_ type: T.Type) throws -> T {
            guard let value = T(try text(type).trimmedBlanks) else { throw decoder.mismatch(type, expected: "\(type)") }
            return value
        }
    }
}
