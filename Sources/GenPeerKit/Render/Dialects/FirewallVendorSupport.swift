/// Pieces the FortiGate, PAN-OS and VyOS dialects share: names cut to a platform's length
/// limit, lifetimes checked against a platform's range, the cloud prefixes each tunnel routes,
/// tunnel numbers and the BGP key check.

/// A name that fits a platform's length limit: the name itself when it fits, else its start
/// and four hex digits of its FNV-1a hash, so that two long names that share their start
/// still differ, and the same name always gives the same result.
enum BoundedName {
    static func make(_ name: String, limit: Int) -> String {
        guard name.utf8.count > limit else { return name }
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let digits = String(hash & 0xFFFF, radix: 16)
        let suffix = "-" + String(repeating: "0", count: 4 - digits.count) + digits
        return String(name.utf8.prefix(limit - suffix.utf8.count))! + suffix
    }
}

/// What one tunnel carries and routes, the same way on the three firewall platforms.
enum FirewallTunnelPlan {
    /// The (on-premises, cloud) selector pairs of one tunnel, one SA each: `0.0.0.0/0` both
    /// ways for a route-based connection, else every subnet pair, and the two BGP addresses
    /// when a policy-based tunnel runs BGP, so that the session crosses the tunnel.
    static func selectorPairs(_ tunnel: PeerTunnel, in connection: PeerConnection) -> [(local: IPv4Network, remote: IPv4Network)] {
        var pairs = connection.subnetPairs
        if !connection.isRouteBased, let bgp = tunnel.bgp {
            pairs.append((IPv4Network(containing: bgp.localAddress, prefixLength: 32), IPv4Network(containing: bgp.remoteAddress, prefixLength: 32)))
        }
        return pairs
    }

    /// The cloud prefixes routed into the tunnels without BGP: the user's (or cloud subnets')
    /// for a route-based connection, the cloud subnets for a policy-based one.
    static func cloudPrefixes(_ connection: PeerConnection) -> [IPv4Network] {
        connection.isRouteBased ? connection.routes.cloudPrefixes : connection.remoteSubnets
    }

    /// The static routes' preference: the master's routes win while its tunnel is up.
    static let masterDistance = 10
    static let slaveDistance = 20

    static func distance(_ tunnel: PeerTunnel) -> Int {
        tunnel.role == .slave ? slaveDistance : masterDistance
    }

    /// The number of a tunnel's interface (`tunnel.N`, `vtiN`): its run-wide interface ID,
    /// moved by `--tunnel-number` (the first tunnel's number), so that connections of one run
    /// never share a number; a tunnel without one counts from the first number.
    static func interfaceNumber(_ tunnel: PeerTunnel, in connection: PeerConnection, firstNumber: Int?) -> Int {
        let base = firstNumber ?? 1
        if let id = tunnel.interface?.id { return base + id - 1 }
        return base + (connection.tunnels.firstIndex(of: tunnel) ?? 0)
    }

    /// A BGP session key holding a character the platform's CLI cannot take as it is: an
    /// error naming the field, never a key written broken. The key is not shown.
    static func checkBGPKey(_ tunnel: PeerTunnel, target: TargetName, forbidden: String, why: String) throws {
        guard case .key(let key)? = tunnel.bgp?.authenticationKey, !key.isRedacted,
            let bad = key.secret.first(where: { forbidden.contains($0) })
        else { return }
        throw GenPeerError(
            .data,
            "the BGP key (AuthKey) holds \"\(bad)\", which the \(target.rawValue) CLI cannot take (\(why)); set a BGP key without \(forbidden.map { "\"\($0)\"" }.joined(separator: ", ")) on the Alibaba Cloud side (value not shown)",
            at: tunnel.source.location.appending("AuthKey"))
    }

    /// The BGP key as written, or the placeholder.
    static func bgpKey(_ tunnel: PeerTunnel) -> String? {
        switch tunnel.bgp?.authenticationKey {
        case nil: return nil
        case .placeholder?: return BGPKey.placeholderText
        case .key(let key)?: return key.secret
        }
    }
}

/// Keys made only of letters, digits and `-_.+=~!@%^*:,/` (the characters no secrets syntax
/// genpeer writes treats specially, as for ``SecretEncoding``) can be written as they are;
/// any other key is written encoded where the platform decodes one.
enum PlainKey {
    static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-_.+=~!@%^*:,/".utf8.contains(byte)
        }
    }
}
