import Foundation

// Alibaba's conventions for reading a document, in one place for JSON and XML: what a field
// holds when it is absent, how a scalar may be written (`true` or `"true"`, `86400` or
// `"86400"`, a blank string for nothing), how lists are wrapped (`{"Tags": {"Tag": [...]}}`),
// and what a value of the wrong kind is called in a message. The model (`AlibabaModel.swift`)
// declares each field once, as `@Field`; decoding it through Foundation's `JSONDecoder` or
// through ``XMLNodeDecoder`` comes here.

/// A field of Alibaba's document: `@Field public var ikeLifetime: Int64?`. Decoding reads it
/// by Alibaba's conventions (``FieldValue``); a field that is absent or null takes
/// ``FieldValue/absent``.
@propertyWrapper
public struct Field<Value: FieldValue>: Sendable, Equatable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }
}

extension Field: Decodable {
    public init(from decoder: any Decoder) throws {
        wrappedValue = try Value.read(from: decoder)
    }
}

extension KeyedDecodingContainer {
    /// What the synthesized `init(from:)` of the model's types calls for each `@Field`: a
    /// field that is absent is not an error.
    func decode<Value>(_ type: Field<Value>.Type, forKey key: Key) throws -> Field<Value> {
        Field(wrappedValue: try Value.read(from: self, forKey: key))
    }
}

/// The type of a ``Field``: an optional value, a list, or text that is empty when absent.
public protocol FieldValue: Sendable, Equatable {
    /// The value of a field that is absent or null.
    static var absent: Self { get }
    /// Reads the field's value from `decoder`, positioned at the field.
    static func read(from decoder: any Decoder) throws -> Self
    /// Reads the field `key` of `container`, ``absent`` when it is not there.
    static func read<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Self
}

/// A value that a field or a list item holds: a scalar (`String`, `Bool`, `Int64`) or one of the
/// model's objects (``AlibabaObject``).
public protocol AlibabaValue: Sendable, Equatable {
    /// Reads the value from `decoder`; `nil` when it stands for nothing (null, or a blank string
    /// where blank means absent). Throws a ``GenPeerError`` naming the field when the value is of
    /// the wrong kind.
    static func read(from decoder: any Decoder) throws -> Self?
    /// Reads the value of the field `key` of `container` as ``read(from:)`` does; `nil` when the
    /// field is not there either.
    static func read<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Self?
}

extension Optional: FieldValue where Wrapped: AlibabaValue {
    public static var absent: Wrapped? { nil }

    public static func read(from decoder: any Decoder) throws -> Wrapped? {
        try Wrapped.read(from: decoder)
    }

    public static func read<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Wrapped? {
        try Wrapped.read(from: container, forKey: key)
    }
}

extension String: FieldValue {
    /// A text field that must have a value (a tag's key or value) is empty when absent.
    public static var absent: String { "" }

    public static func read(from decoder: any Decoder) throws -> String {
        try String?.read(from: decoder) ?? ""
    }

    public static func read<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> String {
        try String?.read(from: container, forKey: key) ?? ""
    }
}

extension Array: FieldValue where Element: AlibabaValue {
    public static var absent: [Element] { [] }

    /// As ``read(from:)``; a wrapper object is read straight from the container.
    public static func read<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> [Element] {
        let wrapper: KeyedDecodingContainer<NameKey>
        do {
            guard try container.contains(key) && !container.decodeNil(forKey: key) else { return [] }
            wrapper = try container.nestedContainer(keyedBy: NameKey.self, forKey: key)
        } catch {
            return try read(from: container.superDecoder(forKey: key))
        }
        return try wrapper.decodeIfPresent(ListItems<Element>.self, forKey: NameKey(itemName(in: key.stringValue)))?.items ?? []
    }

    private static func itemName(in wrapperName: String) -> String {
        guard let itemName = AlibabaListNames.itemName(in: wrapperName) else {
            preconditionFailure("\(wrapperName) is not one of Alibaba's list wrappers")
        }
        return itemName
    }

