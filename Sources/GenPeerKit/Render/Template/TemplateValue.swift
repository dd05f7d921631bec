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

/// The named members of a ``TemplateValue/map(_:)-swift.enum.case`` (see ``NamedValues``).
public typealias TemplateMap = NamedValues<TemplateValue>
