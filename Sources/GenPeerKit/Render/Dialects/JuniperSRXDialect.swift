/// Juniper SRX (Junos, set-style commands for `load set terminal`): one file per connection.
/// Every tunnel is a route-based VPN bound to its own `st0` unit, with its own IKE proposal,
/// policy (holding its key), gateway and IPsec VPN; a policy-based connection negotiates its
/// subnet pairs as traffic selectors on that unit. Zones, host-inbound services and security
/// policies let the traffic through; BGP or static routes (the slave at a worse preference)
/// lead into the tunnels.
struct JuniperSRXDialect: DeviceDialect {
    var title: String { "Juniper SRX (Junos)" }

    static let target = TargetName.juniperSRX
    static let layout = FileLayout("juniper-srx/{name}.set", folder: target.rawValue, entry: "config", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.layout] }

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var tunnels: [Tunnel]
        var wanInterface: String
        var insideZone: String
        var outsideZone: String
        var vpnZone: String
        var mss: Int
        var addresses: [Address]
        var policyOut: String
        var policyIn: String
        /// Address-book names, or `any`.
        var localAddresses: [String]
        var remoteAddresses: [String]
        var staticRoutes: [StaticRoute]
        var bgp: BGP?
    }

    struct Tunnel: Codable, Sendable {
        var name: String
        var label: String
        var ikeProposal: String
        var ikePolicy: String
        var gateway: String
        var ipsecProposal: String
        var ipsecPolicy: String
        var vpn: String
        var authentication: String
        var encryption: String
        var dhGroup: String
        var ikeLifetime: Int
        /// `main` or `aggressive`; IKEv1 only.
        var mode: String?
        /// The key as a Junos quoted string.
        var key: String
        var address: String
        var localAddress: String?
        var localIdentity: String
        var remoteIdentity: String
        var deadPeerDetection: DPD?
        var version: String
        var noNatTraversal: Bool
        var espAuthentication: String
        var espEncryption: String
        var espLifetime: Int
        var pfs: String?
        var unit: Int
        var interfaceAddress: String?
        var mtu: Int
        var establish: String
        var trafficSelectors: [TrafficSelector]
    }

    struct DPD: Codable, Sendable {
        var interval: Int
        var threshold: Int
    }

    struct TrafficSelector: Codable, Sendable {
        var name: String
        var local: String
        var remote: String
    }

    struct Address: Codable, Sendable {
        var name: String
        var prefix: String
    }

    struct StaticRoute: Codable, Sendable {
        var prefix: String
        var nextHop: String
        var preference: Int
        /// The slave's next hop, added beside the master's with its own preference.
        var qualified: Bool
    }

    struct BGP: Codable, Sendable {
        var localASN: UInt32
        var group: String
        var hold: Int
        var announced: [String]
        var anchorPreference: Int
        var neighbors: [Neighbor]
    }

    struct Neighbor: Codable, Sendable {
        var address: String
        var peerAS: UInt32
        var localAddress: String
        var description: String
        var importPolicy: String
        var exportPolicy: String
        var localPreference: Int
        /// `"65010 65010"`, quoted for Junos.
        var prepend: String?
        var announces: Bool
        var authenticationKey: String?
    }

    /// Junos's static route preference by default, and the slave's worse one.
    static let masterPreference = 5
    static let slavePreference = 10
    /// The discard routes that keep announced prefixes active lose to any real route.
    static let anchorPreference = 250
    /// DPD probes: the shared delay, and as many misses as Junos allows (1–5) before the peer
    /// counts as dead, close to the Linux targets' IKEv1 timeout.
    static let dpdThreshold = 5

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        [DialectPart(Self.layout, name: connection.name, context: try context(connection, options: options, diagnostics: diagnostics))]
    }

    func context(_ connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> Context {
        var notes = PeerNotes.notes(
            for: connection, target: Self.target, answersAggressiveModeOnlyIfAllowed: false, rendersBGP: true, diagnostics: diagnostics)
        let locals = options.deviceLocals
        let wan = locals.wanInterface ?? "ge-0/0/0.0"
        let vpnZone = locals.vpnZone ?? "vpn"
        let tunnels = try connection.tunnels.enumerated().map { index, tunnel in
            try self.tunnel(tunnel, index: index, in: connection, wan: wan, firstUnit: locals.firstTunnelNumber, diagnostics: diagnostics)
        }
        if connection.startAction == .none && !connection.hasBGP {
            notes.append("--start none: Junos has no responder-only VPN; the SRX initiates when traffic for the tunnel appears (establish-tunnels on-traffic)")
        }
        if !connection.isRouteBased {
            notes.append("each tunnel negotiates the subnet pairs as traffic selectors on its st0 unit, and Junos adds a route for each selector's cloud side while the tunnel is up")
        }
        let localPrefixes = connection.isRouteBased ? connection.routes.announced : connection.localSubnets
        let remotePrefixes = connection.isRouteBased ? connection.routes.cloudPrefixes : connection.remoteSubnets
        let local = localPrefixes.enumerated().map { Address(name: JunosName.make("genpeer-\(connection.name)-l\($0.offset + 1)", limit: 63), prefix: $0.element.description) }
        let remote = remotePrefixes.enumerated().map { Address(name: JunosName.make("genpeer-\(connection.name)-r\($0.offset + 1)", limit: 63), prefix: $0.element.description) }
        var context = Context(
            header: ConnectionHeader(connection, notes: []), tunnels: tunnels, wanInterface: wan, insideZone: locals.insideZone ?? "trust",
            outsideZone: locals.outsideZone ?? "untrust", vpnZone: vpnZone, mss: (connection.primaryTunnel.interface?.mtu ?? NormalizeOptions.alibabaMTU) - 40,
            addresses: local + remote, policyOut: JunosName.make("genpeer-\(connection.name)-out", limit: 63),
            policyIn: JunosName.make("genpeer-\(connection.name)-in", limit: 63),
            localAddresses: local.isEmpty ? ["any"] : local.map(\.name), remoteAddresses: remote.isEmpty ? ["any"] : remote.map(\.name),
            staticRoutes: [], bgp: nil)
        if !connection.hasBGP {
            for (tunnel, words) in zip(connection.tunnels, tunnels) {
                let slave = tunnel.role == .slave
                context.staticRoutes += connection.routes.cloudPrefixes.map {
                    StaticRoute(prefix: $0.description, nextHop: "st0.\(words.unit)", preference: slave ? Self.slavePreference : Self.masterPreference, qualified: slave)
                }
            }
        }
        if let plan = try BGPPlan(connection, target: Self.target) {
            context.bgp = BGP(
                localASN: plan.localASN, group: JunosName.make("genpeer-\(connection.name)"), hold: BGPPlan.holdSeconds, announced: plan.announced,
                anchorPreference: Self.anchorPreference,
                neighbors: try plan.neighbors.map { neighbor in
                    let tunnel = connection.tunnels.first { $0.name == neighbor.tunnel }!
                    var key: String?
                    if let password = neighbor.password {
                        if !neighbor.passwordIsPlaceholder { try Self.checkKey(password, at: tunnel.source.location.appending("AuthKey"), what: "BGP AuthKey") }
                        key = JunosName.quoted(password)
                    }
                    return Neighbor(
                        address: neighbor.address, peerAS: neighbor.remoteASN, localAddress: neighbor.source,
                        description: JunosName.quoted("genpeer \(neighbor.tunnel) \(neighbor.label)"), importPolicy: JunosName.make("\(neighbor.policy)-in"),
                        exportPolicy: JunosName.make("\(neighbor.policy)-out"), localPreference: neighbor.localPreference,
                        prepend: neighbor.prepend.map(JunosName.quoted), announces: !plan.announced.isEmpty, authenticationKey: key)
                })
            notes.append("a discard route of preference \(Self.anchorPreference) keeps each announced prefix active for BGP's exact route filter; any real route to it wins")
        }
        if connection.tunnels.contains(where: { $0.local.address == nil }) {
            notes.append("the IKE gateways use \(wan)'s address: it must be \(connection.primaryTunnel.local.id.description) or reach the cloud through NAT")
        }
        notes.append("apply with: configure; load set terminal (paste, then Ctrl-D); commit check; commit")
        context.header = ConnectionHeader(connection, notes: notes)
        return context
    }

    private func tunnel(
        _ tunnel: PeerTunnel, index: Int, in connection: PeerConnection, wan: String, firstUnit: Int?, diagnostics: DiagnosticCollector
    ) throws -> Tunnel {
        let target = Self.target
        let ike = tunnel.ike
        let esp = tunnel.esp
        let ikev1 = tunnel.ikeVersion == .ikev1
        let words = try JunosVocabulary(tunnel, diagnostics: diagnostics)
        try Self.checkKey(tunnel.presharedKey.secret, at: TargetLimitation.keyLocation(tunnel), what: "pre-shared key", redacted: tunnel.presharedKey.isRedacted)
        let name = JunosName.make("genpeer-\(tunnel.name)")
        let unit = tunnel.interface.map { RouterNumbering.tunnelNumber($0, first: firstUnit) } ?? (firstUnit ?? 1) + index
        let selectors = connection.isRouteBased
            ? []
            : SelectorPairs.pairs(tunnel, in: connection).enumerated().map {
                TrafficSelector(name: "ts\($0.offset + 1)", local: $0.element.local.description, remote: $0.element.remote.description)
            }
        let establish: String
        switch connection.startAction {
        case _ where connection.hasBGP: establish = "immediately"
        case .start: establish = "immediately"
        case .trap, .none: establish = "on-traffic"
        }
        return Tunnel(
            name: name, label: TunnelLabel.text(tunnel, in: connection), ikeProposal: name, ikePolicy: name, gateway: name, ipsecProposal: name,
            ipsecPolicy: name, vpn: name, authentication: words.ikeAuthentication, encryption: words.ikeEncryption, dhGroup: "group\(ike.dhGroup.number)",
            ikeLifetime: try LifetimeField.ike.seconds(ike.lifetime, of: tunnel, target: target, range: JunosVocabulary.lifetimeRange),
            mode: ikev1 ? tunnel.ikeMode.rawValue : nil, key: JunosName.quoted(tunnel.presharedKey.secret),
            address: tunnel.remote.address.description, localAddress: tunnel.local.address?.description,
            localIdentity: JunosVocabulary.identity(tunnel.local.id), remoteIdentity: JunosVocabulary.identity(tunnel.remote.id),
            deadPeerDetection: tunnel.deadPeerDetection ? DPD(interval: DeadPeerDetection.delaySeconds, threshold: Self.dpdThreshold) : nil,
            version: ikev1 ? "v1-only" : "v2-only", noNatTraversal: !tunnel.natTraversal,
            espAuthentication: words.espAuthentication, espEncryption: words.espEncryption,
            espLifetime: try LifetimeField.esp.seconds(esp.lifetime, of: tunnel, target: target, range: JunosVocabulary.lifetimeRange),
            pfs: esp.pfsGroup.map { "group\($0.number)" }, unit: unit, interfaceAddress: tunnel.interface?.address?.description,
            mtu: tunnel.interface?.mtu ?? NormalizeOptions.alibabaMTU, establish: establish, trafficSelectors: selectors)
    }

    /// A Junos quoted string takes any character escaped, but `?` opens the CLI's help when
    /// the line is typed or pasted.
    static func checkKey(_ key: String, at location: SourceLocation, what: String, redacted: Bool = false) throws {
        guard !redacted, key.contains("?") else { return }
        throw GenPeerError(
            .data,
            "the \(what) holds \"?\", which the \(target.rawValue) CLI cannot take (\"?\" opens the CLI's help); set a key without \"?\" on the Alibaba Cloud side (value not shown)",
            at: location)
    }

    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings] {
        let context = try context(connection, options: options, diagnostics: DiagnosticCollector())
        return zip(connection.tunnels, context.tunnels).map { peerTunnel, tunnel in
            let selectors = tunnel.trafficSelectors.isEmpty
                ? "0.0.0.0/0 (st0.\(tunnel.unit))"
                : tunnel.trafficSelectors.map { "traffic-selector \($0.name) local-ip \($0.local) remote-ip \($0.remote)" }.joined(separator: "; ")
            let neighbor = context.bgp?.neighbors.first { $0.address == peerTunnel.bgp?.remoteAddress.description }
            return DeviceSettings(
                cloudAddress: "security ike gateway \(tunnel.gateway) address \(tunnel.address)",
                ownAddress: "external-interface \(context.wanInterface)" + (tunnel.localAddress.map { ", local-address \($0)" } ?? ""),
                cloudIdentity: "remote-identity \(tunnel.remoteIdentity)",
                ownIdentity: "local-identity \(tunnel.localIdentity)",
                cloudSubnets: selectors,
                ownSubnets: selectors,
                ikeVersion: "version \(tunnel.version)" + (tunnel.mode.map { ", security ike policy mode \($0)" } ?? ""),
                ikeProposal: "security ike proposal \(tunnel.ikeProposal): encryption-algorithm \(tunnel.encryption), authentication-algorithm \(tunnel.authentication), dh-group \(tunnel.dhGroup)",
                ikeLifetime: "lifetime-seconds \(tunnel.ikeLifetime)",
                espProposal: "security ipsec proposal \(tunnel.ipsecProposal): encryption-algorithm \(tunnel.espEncryption), authentication-algorithm \(tunnel.espAuthentication)"
                    + (tunnel.pfs.map { ", perfect-forward-secrecy keys \($0)" } ?? ", no perfect-forward-secrecy (PFS off)"),
                espLifetime: "lifetime-seconds \(tunnel.espLifetime)",
                deadPeerDetection: tunnel.deadPeerDetection.map { "dead-peer-detection always-send interval \($0.interval) threshold \($0.threshold)" } ?? "off",
                natTraversal: tunnel.noNatTraversal ? "no-nat-traversal" : "automatic (UDP 4500 only behind NAT)",
                presharedKey: "security ike policy \(tunnel.ikePolicy) pre-shared-key ascii-text \(tunnel.key)",
                tunnelInterface: "st0.\(tunnel.unit)" + (tunnel.interfaceAddress.map { " family inet address \($0)" } ?? " family inet") + ", mtu \(tunnel.mtu)",
                bgp: neighbor.map { neighbor in
                    "protocols bgp group \(context.bgp!.group) neighbor \(neighbor.address) peer-as \(neighbor.peerAS), import \(neighbor.importPolicy) (local-preference \(neighbor.localPreference)), export \(neighbor.exportPolicy)"
                        + (neighbor.prepend.map { " (as-path-prepend \($0))" } ?? "")
                })
        }
    }
}