    /// An Alibaba list: a wrapper object holding the items under the item name that
    /// ``AlibabaListNames`` gives for the wrapper's name (`{"Tags": {"Tag": [...]}}`). A single
    /// object stands for a one-item list; an empty or blank wrapper for an empty one.
    public static func read(from decoder: any Decoder) throws -> [Element] {
        let itemName = itemName(in: decoder.codingPath.last?.stringValue ?? "")
        let wrapper: KeyedDecodingContainer<NameKey>
        do {
            wrapper = try decoder.container(keyedBy: NameKey.self)
        } catch let error as DecodingError where error.isTypeMismatch(at: decoder) {
            switch try FoundValue(decoder) {
            case .null: return []
            case .text(let text) where text.isBlank: return []
            case let found: throw found.mismatch(expected: "an object", at: decoder)
            }
        }
        return try wrapper.decodeIfPresent(ListItems<Element>.self, forKey: NameKey(itemName))?.items ?? []
    }
}

/// The items under a list wrapper: a list, a single object standing for a one-item list, or a
/// blank string for none.
private struct ListItems<Element: AlibabaValue>: Decodable {
    var items: [Element] = []

    init(from decoder: any Decoder) throws {
        var list: any UnkeyedDecodingContainer
        do {
            list = try decoder.unkeyedContainer()
        } catch let error as DecodingError where error.isTypeMismatch(at: decoder) {
            switch try FoundValue(decoder) {
            case .object: items = [try ListItem<Element>(from: decoder).value]
            case .text(let text) where text.isBlank: break
            case let found: throw found.mismatch(expected: "a list", at: decoder)
            }
            return
        }
        if let count = list.count { items.reserveCapacity(count) }
        while !list.isAtEnd {
            items.append(try list.decode(ListItem<Element>.self).value)
        }
    }
}

/// One item of a list: a value that is not nothing.
struct ListItem<Element: AlibabaValue>: Decodable {
    var value: Element

    init(from decoder: any Decoder) throws {
        guard let value = try Element.read(from: decoder) else {
            throw GenPeerError.data("a list item is empty", at: decoder.sourceLocation)
        }
        self.value = value
    }
}

// MARK: - Objects

/// One of the model's objects (`IkeConfig`, a tunnel, a connection, ...). Its fields are all
/// ``Field``s, so any object decodes from an empty one; ``location`` is not in the document but
/// set from where the object was read.
public protocol AlibabaObject: AlibabaValue, Decodable {
    /// The object's field path in its file (`VpnConnections.VpnConnection[0].IkeConfig`).
    var location: SourceLocation { get set }
}

extension AlibabaObject {
    /// An object; a blank string (`<IkeConfig/>` in XML) reads as an object without fields, and
    /// null as nothing.
    public static func read(from decoder: any Decoder) throws -> Self? {
        var object: Self
        do {
            object = try Self(from: decoder)
        } catch let error as DecodingError where error.isTypeMismatch(at: decoder) {
            switch try FoundValue(decoder) {
            case .null: return nil
            case .text(let text) where text.isBlank: object = try Self(from: XMLNodeDecoder.emptyElement(at: decoder))
            case let found: throw found.mismatch(expected: "an object", at: decoder)
            }
        }
        object.location = decoder.sourceLocation
        return object
    }

    public static func read<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Self? {
        try container.decodeIfPresent(Field<Self?>.self, forKey: key)?.wrappedValue ?? nil
    }
}

// MARK: - Scalars

/// A scalar field's type, read leniently: its own JSON type, or text that spells it.
protocol LenientScalar: AlibabaValue, Decodable {
    /// How a message names what was expected: "a whole number".
    static var expected: String { get }
    /// Whether blank text (`""`, `<IkeLifetime/>`) means the field is absent.
    static var blankIsAbsent: Bool { get }
    /// The value `found` spells, if it spells one of this type. XML's text goes through here
    /// too (``XMLNodeDecoder``), so both formats read a value alike.
    static func converting(_ found: FoundValue) -> Self?
    /// What is wrong with a value of the right type, if anything.
    static func problem(with value: Self) -> String?
    /// The value in its own type: calls to the containers' methods for that type, which the
    /// decoders read without going through `Decodable` (the common case, so it is kept fast).
    static func decodeOwnType(_ container: any SingleValueDecodingContainer) throws -> Self
    static func decodeOwnType<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Self?
}

extension LenientScalar {
    static var blankIsAbsent: Bool { true }

    static func problem(with value: Self) -> String? { nil }

    /// The value in its own JSON type first, which is how almost every value comes; otherwise
    /// whatever the document holds, converted or refused.
    public static func read(from decoder: any Decoder) throws -> Self? {
        let container = try decoder.singleValueContainer()
        let value: Self?
        if let own = try? decodeOwnType(container) {
            value = own
        } else {
            value = try readLeniently(from: decoder)
        }
        return try value.map { try checked($0, at: decoder) }
    }

