/// Values by name, each name at most once, in the order they were added: the children of an
/// XML element (``XMLChildren``) and the members of a template's map (``TemplateMap``). It reads
/// like a dictionary (``subscript(_:)``, a dictionary literal; setting `nil` removes) and
/// compares like one: equal when the names and their values are, in any order.
///
/// An object or a context has a handful to a few dozen names, each looked up a few times, so
/// members sit in an array and a name is found by comparing names (``MemberName``), which
/// costs less than hashing it, with the same result. Past ``indexedCount`` members (only a
/// hostile document has that many) a dictionary of positions keeps building and reading linear.
public struct NamedValues<Value: Sendable & Equatable>: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public struct Member: Sendable, Equatable {
        public var key: String { name.text }
        public var value: Value
        let name: MemberName

        public static func == (lhs: Member, rhs: Member) -> Bool { lhs.key == rhs.key && lhs.value == rhs.value }
    }

    /// The members, in the order they were added.
    public private(set) var members: [Member] = []
    /// Positions of the members by name, once there are more than ``indexedCount`` of them.
    private var positions: [String: Int]?

    static var indexedCount: Int { 32 }

    public init() {}

    public init(_ dictionary: [String: Value]) {
        for (key, value) in dictionary { append(value, forName: MemberName(key)) }
    }

    /// Like a dictionary literal, it traps on a name given twice.
    public init(dictionaryLiteral elements: (String, Value)...) {
        for (key, value) in elements {
            precondition(!contains(key), "duplicate name \(key) in a NamedValues literal")
            append(value, forName: MemberName(key))
        }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    /// The value named `key`; setting `nil` removes it, as in a dictionary.
    public subscript(_ key: String) -> Value? {
        get { self[MemberName(key)] }
        set { self[MemberName(key)] = newValue }
    }

    /// The value of a name measured already (a reader or a template that meets the same names
    /// again and again measures each once).
    subscript(_ name: MemberName) -> Value? {
        get { position(of: name).map { members[$0].value } }
        set {
            switch (position(of: name), newValue) {
            case (let position?, let value?): members[position].value = value
            case (let position?, nil):
                members.remove(at: position)
                positions = members.count > Self.indexedCount ? index() : nil
            case (nil, let value?): append(value, forName: name)
            case (nil, nil): break
            }
        }
    }

    public func contains(_ key: String) -> Bool { contains(MemberName(key)) }

    func contains(_ name: MemberName) -> Bool { position(of: name) != nil }

    /// Adds a member the caller knows is not there yet (``contains(_:)`` said so).
    mutating func append(_ value: Value, forKey key: String) {
        append(value, forName: MemberName(key))
    }

    mutating func append(_ value: Value, forName name: MemberName) {
        members.append(Member(value: value, name: name))
        if positions != nil {
            positions![name.text] = members.count - 1
        } else if members.count > Self.indexedCount {
            positions = index()
        }
    }

    mutating func reserveCapacity(_ count: Int) { members.reserveCapacity(count) }

    private func index() -> [String: Int] {
        Dictionary(uniqueKeysWithValues: members.indices.map { (members[$0].key, $0) })
    }

    private func position(of name: MemberName) -> Int? {
        if let positions { return positions[name.text] }
        return members.firstIndex { $0.name.matches(name) }
    }

    public static func == (lhs: NamedValues, rhs: NamedValues) -> Bool {
        lhs.count == rhs.count && lhs.members.allSatisfy { rhs[$0.name] == $0.value }
    }
}
