/// Pieces every dialect shares: the header every file starts with, notes, secrets, selectors,
/// timers, the tunnels' host routing, and the errors for what a target cannot express.

/// What every connection's file says about where it came from.
struct ConnectionHeader: Codable, Sendable {
    var name: String
    var vpnConnectionId: String?
    var sourceFile: String
    /// Notes the file carries as comments (and, where they need acting on, as warnings).
    var notes: [String]

    init(_ connection: PeerConnection, notes: [String]) {
        name = connection.name
        vpnConnectionId = connection.vpnConnectionId
        sourceFile = CommentText.line(connection.source.file)
        // A Name no config syntax takes as a name still tells a person which connection this is.
        self.notes = (connection.alibabaName.map { ["the connection's Name in Alibaba Cloud is \"\(CommentText.line($0))\""] } ?? []) + notes
    }
}

/// How people call a tunnel in comments and messages: `tunnel 1 (master, tun-...)`.
enum TunnelLabel {
    /// The label of a tunnel of a dual-tunnel connection, for a comment above it; `nil` for a single tunnel.
    static func comment(_ tunnel: PeerTunnel, in connection: PeerConnection) -> String? {
        connection.isDualTunnel ? text(tunnel, in: connection) : nil
    }

    static func text(_ tunnel: PeerTunnel, in connection: PeerConnection) -> String {
        guard connection.isDualTunnel else { return "the tunnel" }
        let number = tunnel.role == .slave ? 2 : 1
        let role = tunnel.role == .slave ? "slave, standby" : "master, active"
        return "tunnel \(number) (\(role)\(tunnel.tunnelId.map { ", \($0)" } ?? ""))"
    }
}

/// Notes every dialect writes as comments (and, where they need acting on, as warnings), in one wording.
enum PeerNotes {
    /// The notes for a connection rendered by `target`; `answersAggressiveModeOnlyIfAllowed` for
    /// strongSwan, whose responder refuses aggressive mode with a PSK by default;
    /// `rendersBGP` for targets that write the BGP sessions themselves or beside them.
    static func notes(
        for connection: PeerConnection, target: TargetName, answersAggressiveModeOnlyIfAllowed: Bool, rendersBGP: Bool,
        diagnostics: DiagnosticCollector
    ) -> [String] {
        var notes: [String] = []
        if connection.tunnels.contains(where: { !$0.natTraversal }) {
            notes.append("NAT traversal is off at the cloud: keep this gateway's path to the cloud free of NAT")
        }
        if connection.hasBGP && !rendersBGP {
            let tunnel = connection.primaryTunnel
            let bgp = tunnel.bgp!
            let note = "BGP (AS \(bgp.localASN) at \(bgp.localAddress) with the cloud's AS \(bgp.remoteASN) at \(bgp.remoteAddress)) is on at the cloud but not rendered by the \(target.rawValue) target: configure it in your routing daemon (--routing frr or bird)"
            diagnostics.warn(note, at: connection.source)
            notes.append(note)
        }
        if answersAggressiveModeOnlyIfAllowed && connection.tunnels.contains(where: { $0.ikeVersion == .ikev1 && $0.ikeMode == .aggressive }) {
            notes.append("IKEv1 aggressive mode with a PSK: when the cloud initiates, charon answers only with charon.i_dont_care_about_security_and_use_aggressive_mode_psk = yes in strongswan.conf")
        }
        let gateways = Set(connection.tunnels.map { $0.customerGatewayId ?? "" })
        if connection.isDualTunnel && gateways.count > 1 {
            let places = connection.tunnels.map { tunnel in
                "\(TunnelLabel.text(tunnel, in: connection)) ends at customer gateway \(tunnel.customerGatewayId ?? "?") (identity \(tunnel.local.id))"
            }
            let note = "the tunnels end at different customer gateways: " + places.joined(separator: "; ")
                + "; on one host with two public addresses give them as --local-address ADDRESS1,ADDRESS2 (master first), on two devices install each tunnel on its own"
            diagnostics.warn(note, at: connection.source)
            notes.append(note)
        }
        return notes
    }
}

/// One pre-shared key entry: the two identities it is for and the key, encoded for the file.
struct SecretEntry: Codable, Sendable {
    var localId: String
    var remoteId: String
    var value: String
    var isBase64: Bool

