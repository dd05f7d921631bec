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
    public static func isSafe(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, (1...64).contains(name.unicodeScalars.count) else { return false }
        let allowed = { (scalar: Unicode.Scalar) in
            scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
        }
        return name.unicodeScalars.allSatisfy(allowed) && first != "-" && first != "_"
    }
}
