/// A value a ``Template`` looks names up in: what a dialect's context struct becomes once
/// encoded (see ``init(encoding:)``).
///
/// Integers and other numbers become ``text(_:)`` of their decimal form; a `nil` optional is
/// left out of its ``map(_:)-swift.enum.case``, so a template reads it as missing.
public enum TemplateValue: Sendable, Equatable {
    /// A string: printed by a variable tag, pushed by a section.
    case text(String)
    /// A flag: a section renders once (context unchanged) when `true`; a variable prints
    /// `true` or `false`.
    case bool(Bool)
    /// A list: a section renders once per item, with the item pushed.
    case list([TemplateValue])
    /// Named members: a section renders once with the map pushed; names are looked up in it.
    case map(TemplateMap)

    /// A map of the members of a dictionary.
    public static func map(_ members: [String: TemplateValue]) -> TemplateValue {
        .map(TemplateMap(members))
    }

    /// The value `value` encodes to through its `Encodable` conformance: structs and other
    /// keyed containers become ``map(_:)-swift.enum.case``, arrays ``list(_:)``, `Bool`
    /// ``bool(_:)``, strings and numbers ``text(_:)``; a `nil` on its own becomes an empty map.
    public init(encoding value: some Encodable) throws {
        self = try TemplateValueEncoder.encode(value) ?? .map([:])
    }
}

/// The named members of a ``TemplateValue/map(_:)-swift.enum.case``, each name at most once;
/// it reads like a dictionary (``subscript(_:)``, a dictionary literal) and compares like one:
/// equal when the names and their values are, in any order.
///
/// A context has a few dozen names and a render looks one up per tag, so members sit in an
/// array and a name is found by comparing names (``MemberName``), which costs less than hashing
/// it, with the same result.
public struct TemplateMap: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private struct Entry: Sendable {
        let name: MemberName
        var value: TemplateValue
    }

    private var entries: [Entry] = []

    public init() {}

    public init(_ members: [String: TemplateValue]) {
        entries = members.map { Entry(name: MemberName($0.key), value: $0.value) }
    }

    /// Like a dictionary literal, it traps on a name given twice.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        for (name, value) in elements {
            precondition(self[name] == nil, "duplicate name \(name) in a TemplateMap literal")
            self[name] = value
        }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// The value named `name`; setting `nil` removes it, as in a dictionary.
    public subscript(_ name: String) -> TemplateValue? {
        get { self[MemberName(name)] }
        set { self[MemberName(name)] = newValue }
    }

    /// The value of a name measured already (a template measures its tags' names once).
    subscript(_ name: MemberName) -> TemplateValue? {
        get { entries.firstIndex { $0.name.matches(name) }.map { entries[$0].value } }
        set {
            let position = entries.firstIndex { $0.name.matches(name) }
            switch (position, newValue) {
            case (let position?, let value?): entries[position].value = value
            case (let position?, nil): entries.remove(at: position)
            case (nil, let value?): entries.append(Entry(name: name, value: value))
            case (nil, nil): break
            }
        }
    }

    mutating func reserveCapacity(_ count: Int) { entries.reserveCapacity(count) }

    public static func == (lhs: TemplateMap, rhs: TemplateMap) -> Bool {
        lhs.count == rhs.count && lhs.entries.allSatisfy { rhs[$0.name] == $0.value }
    }
}