    init(_ tunnel: PeerTunnel, identity: (Identity) -> String) {
        localId = identity(tunnel.local.id)
        remoteId = identity(tunnel.remote.id)
        value = SecretEncoding.encode(tunnel.presharedKey)
        isBase64 = SecretEncoding.isEncoded(tunnel.presharedKey)
    }
}

/// Dead peer detection timing for the peer's own probes; Alibaba publishes none of its own.
enum DeadPeerDetection {
    static let delaySeconds = 30
    /// IKEv1 only: IKEv2 gives up by its retransmission schedule.
    static let timeoutSeconds = 150
}

/// How a tunnel's traffic becomes IPsec SAs: IKEv2 carries every subnet in one SA, as Alibaba
/// does; IKEv1 negotiates one (on-premises, cloud) pair per SA. Route-based tunnels carry
/// everything (`0.0.0.0/0`); a policy-based tunnel that runs BGP also carries the two BGP
/// addresses, so the session crosses the tunnel.
struct SelectorPlan {
    struct PlannedChild {
        var name: String
        var local: [IPv4Network]
        var remote: [IPv4Network]
    }

    /// Every selector of the tunnel, each side in order.
    var local: [IPv4Network]
    var remote: [IPv4Network]
    var children: [PlannedChild]

    init(_ tunnel: PeerTunnel, in connection: PeerConnection) {
        var local = connection.localSubnets
        var remote = connection.remoteSubnets
        if !connection.isRouteBased, let bgp = tunnel.bgp {
            local.append(IPv4Network(containing: bgp.localAddress, prefixLength: 32))
            remote.append(IPv4Network(containing: bgp.remoteAddress, prefixLength: 32))
        }
        self.local = local
        self.remote = remote
        let pairs = local.flatMap { localSubnet in remote.map { (localSubnet, $0) } }
        if connection.isRouteBased || tunnel.ikeVersion == .ikev2 || pairs.count == 1 {
            children = [PlannedChild(name: tunnel.name, local: local, remote: remote)]
        } else {
            children = pairs.enumerated().map { index, pair in
                PlannedChild(name: "\(tunnel.name)-\(index + 1)", local: [pair.0], remote: [pair.1])
            }
        }
    }
}

/// Routes that follow a tunnel's state, for tunnel-interface connections without BGP: added
/// through the tunnel's interface when its SA comes up, removed when it goes down, the master's
/// preferred (a lower metric), so traffic takes the slave only while the master is down.
enum TunnelRouting {
    static let masterMetric = 100
    static let slaveMetric = 200

    static func metric(_ tunnel: PeerTunnel) -> Int {
        tunnel.role == .slave ? slaveMetric : masterMetric
    }

    /// The cloud prefixes a child's routes lead to: the child's cloud subnets when policy-based,
    /// else the prefixes the user named.
    static func prefixes(of child: SelectorPlan.PlannedChild, in connection: PeerConnection) -> [IPv4Network] {
        connection.isRouteBased ? connection.routes.cloudPrefixes : child.remote
    }

    /// Whether the connection's routes are the updown script's (no BGP, tunnel interfaces).
    static func followsTunnelState(_ connection: PeerConnection) -> Bool {
        connection.usesTunnelInterfaces && !connection.hasBGP
    }

    /// The metric of the blackhole routes behind the tunnels' routes (``fallbackPrefixes(of:)``).
    static let fallbackMetric = 4096

    /// The cloud prefixes that the updown script routes into the tunnels, each once: while no
    /// tunnel is up, a blackhole route drops what is sent to them, where the default route would
    /// otherwise carry it out unencrypted. Empty when routes do not follow the tunnels' state.
    static func fallbackPrefixes(of connection: PeerConnection) -> [IPv4Network] {
        guard followsTunnelState(connection) else { return [] }
        var seen = Set<IPv4Network>()
        return connection.tunnels.flatMap { tunnel in
            SelectorPlan(tunnel, in: connection).children.flatMap { prefixes(of: $0, in: connection) }
        }.filter { seen.insert($0).inserted }
    }
}

/// Errors for what a target cannot express, pointing at the input field and saying the fix.
enum TargetLimitation {
    static func shangMi(field: ProposalField, tunnel: PeerTunnel, target: TargetName) -> GenPeerError {
        GenPeerError(
            .data,
            "the \(target.rawValue) target cannot use ShangMi (SM3/SM4) algorithms; a ShangMi VPN gateway needs a peer with SM support",
            at: tunnel.source.location(of: field))
    }

