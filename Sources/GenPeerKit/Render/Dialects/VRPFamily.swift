/// What the `huawei` (VRP) and `h3c` (Comware 7) targets share: both descend from the same CLI,
/// so their ACLs (wildcard masks, one rule per subnet pair), object numbers, static routes with
/// `preference`, BGP route policies and the characters their command lines cannot take are
/// computed here once; each dialect keeps its own keywords.
enum VRPFamily {
    /// Text in a comment line or a `description`: both command lines act on `?` as it is typed
    /// (online help), even in a comment, so it and anything but printable ASCII become `_`;
    /// `limit` cuts a description to what the platforms take.
    static func text(_ text: String, limit: Int? = nil) -> String {
        let safe = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (0x20...0x7E).contains(scalar.value) && scalar != "?" ? scalar : "_"
        }))
        guard let limit, safe.count > limit else { return safe }
        return String(safe.prefix(limit))
    }

    /// The limit genpeer keeps descriptions to (VRP and Comware take longer ones).
    static let descriptionLimit = 80

    /// A tunnel's label for comments, made safe for the command line.
    static func label(_ tunnel: PeerTunnel, in connection: PeerConnection) -> String? {
        TunnelLabel.comment(tunnel, in: connection).map { text($0) }
    }

    /// `genpeer dual-t1 tunnel 1 (master, ...)`: a tunnel interface's description.
    static func description(_ tunnel: PeerTunnel, in connection: PeerConnection) -> String {
        text("genpeer \(tunnel.name)" + (TunnelLabel.comment(tunnel, in: connection).map { " \($0)" } ?? ""), limit: descriptionLimit)
    }

    /// The header with every text that reaches a comment line made safe.
    static func header(_ connection: PeerConnection, notes: [String]) -> ConnectionHeader {
        ConnectionHeader(connection, notes: notes.map { text($0) }).commented { text($0) }
    }

    /// `10.10.0.0 0.0.255.255`: a network as an ACL rule writes it.
    static func wildcard(_ network: IPv4Network) -> String {
        "\(network.address) \(network.wildcardMask)"
    }

    /// `10.10.0.0 255.255.0.0`: a network as `ip address`, `network` and routes write it.
    static func masked(_ network: IPv4Network) -> String {
        "\(network.address) \(network.netmask)"
    }

    /// `169.254.10.2 255.255.255.252`: an interface address.
    static func masked(_ address: IPv4InterfaceAddress) -> String {
        "\(address.address) \(address.network.netmask)"
    }

    /// One rule of an advanced ACL: `rule 5 permit ip source ... destination ...`.
    struct ACLRule: Codable, Sendable {
        var index: Int
        var action: String
        var source: String
        var destination: String?
    }

    static let ruleStep = 5

    /// One `permit` rule per (on-premises, cloud) pair, in on-premises-then-cloud order: each
    /// rule is one flow, and so one SA, on both platforms.
    static func protectedRules(_ pairs: [(local: IPv4Network, remote: IPv4Network)]) -> [ACLRule] {
        pairs.enumerated().map { offset, pair in
            ACLRule(index: ruleStep * (offset + 1), action: "permit", source: wildcard(pair.local), destination: wildcard(pair.remote))
        }
    }

    /// The NAT ACL of Huawei's and H3C's own "IPsec and NAT on one interface" examples: the
    /// subnet pairs denied (left untranslated, so the IPsec policy still sees them), then each
    /// on-premises subnet permitted (translated) towards everything else.
    static func natRules(_ connection: PeerConnection) -> [ACLRule] {
        let pairs = connection.subnetPairs
        let denies = pairs.enumerated().map { offset, pair in
            ACLRule(index: ruleStep * (offset + 1), action: "deny", source: wildcard(pair.local), destination: wildcard(pair.remote))
        }
        let permits = connection.localSubnets.enumerated().map { offset, subnet in
            ACLRule(index: ruleStep * (pairs.count + offset + 1), action: "permit", source: wildcard(subnet), destination: nil)
        }
        return denies + permits
    }

    /// The number each tunnel's objects take (tunnel interface, IKE proposal, ACL, policy
    /// sequence): `--tunnel-number` (default 1) for the first tunnel, the next for the second.
    static func numbers(
        _ connection: PeerConnection, options: RenderOptions, target: TargetName, allowed: ClosedRange<Int>, why: String
    ) throws -> [Int] {
        let first = options.deviceLocals.firstTunnelNumber ?? 1
        let numbers = connection.tunnels.indices.map { first + $0 }
        guard numbers.allSatisfy(allowed.contains) else {
            throw GenPeerError(
                .usage,
                "--tunnel-number \(first): the \(target.rawValue) target numbers each tunnel's objects from it and needs \(allowed.lowerBound)-\(allowed.upperBound - connection.tunnels.count + 1) (\(why))")
        }
        return numbers
    }

    /// A static route into a tunnel interface: the master's at the platform's default
    /// preference (60), the slave's at a worse one, so the slave carries traffic only while the
    /// master's route is gone.
    struct StaticRoute: Codable, Sendable {
        var prefix: String
        var mask: String
        var interface: String
        var preference: Int
        var label: String?
    }

    static let masterPreference = 60
    static let slavePreference = 70

    static func preference(_ tunnel: PeerTunnel) -> Int {
        tunnel.role == .slave ? slavePreference : masterPreference
    }

    /// The routes of a connection, when it has any (a template section around them).
    struct StaticRoutes: Codable, Sendable {
        var routes: [StaticRoute]
    }

    /// The cloud prefixes routed into each tunnel interface of a connection without BGP.
    static func staticRoutes(_ connection: PeerConnection, interfaces: [String]) -> StaticRoutes? {
        guard connection.usesTunnelInterfaces && !connection.hasBGP else { return nil }
        let prefixes = connection.isRouteBased ? connection.routes.cloudPrefixes : connection.remoteSubnets
        let routes = zip(connection.tunnels, interfaces).flatMap { tunnel, interface in
            prefixes.map { prefix in
                StaticRoute(
                    prefix: prefix.address.description, mask: prefix.netmask.description, interface: interface, preference: preference(tunnel),
                    label: label(tunnel, in: connection))
            }
        }
        return routes.isEmpty ? nil : StaticRoutes(routes: routes)
    }

    /// A policy-based connection that needs tunnel interfaces (dual tunnels, BGP): VRP and
    /// Comware tunnel interfaces carry any-to-any selectors, which a policy-based cloud side
    /// does not accept, so it is refused rather than rendered to fail at negotiation.
    static func checkSelectorsFitTunnelInterfaces(_ connection: PeerConnection, target: TargetName) throws {
        guard connection.usesTunnelInterfaces && !connection.isRouteBased else { return }
        let why = connection.isDualTunnel ? "a dual-tunnel connection" : "a BGP connection"
        throw GenPeerError(
            .data,
            "the connection is policy-based (LocalSubnet \(connection.remoteSubnets.map(\.description).joined(separator: ",")), RemoteSubnet \(connection.localSubnets.map(\.description).joined(separator: ","))) and \(why), which the \(target.rawValue) target runs on IPsec tunnel interfaces; their selectors are 0.0.0.0/0, which a policy-based cloud side refuses: set LocalSubnet and RemoteSubnet to 0.0.0.0/0 (destination routing) on the Alibaba Cloud side",
            at: connection.source.appending("LocalSubnet"))
    }

    /// `?` opens the online help of both command lines wherever it is typed, and a `"` starts a
    /// quoted argument: neither can be part of a key typed as one word.
    static let forbiddenKeyCharacters = "?\""

    /// A BGP session key the platform's CLI cannot take as it is; the placeholder is allowed.
    static func checkBGPKey(_ tunnel: PeerTunnel, target: TargetName) throws {
        guard case .key(let key)? = tunnel.bgp?.authenticationKey,
            let bad = key.secret.first(where: { forbiddenKeyCharacters.contains($0) })
        else { return }
        throw GenPeerError(
            .data,
            "the BGP key holds \"\(bad)\", which the \(target.rawValue) CLI cannot take in a password; set a key without \"?\" and \"\\\"\" on the Alibaba Cloud side (value not shown)",
            at: SourceLocation(file: tunnel.source.file, path: tunnel.source.path).appending("TunnelBgpConfig.AuthKey"))
    }

    /// One BGP neighbour in the family's words: the route policies attached to it by name.
    struct Neighbor: Codable, Sendable {
        var address: String
        var remoteASN: UInt32
        var label: String
        var password: String?
        var importPolicy: String
        var exportPolicy: String
        var localPreference: Int
        /// `65010 65010`: prepended on what is sent to the slave's neighbour.
        var prepend: String?
    }

    /// BGP of a connection, named from the master's number (`genpeer1-out`, ...).
    struct BGP: Codable, Sendable {
        var localASN: UInt32
        var prefixList: String
        var announced: [Announced]
        var neighbors: [Neighbor]
        var keepalive: Int
        var hold: Int
    }

    struct Announced: Codable, Sendable {
        var index: Int
        var address: String
        var prefixLength: Int
        var mask: String
    }

    /// The connection's BGP with each neighbour's policies named `genpeer<n>-in` / `-out`.
    static func bgp(_ connection: PeerConnection, numbers: [Int], target: TargetName) throws -> BGP? {
        guard let plan = try BGPPlan(connection, target: target) else { return nil }
        for tunnel in connection.tunnels { try checkBGPKey(tunnel, target: target) }
        let numberOf = Dictionary(uniqueKeysWithValues: zip(connection.tunnels.map(\.name), numbers))
        let neighbors = plan.neighbors.map { neighbor in
            let number = numberOf[neighbor.tunnel]!
            return Neighbor(
                address: neighbor.address, remoteASN: neighbor.remoteASN, label: text(neighbor.label, limit: descriptionLimit), password: neighbor.password,
                importPolicy: "genpeer\(number)-in", exportPolicy: "genpeer\(number)-out", localPreference: neighbor.localPreference,
                prepend: neighbor.prepend)
        }
        return BGP(
            localASN: plan.localASN, prefixList: "genpeer\(numbers[0])-announce",
            announced: connection.routes.announced.enumerated().map { offset, prefix in
                Announced(index: 10 * (offset + 1), address: prefix.address.description, prefixLength: prefix.prefixLength, mask: prefix.netmask.description)
            },
            neighbors: neighbors, keepalive: BGPPlan.keepaliveSeconds, hold: BGPPlan.holdSeconds)
    }

    /// One side of a tunnel's selectors for `markdown --device`: the ACL's sources or
    /// destinations (each once, in rule order), or any-to-any on a tunnel interface.
    static func selectors(_ policy: Policy?, interface: Interface?, cloudSide: Bool, aclCommand: String) -> String {
        guard let policy else { return "any, routed into \(interface?.interfaceName ?? "the tunnel interface")" }
        let values = policy.rules.compactMap { cloudSide ? $0.destination : $0.source }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let word = cloudSide ? "destination" : "source"
        return "\(aclCommand) \(policy.acl): " + values.map { "\(word) \($0)" }.joined(separator: ", ")
    }

    /// A policy-based tunnel: its ACL and its entry in the `genpeer` policy group.
    struct Policy: Codable, Sendable {
        var acl: Int
        var rules: [VRPFamily.ACLRule]
        var policyGroup: String
        var sequence: Int
    }

    /// A tunnel interface (`Tunnel0/0/<n>` on VRP, `Tunnel<n> mode ipsec` on Comware).
    struct Interface: Codable, Sendable {
        var interfaceName: String
        var description: String
        var mtu: Int
        var mss: Int
        /// `169.254.10.2 255.255.255.252` (BGP's inside address), or none: then unnumbered.
        var address: String?
        var unnumbered: String?
        var source: String
        var destination: String
    }

    /// What a policy-based connection adds to the box: the policy group and NAT ACL on the WAN
    /// interface, the TCP MSS on the LAN interface.
    struct PolicyBased: Codable, Sendable {
        var policyGroup: String
        var natACL: Int
        var natRules: [VRPFamily.ACLRule]
        var wanInterface: String
        var lanInterface: String
        var mss: Int
    }
}

extension ConnectionHeader {
    /// The header with its source file name made safe for a target's comment lines (the
    /// huawei, h3c and mikrotik targets each have their own rule).
    func commented(by sanitize: (String) -> String) -> ConnectionHeader {
        var header = self
        header.sourceFile = sanitize(sourceFile)
        return header
    }
}
