/// Gives each connection of a run a configuration name that is safe in every target's syntax
/// and unique within the run, and each tunnel interface an ID unique within the run. Both depend
/// on the connections before, so a run names its connections in input order.
public struct ConnectionNamer: Sendable {
    private var taken: Set<String> = []
    private var nextInterfaceId: Int

    public init(firstInterfaceId: Int = 1) {
        nextInterfaceId = firstInterfaceId
    }

    /// The next `count` tunnel interface IDs.
    public mutating func interfaceIds(_ count: Int) -> [Int] {
        defer { nextInterfaceId += count }
        return Array(nextInterfaceId..<(nextInterfaceId + count))
    }


    /// `preferred` names in order of preference (e.g. `Name`, then `VpnConnectionId`); the first
    /// safe one wins, `fallback` when none is. A name already given gets `-2`, `-3`, ... The
    /// name with each of `suffixes` appended (its tunnels' names) is free as well, and reserved.
    public mutating func name(preferring preferred: [String?], fallback: String, suffixes: [String] = []) -> String {
        let base = preferred.compactMap { $0 }.first(where: Self.isSafe) ?? fallback
        var candidate = base
        var counter = 2
        while ([candidate] + suffixes.map { candidate + $0 }).contains(where: taken.contains) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        taken.insert(candidate)
        for suffix in suffixes { taken.insert(candidate + suffix) }
        return candidate
    }

    /// ASCII letters, digits, `-` and `_`, starting with a letter or digit, at most 64 characters.
    /// Read as bytes: every allowed character is one ASCII byte, and a name holding any other
    /// is refused whatever its length.
    public static func isSafe(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, (1...64).contains(bytes.count) else { return false }
        let allowed = { (byte: UInt8) in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        return bytes.allSatisfy(allowed) && first != UInt8(ascii: "-") && first != UInt8(ascii: "_")
    }
}
