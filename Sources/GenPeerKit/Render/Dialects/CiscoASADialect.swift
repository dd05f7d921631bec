/// Cisco ASA 9.x (9.16 and later; VTIs need 9.8(1)): one configuration file per connection,
/// pasted in configuration mode. A policy-based connection is a crypto map entry whose ACL
/// has one entry per subnet pair, with its NAT exemption; a route-based one (or a dual-tunnel
/// or BGP one over IKEv2) puts each tunnel on a VTI, routed by BGP or static routes. Every
/// tunnel has its tunnel-group (named by the cloud's address) holding its key and DPD.
struct CiscoASADialect: DeviceDialect {
    var title: String { "Cisco ASA" }

    static let target = TargetName.ciscoASA
    static let layout = FileLayout("cisco-asa/{name}.cfg", folder: target.rawValue, entry: "config", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.layout] }

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var wanInterface: String
        /// `address` or `hostname`: the identity this ASA sends, a global setting.
        var identity: String
        var ikev1Policies: [IKEPolicy]
        var ikev2Policies: [IKEPolicy]
        var ikev1: Bool
        var ikev2: Bool
        var transformSets: [NamedTransforms]
        var ipsecProposals: [IPsecProposal]
        var mss: Int
        var groupPolicy: String
        var vpnTunnelProtocol: String
        var tunnelGroups: [TunnelGroup]
        var objectGroups: [ObjectGroup]
        var cryptoMap: CryptoMap?
        var natRules: [NATRule]
        var tunnelInterfaces: [VTI]
        var staticRoutes: [StaticRoute]
        var bgp: CiscoIOSDialect.BGP?
    }

    struct IKEPolicy: Codable, Sendable, Equatable {
        var number: Int
        var encryption: String
        var integrity: String
        var group: Int
        var lifetime: Int
    }

    struct NamedTransforms: Codable, Sendable, Equatable {
        var name: String
        var transforms: String
    }

    struct IPsecProposal: Codable, Sendable, Equatable {
        var name: String
        var encryption: String
        var integrity: String
    }

    struct TunnelGroup: Codable, Sendable {
        var name: String
        var label: String
        var ikev1: Bool
        var key: String
        /// `threshold 30 retry 3`, or nil for `isakmp keepalive disable`.
        var keepalive: String?
        var skipsPeerIdCheck: Bool
    }

    struct ObjectGroup: Codable, Sendable {
        var name: String
        var networks: [MaskedPrefix]
    }

    struct ACLEntry: Codable, Sendable {
        var source: MaskedPrefix
        var destination: MaskedPrefix
    }

    struct CryptoMap: Codable, Sendable {
        var name: String
        var sequence: Int
        var acl: String
        var entries: [ACLEntry]
        var peers: String
        var ikev1TransformSet: String?
        var ikev2Proposal: String?
        var aggressive: Bool
        var pfs: String?
        var lifetime: Int
    }

    /// A twice-NAT rule that keeps the tunnel's traffic untranslated; `any` where the prefixes are unknown.
    struct NATRule: Codable, Sendable {
        var inside: String
        var outside: String
        var source: String
        var destination: String
    }

    struct VTI: Codable, Sendable {
        var number: Int
        var nameif: String
        var description: String
        var ipsecProfile: String
        var ikev1TransformSet: String?
        var ikev2Proposal: String?
        var pfs: String?
        var lifetime: Int
        var address: String
        var destination: String
        var accessList: String
        var permitSource: String
        var permitDestination: String
    }

    struct StaticRoute: Codable, Sendable {
        var nameif: String
        var prefix: MaskedPrefix
        var nextHop: String
        var distance: Int
    }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        [DialectPart(Self.layout, name: connection.name, context: try context(connection, options: options, diagnostics: diagnostics))]
    }

    func context(_ connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> Context {
        var notes = PeerNotes.notes(
            for: connection, target: Self.target, answersAggressiveModeOnlyIfAllowed: false, rendersBGP: true, diagnostics: diagnostics)
        let tunnels = try connection.tunnels.map { try ASATunnelWords($0, diagnostics: diagnostics) }
        let wan = options.deviceLocals.wanInterface ?? "outside"
        let lan = options.deviceLocals.lanInterface ?? "inside"
        let groupPolicy = "genpeer-\(connection.name)"
        var context = Context(
            header: ConnectionHeader(connection, notes: []), wanInterface: wan,
            identity: connection.primaryTunnel.local.id.isFQDN ? "hostname" : "address",
            ikev1Policies: [], ikev2Policies: [], ikev1: tunnels.contains(where: \.ikev1), ikev2: tunnels.contains { !$0.ikev1 },
            transformSets: [], ipsecProposals: [], mss: (connection.primaryTunnel.interface?.mtu ?? NormalizeOptions.alibabaMTU) - 40,
            groupPolicy: groupPolicy,
            vpnTunnelProtocol: [tunnels.contains(where: \.ikev1) ? "ikev1" : nil, tunnels.contains { !$0.ikev1 } ? "ikev2" : nil].compactMap { $0 }.joined(separator: " "),
            tunnelGroups: [], objectGroups: [], cryptoMap: nil, natRules: [], tunnelInterfaces: [], staticRoutes: [], bgp: nil)
        for (tunnel, words) in zip(connection.tunnels, tunnels) {
            if words.ikev1 {
                Self.merge(words.ikePolicy, into: &context.ikev1Policies)
                if let set = words.transformSet, !context.transformSets.contains(set) { context.transformSets.append(set) }
            } else {
                Self.merge(words.ikePolicy, into: &context.ikev2Policies)
                if let proposal = words.ipsecProposal, !context.ipsecProposals.contains(proposal) { context.ipsecProposals.append(proposal) }
            }
            context.tunnelGroups.append(
                TunnelGroup(
                    name: tunnel.remote.address.description, label: TunnelLabel.text(tunnel, in: connection), ikev1: words.ikev1,
                    key: tunnel.presharedKey.secret,
                    keepalive: tunnel.deadPeerDetection ? "threshold \(DeadPeerDetection.delaySeconds) retry \(CiscoIOSDialect.dpdRetrySeconds)" : nil,
                    skipsPeerIdCheck: tunnel.remote.id.isFQDN))
        }
        if Set(connection.tunnels.map(\.local.id)).count > 1 {
            let note = "the tunnels send different identities (\(connection.tunnels.map(\.local.id.description).joined(separator: ", "))), but an ASA sends one (crypto isakmp identity is global): give both tunnels the same RemoteId, or install each on its own ASA"
            diagnostics.warn(note, at: connection.source)
            notes.append(note)
        }
        if connection.primaryTunnel.local.id.isFQDN {
            let note = "the ASA sends its hostname and domain-name as its FQDN identity (crypto isakmp identity hostname, a global setting): set them so that they read \(connection.primaryTunnel.local.id)"
            diagnostics.warn(note, at: connection.source)
            notes.append(note)
        } else {
            notes.append("crypto isakmp identity address (a global setting) sends the address of \(wan): it must be \(connection.primaryTunnel.local.id), the identity the cloud expects")
        }
        let local = ObjectGroup(name: "genpeer-\(connection.name)-local", networks: (connection.isRouteBased ? connection.routes.announced : connection.localSubnets).map(MaskedPrefix.init))
        let remote = ObjectGroup(name: "genpeer-\(connection.name)-remote", networks: (connection.isRouteBased ? connection.routes.cloudPrefixes : connection.remoteSubnets).map(MaskedPrefix.init))
        context.objectGroups = [local, remote].filter { !$0.networks.isEmpty }
        let localObject = local.networks.isEmpty ? "any" : local.name
        let remoteObject = remote.networks.isEmpty ? "any" : remote.name

        if CiscoIOSDialect.usesVTIs(connection) {
            if !connection.isRouteBased {
                notes.append("each tunnel runs on a VTI, which proposes 0.0.0.0/0: Alibaba's IKEv2 accepts a selector that contains its own subnets")
            }
            for (tunnel, words) in zip(connection.tunnels, tunnels) {
                let interface = tunnel.interface!
                let number = RouterNumbering.tunnelNumber(interface, first: options.deviceLocals.firstTunnelNumber)
                let nameif = "genpeer-vti\(number)"
                let address: IPv4InterfaceAddress
                let nextHop: String
                if let bgp = tunnel.bgp {
                    address = bgp.localInterfaceAddress
                    nextHop = bgp.remoteAddress.description
                } else {
                    // An ASA VTI needs an address and a route a next hop: a link of genpeer's own.
                    let base = IPv4Address(169 << 24 | 254 << 16 | 255 << 8 | UInt32(4 * ((number - 1) % 64)))
                    address = IPv4InterfaceAddress(address: IPv4Address(base.value + 1), prefixLength: 30)
                    nextHop = IPv4Address(base.value + 2).description
                }
                context.tunnelInterfaces.append(
                    VTI(
                        number: number, nameif: nameif, description: "genpeer \(connection.name) \(TunnelLabel.text(tunnel, in: connection))",
                        ipsecProfile: "genpeer-\(tunnel.name)", ikev1TransformSet: words.transformSet?.name, ikev2Proposal: words.ipsecProposal?.name,
                        pfs: words.pfs, lifetime: words.espLifetime, address: "\(address.address) \(address.network.netmask)",
                        destination: tunnel.remote.address.description, accessList: "\(nameif)-in", permitSource: remote.networks.isEmpty ? "any" : "object-group \(remote.name)",
                        permitDestination: local.networks.isEmpty ? "any" : "object-group \(local.name)"))
                context.natRules.append(NATRule(inside: lan, outside: nameif, source: localObject, destination: remoteObject))
                if !connection.hasBGP {
                    context.staticRoutes += connection.routes.cloudPrefixes.map {
                        StaticRoute(
                            nameif: nameif, prefix: MaskedPrefix($0), nextHop: nextHop,
                            distance: tunnel.role == .slave ? CiscoIOSDialect.slaveDistance : CiscoIOSDialect.masterDistance)
                    }
                }
            }
            if connection.tunnels.contains(where: { $0.bgp == nil }) {
                notes.append("a VTI without BGP gets an inside address of genpeer's own (169.254.255.0/24, a /30 per tunnel number), whose other address is its static routes' next hop")
            }
            if let plan = try BGPPlan(connection, target: Self.target) {
                try CiscoKeys.checkBGPKeys(connection, target: Self.target)
                context.bgp = CiscoIOSDialect.bgp(plan, connection: connection)
                notes.append("BGP announces a prefix (network … mask) only while it is in the routing table; the ASA has no Null0 route to anchor it")
            }
        } else {
            if connection.hasBGP { throw CiscoIOSDialect.ikev1NeedsIdenticalSelectors(connection, target: Self.target) }
            try CiscoIOSDialect.checkSharedEntry(connection, target: Self.target)
            if connection.isDualTunnel {
                let note = "policy-based dual tunnel: the ASA runs one crypto map entry with both peers (master first) and fails over to the slave when dead peer detection gives the master up; both tunnels cannot be up at once"
                diagnostics.warn(note, at: connection.source)
                notes.append(note)
            }
            let words = tunnels[0]
            context.cryptoMap = CryptoMap(
                name: CiscoIOSDialect.cryptoMapName, sequence: RouterNumbering.stableNumber(for: connection.name, in: 1000...64999),
                acl: "genpeer-\(connection.name)",
                entries: SelectorPairs.pairs(connection.primaryTunnel, in: connection).map { ACLEntry(source: MaskedPrefix($0.local), destination: MaskedPrefix($0.remote)) },
                peers: connection.tunnels.map(\.remote.address.description).joined(separator: " "), ikev1TransformSet: words.transformSet?.name,
                ikev2Proposal: words.ipsecProposal?.name, aggressive: words.aggressive, pfs: words.pfs, lifetime: words.espLifetime)
            context.natRules.append(NATRule(inside: lan, outside: wan, source: localObject, destination: remoteObject))
            notes.append("an interface takes one crypto map: if \(wan) already has one, add this entry (sequence \(context.cryptoMap!.sequence)) to that map instead of applying \(CiscoIOSDialect.cryptoMapName)")
        }
        if connection.tunnels.contains(where: \.deadPeerDetection) {
            notes.append("dead peer detection: a probe every \(DeadPeerDetection.delaySeconds) s, then retries \(CiscoIOSDialect.dpdRetrySeconds) s apart; the ASA has no setting for how many retries it sends")
        }
        notes.append("sysopt connection tcpmss is global: it clamps every TCP connection through this ASA to \(context.mss) bytes")
        notes.append("IKE policies and IPsec proposals are named and numbered by their algorithms: connections with the same ones share them")
        context.header = ConnectionHeader(connection, notes: notes)
        return context
    }

    /// IKE lifetimes are negotiated (IKEv1) or local (IKEv2): the shorter one serves every
    /// tunnel that shares a policy.
    static func merge(_ policy: IKEPolicy, into policies: inout [IKEPolicy]) {
        if let index = policies.firstIndex(where: { $0.number == policy.number }) {
            policies[index].lifetime = min(policies[index].lifetime, policy.lifetime)
        } else {
            policies.append(policy)
        }
    }

    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings] {
        let context = try context(connection, options: options, diagnostics: DiagnosticCollector())
        return try connection.tunnels.enumerated().map { index, tunnel in
            let words = try ASATunnelWords(tunnel, diagnostics: DiagnosticCollector())
            let group = context.tunnelGroups[index]
            let vti = context.tunnelInterfaces.isEmpty ? nil : context.tunnelInterfaces[index]
            let selectors: String
            if let map = context.cryptoMap {
                selectors = "access-list \(map.acl): " + map.entries.map { "permit ip \($0.source.address) \($0.source.netmask) \($0.destination.address) \($0.destination.netmask)" }.joined(separator: "; ")
            } else {
                selectors = "0.0.0.0/0 (VTI, tunnel mode ipsec ipv4)"
            }
            let policy = words.ikePolicy
            let version = words.ikev1 ? "ikev1" : "ikev2"
            let neighbor = context.bgp?.neighbors.first { $0.address == tunnel.bgp?.remoteAddress.description }
            return DeviceSettings(
                cloudAddress: vti.map { "tunnel destination \($0.destination)" } ?? "crypto map set peer \(context.cryptoMap!.peers)",
                ownAddress: vti.map { _ in "tunnel source interface \(context.wanInterface)" } ?? "crypto map \(context.cryptoMap!.name) interface \(context.wanInterface)",
                cloudIdentity: "tunnel-group \(group.name)" + (group.skipsPeerIdCheck ? " (peer-id-validate nocheck)" : ""),
                ownIdentity: "crypto isakmp identity \(context.identity)",
                cloudSubnets: selectors,
                ownSubnets: selectors,
                ikeVersion: "vpn-tunnel-protocol \(context.vpnTunnelProtocol)" + (words.aggressive ? ", set ikev1 phase1-mode aggressive" : ""),
                ikeProposal: "crypto \(version) policy \(policy.number): encryption \(policy.encryption), \(words.ikev1 ? "hash" : "integrity") \(policy.integrity), group \(policy.group)" + (words.ikev1 ? "" : ", prf \(policy.integrity)"),
                ikeLifetime: words.ikev1 ? "lifetime \(policy.lifetime)" : "lifetime seconds \(policy.lifetime)",
                espProposal: (words.transformSet.map { "crypto ipsec ikev1 transform-set \($0.name) \($0.transforms)" }
                    ?? words.ipsecProposal.map { "crypto ipsec ikev2 ipsec-proposal \($0.name): protocol esp encryption \($0.encryption), integrity \($0.integrity)" }!)
                    + (words.pfs.map { ", set pfs \($0)" } ?? ", no set pfs (PFS off)"),
                espLifetime: "set security-association lifetime seconds \(words.espLifetime)",
                deadPeerDetection: group.keepalive.map { "isakmp keepalive \($0)" } ?? "isakmp keepalive disable",
                natTraversal: "automatic (crypto isakmp nat-traversal, UDP 4500 only behind NAT)",
                presharedKey: words.ikev1 ? "tunnel-group \(group.name) ipsec-attributes: ikev1 pre-shared-key \(group.key)" : "tunnel-group \(group.name) ipsec-attributes: ikev2 remote-authentication / local-authentication pre-shared-key \(group.key)",
                tunnelInterface: vti.map { "interface Tunnel\($0.number), nameif \($0.nameif), ip address \($0.address)" },
                bgp: neighbor.map { neighbor in
                    "router bgp \(context.bgp!.localASN): neighbor \(neighbor.address) remote-as \(neighbor.remoteASN), route-map \(neighbor.routeMapIn) in (local-preference \(neighbor.localPreference)), route-map \(neighbor.routeMapOut) out"
                        + (neighbor.prepend.map { " (as-path prepend \($0))" } ?? "")
                })
        }
    }
}

