/// PAN-OS set commands (PAN-OS 10.1 and later, legacy routing engine: `network virtual-router`)
/// to paste in configure mode, one file per connection. Every tunnel is a route-based
/// tunnel: its own IKE and IPsec crypto profiles, IKE gateway, IPsec tunnel on a
/// `tunnel.N` interface in the VPN zone, with one proxy-ID per subnet pair for a
/// policy-based connection (each proxy-ID is one SA); static routes (the slave at a worse
/// metric, with tunnel monitoring, since a route to a tunnel interface stays while the
/// tunnel is down) or BGP on the virtual router, announcing through a redistribution profile
/// (the legacy virtual router has no `network` statement) with export and import rules that
/// prefer the master; security rules both ways.
struct PaloAltoDialect: DeviceDialect {
    var title: String { "PAN-OS (set commands)" }

    static let target = TargetName.paloalto
    static let script = FileLayout("paloalto/{name}.set", folder: target.rawValue, entry: "paloalto.set", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.script] }

    /// Object names are kept to 31 characters, the shortest limit among the objects written.
    static let nameLimit = 31
    /// `lifetime seconds` takes 180–65535 (pan-os-codegen ike-crypto-profile.yaml, ipsec-crypto-profile.yaml).
    static let secondsRange = 180...65_535
    /// The usual default virtual router.
    static let virtualRouter = "default"
    /// The zone genpeer creates for the tunnel interfaces unless `--vpn-zone` names one.
    static let defaultVPNZone = "vpn"
    /// IKEv1 DPD: probes every `interval` seconds, the peer dead after `retry` lost ones.
    static let dpdRetry = DeadPeerDetection.timeoutSeconds / DeadPeerDetection.delaySeconds

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var virtualRouter: String
        var vpnZone: String
        var insideZone: String
        var tunnels: [Tunnel]
        /// `[ tunnel.1 tunnel.2 ]`.
        var zoneInterfaces: String
        var monitorProfile: String?
        var routes: [StaticRoute]
        var bgp: BGP?
        var rules: [SecurityRule]
    }

    struct Tunnel: Codable, Sendable {
        var label: String?
        var name: String
        var gateway: String
        var ikeProfile: String
        var ipsecProfile: String
        var interface: String
        var address: String?
        var mtu: Int
        var ikeEncryption: String
        var ikeHash: String
        var ikeGroup: String
        /// `hours 24`, `seconds 3600`: the unit and the value.
        var ikeLifetime: String
        var espEncryption: String
        var espAuthentication: String
        /// `group14`, or `no-pfs`.
        var espGroup: String
        var espLifetime: String
        /// `ikev1` or `ikev2`.
        var version: String
        var exchangeMode: String?
        var dpdEnable: String
        var dpdInterval: Int?
        var dpdRetry: Int?
        var wanInterface: String
        var peerAddress: String
        var localIdType: String
        var localId: String
        var peerIdType: String
        var peerId: String
        /// The key, double-quoted.
        var key: String
        var natTraversal: String
        var passiveMode: String
        var proxyIds: [ProxyID]
        /// The address tunnel monitoring pings, for static failover.
        var monitorDestination: String?
    }

    struct ProxyID: Codable, Sendable {
        var proxyId: String
        var local: String
        var remote: String
    }

    struct StaticRoute: Codable, Sendable {
        var name: String
        var destination: String
        var interface: String?
        var discard: Bool
        var metric: Int
    }

    struct BGP: Codable, Sendable {
        var localAS: UInt32
        var routerId: String
        var redistProfile: String
        /// `[ 10.0.0.0/16 10.1.0.0/24 ]`.
        var announced: String
        var anchors: [StaticRoute]
        var peers: [Peer]
        /// `auth-profile` entries, one per keyed session.
        var keepalive: Int
        var hold: Int
    }

    struct Peer: Codable, Sendable {
        var label: String
        var group: String
        var name: String
        var peerAS: UInt32
        var interface: String
        var localAddress: String
        var peerAddress: String
        var authProfile: String?
        /// The key, double-quoted.
        var authSecret: String?
        var exportRule: String
        var exportDenyRule: String
        var importRule: String
        /// How many more times the slave's announcements carry this side's AS.
        var prepend: Int?
        var localPreference: Int
        var announced: [String]
    }

    struct SecurityRule: Codable, Sendable {
        var name: String
        var from: String
        var to: String
        /// `any` or `[ a b ]`.
        var source: String
        var destination: String
    }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        var locals = DeviceLocal()
        let locals0 = options.deviceLocals
        let wan = locals.value(locals0.wanInterface, default: nil, placeholder: DeviceLocal.wanInterface)
        let insideZone = locals.value(locals0.insideZone, default: nil, placeholder: DeviceLocal.insideZone)
        let vpnZone = locals0.vpnZone ?? Self.defaultVPNZone
        let stem = BoundedName.make(connection.name, limit: Self.nameLimit - 9)
        var notes = PeerNotes.notes(for: connection, target: Self.target, answersAggressiveModeOnlyIfAllowed: false, rendersBGP: true, diagnostics: diagnostics)
        // Static failover needs tunnel monitoring, which pings an address across the tunnel.
        let staticFailover = connection.isDualTunnel && !connection.hasBGP
        let monitorDestination = staticFailover
            ? locals.value(locals0.monitorAddress, default: nil, placeholder: DeviceLocal.monitorAddress) : nil
        var tunnels: [Tunnel] = []
        for tunnel in connection.tunnels {
            tunnels.append(try Self.tunnel(
                tunnel, in: connection, wan: wan, number: FirewallTunnelPlan.interfaceNumber(tunnel, in: connection, firstNumber: locals0.firstTunnelNumber),
                monitorDestination: monitorDestination, notes: &notes))
        }
        if let note = DevicePlaceholder.note(locals.placeholders) { notes.insert(note, at: 0) }
        notes += Self.notes(connection, tunnels: tunnels, staticFailover: staticFailover, diagnostics: diagnostics)
        let routes: [StaticRoute] = connection.hasBGP ? [] : FirewallTunnelPlan.cloudPrefixes(connection).enumerated().flatMap { index, prefix in
            zip(connection.tunnels, tunnels).map { peerTunnel, tunnel in
                StaticRoute(
                    name: BoundedName.make("\(tunnel.name)-\(index + 1)", limit: Self.nameLimit), destination: prefix.description,
                    interface: tunnel.interface, discard: false, metric: FirewallTunnelPlan.distance(peerTunnel))
            }
        }
        let (local, cloud) = connection.isRouteBased
            ? ("any", "any")
            : (Self.list(connection.localSubnets.map(\.description)), Self.list(connection.remoteSubnets.map(\.description)))
        let context = Context(
            header: ConnectionHeader(connection, notes: notes), virtualRouter: Self.virtualRouter, vpnZone: vpnZone, insideZone: insideZone,
            tunnels: tunnels, zoneInterfaces: Self.list(tunnels.map(\.interface)),
            monitorProfile: staticFailover ? "\(stem)-failover" : nil, routes: routes,
            bgp: try Self.bgp(connection, tunnels: tunnels, stem: stem),
            rules: [
                SecurityRule(name: "\(stem)-out", from: insideZone, to: vpnZone, source: local, destination: cloud),
                SecurityRule(name: "\(stem)-in", from: vpnZone, to: insideZone, source: cloud, destination: local),
            ])
        return [DialectPart(Self.script, name: connection.name, context: context)]
    }

    /// `[ a b ]` for several values, the value alone for one.
    static func list(_ values: [String]) -> String {
        values.count == 1 ? values[0] : "[ " + values.joined(separator: " ") + " ]"
    }

    private static func tunnel(
        _ tunnel: PeerTunnel, in connection: PeerConnection, wan: String, number: Int, monitorDestination: String?, notes: inout [String]
    ) throws -> Tunnel {
        try TargetLimitation.checkKey(
            tunnel.presharedKey, of: tunnel, target: target, forbidden: "\"\\?",
            why: "a quote or backslash would end or escape the quoted key, a question mark opens the CLI's help")
        let name = BoundedName.make(tunnel.name, limit: nameLimit - 6)
        let isIKEv1 = tunnel.ikeVersion == .ikev1
        let pairs = FirewallTunnelPlan.selectorPairs(tunnel, in: connection)
        let ike = tunnel.ike, esp = tunnel.esp
        return Tunnel(
            label: TunnelLabel.comment(tunnel, in: connection), name: name, gateway: "\(name)-gw", ikeProfile: "\(name)-ike",
            ipsecProfile: "\(name)-ipsec", interface: "tunnel.\(number)", address: tunnel.interface?.address?.description,
            mtu: tunnel.interface?.mtu ?? NormalizeOptions.alibabaMTU,
            ikeEncryption: try encryption(ike.encryption, field: .ikeEncryption, tunnel), ikeHash: try hash(ike.integrity, field: .ikeIntegrity, tunnel),
            ikeGroup: try group(ike.dhGroup, field: .ikeGroup, tunnel),
            ikeLifetime: try lifetime(ike.lifetime, .ike, tunnel, notes: &notes),
            espEncryption: try encryption(esp.encryption, field: .espEncryption, tunnel),
            espAuthentication: try hash(esp.integrity, field: .espIntegrity, tunnel),
            espGroup: try esp.pfsGroup.map { try group($0, field: .espGroup, tunnel) } ?? "no-pfs",
            espLifetime: try lifetime(esp.lifetime, .esp, tunnel, notes: &notes),
            version: tunnel.ikeVersion.rawValue, exchangeMode: isIKEv1 ? tunnel.ikeMode.rawValue : nil,
            dpdEnable: tunnel.deadPeerDetection ? "yes" : "no",
            dpdInterval: tunnel.deadPeerDetection ? DeadPeerDetection.delaySeconds : nil,
            dpdRetry: tunnel.deadPeerDetection && isIKEv1 ? dpdRetry : nil,
            wanInterface: wan, peerAddress: tunnel.remote.address.description,
            localIdType: idType(tunnel.local.id), localId: tunnel.local.id.description,
            peerIdType: idType(tunnel.remote.id), peerId: tunnel.remote.id.description,
            key: "\"\(tunnel.presharedKey.secret)\"", natTraversal: tunnel.natTraversal ? "yes" : "no",
            passiveMode: connection.startAction == .none ? "yes" : "no",
            proxyIds: connection.isRouteBased ? [] : pairs.enumerated().map { ProxyID(proxyId: "pid-\($0.offset + 1)", local: $0.element.local.description, remote: $0.element.remote.description) },
            monitorDestination: monitorDestination)
    }

    private static func idType(_ identity: Identity) -> String {
        if case .fqdn = identity { return "fqdn" }
        return "ipaddr"
    }

    /// 10.1+ lists 3des and AES-CBC/GCM only: no single DES.
    private static func encryption(_ encryption: EncryptionAlgorithm, field: ProposalField, _ tunnel: PeerTunnel) throws -> String {
        switch encryption {
        case .aes128: return "aes-128-cbc"
        case .aes192: return "aes-192-cbc"
        case .aes256: return "aes-256-cbc"
        case .tripleDES: return "3des"
        case .des:
            throw TargetLimitation.unsupported(
                field, of: tunnel, target: target, value: "des", why: "PAN-OS 10.1 and later offer no single DES (3des and AES only)", fix: "aes256 (or aes)")
        case .sm4: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: target)
        }
    }

    private static func hash(_ integrity: IntegrityAlgorithm, field: ProposalField, _ tunnel: PeerTunnel) throws -> String {
        switch integrity {
        case .md5, .sha1, .sha256, .sha384, .sha512: return integrity.rawValue
        case .sm3: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: target)
        }
    }

    /// PAN-OS groups: 1 2 5 14 15 16 19 20 21, so no group 24.
    private static func group(_ group: DHGroup, field: ProposalField, _ tunnel: PeerTunnel) throws -> String {
        if group == .modp2048s256 {
            throw TargetLimitation.unsupported(
                field, of: tunnel, target: target, value: AlibabaVocabulary.token(for: group),
                why: "PAN-OS has no DH group 24 (it offers groups 1, 2, 5, 14, 15, 16, 19, 20 and 21)", fix: "group14")
        }
        return "group\(group.number)"
    }

    /// `seconds N` up to 65535, else whole hours or minutes; a lifetime no unit holds exactly
    /// is rounded down to whole minutes, so this side never keeps an SA past the cloud's lifetime.
    static func lifetime(_ lifetime: Lifetime, _ field: LifetimeField, _ tunnel: PeerTunnel, notes: inout [String]) throws -> String {
        let seconds = try field.seconds(lifetime, of: tunnel, target: target, range: secondsRange.lowerBound...86_400)
        if secondsRange.contains(seconds) { return "seconds \(seconds)" }
        if seconds % 3600 == 0 { return "hours \(seconds / 3600)" }
        if seconds % 60 != 0 {
            notes.append("\(field.alibabaName) \(seconds) s is more than PAN-OS's 65535 seconds and not whole minutes: written as \(seconds / 60) minutes (\(seconds / 60 * 60) s), just under the cloud's")
        }
        return "minutes \(seconds / 60)"
    }

    private static func bgp(_ connection: PeerConnection, tunnels: [Tunnel], stem: String) throws -> BGP? {
        guard let plan = try BGPPlan(connection, target: target) else { return nil }
        let sessions = zip(connection.tunnels, tunnels).filter { $0.0.bgp != nil }
        var peers: [Peer] = []
        for ((peerTunnel, tunnel), neighbor) in zip(sessions, plan.neighbors) {
            try FirewallTunnelPlan.checkBGPKey(
                peerTunnel, target: target, forbidden: "\"\\?", why: "a quote or backslash would end or escape the quoted key, a question mark opens the CLI's help")
            let key = FirewallTunnelPlan.bgpKey(peerTunnel)
            if let key, key.count > 63 {
                throw GenPeerError(
                    .data, "the BGP key (AuthKey) is \(key.count) characters long; a PAN-OS BGP auth profile takes at most 63; set a shorter key on the Alibaba Cloud side (value not shown)",
                    at: peerTunnel.source.location.appending("AuthKey"))
            }
            let bgp = peerTunnel.bgp!
            peers.append(Peer(
                label: neighbor.label, group: tunnel.name, name: tunnel.name, peerAS: neighbor.remoteASN, interface: tunnel.interface,
                localAddress: bgp.localInterfaceAddress.description, peerAddress: neighbor.address,
                authProfile: key == nil ? nil : "\(tunnel.name)-md5", authSecret: key.map { "\"\($0)\"" },
                exportRule: "\(tunnel.name)-out", exportDenyRule: "\(tunnel.name)-deny", importRule: "\(tunnel.name)-in",
                prepend: neighbor.prepend == nil ? nil : BGPPlan.standbyPrepends, localPreference: neighbor.localPreference,
                announced: plan.announced))
        }
        return BGP(
            localAS: plan.localASN, routerId: sessions[0].0.bgp!.localAddress.description, redistProfile: "\(stem)-announce",
            announced: list(plan.announced),
            anchors: connection.routes.announced.enumerated().map {
                StaticRoute(name: BoundedName.make("\(stem)-anchor-\($0.offset + 1)", limit: nameLimit), destination: $0.element.description, interface: nil, discard: true, metric: 250)
            },
            peers: peers, keepalive: BGPPlan.keepaliveSeconds, hold: BGPPlan.holdSeconds)
    }

    private static func notes(_ connection: PeerConnection, tunnels: [Tunnel], staticFailover: Bool, diagnostics: DiagnosticCollector) -> [String] {
        var notes: [String] = []
        let pairs = connection.subnetPairs.count
        if !connection.isRouteBased && pairs > 1 && connection.tunnels.contains(where: { $0.ikeVersion == .ikev2 }) {
            let note = "PAN-OS negotiates one SA per proxy-ID, so one per subnet pair (\(pairs)), where Alibaba uses one IKEv2 SA for all subnets"
            diagnostics.warn(note, at: connection.source.appending("LocalSubnet"))
            notes.append(note)
        }
        if staticFailover {
            notes.append("a route to a tunnel interface stays while its tunnel is down: tunnel monitoring pings the monitor address across each tunnel and, when the master's fails, takes its routes away so the slave's (metric \(FirewallTunnelPlan.slaveDistance)) carry the traffic; the tunnel interfaces need an address for the pings")
        }
        if connection.tunnels.contains(where: { $0.local.address != nil }) {
            notes.append("the gateways use the WAN interface's first address; where it has several, add local-address ip with the address and its prefix length as configured on the interface")
        }
        notes.append("TCP MSS: the tunnel interfaces carry MTU \(tunnels.first?.mtu ?? NormalizeOptions.alibabaMTU); PAN-OS clamps TCP MSS on the ingress layer 3 interface (adjust-tcp-mss on the LAN interface)")
        if connection.startAction == .start {
            notes.append("PAN-OS brings a tunnel up when traffic (or tunnel monitoring) needs it; there is no start-at-once setting")
        }
        return notes
    }

    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings] {
        guard case let part? = try parts(for: connection, options: options, diagnostics: DiagnosticCollector()).first,
            let context = part.context as? Context
        else { return [] }
        return context.tunnels.map { tunnel in
            let gateway = "network ike gateway \(tunnel.gateway)"
            let peer = context.bgp?.peers.first { $0.interface == tunnel.interface }
            let proxy = tunnel.proxyIds.isEmpty ? nil : tunnel.proxyIds
            return DeviceSettings(
                cloudAddress: "\(gateway) peer-address ip \(tunnel.peerAddress)",
                ownAddress: "\(gateway) local-address interface \(tunnel.wanInterface)",
                cloudIdentity: "\(gateway) peer-id type \(tunnel.peerIdType) id \(tunnel.peerId)",
                ownIdentity: "\(gateway) local-id type \(tunnel.localIdType) id \(tunnel.localId)",
                cloudSubnets: proxy.map { "proxy-id remote " + $0.map(\.remote).joined(separator: " | ") } ?? "0.0.0.0/0 (no proxy-id)",
                ownSubnets: proxy.map { "proxy-id local " + $0.map(\.local).joined(separator: " | ") } ?? "0.0.0.0/0 (no proxy-id)",
                ikeVersion: "\(gateway) protocol version \(tunnel.version)" + (tunnel.exchangeMode.map { ", exchange-mode \($0)" } ?? ""),
                ikeProposal: "ike-crypto-profiles \(tunnel.ikeProfile): encryption \(tunnel.ikeEncryption), hash \(tunnel.ikeHash), dh-group \(tunnel.ikeGroup)",
                ikeLifetime: "ike-crypto-profiles \(tunnel.ikeProfile) lifetime \(tunnel.ikeLifetime)",
                espProposal: "ipsec-crypto-profiles \(tunnel.ipsecProfile): esp encryption \(tunnel.espEncryption), esp authentication \(tunnel.espAuthentication), dh-group \(tunnel.espGroup)",
                espLifetime: "ipsec-crypto-profiles \(tunnel.ipsecProfile) lifetime \(tunnel.espLifetime)",
                deadPeerDetection: "dpd enable \(tunnel.dpdEnable)" + (tunnel.dpdInterval.map { " interval \($0)" } ?? "") + (tunnel.dpdRetry.map { " retry \($0)" } ?? ""),
                natTraversal: "protocol-common nat-traversal enable \(tunnel.natTraversal)",
                presharedKey: "\(gateway) authentication pre-shared-key key \(tunnel.key)",
                tunnelInterface: "\(tunnel.interface)" + (tunnel.address.map { " ip \($0)" } ?? "") + " mtu \(tunnel.mtu), zone \(context.vpnZone)",
                bgp: peer.map { "virtual-router \(context.virtualRouter) bgp local-as \(context.bgp!.localAS), peer \($0.name) peer-as \($0.peerAS) peer-address ip \($0.peerAddress)" + ($0.prepend.map { ", export prepend \($0)" } ?? "") + ", import local-preference \($0.localPreference)" })
        }
    }
}
