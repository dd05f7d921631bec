/// Gives each connection of a run a configuration name that is safe in every target's syntax
/// and unique within the run.
public struct ConnectionNamer: Sendable {
    private var taken: Set<String> = []

    public init() {}

    /// `preferred` names in order of preference (e.g. `Name`, then `VpnConnectionId`); the first
    /// safe one wins, `fallback` when none is. A name already given gets `-2`, `-3`, ...
    public mutating func name(preferring preferred: [String?], fallback: String) -> String {
        let base = preferred.compactMap { $0 }.first(where: Self.isSafe) ?? fallback
        var candidate = base
        var counter = 2
        while taken.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        taken.insert(candidate)
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