    /// As ``read(from:)``, straight from the container for a value in its own type or in text.
    public static func read<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Self? {
        let value: Self?
        do {
            value = try decodeOwnType(container, forKey: key)
        } catch {
            // Text is the next most common: a quoted boolean or number.
            guard let text = try? container.decodeIfPresent(String.self, forKey: key) else {
                return try read(from: container.superDecoder(forKey: key))
            }
            if blankIsAbsent && text.isBlank { return nil }
            guard let converted = converting(.text(text)) else {
                throw FoundValue.text(text).mismatch(expected: expected, at: try container.superDecoder(forKey: key))
            }
            value = converted
        }
        return try value.map { value in
            guard problem(with: value) == nil else { return try checked(value, at: container.superDecoder(forKey: key)) }
            return value
        }
    }

    /// Whatever the document holds, converted or refused.
    private static func readLeniently(from decoder: any Decoder) throws -> Self? {
        let found = try FoundValue(decoder)
        switch found {
        case .null: return nil
        case .text(let text) where blankIsAbsent && text.isBlank: return nil
        default: break
        }
        guard let value = converting(found) else { throw found.mismatch(expected: expected, at: decoder) }
        return value
    }

    private static func checked(_ value: Self, at decoder: any Decoder) throws -> Self {
        if let problem = problem(with: value) { throw GenPeerError.data(problem, at: decoder.sourceLocation) }
        return value
    }
}

extension String: AlibabaValue, LenientScalar {
    static var expected: String { "a string" }
    static var blankIsAbsent: Bool { false }

    /// Text as sent, blank included; numbers and booleans as their text.
    static func converting(_ found: FoundValue) -> String? {
        switch found {
        case .text(let text): return text
        case .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        case .null, .object, .list: return nil
        }
    }

    /// A NUL character is refused: no config format can hold one.
    static func problem(with text: String) -> String? {
        // A NUL scalar is a zero byte in UTF-8, and no other scalar holds one.
        let hasNUL = text.utf8.withContiguousStorageIfAvailable { $0.contains(0) } ?? text.utf8.contains(0)
        return hasNUL ? "the value holds a NUL character" : nil
    }

    static func decodeOwnType(_ container: any SingleValueDecodingContainer) throws -> String {
        try container.decode(String.self)
    }

    static func decodeOwnType<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> String? {
        try container.decodeIfPresent(String.self, forKey: key)
    }
}

extension Bool: AlibabaValue, LenientScalar {
    static var expected: String { "true or false" }

    /// `true`/`false`, or the same as text in any case.
    static func converting(_ found: FoundValue) -> Bool? {
        switch found {
        case .bool(let value): return value
        case .text(let text):
            switch text.trimmedBlanks.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        case .null, .number, .object, .list: return nil
        }
    }

    static func decodeOwnType(_ container: any SingleValueDecodingContainer) throws -> Bool {
        try container.decode(Bool.self)
    }

    static func decodeOwnType<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Bool? {
        try container.decodeIfPresent(Bool.self, forKey: key)
    }
}

extension Int64: AlibabaValue, LenientScalar {
    static var expected: String { "a whole number" }

    /// A whole JSON number, or text of decimal digits with an optional leading `-`.
    static func converting(_ found: FoundValue) -> Int64? {
        switch found {
        case .number(let text): return Int64(text)
        case .text(let text):
            let trimmed = text.trimmedBlanks
            // Digits as bytes: a character is an ASCII digit exactly when its bytes are one digit.
            let digits = trimmed.utf8.first == UInt8(ascii: "-") ? trimmed.utf8.dropFirst() : trimmed.utf8[...]
            guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            return Int64(trimmed)
        case .null, .bool, .object, .list: return nil
        }
    }

    static func decodeOwnType(_ container: any SingleValueDecodingContainer) throws -> Int64 {
        try container.decode(Int64.self)
    }

    static func decodeOwnType<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> Int64? {
        try container.decodeIfPresent(Int64.self, forKey: key)
    }
}

// MARK: - What a value is

/// What a value in the document is, for a value that is not of the kind its field expects.
enum FoundValue: Equatable {
    case null
    case text(String)
    case bool(Bool)
    /// A JSON number, as the text of its value.
    case number(String)
    case object
    case list