    /// A target without tunnel interfaces, for a connection that needs them.
    static func needsTunnelInterfaces(_ connection: PeerConnection, target: TargetName, instead: TargetName) -> GenPeerError {
        let why: String
        if connection.isRouteBased {
            why = "route-based (LocalSubnet and RemoteSubnet are both 0.0.0.0/0)"
        } else if connection.isDualTunnel {
            why = "dual-tunnel (two policy-based tunnels with the same selectors cannot both be up)"
        } else {
            why = "running BGP over the tunnel"
        }
        return GenPeerError(
            .data,
            "the connection is \(why), which needs a tunnel interface per tunnel; the \(target.rawValue) target has none: use --target \(instead.rawValue)",
            at: connection.source)
    }
}

extension TargetLimitation {
    /// A value the platform cannot express at all: an error naming the field, the value, the
    /// target and what to set on the Alibaba side instead.
    static func unsupported(
        _ field: ProposalField, of tunnel: PeerTunnel, target: TargetName, value: String, why: String, fix: String
    ) -> GenPeerError {
        GenPeerError(
            .data, "the \(target.rawValue) target cannot use \(field.alibabaName) \"\(value)\": \(why); set \(field.alibabaName) to \(fix) on the Alibaba Cloud side",
            at: tunnel.source.location(of: field))
    }

    /// A value the platform takes only behind a switch: a warning naming the switch.
    static func behindSwitch(
        _ field: ProposalField, of tunnel: PeerTunnel, target: TargetName, value: String, switchText: String, diagnostics: DiagnosticCollector
    ) {
        diagnostics.warn(
            "the \(target.rawValue) target accepts \(field.alibabaName) \"\(value)\" only with \(switchText)",
            at: tunnel.source.location(of: field))
    }

    /// A pre-shared key holding a character the platform's CLI cannot take as it is (e.g. `?`
    /// on Cisco, which opens help): an error, never a key emitted broken. The key is not shown.
    static func checkKey(_ key: PresharedKey, of tunnel: PeerTunnel, target: TargetName, forbidden: String, why: String) throws {
        guard !key.isRedacted, let bad = key.secret.first(where: { forbidden.contains($0) }) else { return }
        throw GenPeerError(
            .data,
            "the pre-shared key holds \"\(bad)\", which the \(target.rawValue) CLI cannot take (\(why)); set a key without \(forbidden.map { "\"\($0)\"" }.joined(separator: ", ")) on the Alibaba Cloud side (value not shown)",
            at: SourceLocation(file: tunnel.source.file, path: tunnel.source.ikeConfigPath).appending("Psk"))
    }
}

/// The SA lifetime fields, for messages that point back at the input. A lifetime outside what a
/// platform takes is an error: a shorter one would outlive the cloud's SA, a longer one not fit.
enum LifetimeField {
    case ike, esp

    var alibabaName: String { self == .ike ? "IkeLifetime" : "IpsecLifetime" }

    func location(in tunnel: PeerTunnel) -> SourceLocation {
        SourceLocation(file: tunnel.source.file, path: self == .ike ? tunnel.source.ikeConfigPath : tunnel.source.ipsecConfigPath)
            .appending(alibabaName)
    }

    /// The lifetime in seconds, or an error when the platform's range does not hold it.
    func seconds(_ lifetime: Lifetime, of tunnel: PeerTunnel, target: TargetName, range: ClosedRange<Int>) throws -> Int {
        guard range.contains(lifetime.seconds) else {
            throw GenPeerError(
                .data,
                "the \(target.rawValue) target cannot use \(alibabaName) \(lifetime.seconds): the platform takes \(range.lowerBound)–\(range.upperBound) seconds; set \(alibabaName) within that range on the Alibaba Cloud side",
                at: location(in: tunnel))
        }
        return lifetime.seconds
    }
}

/// Words ipsec.conf and Libreswan share.
enum IPsecConfVocabulary {
    /// Both read a leading `@` as "a name, do not resolve it".
    static func identity(_ identity: Identity) -> String {
        switch identity {
        case .ipv4(let address): return address.description
        case .fqdn(let name): return "@\(name)"
        }
    }
}

/// Text written into a comment line of a config: any line break or other control character
/// (which would end the comment and start config syntax) becomes `?`.
enum CommentText {
    static func line(_ text: String) -> String {
        // Printable ASCII, the usual file name, has nothing to replace.
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            let value = scalar.value
            let breaksLines = value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
            return breaksLines ? "?" : scalar
        }))
    }
}
