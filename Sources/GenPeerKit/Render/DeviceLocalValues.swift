/// Values only the device knows — its interface names, zones, tunnel numbers — which no
/// Alibaba document holds. The user gives them as flags (`--wan-interface`, ...); a dialect
/// falls back to its platform's usual default, and where a platform has none, to a
/// ``DevicePlaceholder`` that the output marks and lists at its top.
public struct DeviceLocalValues: Sendable, Equatable {
    /// The interface facing the Internet (the tunnels' underlay): `--wan-interface`.
    public var wanInterface: String?
    /// The interface facing the on-premises networks: `--lan-interface`.
    public var lanInterface: String?
    /// The number of the first tunnel interface (`Tunnel100`, `st0.100`, `vti100`...): `--tunnel-number`.
    public var firstTunnelNumber: Int?
    /// The security zone of the on-premises networks: `--inside-zone`.
    public var insideZone: String?
    /// The security zone of the Internet side: `--outside-zone`.
    public var outsideZone: String?
    /// The security zone of the tunnel interfaces: `--vpn-zone`.
    public var vpnZone: String?
    /// An address in the cloud that answers ping, which tunnel monitoring probes across each
    /// tunnel for static failover (PAN-OS): `--monitor-address`.
    public var monitorAddress: String?

    public init(
        wanInterface: String? = nil, lanInterface: String? = nil, firstTunnelNumber: Int? = nil, insideZone: String? = nil,
        outsideZone: String? = nil, vpnZone: String? = nil, monitorAddress: String? = nil
    ) {
        self.wanInterface = wanInterface
        self.lanInterface = lanInterface
        self.firstTunnelNumber = firstTunnelNumber
        self.insideZone = insideZone
        self.outsideZone = outsideZone
        self.vpnZone = vpnZone
        self.monitorAddress = monitorAddress
    }

    /// Whether `name` can be written into any target's CLI as one word: letters, digits and
    /// `/ . : _ -`, 1–63 characters, starting with a letter or digit (`GigabitEthernet0/0/1.100`,
    /// `ge-0/0/0.0`, `ethernet1/1`, `port1`, `ether1`, `untrust`).
    public static func isSafeName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, (1...63).contains(bytes.count), isAlphanumeric(first) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || "/.:_-".utf8.contains($0) }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// A device-local value genpeer cannot know and the platform has no usual default for:
/// written as `<NAME>` wherever it goes, and listed at the top of the output, so that nothing
/// is applied with it by accident (every target's CLI refuses `<`).
public struct DevicePlaceholder: Sendable, Hashable, Codable {
    /// `LAN-INTERFACE`.
    public let name: String
    /// The flag that gives the real value, e.g. `--lan-interface`.
    public let flag: String

    public init(_ name: String, flag: String) {
        self.name = name
        self.flag = flag
    }

    /// `<LAN-INTERFACE>`.
    public var text: String { "<\(name)>" }

    /// The note listing placeholders at the top of a file.
    static func note(_ placeholders: [DevicePlaceholder]) -> String? {
        let unique = placeholders.reduce(into: [DevicePlaceholder]()) { if !$0.contains($1) { $0.append($1) } }
        guard !unique.isEmpty else { return nil }
        return "replace before applying: " + unique.map { "\($0.text) (or pass \($0.flag))" }.joined(separator: ", ")
    }
}

/// A device-local value as a dialect resolves it: given, the platform's default, or a placeholder.
struct DeviceLocal {
    /// Placeholders handed out so far, for the note at the top of the output.
    private(set) var placeholders: [DevicePlaceholder] = []

    /// `given`, else `platformDefault`, else a marked placeholder.
    mutating func value(_ given: String?, default platformDefault: String?, placeholder: DevicePlaceholder) -> String {
        if let given { return given }
        if let platformDefault { return platformDefault }
        placeholders.append(placeholder)
        return placeholder.text
    }

    static let wanInterface = DevicePlaceholder("WAN-INTERFACE", flag: "--wan-interface")
    static let lanInterface = DevicePlaceholder("LAN-INTERFACE", flag: "--lan-interface")
    static let insideZone = DevicePlaceholder("INSIDE-ZONE", flag: "--inside-zone")
    static let outsideZone = DevicePlaceholder("OUTSIDE-ZONE", flag: "--outside-zone")
    static let vpnZone = DevicePlaceholder("VPN-ZONE", flag: "--vpn-zone")
    static let monitorAddress = DevicePlaceholder("MONITOR-ADDRESS", flag: "--monitor-address")
}
