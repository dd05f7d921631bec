import Foundation

/// FortiOS CLI (FortiGate, FortiOS 6.2–7.6): one script per connection to paste into the CLI
/// (or run with `execute batch`). Every tunnel is an interface-mode phase 1
/// (`vpn ipsec phase1-interface`), whose name is also its tunnel interface's; policy-based
/// connections get one phase 2 per subnet pair, route-based ones one phase 2 for
/// `0.0.0.0/0`. Routes into the tunnel interfaces (the slave at a worse distance, blackhole
/// routes behind them so nothing leaks to the Internet while the tunnels are down), firewall
/// policies both ways without NAT and with the TCP MSS clamped, and, for BGP, the cloud
/// sessions with prefix lists and route maps that prefer the master.
struct FortiGateDialect: DeviceDialect {
    var title: String { "FortiGate (FortiOS CLI)" }

    static let target = TargetName.fortigate
    static let script = FileLayout("fortigate/{name}.conf", folder: target.rawValue, entry: "fortigate.conf", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.script] }

    /// FortiOS names a phase 1 interface with at most 15 characters: it is also an interface name.
    static let phase1NameLimit = 15
    /// Phase 2, policy, route-map and prefix-list names: at most 35 characters.
    static let nameLimit = 35
    /// Phase 1 `keylife` and phase 2 `keylifeseconds` (FortiOS 7.4 CLI reference).
    static let keylifeRange = 120...172_800
    /// A route that only keeps traffic for the cloud from leaving by the default route.
    static let blackholeDistance = 254

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var phase1: [Phase1]
        var phase2: [Phase2]
        var interfaces: [TunnelInterface]
        var addresses: [Address]
        var groups: [AddressGroup]
        var policies: [Policy]
        var routes: [StaticRoute]
        var bgp: BGP?
        /// Whether the blocks that need at least one entry have one.
        var hasInterfaces: Bool
        var hasAddresses: Bool
        var hasRoutes: Bool
    }

    struct Phase1: Codable, Sendable {
        var name: String
        var label: String?
        var interface: String
        var ikeVersion: Int
        /// `main` or `aggressive`, IKEv1 only.
        var mode: String?
        var peertype: String
        var peerid: String?
        var proposal: String
        var dhgrp: Int
        var localid: String
        var localidType: String
        var keylife: Int
        var dpd: String
        var dpdRetryInterval: Int?
        var dpdRetryCount: Int?
        var nattraversal: String
        var remoteGateway: String
        /// The whole value after `set psksecret`: `"key"`, or `0x` and the key's bytes in hex.
        var psksecret: String
        var pskIsHex: Bool
    }

    struct Phase2: Codable, Sendable {
        var name: String
        var phase1: String
        var proposal: String
        var pfs: String
        var dhgrp: Int?
        var keylifeseconds: Int
        var autoNegotiate: String
        /// `10.0.0.0 255.255.0.0`.
        var srcSubnet: String
        var dstSubnet: String
    }

    struct TunnelInterface: Codable, Sendable {
        var name: String
        /// `169.254.10.2 255.255.255.255` and the cloud's end with the tunnel network's mask.
        var ip: String?
        var remoteIP: String?
        var mtu: Int
    }

    struct Address: Codable, Sendable {
        var name: String
        var subnet: String
    }

    struct AddressGroup: Codable, Sendable {
        var name: String
        /// `"a" "b"`: already quoted.
        var members: String
    }

    struct Policy: Codable, Sendable {
        var name: String
        /// Interface and address lists, already quoted.
        var srcintf: String
        var dstintf: String
        var srcaddr: String
        var dstaddr: String
        var tcpMSS: Int
    }

    struct StaticRoute: Codable, Sendable {
        var comment: String
        var destination: String
        var device: String?
        var blackhole: Bool
        var distance: Int
    }

    struct BGP: Codable, Sendable {
        var asn: UInt32
        var routerId: String
        var prefixList: String
        var prefixRules: [PrefixRule]
        var routeMaps: [RouteMap]
        var neighbors: [Neighbor]
        var networks: [String]
    }

    struct PrefixRule: Codable, Sendable {
        var index: Int
        var prefix: String
    }

    struct RouteMap: Codable, Sendable {
        var name: String
        /// Outbound maps match the announced prefixes (anything else is denied).
        var matchPrefixList: String?
        var prepend: String?
        var localPreference: Int?
    }

    struct Neighbor: Codable, Sendable {
        var label: String
        var address: String
        var remoteAS: UInt32
        var updateSource: String
        var routeMapIn: String
        var routeMapOut: String
        /// The whole value after `set password`, quoted.
        var password: String?
        var keepalive: Int
        var hold: Int
    }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        var locals = DeviceLocal()
        let wan = locals.value(options.deviceLocals.wanInterface, default: nil, placeholder: DeviceLocal.wanInterface)
        let lan = locals.value(options.deviceLocals.lanInterface, default: nil, placeholder: DeviceLocal.lanInterface)
        let names = Self.names(connection)
        var phase1: [Phase1] = []
        var phase2: [Phase2] = []
        for tunnel in connection.tunnels {
            phase1.append(try Self.phase1(tunnel, in: connection, name: names[tunnel.name]!, interface: wan))
            phase2 += try Self.phase2(tunnel, in: connection, phase1: names[tunnel.name]!)
        }
        let stem = BoundedName.make(connection.name, limit: Self.nameLimit - 6)
        let (addresses, groups, localGroup, cloudGroup) = Self.addresses(connection, stem: stem)
        let tunnelInterfaces = connection.tunnels.map { "\"\(names[$0.name]!)\"" }.joined(separator: " ")
        let mss = connection.tunnels.compactMap(\.interface).first?.tcpMSS ?? (NormalizeOptions.alibabaMTU - 40)
        let policies = [
            Policy(name: "\(stem)-out", srcintf: "\"\(lan)\"", dstintf: tunnelInterfaces, srcaddr: localGroup, dstaddr: cloudGroup, tcpMSS: mss),
            Policy(name: "\(stem)-in", srcintf: tunnelInterfaces, dstintf: "\"\(lan)\"", srcaddr: cloudGroup, dstaddr: localGroup, tcpMSS: mss),
        ]
        var notes = PeerNotes.notes(for: connection, target: Self.target, answersAggressiveModeOnlyIfAllowed: false, rendersBGP: true, diagnostics: diagnostics)
        if let note = DevicePlaceholder.note(locals.placeholders) { notes.insert(note, at: 0) }
        notes += Self.notes(connection, names: names, diagnostics: diagnostics)
        let interfaces = Self.interfaces(connection, names: names)
        let routes = Self.routes(connection, names: names)
        let context = Context(
            header: ConnectionHeader(connection, notes: notes), phase1: phase1, phase2: phase2,
            interfaces: interfaces, addresses: addresses, groups: groups, policies: policies,
            routes: routes, bgp: try Self.bgp(connection, names: names, stem: stem),
            hasInterfaces: !interfaces.isEmpty, hasAddresses: !addresses.isEmpty, hasRoutes: !routes.isEmpty)
        return [DialectPart(Self.script, name: connection.name, context: context)]
    }

    /// Each tunnel's phase 1 name (also its interface's), at most 15 characters.
    static func names(_ connection: PeerConnection) -> [String: String] {
        Dictionary(uniqueKeysWithValues: connection.tunnels.map { ($0.name, BoundedName.make($0.name, limit: phase1NameLimit)) })
    }

    private static func phase1(_ tunnel: PeerTunnel, in connection: PeerConnection, name: String, interface: String) throws -> Phase1 {
        let isIKEv1 = tunnel.ikeVersion == .ikev1
        let (psksecret, isHex) = presharedKey(tunnel.presharedKey)
        let peerid: String? = if case .fqdn(let name) = tunnel.remote.id { name } else { nil }
        let localidType: String = if case .fqdn = tunnel.local.id { "fqdn" } else { "address" }
        return Phase1(
            name: name, label: TunnelLabel.comment(tunnel, in: connection), interface: interface, ikeVersion: isIKEv1 ? 1 : 2,
            mode: isIKEv1 ? tunnel.ikeMode.rawValue : nil,
            peertype: peerid == nil ? "any" : "one", peerid: peerid,
            proposal: try proposal(tunnel.ike.encryption, tunnel.ike.integrity, fields: (.ikeEncryption, .ikeIntegrity), tunnel),
            dhgrp: try group(tunnel.ike.dhGroup, field: .ikeGroup, tunnel),
            localid: tunnel.local.id.description, localidType: localidType,
            keylife: try LifetimeField.ike.seconds(tunnel.ike.lifetime, of: tunnel, target: target, range: keylifeRange),
            dpd: tunnel.deadPeerDetection ? "on-idle" : "disable",
            dpdRetryInterval: tunnel.deadPeerDetection ? DeadPeerDetection.delaySeconds : nil,
            dpdRetryCount: tunnel.deadPeerDetection ? 3 : nil,
            nattraversal: tunnel.natTraversal ? "enable" : "disable",
            remoteGateway: tunnel.remote.address.description, psksecret: psksecret, pskIsHex: isHex)
    }

    private static func phase2(_ tunnel: PeerTunnel, in connection: PeerConnection, phase1: String) throws -> [Phase2] {
        let esp = tunnel.esp
        let proposal = try proposal(esp.encryption, esp.integrity, fields: (.espEncryption, .espIntegrity), tunnel)
        let pfsGroup = try esp.pfsGroup.map { try group($0, field: .espGroup, tunnel) }
        let lifetime = try LifetimeField.esp.seconds(esp.lifetime, of: tunnel, target: target, range: keylifeRange)
        let autoNegotiate = connection.startAction == .start || connection.usesTunnelInterfaces && connection.startAction == .trap ? "enable" : "disable"
        let pairs = FirewallTunnelPlan.selectorPairs(tunnel, in: connection)
        return pairs.enumerated().map { index, pair in
            Phase2(
                name: pairs.count == 1 ? phase1 : "\(phase1)-\(index + 1)", phase1: phase1, proposal: proposal,
                pfs: pfsGroup == nil ? "disable" : "enable", dhgrp: pfsGroup, keylifeseconds: lifetime, autoNegotiate: autoNegotiate,
                srcSubnet: subnet(pair.local), dstSubnet: subnet(pair.remote))
        }
    }

    /// `10.0.0.0 255.255.0.0`: FortiOS writes a subnet as address and mask.
    static func subnet(_ network: IPv4Network) -> String { "\(network.address) \(network.netmask)" }

    /// A key made only of characters no CLI treats specially is written quoted, readable; any
    /// other key, and any key starting with `0` (FortiOS reads `0x...` as hex and drops the
    /// `0` of `00x...`), as `0x` and its bytes in hex, which FortiOS decodes to the exact key.
    static func presharedKey(_ key: PresharedKey) -> (value: String, isHex: Bool) {
        if key.isRedacted { return ("\"\(key.secret)\"", false) }
        let plain = PlainKey.isPlain(key.secret) && !key.secret.hasPrefix("0")
        if plain { return ("\"\(key.secret)\"", false) }
        return ("0x" + key.secret.utf8.map { String(format: "%02x", $0) }.joined(), true)
    }

    /// `aes256-sha256`: FortiOS proposals are one `<cipher>-<hash>` token.
    private static func proposal(
        _ encryption: EncryptionAlgorithm, _ integrity: IntegrityAlgorithm, fields: (ProposalField, ProposalField), _ tunnel: PeerTunnel
    ) throws -> String {
        let cipher: String
        switch encryption {
        case .aes128: cipher = "aes128"
        case .aes192: cipher = "aes192"
        case .aes256: cipher = "aes256"
        case .des: cipher = "des"
        case .tripleDES: cipher = "3des"
        case .sm4: throw TargetLimitation.shangMi(field: fields.0, tunnel: tunnel, target: target)
        }
        switch integrity {
        case .md5, .sha1, .sha256, .sha384, .sha512: return "\(cipher)-\(integrity.rawValue)"
        case .sm3: throw TargetLimitation.shangMi(field: fields.1, tunnel: tunnel, target: target)
        }
    }

    /// FortiOS `dhgrp` numbers: 1 2 5 14–21 27–32, so no group 24.
    private static func group(_ group: DHGroup, field: ProposalField, _ tunnel: PeerTunnel) throws -> Int {
        if group == .modp2048s256 {
            throw TargetLimitation.unsupported(
                field, of: tunnel, target: target, value: AlibabaVocabulary.token(for: group),
                why: "FortiOS has no DH group 24 (its dhgrp takes 1, 2, 5, 14–21 and 27–32)", fix: "group14")
        }
        return group.number
    }

    private static func interfaces(_ connection: PeerConnection, names: [String: String]) -> [TunnelInterface] {
        connection.tunnels.compactMap { tunnel in
            guard let interface = tunnel.interface else { return nil }
            let bgp = tunnel.bgp
            return TunnelInterface(
                name: names[tunnel.name]!,
                ip: bgp.map { "\($0.localAddress) 255.255.255.255" },
                remoteIP: bgp.map { "\($0.remoteAddress) \($0.tunnelNetwork.netmask)" },
                mtu: interface.mtu)
        }
    }

    /// Address objects and groups for the policies: the subnets of a policy-based connection,
    /// `all` for a route-based one (the tunnel interfaces confine it).
    private static func addresses(_ connection: PeerConnection, stem: String) -> ([Address], [AddressGroup], String, String) {
        guard !connection.isRouteBased else { return ([], [], "\"all\"", "\"all\"") }
        func objects(_ networks: [IPv4Network], side: String) -> [Address] {
            networks.enumerated().map { Address(name: "\(stem)-\(side)-\($0.offset + 1)", subnet: subnet($0.element)) }
        }
        let local = objects(connection.localSubnets, side: "local")
        let cloud = objects(connection.remoteSubnets, side: "cloud")
        let groups = [
            AddressGroup(name: "\(stem)-local", members: local.map { "\"\($0.name)\"" }.joined(separator: " ")),
            AddressGroup(name: "\(stem)-cloud", members: cloud.map { "\"\($0.name)\"" }.joined(separator: " ")),
        ]
        return (local + cloud, groups, "\"\(stem)-local\"", "\"\(stem)-cloud\"")
    }

    /// Without BGP: each cloud prefix through each tunnel, the slave's at a worse distance,
    /// and a blackhole behind them. With BGP: blackhole anchors for the announced prefixes,
    /// which `config network` announces only while they are in the routing table.
    private static func routes(_ connection: PeerConnection, names: [String: String]) -> [StaticRoute] {
        if connection.hasBGP {
            return connection.routes.announced.map {
                StaticRoute(comment: "anchor for the BGP announcement of \($0)", destination: subnet($0), device: nil, blackhole: true, distance: blackholeDistance)
            }
        }
        return FirewallTunnelPlan.cloudPrefixes(connection).flatMap { prefix in
            connection.tunnels.map { tunnel in
                StaticRoute(
                    comment: "\(prefix) through \(TunnelLabel.text(tunnel, in: connection))", destination: subnet(prefix), device: names[tunnel.name]!,
                    blackhole: false, distance: FirewallTunnelPlan.distance(tunnel))
            } + [StaticRoute(comment: "\(prefix) nowhere else while the tunnels are down", destination: subnet(prefix), device: nil, blackhole: true, distance: blackholeDistance)]
        }
    }

    private static func bgp(_ connection: PeerConnection, names: [String: String], stem: String) throws -> BGP? {
        guard let plan = try BGPPlan(connection, target: target) else { return nil }
        let sessions = connection.tunnels.filter { $0.bgp != nil }
        for tunnel in sessions {
            try FirewallTunnelPlan.checkBGPKey(tunnel, target: target, forbidden: "\"\\?", why: "a quote or backslash would end or escape the string, a question mark opens the CLI's help")
        }
        let prefixList = "\(stem)-announce"
        var routeMaps: [RouteMap] = []
        var neighbors: [Neighbor] = []
        for (tunnel, neighbor) in zip(sessions, plan.neighbors) {
            let mapStem = BoundedName.make(tunnel.name, limit: nameLimit - 4)
            routeMaps.append(RouteMap(name: "\(mapStem)-out", matchPrefixList: prefixList, prepend: neighbor.prepend, localPreference: nil))
            routeMaps.append(RouteMap(name: "\(mapStem)-in", matchPrefixList: nil, prepend: nil, localPreference: neighbor.localPreference))
            neighbors.append(Neighbor(
                label: neighbor.label, address: neighbor.address, remoteAS: neighbor.remoteASN, updateSource: names[tunnel.name]!,
                routeMapIn: "\(mapStem)-in", routeMapOut: "\(mapStem)-out",
                password: FirewallTunnelPlan.bgpKey(tunnel).map { "\"\($0)\"" },
                keepalive: BGPPlan.keepaliveSeconds, hold: BGPPlan.holdSeconds))
        }
        return BGP(
            asn: plan.localASN, routerId: sessions[0].bgp!.localAddress.description, prefixList: prefixList,
            prefixRules: connection.routes.announced.enumerated().map { PrefixRule(index: $0.offset + 1, prefix: subnet($0.element)) },
            routeMaps: routeMaps, neighbors: neighbors, networks: connection.routes.announced.map(subnet))
    }

    private static func notes(_ connection: PeerConnection, names: [String: String], diagnostics: DiagnosticCollector) -> [String] {
        var notes: [String] = []
        let shortened = connection.tunnels.filter { names[$0.name] != $0.name }
        if !shortened.isEmpty {
            notes.append("FortiOS names a tunnel interface with at most 15 characters: " + shortened.map { "\($0.name) is \(names[$0.name]!)" }.joined(separator: ", "))
        }
        let pairs = connection.subnetPairs.count
        if !connection.isRouteBased && pairs > 1 && connection.tunnels.contains(where: { $0.ikeVersion == .ikev2 }) {
            let note = "FortiOS negotiates one phase 2 per subnet pair (\(pairs)) over one IKE SA, where Alibaba uses one IKEv2 SA for all subnets"
            diagnostics.warn(note, at: connection.source.appending("LocalSubnet"))
            notes.append(note)
        }
        if connection.startAction == .none {
            notes.append("--start none: FortiOS has no answer-only phase 1 in every release; the phase 2 entries do not negotiate on their own (auto-negotiate disable) but traffic still brings them up")
        }
        if connection.hasBGP {
            notes.append("config router bgp is the device's one BGP instance: its AS (set as) and router-id must match any BGP already running there")
        }
        return notes
    }

    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings] {
        guard case let part? = try parts(for: connection, options: options, diagnostics: DiagnosticCollector()).first,
            let context = part.context as? Context
        else { return [] }
        let names = Self.names(connection)
        return connection.tunnels.enumerated().map { index, tunnel in
            let phase1 = context.phase1[index]
            let phase2 = context.phase2.filter { $0.phase1 == phase1.name }
            let neighbor = context.bgp?.neighbors.first { $0.updateSource == names[tunnel.name] }
            let interface = context.interfaces.first { $0.name == phase1.name }
            return DeviceSettings(
                cloudAddress: "set remote-gw \(phase1.remoteGateway)",
                ownAddress: "set interface \"\(phase1.interface)\"",
                cloudIdentity: phase1.peerid.map { "set peertype one, set peerid \"\($0)\"" } ?? "set peertype any (remote-gw \(phase1.remoteGateway))",
                ownIdentity: "set localid \"\(phase1.localid)\", set localid-type \(phase1.localidType)",
                cloudSubnets: "set dst-subnet " + phase2.map(\.dstSubnet).joined(separator: " | "),
                ownSubnets: "set src-subnet " + phase2.map(\.srcSubnet).joined(separator: " | "),
                ikeVersion: "set ike-version \(phase1.ikeVersion)" + (phase1.mode.map { ", set mode \($0)" } ?? ""),
                ikeProposal: "set proposal \(phase1.proposal), set dhgrp \(phase1.dhgrp)",
                ikeLifetime: "set keylife \(phase1.keylife)",
                espProposal: "set proposal \(phase2[0].proposal), set pfs \(phase2[0].pfs)" + (phase2[0].dhgrp.map { ", set dhgrp \($0)" } ?? ""),
                espLifetime: "set keylifeseconds \(phase2[0].keylifeseconds)",
                deadPeerDetection: "set dpd \(phase1.dpd)" + (phase1.dpdRetryInterval.map { ", set dpd-retryinterval \($0)" } ?? ""),
                natTraversal: "set nattraversal \(phase1.nattraversal)",
                presharedKey: "set psksecret \(phase1.psksecret)",
                tunnelInterface: interface.map { "interface \"\($0.name)\"" + ($0.ip.map { ", set ip \($0)" } ?? "") + ", set mtu \($0.mtu)" },
                bgp: neighbor.map { "config router bgp: set as \(context.bgp!.asn), neighbor \"\($0.address)\" remote-as \($0.remoteAS), route-map-in \"\($0.routeMapIn)\", route-map-out \"\($0.routeMapOut)\"" })
        }
    }
}