/// One tunnel's algorithms in Junos words (`security ike proposal`, `security ipsec proposal`).
struct JunosVocabulary {
    var ikeEncryption: String
    var ikeAuthentication: String
    var espEncryption: String
    var espAuthentication: String

    /// `lifetime-seconds` of IKE and IPsec proposals (Juniper/yang junos-es, every release).
    static let lifetimeRange = 180...86400

    init(_ tunnel: PeerTunnel, diagnostics: DiagnosticCollector) throws {
        let target = JuniperSRXDialect.target
        let ike = tunnel.ike
        let esp = tunnel.esp
        ikeEncryption = try Self.encryption(ike.encryption, field: .ikeEncryption, tunnel: tunnel)
        espEncryption = try Self.encryption(esp.encryption, field: .espEncryption, tunnel: tunnel)
        switch ike.integrity {
        case .sm3: throw TargetLimitation.shangMi(field: .ikeIntegrity, tunnel: tunnel, target: target)
        case .md5, .sha1: ikeAuthentication = ike.integrity.rawValue
        case .sha256, .sha384, .sha512: ikeAuthentication = "sha-" + ike.integrity.rawValue.dropFirst(3)
        }
        switch esp.integrity {
        case .sm3: throw TargetLimitation.shangMi(field: .espIntegrity, tunnel: tunnel, target: target)
        case .md5: espAuthentication = "hmac-md5-96"
        case .sha1: espAuthentication = "hmac-sha1-96"
        case .sha256: espAuthentication = "hmac-sha-256-128"
        case .sha384, .sha512: espAuthentication = "hmac-" + "sha-" + esp.integrity.rawValue.dropFirst(3)
        }
        if ike.integrity == .sha512 {
            diagnostics.warn(
                "the \(target.rawValue) target writes IkeAuthAlg \"sha512\" as authentication-algorithm sha-512, which Junos accepts from 23.2R1 on (Juniper's published schema); on an earlier release set IkeAuthAlg to sha256 or sha384 on the Alibaba Cloud side",
                at: tunnel.source.location(of: .ikeIntegrity))
        }
        if [.sha384, .sha512].contains(esp.integrity) {
            diagnostics.warn(
                "the \(target.rawValue) target writes IpsecAuthAlg \"\(esp.integrity.rawValue)\" as \(espAuthentication), which Junos accepts from 23.2R1 on (Juniper's published schema), and releases before 21.4R1 sent such traffic unauthenticated (CVE-2024-30391); on an earlier release set IpsecAuthAlg to sha256 on the Alibaba Cloud side",
                at: tunnel.source.location(of: .espIntegrity))
        }
    }