    /// Asks `decoder` for each kind in turn. Only for a value that did not read as what it
    /// should be, so the failed attempts cost nothing on the common path. An error that is not
    /// a `DecodingError` is the JSON text itself failing (a string that is not valid UTF-8, say)
    /// and is passed on to be reported as such (``UnreadableJSONValue``).
    init(_ decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
            return
        }
        do {
            self = .text(try container.decode(String.self))
            return
        } catch is DecodingError {
        } catch {
            throw UnreadableJSONValue(location: decoder.sourceLocation, codingPath: decoder.codingPath)
        }
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if (try? decoder.container(keyedBy: NameKey.self)) != nil {
            self = .object
        } else if (try? decoder.unkeyedContainer()) != nil {
            self = .list
        } else if let number = try? container.decode(Decimal.self) {
            self = .number(number.description)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number.description)
        } else {
            throw UnreadableJSONValue(location: decoder.sourceLocation, codingPath: decoder.codingPath)
        }
    }

    /// "expected a whole number, found the string "1h"", at the field; a secret field's value
    /// is never shown.
    func mismatch(expected: String, at decoder: any Decoder) -> GenPeerError {
        let isSecret = decoder.codingPath.last.map { AlibabaListNames.secretFields.contains($0.stringValue) } ?? false
        return GenPeerError.data("expected \(expected), found \(isSecret ? kindWithoutValue : description)", at: decoder.sourceLocation)
    }

    private var description: String {
        switch self {
        case .null: return "null"
        case .text(let text): return "the string \"\(text.truncatedForMessage)\""
        case .bool(let value): return "\(value)"
        case .number(let text): return "the number \(text.truncatedForMessage)"
        case .object: return "an object"
        case .list: return "a list"
        }
    }

    private var kindWithoutValue: String {
        switch self {
        case .text: return "a string (not shown: it is a secret)"
        case .number: return "a number (not shown: it is a secret)"
        case .bool: return "a boolean"
        case .null, .object, .list: return description
        }
    }
}

/// A JSON value that Foundation could not read at all (a string that is not valid UTF-8 or
/// holds a lone surrogate): a syntax error found while decoding, at a known field. The JSON
/// reader turns it into a message with the line and column.
struct UnreadableJSONValue: Error {
    var location: SourceLocation
    var codingPath: [any CodingKey]
}

extension DecodingError {
    /// Whether this is the value at `decoder` being of another kind than asked for (rather
    /// than something wrong further down).
    func isTypeMismatch(at decoder: any Decoder) -> Bool {
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return context.codingPath.count == decoder.codingPath.count
        case .keyNotFound, .dataCorrupted: return false
        @unknown default: return false
        }
    }
}

// MARK: - Names and locations

/// Alibaba's list wrappers and the names of the items they hold, and the fields whose values
/// are secret. XML cannot tell a one-item list from a single child, so the XML reader needs
/// the item names to know which children are list items.
enum AlibabaListNames {
    private static let itemsByWrapper: [String: String] = [
        "VpnConnections": "VpnConnection",
        "TunnelOptionsSpecification": "TunnelOptions",
        "Tags": "Tag",
        "Tag": "Tag",
        "TunnelsConfig": "TunnelConfig",
        "BgpConfigs": "BgpConfig",
    ]

    /// The name of the list items `wrapper` holds, if it is a list wrapper.
    static func itemName(in wrapper: String) -> String? {
        itemsByWrapper[wrapper]
    }

    /// Fields whose values never appear in a message.
    static let secretFields: Set<String> = ["Psk", "AuthKey"]
}

/// A coding key for any name or list index.
struct NameKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ name: String) {
        stringValue = name
    }

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}

extension CodingUserInfoKey {
    /// The ``SourceLocation`` of the value a decoder starts at: the file, and the field path of
    /// a connection-list item decoded on its own.
    static let sourceLocation = CodingUserInfoKey(rawValue: "genpeer.sourceLocation")!
}

extension Decoder {
    /// Where the value being decoded is: the location decoding started at and the coding path
    /// below it, list indexes as `[n]`.
    var sourceLocation: SourceLocation {
        let start = userInfo[.sourceLocation] as? SourceLocation ?? SourceLocation(file: "")
        return codingPath.reduce(start) { location, key in
            key.intValue.map(location.indexed) ?? location.appending(key.stringValue)
        }
    }
}
