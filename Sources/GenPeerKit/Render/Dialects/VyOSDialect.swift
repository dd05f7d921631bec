import Foundation

/// VyOS 1.4 (sagitta) and later set commands to paste in configure mode, one file per
/// connection: an IKE group, an ESP group, a pre-shared key and a site-to-site peer per
/// tunnel. IKEv2 carries every subnet in one `tunnel 1` (several `prefix` values, one Child
/// SA, as Alibaba does); IKEv1 needs one `tunnel N` per subnet pair. Route-based, dual-tunnel
/// and BGP connections bind each peer to a VTI (`vti bind`), with static routes (the slave at
/// a worse `distance`) or BGP with route maps that prefer the master.
struct VyOSDialect: DeviceDialect {
    var title: String { "VyOS (set commands)" }

    static let target = TargetName.vyos
    static let script = FileLayout("vyos/{name}.set", folder: target.rawValue, entry: "vyos.set", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.script] }

    /// IKE `lifetime` 0–86400, ESP `lifetime` 30–86400 (vyos-1x interface-definitions/vpn_ipsec.xml.in).
    static let ikeLifetimeRange = 0...86_400
    static let espLifetimeRange = 30...86_400
    /// The usual WAN interface of a VyOS box.
    static let defaultWANInterface = "eth0"

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var wanInterface: String
        var usesVTI: Bool
        var tunnels: [Tunnel]
        var routes: [StaticRoute]
        var bgp: BGP?
    }

    struct Tunnel: Codable, Sendable {
        var label: String?
        var peer: String
        var ikeGroup: String
        var espGroup: String
        var keyExchange: String
        var mode: String?
        var ikeLifetime: Int
        var ikeEncryption: String
        var ikeHash: String
        var ikeGroupNumber: Int
        var dpdAction: String?
        var dpdInterval: Int?
        var dpdTimeout: Int?
        var closeAction: String
        var espLifetime: Int
        /// `dh-group14`, or `disable`.
        var pfs: String
        var espEncryption: String
        var espHash: String
        /// Each value single-quoted for the shell, e.g. `'198.51.100.20'`.
        var localId: String
        var remoteId: String
        /// `'Sup3rS3cret'`, or `'0s...'`: base64 that strongSwan decodes to the exact key.
        var secret: String
        var secretIsBase64: Bool
        var connectionType: String
        var localAddress: String
        var remoteAddress: String
        var selectors: [Selector]
        var vti: VTI?
    }

    struct Selector: Codable, Sendable {
        var number: Int
        var localPrefixes: [String]
        var remotePrefixes: [String]
    }

    struct VTI: Codable, Sendable {
        var name: String
        var address: String?
        var mtu: Int
        var mss: Int
        var description: String
    }

    struct StaticRoute: Codable, Sendable {
        var prefix: String
        var interface: String
        var distance: Int
    }

    struct BGP: Codable, Sendable {
        var asn: UInt32
        var routerId: String
        var prefixList: String
        var announced: [Announced]
        var neighbors: [Neighbor]
    }

    struct Announced: Codable, Sendable {
        var rule: Int
        var prefix: String
    }

    struct Neighbor: Codable, Sendable {
        var label: String
        var address: String
        var remoteAS: UInt32
        var updateSource: String
        /// Single-quoted for the shell.
        var password: String?
        var keepalive: Int
        var hold: Int
        var routeMapIn: String
        var routeMapOut: String
        var localPreference: Int
        var prepend: String?
    }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        let locals = options.deviceLocals
        var notes = PeerNotes.notes(for: connection, target: Self.target, answersAggressiveModeOnlyIfAllowed: false, rendersBGP: true, diagnostics: diagnostics)
        notes += Self.notes(connection)
        let tunnels = try connection.tunnels.map { tunnel in
            try Self.tunnel(tunnel, in: connection, number: FirewallTunnelPlan.interfaceNumber(tunnel, in: connection, firstNumber: locals.firstTunnelNumber))
        }
        let routes: [StaticRoute] = connection.hasBGP || !connection.usesTunnelInterfaces ? [] : FirewallTunnelPlan.cloudPrefixes(connection).flatMap { prefix in
            zip(connection.tunnels, tunnels).map { peerTunnel, tunnel in
                StaticRoute(prefix: prefix.description, interface: tunnel.vti!.name, distance: FirewallTunnelPlan.distance(peerTunnel))
            }
        }
        let context = Context(
            header: ConnectionHeader(connection, notes: notes), wanInterface: locals.wanInterface ?? Self.defaultWANInterface,
            usesVTI: connection.usesTunnelInterfaces, tunnels: tunnels, routes: routes, bgp: try Self.bgp(connection, tunnels: tunnels))
        return [DialectPart(Self.script, name: connection.name, context: context)]
    }

    /// A value in single quotes for VyOS's shell; a quote inside is closed, escaped and reopened.
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func tunnel(_ tunnel: PeerTunnel, in connection: PeerConnection, number: Int) throws -> Tunnel {
        let isIKEv1 = tunnel.ikeVersion == .ikev1
        let ike = tunnel.ike, esp = tunnel.esp
        let (secret, isBase64) = presharedKey(tunnel.presharedKey)
        let actions = actions(connection)
        let selectors: [Selector]
        if connection.isRouteBased {
            selectors = []
        } else if isIKEv1 {
            selectors = FirewallTunnelPlan.selectorPairs(tunnel, in: connection).enumerated().map {
                Selector(number: $0.offset + 1, localPrefixes: [$0.element.local.description], remotePrefixes: [$0.element.remote.description])
            }
        } else {
            // IKEv2: one Child SA carries every subnet, as Alibaba does; the BGP pair has its own.
            var list = [Selector(number: 1, localPrefixes: connection.localSubnets.map(\.description), remotePrefixes: connection.remoteSubnets.map(\.description))]
            if let bgp = tunnel.bgp {
                list.append(Selector(number: 2, localPrefixes: ["\(bgp.localAddress)/32"], remotePrefixes: ["\(bgp.remoteAddress)/32"]))
            }
            selectors = list
        }
        return Tunnel(
            label: TunnelLabel.comment(tunnel, in: connection), peer: tunnel.name, ikeGroup: "\(tunnel.name)-ike", espGroup: "\(tunnel.name)-esp",
            keyExchange: tunnel.ikeVersion.rawValue, mode: isIKEv1 ? tunnel.ikeMode.rawValue : nil,
            ikeLifetime: try LifetimeField.ike.seconds(ike.lifetime, of: tunnel, target: target, range: ikeLifetimeRange),
            ikeEncryption: try encryption(ike.encryption, field: .ikeEncryption, tunnel), ikeHash: try hash(ike.integrity, field: .ikeIntegrity, tunnel),
            ikeGroupNumber: ike.dhGroup.number,
            dpdAction: tunnel.deadPeerDetection ? actions.dpd : nil,
            dpdInterval: tunnel.deadPeerDetection ? DeadPeerDetection.delaySeconds : nil,
            dpdTimeout: tunnel.deadPeerDetection && isIKEv1 ? DeadPeerDetection.timeoutSeconds : nil,
            closeAction: actions.close,
            espLifetime: try LifetimeField.esp.seconds(esp.lifetime, of: tunnel, target: target, range: espLifetimeRange),
            pfs: esp.pfsGroup.map { "dh-group\($0.number)" } ?? "disable",
            espEncryption: try encryption(esp.encryption, field: .espEncryption, tunnel), espHash: try hash(esp.integrity, field: .espIntegrity, tunnel),
            localId: quoted(tunnel.local.id.description), remoteId: quoted(tunnel.remote.id.description),
            secret: quoted(secret), secretIsBase64: isBase64, connectionType: actions.connection,
            localAddress: quoted(tunnel.local.address?.description ?? "any"), remoteAddress: quoted(tunnel.remote.address.description),
            selectors: selectors,
            vti: tunnel.interface.map { interface in
                VTI(
                    name: "vti\(number)", address: interface.address?.description, mtu: interface.mtu, mss: interface.tcpMSS,
                    description: quoted(TunnelLabel.text(tunnel, in: connection) == "the tunnel" ? connection.name : "\(connection.name) \(tunnel.role.rawValue)"))
            })
    }

    /// VyOS writes the secret into swanctl.conf inside double quotes as it is, where strongSwan
    /// decodes a leading `0s` as base64: a key of plain characters is written as it is, any
    /// other as `0s` and base64, which strongSwan decodes to the exact bytes.
    static func presharedKey(_ key: PresharedKey) -> (value: String, isBase64: Bool) {
        if key.isRedacted || !SecretEncoding.isEncoded(key) { return (key.secret, false) }
        return ("0s" + Data(key.secret.utf8).base64EncodedString(), true)
    }

    /// VyOS's encryption regex has no single DES.
    private static func encryption(_ encryption: EncryptionAlgorithm, field: ProposalField, _ tunnel: PeerTunnel) throws -> String {
        switch encryption {
        case .aes128, .aes192, .aes256, .tripleDES: return encryption.rawValue
        case .des:
            throw TargetLimitation.unsupported(
                field, of: tunnel, target: target, value: "des", why: "VyOS offers no single DES (3des and AES only)", fix: "aes256 (or aes)")
        case .sm4: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: target)
        }
    }

    private static func hash(_ integrity: IntegrityAlgorithm, field: ProposalField, _ tunnel: PeerTunnel) throws -> String {
        switch integrity {
        case .md5, .sha1, .sha256, .sha384, .sha512: return integrity.rawValue
        case .sm3: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: target)
        }
    }

    /// `connection-type` (1.4: initiate | respond | none), DPD action (trap | clear | restart)
    /// and close action (none | trap | start). A VTI is reached only once its tunnel is up, so
    /// its tunnels start at once whatever `--start trap` asks.
    private static func actions(_ connection: PeerConnection) -> (connection: String, dpd: String, close: String) {
        switch connection.startAction {
        case .start: return ("initiate", "restart", "start")
        case .trap where connection.usesTunnelInterfaces: return ("initiate", "restart", "start")
        case .trap: return ("respond", "trap", "trap")
        case .none: return ("none", "clear", "none")
        }
    }

    private static func bgp(_ connection: PeerConnection, tunnels: [Tunnel]) throws -> BGP? {
        guard let plan = try BGPPlan(connection, target: target) else { return nil }
        let sessions = connection.tunnels.filter { $0.bgp != nil }
        let prefixList = "\(connection.name)-announce"
        let neighbors = zip(sessions, plan.neighbors).map { tunnel, neighbor in
            Neighbor(
                label: neighbor.label, address: neighbor.address, remoteAS: neighbor.remoteASN, updateSource: neighbor.source,
                password: FirewallTunnelPlan.bgpKey(tunnel).map(quoted), keepalive: BGPPlan.keepaliveSeconds, hold: BGPPlan.holdSeconds,
                routeMapIn: "\(tunnel.name)-in", routeMapOut: "\(tunnel.name)-out", localPreference: neighbor.localPreference,
                prepend: neighbor.prepend.map(quoted))
        }
        return BGP(
            asn: plan.localASN, routerId: sessions[0].bgp!.localAddress.description, prefixList: prefixList,
            announced: plan.announced.enumerated().map { Announced(rule: 10 * ($0.offset + 1), prefix: $0.element) }, neighbors: neighbors)
    }

    private static func notes(_ connection: PeerConnection) -> [String] {
        var notes: [String] = []
        if connection.tunnels.contains(where: { !$0.natTraversal }) {
            notes.append("VyOS (strongSwan) always detects NAT and has no switch to turn NAT traversal off")
        }
        if connection.startAction == .trap && !connection.usesTunnelInterfaces {
            notes.append("--start trap is connection-type 'respond' in VyOS 1.4; VyOS 1.5 (circinus) and rolling call it 'trap'")
        }
        if connection.hasBGP {
            notes.append("protocols bgp is the router's one BGP instance: its system-as and router-id must match any BGP already running there")
        }
        return notes
    }

    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings] {
        guard case let part? = try parts(for: connection, options: options, diagnostics: DiagnosticCollector()).first,
            let context = part.context as? Context
        else { return [] }
        return context.tunnels.map { tunnel in
            let peer = "site-to-site peer \(tunnel.peer)"
            let neighbor = tunnel.vti.flatMap { vti in context.bgp?.neighbors.first { neighbor in
                connection.tunnels.first { $0.name == tunnel.peer }?.bgp?.remoteAddress.description == neighbor.address
            }.map { ($0, vti) } }
            return DeviceSettings(
                cloudAddress: "\(peer) remote-address \(tunnel.remoteAddress)",
                ownAddress: "\(peer) local-address \(tunnel.localAddress)",
                cloudIdentity: "\(peer) authentication remote-id \(tunnel.remoteId)",
                ownIdentity: "\(peer) authentication local-id \(tunnel.localId)",
                cloudSubnets: tunnel.selectors.isEmpty ? "vti bind (0.0.0.0/0)" : "tunnel N remote prefix " + tunnel.selectors.map { $0.remotePrefixes.joined(separator: ",") }.joined(separator: " | "),
                ownSubnets: tunnel.selectors.isEmpty ? "vti bind (0.0.0.0/0)" : "tunnel N local prefix " + tunnel.selectors.map { $0.localPrefixes.joined(separator: ",") }.joined(separator: " | "),
                ikeVersion: "ike-group \(tunnel.ikeGroup) key-exchange \(tunnel.keyExchange)" + (tunnel.mode.map { ", mode \($0)" } ?? ""),
                ikeProposal: "proposal 1 encryption \(tunnel.ikeEncryption) hash \(tunnel.ikeHash) dh-group \(tunnel.ikeGroupNumber)",
                ikeLifetime: "ike-group \(tunnel.ikeGroup) lifetime \(tunnel.ikeLifetime)",
                espProposal: "proposal 1 encryption \(tunnel.espEncryption) hash \(tunnel.espHash), pfs \(tunnel.pfs)",
                espLifetime: "esp-group \(tunnel.espGroup) lifetime \(tunnel.espLifetime)",
                deadPeerDetection: tunnel.dpdInterval.map { "dead-peer-detection interval \($0) action \(tunnel.dpdAction ?? "")" } ?? "off",
                natTraversal: "automatic (strongSwan detects NAT)",
                presharedKey: "authentication psk \(tunnel.peer) secret \(tunnel.secret)",
                tunnelInterface: tunnel.vti.map { "vti bind \($0.name)" + ($0.address.map { ", address \($0)" } ?? "") + ", mtu \($0.mtu)" },
                bgp: neighbor.map { neighbor, _ in
                    "protocols bgp system-as \(context.bgp!.asn), neighbor \(neighbor.address) remote-as \(neighbor.remoteAS), route-map import \(neighbor.routeMapIn) (local-preference \(neighbor.localPreference))"
                        + (neighbor.prepend.map { ", export \(neighbor.routeMapOut) (prepend \($0))" } ?? "")
                })
        }
    }
}