/// One tunnel's parameters in ASA words. ASA 9.16 removed DES, 3DES, MD5 and DH groups 2 and
/// 24; its IKEv1 has no SHA-2.
struct ASATunnelWords {
    var ikev1: Bool
    var aggressive: Bool
    var ikePolicy: CiscoASADialect.IKEPolicy
    var transformSet: CiscoASADialect.NamedTransforms?
    var ipsecProposal: CiscoASADialect.IPsecProposal?
    var pfs: String?
    var espLifetime: Int

    static let target = TargetName.ciscoASA
    /// The ASA takes lifetimes of 120 s and more (IKE policies, crypto maps, IPsec profiles).
    static let lifetimeRange = 120...2_147_483_647

    init(_ tunnel: PeerTunnel, diagnostics: DiagnosticCollector) throws {
        let target = Self.target
        ikev1 = tunnel.ikeVersion == .ikev1
        aggressive = ikev1 && tunnel.ikeMode == .aggressive
        let ike = tunnel.ike
        let esp = tunnel.esp
        let removed = "ASA 9.16 and later no longer offer it"
        for (field, algorithm) in [(ProposalField.ikeEncryption, ike.encryption), (.espEncryption, esp.encryption)] {
            switch algorithm {
            case .sm4: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: target)
            case .des, .tripleDES: throw TargetLimitation.unsupported(field, of: tunnel, target: target, value: algorithm.rawValue, why: removed, fix: "aes256")
            case .aes128, .aes192, .aes256: break
            }
        }
        for (field, algorithm) in [(ProposalField.ikeIntegrity, ike.integrity), (.espIntegrity, esp.integrity)] {
            switch algorithm {
            case .sm3: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: target)
            case .md5: throw TargetLimitation.unsupported(field, of: tunnel, target: target, value: "md5", why: removed, fix: ikev1 ? "sha1" : "sha256")
            case .sha256, .sha384, .sha512:
                if ikev1 {
                    throw TargetLimitation.unsupported(
                        field, of: tunnel, target: target, value: algorithm.rawValue, why: "the ASA's IKEv1 offers no SHA-2 (only with IKEv2)",
                        fix: "sha1, or IkeVersion to ikev2,")
                }
            case .sha1: break
            }
        }
        for (field, group) in [(ProposalField.ikeGroup, ike.dhGroup as DHGroup?), (.espGroup, esp.pfsGroup)] {
            guard let group else { continue }
            switch group {
            case .modp1024, .modp2048s256:
                throw TargetLimitation.unsupported(field, of: tunnel, target: target, value: "group\(group.number)", why: removed, fix: "group14")
            case .modp768, .modp1536:
                diagnostics.warn(
                    "the \(target.rawValue) target writes \(field.alibabaName) \"group\(group.number)\" as it is, but ASA 9.16 and later may refuse it (group 5 is deprecated, group 1 gone from current releases); set \(field.alibabaName) to group14 on the Alibaba Cloud side",
                    at: tunnel.source.location(of: field))
            case .modp2048: break
            }
        }
        let ikeLifetime = try LifetimeField.ike.seconds(ike.lifetime, of: tunnel, target: target, range: Self.lifetimeRange)
        espLifetime = try LifetimeField.esp.seconds(esp.lifetime, of: tunnel, target: target, range: Self.lifetimeRange)
        let encryptions: [EncryptionAlgorithm] = [.aes128, .aes192, .aes256]
        let hashes: [IntegrityAlgorithm] = [.sha1, .sha256, .sha384, .sha512]
        let groups: [DHGroup] = [.modp768, .modp1536, .modp2048]
        let number = 100 + 12 * encryptions.firstIndex(of: ike.encryption)! + 3 * hashes.firstIndex(of: ike.integrity)! + groups.firstIndex(of: ike.dhGroup)!
        ikePolicy = CiscoASADialect.IKEPolicy(
            number: number, encryption: Self.encryption(ike.encryption),
            integrity: ike.integrity == .sha1 ? "sha" : ike.integrity.rawValue, group: ike.dhGroup.number, lifetime: ikeLifetime)
        let stem = "GENPEER-\(IOSTunnelWords.token(esp.encryption))-\(esp.integrity.rawValue.uppercased())"
        if ikev1 {
            transformSet = CiscoASADialect.NamedTransforms(name: stem, transforms: "esp-\(Self.encryption(esp.encryption)) esp-sha-hmac")
            ipsecProposal = nil
        } else {
            transformSet = nil
            ipsecProposal = CiscoASADialect.IPsecProposal(
                name: stem, encryption: Self.encryption(esp.encryption), integrity: "sha-" + (esp.integrity == .sha1 ? "1" : esp.integrity.rawValue.dropFirst(3)))
        }
        pfs = esp.pfsGroup.map { "group\($0.number)" }
        try TargetLimitation.checkKey(tunnel.presharedKey, of: tunnel, target: target, forbidden: "?", why: "\"?\" opens the CLI's help")
        try TargetLimitation.checkKeyIsNotAnEncryptionType(tunnel.presharedKey.secret, location: TargetLimitation.keyLocation(tunnel), target: target, what: "pre-shared key")
    }

    /// `aes`, `aes-192`, `aes-256`: IKE policies, IKEv2 proposals and (after `esp-`) IKEv1 transform sets alike.
    static func encryption(_ encryption: EncryptionAlgorithm) -> String {
        switch encryption {
        case .aes128: return "aes"
        case .aes192: return "aes-192"
        case .aes256: return "aes-256"
        case .des, .tripleDES, .sm4: preconditionFailure("refused before")
        }
    }
}

extension CiscoKeys {
    static func checkBGPKeys(_ connection: PeerConnection, target: TargetName) throws {
        for tunnel in connection.tunnels {
            if case .key(let key)? = tunnel.bgp?.authenticationKey { try checkBGPKey(key.secret, of: tunnel, target: target) }
        }
    }
}
