/// The BGP sessions to the cloud over each tunnel, for a routing daemon on the Linux peer: FRR
/// (`--target frr`) and BIRD 2 (`--target bird`), and the same files beside a Linux IPsec
/// target's output (`--routing`).
///
/// Own AS `PeerAsn`; one neighbour per tunnel, the cloud's `LocalBgpIp` with remote AS
/// `LocalAsn`, sourced from this side's inside address; the announced prefixes
/// (`--announce`) go out through explicit policies on both sessions; the master is preferred
/// both ways: routes learned from it get a higher local preference, and what is sent to the
/// slave carries this side's AS twice more, so the cloud prefers the master too. Both sessions
/// stay up and exchange routes, so the slave is a working backup.
struct BGPPlan {
    struct Neighbor: Codable, Sendable {
        var tunnel: String
        var label: String
        var address: String
        var remoteASN: UInt32
        var source: String
        var localPreference: Int
        /// `65010 65010`: this side's AS prepended on what the slave's session announces.
        var prepend: String?
        /// The session key as the daemon writes it, or the placeholder to replace.
        var password: String?
        var passwordIsPlaceholder: Bool
        /// Name stem for the neighbour's policies: `genpeer-<tunnel>`.
        var policy: String
    }

    var localASN: UInt32
    var neighbors: [Neighbor]
    var announced: [String]

    static let preferredLocalPreference = 200
    static let standbyLocalPreference = 100
    /// How many times the slave's announcements carry this side's AS again.
    static let standbyPrepends = 2

    /// The connection's BGP; `nil` when none of its tunnels runs BGP.
    init?(_ connection: PeerConnection, target: TargetName) throws {
        let sessions = connection.tunnels.compactMap { tunnel in tunnel.bgp.map { (tunnel, $0) } }
        guard let first = sessions.first else { return nil }
        if let other = sessions.first(where: { $0.1.localASN != first.1.localASN }) {
            throw GenPeerError(
                .data,
                "the tunnels use different on-premises ASNs (\(first.1.localASN), \(other.1.localASN)): one \(target.rawValue) instance speaks for one AS, so these tunnels end at two devices; render each device's tunnel on its own",
                at: other.0.source.location)
        }
        localASN = first.1.localASN
        announced = connection.routes.announced.map(\.description)
        neighbors = sessions.map { tunnel, bgp in
            let standby = tunnel.role == .slave
            let password: String?
            switch bgp.authenticationKey {
            case nil: password = nil
            case .placeholder?: password = BGPKey.placeholderText
            case .key(let key)?: password = key.secret
            }
            return Neighbor(
                tunnel: tunnel.name, label: TunnelLabel.text(tunnel, in: connection), address: bgp.remoteAddress.description,
                remoteASN: bgp.remoteASN, source: bgp.localAddress.description,
                localPreference: standby ? Self.standbyLocalPreference : Self.preferredLocalPreference,
                prepend: standby ? Array(repeating: String(bgp.localASN), count: Self.standbyPrepends).joined(separator: " ") : nil,
                password: password, passwordIsPlaceholder: bgp.authenticationKey == .placeholder,
                policy: "genpeer-\(tunnel.name)")
        }
    }

    /// The keepalive and hold time: a dead tunnel's session is given up within 30 s, so the
    /// slave's routes take over soon after.
    static let keepaliveSeconds = 10
    static let holdSeconds = 30
}