    static func encryption(_ encryption: EncryptionAlgorithm, field: ProposalField, tunnel: PeerTunnel) throws -> String {
        switch encryption {
        case .aes128: return "aes-128-cbc"
        case .aes192: return "aes-192-cbc"
        case .aes256: return "aes-256-cbc"
        case .des: return "des-cbc"
        case .tripleDES: return "3des-cbc"
        case .sm4: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: JuniperSRXDialect.target)
        }
    }

    /// `inet 198.51.100.20`, `hostname onprem.example.com`.
    static func identity(_ identity: Identity) -> String {
        switch identity {
        case .ipv4(let address): return "inet \(address)"
        case .fqdn(let name): return "hostname \(name)"
        }
    }
}

/// Names and strings as Junos takes them.
enum JunosName {
    /// `base` when it fits Junos's limit (32 characters for IKE and IPsec objects), else its
    /// start and a hash of the whole, so that long names stay distinct.
    static func make(_ base: String, limit: Int = 32) -> String {
        guard base.count > limit else { return base }
        let hash = String(RouterNumbering.stableNumber(for: base, in: 0...0xFFFF_FFF), radix: 16)
        return String(base.prefix(limit - hash.count - 1)) + "-" + hash
    }

    /// A Junos quoted string: `"` and `\` escaped with a backslash.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
