/// Pieces the router targets share (Cisco IOS and ASA here; usable by Huawei VRP and H3C
/// Comware, whose ACLs and routes are written the same way): ACL entries with wildcard masks,
/// prefixes with netmasks, numbers only the device knows, lifetimes a platform takes only within
/// its range, and the keys its CLI reads as something else.

/// One `permit ip` entry of a crypto ACL: a (source, destination) pair, each as an address and a
/// wildcard mask (`10.10.0.0 0.0.255.255`), which negotiates one SA pair on Cisco, Huawei and H3C.
struct WildcardEntry: Codable, Sendable, Equatable {
    var source: String
    var sourceWildcard: String
    var destination: String
    var destinationWildcard: String

    init(source: IPv4Network, destination: IPv4Network) {
        self.source = source.address.description
        sourceWildcard = source.wildcardMask.description
        self.destination = destination.address.description
        destinationWildcard = destination.wildcardMask.description
    }

    /// One entry per (on-premises, cloud) pair of the tunnel, on-premises first.
    static func entries(_ tunnel: PeerTunnel, in connection: PeerConnection) -> [WildcardEntry] {
        SelectorPairs.pairs(tunnel, in: connection).map { WildcardEntry(source: $0.local, destination: $0.remote) }
    }
}

/// The (on-premises, cloud) pairs a platform that negotiates one SA per pair needs for a
/// policy-based tunnel: every subnet pair and, when the tunnel runs BGP, the pair of its BGP
/// addresses, so that the session crosses the tunnel.
enum SelectorPairs {
    static func pairs(_ tunnel: PeerTunnel, in connection: PeerConnection) -> [(local: IPv4Network, remote: IPv4Network)] {
        var pairs = connection.subnetPairs
        if let bgp = tunnel.bgp {
            pairs.append((IPv4Network(containing: bgp.localAddress, prefixLength: 32), IPv4Network(containing: bgp.remoteAddress, prefixLength: 32)))
        }
        return pairs
    }
}

/// A prefix as `address netmask` (`ip route`, `network … mask`, `network-object`).
struct MaskedPrefix: Codable, Sendable, Equatable {
    var address: String
    var netmask: String
    /// `10.10.0.0/16`, for prefix lists.
    var cidr: String

    init(_ network: IPv4Network) {
        address = network.address.description
        netmask = network.netmask.description
        cidr = network.description
    }
}

/// Numbers only the device knows, chosen so that the outputs of separate runs do not collide.
enum RouterNumbering {
    /// The number of a tunnel's interface: `--tunnel-number` for the run's first tunnel
    /// interface, the next for each one after it; by default the tunnel's interface ID (1, 2, ...).
    static func tunnelNumber(_ interface: TunnelInterface, first: Int?) -> Int {
        (first ?? 1) + interface.id - 1
    }

    /// A number in `range` derived from `name` alone (FNV-1a), for entries a device numbers
    /// rather than names (a crypto map entry): the same connection keeps its number whatever
    /// else is rendered with it.
    static func stableNumber(for name: String, in range: ClosedRange<Int>) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return range.lowerBound + Int(hash % UInt32(range.count))
    }
}

extension TargetLimitation {
    /// A key Cisco-style CLIs would misread: a lone digit is taken for the key's encryption type
    /// (`0`, `6`, `7`, `8`), which then waits for the key itself.
    static func checkKeyIsNotAnEncryptionType(_ key: String, location: SourceLocation, target: TargetName, what: String) throws {
        guard key.count == 1, key.first!.isASCII, key.first!.isNumber else { return }
        throw GenPeerError(
            .data,
            "the \(what) is a single digit, which the \(target.rawValue) CLI reads as the key's encryption type; set a longer key on the Alibaba Cloud side (value not shown)",
            at: location)
    }

    /// Where a tunnel's pre-shared key is in the input.
    static func keyLocation(_ tunnel: PeerTunnel) -> SourceLocation {
        SourceLocation(file: tunnel.source.file, path: tunnel.source.ikeConfigPath).appending("Psk")
    }
}