/// `frr.conf` for FRR 8: a complete file (`frr defaults traditional`) that FRR starts from and
/// `vtysh -f` applies; every connection adds its policies and neighbours to the one BGP instance.
struct FRRDialect: Dialect {
    static let target = TargetName.frr
    static let layout = FileLayout("frr/frr.conf", folder: target.rawValue, header: "frr.conf-header", entry: "frr.conf-bgp", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.layout] }

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var localASN: UInt32
        var neighbors: [BGPPlan.Neighbor]
        var announced: [Announced]
        /// The sequence number of the accept list's last entry, after the announced prefixes.
        var acceptAll: Int
        var keepalive: Int
        var hold: Int
        /// `genpeer-<name>`: the name stem of the connection's prefix lists.
        var connectionPolicy: String
    }

    /// One announced prefix with its sequence numbers in the announce and accept lists.
    struct Announced: Codable, Sendable {
        var prefix: String
        var index: Int
        var acceptIndex: Int
    }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        guard let plan = try BGPPlan(connection, target: Self.target) else {
            throw RoutingDaemonParts.noBGP(connection, target: Self.target)
        }
        return [DialectPart(Self.layout, context: Self.context(connection, plan))]
    }

    static func context(_ connection: PeerConnection, _ plan: BGPPlan) -> Context {
        let announced = plan.announced.enumerated().map { Announced(prefix: $0.element, index: 5 * ($0.offset + 1), acceptIndex: 5 * ($0.offset + 2)) }
        return Context(
            header: ConnectionHeader(connection, notes: []), localASN: plan.localASN, neighbors: plan.neighbors, announced: announced,
            acceptAll: 5 * (announced.count + 2), keepalive: BGPPlan.keepaliveSeconds, hold: BGPPlan.holdSeconds,
            connectionPolicy: "genpeer-\(connection.name)")
    }
}

/// `bird.conf` for BIRD 2: a complete file whose kernel protocol installs the routes learned by
/// BGP; every connection adds a static protocol holding what it announces and one BGP protocol
/// per tunnel.
struct BIRDDialect: Dialect {
    static let target = TargetName.bird
    static let layout = FileLayout("bird/bird.conf", folder: target.rawValue, header: "bird.conf-header", entry: "bird.conf-bgp", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.layout] }

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var localASN: UInt32
        var neighbors: [Neighbor]
        var announced: [String]
        /// `[ 192.168.0.0/16, 10.1.0.0/24 ]`: the announced prefixes as a BIRD prefix set.
        var announcedSet: String?
        var keepalive: Int
        var hold: Int
        /// `genpeer_<name>`: BIRD names allow no `-`.
        var stem: String
    }

    struct Neighbor: Codable, Sendable {
        var bgp: BGPPlan.Neighbor
        var protocolName: String
        var prepends: [UInt32]
    }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        guard let plan = try BGPPlan(connection, target: Self.target) else {
            throw RoutingDaemonParts.noBGP(connection, target: Self.target)
        }
        // A BIRD string ends at a quote; a backslash would start an escape.
        if let tunnel = connection.tunnels.first(where: { tunnel in
            if case .key(let key)? = tunnel.bgp?.authenticationKey { key.secret.contains("\"") || key.secret.contains("\\") } else { false }
        }) {
            throw GenPeerError(
                .data, "the BGP key holds a quote or a backslash, which a BIRD string cannot carry as it is; choose a key without them (value not shown)",
                at: tunnel.source.location)
        }
        return [DialectPart(Self.layout, context: Self.context(connection, plan))]
    }

    static func context(_ connection: PeerConnection, _ plan: BGPPlan) -> Context {
        let stem = "genpeer_" + connection.name.replacingOccurrences(of: "-", with: "_")
        return Context(
            header: ConnectionHeader(connection, notes: []), localASN: plan.localASN,
            neighbors: plan.neighbors.map { neighbor in
                Neighbor(
                    bgp: neighbor, protocolName: "genpeer_" + neighbor.tunnel.replacingOccurrences(of: "-", with: "_"),
                    prepends: neighbor.prepend == nil ? [] : Array(repeating: plan.localASN, count: BGPPlan.standbyPrepends))
            },
            announced: plan.announced, announcedSet: plan.announced.isEmpty ? nil : "[ " + plan.announced.map { $0 + "+" }.joined(separator: ", ") + " ]",
            keepalive: BGPPlan.keepaliveSeconds, hold: BGPPlan.holdSeconds, stem: stem)
    }
}

/// The routing daemon's files beside a Linux IPsec target's, for its BGP connections (`--routing`).
enum RoutingDaemonParts {
    static func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        guard connection.hasBGP, let daemon = options.routing.target else { return [] }
        return try daemon.target.dialect.parts(for: connection, options: options, diagnostics: diagnostics)
    }

    static func noBGP(_ connection: PeerConnection, target: TargetName) -> GenPeerError {
        GenPeerError(
            .data,
            "the connection runs no BGP (VpnBgpConfig.EnableBgp / EnableTunnelsBgp is off): there is nothing for the \(target.rawValue) target to configure",
            at: connection.source)
    }
}
