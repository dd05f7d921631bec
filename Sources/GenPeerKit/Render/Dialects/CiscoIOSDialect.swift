/// Cisco IOS and IOS-XE (ISR, CSR1000v, Catalyst 8000): one configuration file per connection,
/// pasted in configuration mode. A route-based connection puts each tunnel on a static VTI
/// (`tunnel mode ipsec ipv4`) with its own IKE profile, keyring and IPsec profile, routed by
/// BGP or by static routes; a policy-based one is a crypto map entry whose ACL has one entry
/// per subnet pair (one SA pair each), with both peers of a dual-tunnel connection in its peer
/// list (IOS runs one at a time).
struct CiscoIOSDialect: DeviceDialect {
    var title: String { "Cisco IOS / IOS-XE" }

    static let target = TargetName.ciscoIOS
    static let layout = FileLayout("cisco-ios/{name}.cfg", folder: target.rawValue, entry: "config", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.layout] }

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var isakmpPolicies: [ISAKMPPolicy]
        var ikev2Proposals: [IKEv2Proposal]
        /// `GENPEER`: the IKEv2 policy every connection adds its proposal to.
        var ikev2Policy: String?
        var transformSets: [TransformSet]
        var ikeProfiles: [IKEProfile]
        var cryptoMap: CryptoMap?
        var tunnelInterfaces: [VTI]
        var staticRoutes: [StaticRoute]
        var bgp: BGP?
    }

    struct ISAKMPPolicy: Codable, Sendable, Equatable {
        var number: Int
        var encryption: String
        var hash: String
        var group: Int
        var lifetime: Int
    }

    struct IKEv2Proposal: Codable, Sendable, Equatable {
        var name: String
        var encryption: String
        var integrity: String
        var group: Int
    }

    struct TransformSet: Codable, Sendable, Equatable {
        var name: String
        var transforms: String
    }

    /// The keyring and IKE profile of a VTI's tunnel, or of a crypto map entry (all its peers).
    struct IKEProfile: Codable, Sendable {
        var name: String
        var keyring: String
        var ikev1: Bool
        var peers: [ProfilePeer]
        /// IKEv1: `address` or `fqdn`; IKEv2: `address 198.51.100.20` or `fqdn onprem.example.com`.
        var localIdentity: String
        var aggressive: Bool
        /// IKEv2 only: the profile's IKE SA lifetime.
        var lifetime: Int?
        /// IKEv1 `30 retry 3`, IKEv2 `30 3 periodic`: the interval and the seconds between retries.
        var deadPeerDetection: String?
    }

    struct ProfilePeer: Codable, Sendable {
        var name: String
        var address: String
        var key: String
        /// `address 203.0.113.10 255.255.255.255`, `host cloud.example.com` (IKEv1), `fqdn cloud.example.com` (IKEv2).
        var matchIdentity: String
        /// IKEv2 keyring `identity fqdn …`, IKEv1 `pre-shared-key hostname …`: the cloud's name, when it has one.
        var hostname: String?
    }

    struct CryptoMap: Codable, Sendable {
        var name: String
        var sequence: Int
        var acl: String
        var entries: [WildcardEntry]
        var peers: [String]
        var transformSet: String
        var pfs: String?
        var lifetime: Int
        var isakmpProfile: String?
        var ikev2Profile: String?
        var wanInterface: String
        var lanInterface: String
        var mss: Int
    }

    struct VTI: Codable, Sendable {
        var number: Int
        var description: String
        var ipsecProfile: String
        var transformSet: String
        var pfs: String?
        var lifetime: Int
        var isakmpProfile: String?
        var ikev2Profile: String?
        /// `169.254.10.2 255.255.255.252`, when the tunnel has an inside address.
        var address: String?
        var wanInterface: String
        var destination: String
        var mtu: Int
        var mss: Int
    }

    struct StaticRoute: Codable, Sendable {
        var prefix: MaskedPrefix
        var tunnel: Int
        var distance: Int
    }

    struct BGP: Codable, Sendable {
        var localASN: UInt32
        var announceList: String
        var announced: [Announced]
        /// The sequence number of the prefix list's closing deny-all entry.
        var denyAll: Int
        var neighbors: [Neighbor]
        var keepalive: Int
        var hold: Int
    }

    struct Announced: Codable, Sendable {
        var prefix: MaskedPrefix
        var sequence: Int
    }

    struct Neighbor: Codable, Sendable {
        var address: String
        var remoteASN: UInt32
        var description: String
        var password: String?
        var routeMapIn: String
        var routeMapOut: String
        var localPreference: Int
        var prepend: String?
    }

    /// Distances of the static routes into the tunnels: the slave's is worse, so it carries
    /// traffic only while the master's VTI is down.
    static let masterDistance = 1
    static let slaveDistance = 10
    static let ikev2PolicyName = "GENPEER"
    static let cryptoMapName = "GENPEER"

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        [DialectPart(Self.layout, name: connection.name, context: try context(connection, options: options, diagnostics: diagnostics))]
    }

    func context(_ connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> Context {
        var locals = DeviceLocal()
        var notes = PeerNotes.notes(
            for: connection, target: Self.target, answersAggressiveModeOnlyIfAllowed: false, rendersBGP: true, diagnostics: diagnostics)
        let tunnels = try connection.tunnels.map { try IOSTunnelWords($0, diagnostics: diagnostics) }
        let wan = locals.value(options.deviceLocals.wanInterface, default: nil, placeholder: DeviceLocal.wanInterface)
        var context = Context(
            header: ConnectionHeader(connection, notes: []), isakmpPolicies: [], ikev2Proposals: [], ikev2Policy: nil, transformSets: [],
            ikeProfiles: [], cryptoMap: nil, tunnelInterfaces: [], staticRoutes: [], bgp: nil)
        for words in tunnels {
            if let policy = words.isakmpPolicy {
                if let index = context.isakmpPolicies.firstIndex(where: { $0.number == policy.number }) {
                    // IKEv1 lifetimes are negotiated: the shorter one serves both tunnels.
                    context.isakmpPolicies[index].lifetime = min(context.isakmpPolicies[index].lifetime, policy.lifetime)
                } else {
                    context.isakmpPolicies.append(policy)
                }
            }
            if let proposal = words.ikev2Proposal, !context.ikev2Proposals.contains(proposal) { context.ikev2Proposals.append(proposal) }
            if !context.transformSets.contains(words.transformSet) { context.transformSets.append(words.transformSet) }
        }
        context.ikev2Policy = context.ikev2Proposals.isEmpty ? nil : Self.ikev2PolicyName

        if Self.usesVTIs(connection) {
            if !connection.isRouteBased {
                notes.append("each tunnel runs on a VTI, which proposes 0.0.0.0/0: Alibaba's IKEv2 accepts a selector that contains its own subnets; traffic for \(connection.remoteSubnets.map(\.description).joined(separator: ", ")) is routed into the tunnels")
            }
            for (tunnel, words) in zip(connection.tunnels, tunnels) {
                let profile = Self.profile(name: "genpeer-\(tunnel.name)", tunnels: [(tunnel, words)])
                context.ikeProfiles.append(profile)
                let interface = tunnel.interface!
                let number = RouterNumbering.tunnelNumber(interface, first: options.deviceLocals.firstTunnelNumber)
                context.tunnelInterfaces.append(
                    VTI(
                        number: number, description: "genpeer \(connection.name) \(TunnelLabel.text(tunnel, in: connection))",
                        ipsecProfile: profile.name, transformSet: words.transformSet.name, pfs: words.pfs, lifetime: words.espLifetime,
                        isakmpProfile: words.ikev1 ? profile.name : nil, ikev2Profile: words.ikev1 ? nil : profile.name,
                        address: interface.address.map { "\($0.address) \($0.network.netmask)" }, wanInterface: wan,
                        destination: tunnel.remote.address.description, mtu: interface.mtu, mss: interface.tcpMSS))
                if !connection.hasBGP {
                    context.staticRoutes += connection.routes.cloudPrefixes.map {
                        StaticRoute(prefix: MaskedPrefix($0), tunnel: number, distance: tunnel.role == .slave ? Self.slaveDistance : Self.masterDistance)
                    }
                }
            }
            if connection.tunnels.contains(where: { $0.interface?.address == nil }) {
                notes.append("a VTI without an inside address borrows the WAN interface's (ip unnumbered \(wan))")
            }
            if let plan = try BGPPlan(connection, target: Self.target) {
                context.bgp = Self.bgp(plan, connection: connection)
            }
        } else {
            if connection.hasBGP {
                throw Self.ikev1NeedsIdenticalSelectors(connection, target: Self.target)
            }
            try Self.checkSharedEntry(connection, target: Self.target)
            if connection.isDualTunnel {
                let note = "policy-based dual tunnel: IOS runs one crypto map entry with both peers in its peer list (master first) and fails over to the slave when dead peer detection gives the master up; both tunnels cannot be up at once"
                diagnostics.warn(note, at: connection.source)
                notes.append(note)
            }
            let words = tunnels[0]
            let profile = Self.profile(name: "genpeer-\(connection.name)", tunnels: Array(zip(connection.tunnels, tunnels)))
            context.ikeProfiles.append(profile)
            let lan = locals.value(options.deviceLocals.lanInterface, default: nil, placeholder: DeviceLocal.lanInterface)
            context.cryptoMap = CryptoMap(
                name: Self.cryptoMapName, sequence: RouterNumbering.stableNumber(for: connection.name, in: 1000...64999),
                acl: "genpeer-\(connection.name)", entries: WildcardEntry.entries(connection.primaryTunnel, in: connection),
                peers: connection.tunnels.map(\.remote.address.description), transformSet: words.transformSet.name, pfs: words.pfs,
                lifetime: words.espLifetime, isakmpProfile: words.ikev1 ? profile.name : nil, ikev2Profile: words.ikev1 ? nil : profile.name,
                wanInterface: wan, lanInterface: lan, mss: NormalizeOptions.alibabaMTU - 40)
            notes.append("an interface takes one crypto map: if \(wan) already has one, add this entry (sequence \(context.cryptoMap!.sequence)) to that map instead of applying \(Self.cryptoMapName)")
            notes.append("if this router translates (NAT) traffic leaving \(wan), exempt the pairs of ACL genpeer-\(connection.name) from it: NAT comes before encryption")
        }
        if connection.tunnels.contains(where: \.deadPeerDetection) {
            notes.append("dead peer detection: a probe every \(DeadPeerDetection.delaySeconds) s, then retries \(Self.dpdRetrySeconds) s apart; IOS has no setting for how many retries it sends")
        }
        if connection.tunnels.contains(where: { $0.ikeVersion == .ikev1 && $0.local.id.isFQDN }) {
            let note = "IKEv1 sends this router's hostname and domain name as its FQDN identity (self-identity fqdn): set hostname and ip domain name so that they read \(connection.tunnels.first { $0.local.id.isFQDN }!.local.id)"
            diagnostics.warn(note, at: connection.source)
            notes.append(note)
        }
        notes.append("IKE and IPsec proposals are named and numbered by their algorithms: connections with the same ones share them")
        if let note = DevicePlaceholder.note(locals.placeholders) { notes.insert(note, at: 0) }
        context.header = ConnectionHeader(connection, notes: notes)
        return context
    }

    static let dpdRetrySeconds = 3

    /// Route-based connections, and policy-based ones that need a tunnel interface per tunnel
    /// (dual tunnel, BGP) when they run IKEv2: Alibaba's IKEv2 accepts the VTI's 0.0.0.0/0 as
    /// containing its own selectors, its IKEv1 does not. A policy-based IKEv1 dual tunnel
    /// without BGP falls back to one crypto map entry with both peers.
    static func usesVTIs(_ connection: PeerConnection) -> Bool {
        connection.isRouteBased || (connection.usesTunnelInterfaces && connection.tunnels.allSatisfy { $0.ikeVersion == .ikev2 })
    }

    /// BGP needs a tunnel interface; a VTI proposes 0.0.0.0/0, which Alibaba's IKEv1 refuses
    /// for a policy-based connection (its selectors must be identical).
    static func ikev1NeedsIdenticalSelectors(_ connection: PeerConnection, target: TargetName) -> GenPeerError {
        let tunnel = connection.tunnels.first { $0.ikeVersion == .ikev1 } ?? connection.primaryTunnel
        return GenPeerError(
            .data,
            "BGP needs a tunnel interface (VTI), which proposes 0.0.0.0/0, and Alibaba's IKEv1 accepts only selectors identical to its own subnets; the \(target.rawValue) target cannot run BGP over this policy-based IKEv1 connection: set IkeVersion to ikev2, or make the connection route-based (LocalSubnet and RemoteSubnet 0.0.0.0/0), on the Alibaba Cloud side",
            at: SourceLocation(file: tunnel.source.file, path: tunnel.source.ikeConfigPath).appending("IkeVersion"))
    }

    static func profile(name: String, tunnels: [(PeerTunnel, IOSTunnelWords)]) -> IKEProfile {
        let (first, words) = tunnels[0]
        let peers = tunnels.map { tunnel, _ in
            let address = tunnel.remote.address.description
            let match: String
            switch tunnel.remote.id {
            case .ipv4(let id): match = "address \(id) 255.255.255.255"
            case .fqdn(let name): match = words.ikev1 ? "host \(name)" : "fqdn \(name)"
            }
            return ProfilePeer(
                name: tunnel.name, address: address, key: tunnel.presharedKey.secret, matchIdentity: match,
                hostname: tunnel.remote.id.fqdnName)
        }
        let localIdentity: String
        switch first.local.id {
        case .ipv4(let address): localIdentity = words.ikev1 ? "address" : "address \(address)"
        case .fqdn(let name): localIdentity = words.ikev1 ? "fqdn" : "fqdn \(name)"
        }
        return IKEProfile(
            name: name, keyring: name, ikev1: words.ikev1, peers: peers, localIdentity: localIdentity, aggressive: words.aggressive,
            lifetime: words.ikev1 ? nil : words.ikeLifetime,
            deadPeerDetection: first.deadPeerDetection
                ? (words.ikev1 ? "\(DeadPeerDetection.delaySeconds) retry \(dpdRetrySeconds)" : "\(DeadPeerDetection.delaySeconds) \(dpdRetrySeconds) periodic")
                : nil)
    }

    /// One crypto map entry serves every tunnel of a policy-based connection: what the entry
    /// and its IKE profile hold must be the same for both.
    static func checkSharedEntry(_ connection: PeerConnection, target: TargetName) throws {
        guard connection.isDualTunnel else { return }
        let (master, slave) = (connection.tunnels[0], connection.tunnels[1])
        let phase1 = SourceLocation(file: slave.source.file, path: slave.source.ikeConfigPath)
        let phase2 = SourceLocation(file: slave.source.file, path: slave.source.ipsecConfigPath)
        let differences: [(field: String, differs: Bool, location: SourceLocation)] = [
            ("IkeVersion", master.ikeVersion != slave.ikeVersion, phase1),
            ("IkeMode", master.ikeMode != slave.ikeMode, phase1),
            ("IKE proposal and IkeLifetime", master.ike != slave.ike, phase1),
            ("IPsec proposal, IpsecPfs and IpsecLifetime", master.esp != slave.esp, phase2),
            ("RemoteId", master.local.id != slave.local.id, phase1),
            ("EnableDpd", master.deadPeerDetection != slave.deadPeerDetection, slave.source.location),
        ]
        if let difference = differences.first(where: \.differs) {
            throw GenPeerError(
                .data,
                "the \(target.rawValue) target renders a policy-based dual-tunnel connection as one crypto map entry listing both peers, so both tunnels must have the same \(difference.field); make them equal on the Alibaba Cloud side, or make the connection route-based (0.0.0.0/0) for one VTI per tunnel",
                at: difference.location)
        }
    }

    static func bgp(_ plan: BGPPlan, connection: PeerConnection) -> BGP {
        let announceList = "genpeer-\(connection.name)-announce"
        let announced = connection.routes.announced.enumerated().map { Announced(prefix: MaskedPrefix($0.element), sequence: 5 * ($0.offset + 1)) }
        return BGP(
            localASN: plan.localASN, announceList: announceList, announced: announced, denyAll: 5 * (announced.count + 1),
            neighbors: plan.neighbors.map { neighbor in
                Neighbor(
                    address: neighbor.address, remoteASN: neighbor.remoteASN, description: "genpeer \(neighbor.tunnel) \(neighbor.label)",
                    password: neighbor.password, routeMapIn: "\(neighbor.policy)-in", routeMapOut: "\(neighbor.policy)-out",
                    localPreference: neighbor.localPreference, prepend: neighbor.prepend)
            },
            keepalive: BGPPlan.keepaliveSeconds, hold: BGPPlan.holdSeconds)
    }

    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings] {
        let context = try context(connection, options: options, diagnostics: DiagnosticCollector())
        return try connection.tunnels.enumerated().map { index, tunnel in
            let words = try IOSTunnelWords(tunnel, diagnostics: DiagnosticCollector())
            let vti = context.tunnelInterfaces.isEmpty ? nil : context.tunnelInterfaces[index]
            let profile = context.ikeProfiles[vti == nil ? 0 : index]
            let peer = profile.peers.first { $0.name == tunnel.name }!
            let selectors: String
            if let map = context.cryptoMap {
                selectors = "ip access-list extended \(map.acl): "
                    + map.entries.map { "permit ip \($0.source) \($0.sourceWildcard) \($0.destination) \($0.destinationWildcard)" }.joined(separator: "; ")
            } else {
                selectors = "0.0.0.0/0 (VTI, tunnel mode ipsec ipv4)"
            }
            let ike: String
            if let policy = words.isakmpPolicy {
                ike = "crypto isakmp policy \(policy.number): encryption \(policy.encryption), hash \(policy.hash), group \(policy.group)"
            } else {
                let proposal = words.ikev2Proposal!
                ike = "crypto ikev2 proposal \(proposal.name): encryption \(proposal.encryption), integrity \(proposal.integrity), group \(proposal.group)"
            }
            let neighbor = context.bgp?.neighbors.first { $0.address == tunnel.bgp?.remoteAddress.description }
            return DeviceSettings(
                cloudAddress: vti.map { "tunnel destination \($0.destination)" } ?? "set peer \(peer.address)",
                ownAddress: vti.map { "tunnel source \($0.wanInterface)" } ?? "crypto map \(context.cryptoMap!.name) on \(context.cryptoMap!.wanInterface)",
                cloudIdentity: (profile.ikev1 ? "match identity " : "match identity remote ") + peer.matchIdentity,
                ownIdentity: (profile.ikev1 ? "self-identity " : "identity local ") + profile.localIdentity,
                cloudSubnets: selectors,
                ownSubnets: selectors,
                ikeVersion: profile.ikev1
                    ? "crypto isakmp profile \(profile.name)" + (profile.aggressive ? ", initiate mode aggressive" : "")
                    : "crypto ikev2 profile \(profile.name)",
                ikeProposal: ike,
                ikeLifetime: "lifetime \(words.ikeLifetime)" + (profile.ikev1 ? " (crypto isakmp policy)" : " (crypto ikev2 profile)"),
                espProposal: "crypto ipsec transform-set \(words.transformSet.name) \(words.transformSet.transforms)"
                    + (words.pfs.map { ", set pfs \($0)" } ?? ", no set pfs (PFS off)"),
                espLifetime: "set security-association lifetime seconds \(words.espLifetime)",
                deadPeerDetection: profile.deadPeerDetection.map { (profile.ikev1 ? "keepalive " : "dpd ") + $0 } ?? "off",
                natTraversal: "automatic (UDP 4500 only behind NAT)",
                presharedKey: profile.ikev1
                    ? "crypto keyring \(profile.keyring): pre-shared-key address \(peer.address) key \(peer.key)"
                    : "crypto ikev2 keyring \(profile.keyring): peer \(peer.name) pre-shared-key local/remote \(peer.key)",
                tunnelInterface: vti.map { vti in
                    "interface Tunnel\(vti.number), " + (vti.address.map { "ip address \($0)" } ?? "ip unnumbered \(vti.wanInterface)")
                        + ", ip mtu \(vti.mtu), ip tcp adjust-mss \(vti.mss)"
                },
                bgp: neighbor.map { neighbor in
                    "router bgp \(context.bgp!.localASN): neighbor \(neighbor.address) remote-as \(neighbor.remoteASN), route-map \(neighbor.routeMapIn) in (local-preference \(neighbor.localPreference)), route-map \(neighbor.routeMapOut) out"
                        + (neighbor.prepend.map { " (as-path prepend \($0))" } ?? "")
                })
        }
    }
}

/// One tunnel's parameters in IOS words, with what IOS refuses or takes only behind a switch.
struct IOSTunnelWords {
    var ikev1: Bool
    var aggressive: Bool
    var isakmpPolicy: CiscoIOSDialect.ISAKMPPolicy?
    var ikev2Proposal: CiscoIOSDialect.IKEv2Proposal?
    var transformSet: CiscoIOSDialect.TransformSet
    var pfs: String?
    var ikeLifetime: Int
    var espLifetime: Int

    static let target = TargetName.ciscoIOS
    /// The switch IOS-XE 17.11.1 and later need for weak algorithms (field notice FN72510).
    static let complianceShield = "crypto engine compliance shield disable and a reload on IOS-XE 17.11.1 and later (field notice FN72510)"

    init(_ tunnel: PeerTunnel, diagnostics: DiagnosticCollector) throws {
        let target = Self.target
        ikev1 = tunnel.ikeVersion == .ikev1
        aggressive = ikev1 && tunnel.ikeMode == .aggressive
        let ike = tunnel.ike
        let esp = tunnel.esp
        func weak(_ field: ProposalField, _ value: String) {
            TargetLimitation.behindSwitch(field, of: tunnel, target: target, value: value, switchText: Self.complianceShield, diagnostics: diagnostics)
        }
        for (field, algorithm) in [(ProposalField.ikeEncryption, ike.encryption), (.espEncryption, esp.encryption)] {
            if algorithm == .sm4 { throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: target) }
            if [.des, .tripleDES].contains(algorithm) { weak(field, algorithm.rawValue) }
        }
        for (field, algorithm) in [(ProposalField.ikeIntegrity, ike.integrity), (.espIntegrity, esp.integrity)] {
            if algorithm == .sm3 { throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: target) }
            if algorithm == .md5 { weak(field, algorithm.rawValue) }
        }
        // IKEv1 policies keep group 24 after 17.11; IKEv2 proposals and PFS lose it too.
        let weakIKEGroups: [DHGroup] = ikev1 ? [.modp768, .modp1024, .modp1536] : [.modp768, .modp1024, .modp1536, .modp2048s256]
        if weakIKEGroups.contains(ike.dhGroup) { weak(.ikeGroup, "group\(ike.dhGroup.number)") }
        if let group = esp.pfsGroup, [.modp768, .modp1024, .modp1536, .modp2048s256].contains(group) { weak(.espGroup, "group\(group.number)") }

        ikeLifetime = try LifetimeField.ike.seconds(ike.lifetime, of: tunnel, target: target, range: ikev1 ? 60...86400 : 120...86400)
        espLifetime = try LifetimeField.esp.seconds(esp.lifetime, of: tunnel, target: target, range: 120...2_592_000)
        if ikev1 {
            let encryptions: [EncryptionAlgorithm] = [.aes128, .aes192, .aes256, .des, .tripleDES]
            let hashes: [IntegrityAlgorithm] = [.md5, .sha1, .sha256, .sha384, .sha512]
            let groups: [DHGroup] = [.modp768, .modp1024, .modp1536, .modp2048, .modp2048s256]
            let number = 100 + 25 * encryptions.firstIndex(of: ike.encryption)! + 5 * hashes.firstIndex(of: ike.integrity)! + groups.firstIndex(of: ike.dhGroup)!
            isakmpPolicy = CiscoIOSDialect.ISAKMPPolicy(
                number: number, encryption: Self.isakmpEncryption(ike.encryption), hash: Self.isakmpHash(ike.integrity), group: ike.dhGroup.number,
                lifetime: ikeLifetime)
            ikev2Proposal = nil
        } else {
            isakmpPolicy = nil
            let name = "GENPEER-\(Self.token(ike.encryption))-\(ike.integrity.rawValue.uppercased())-G\(ike.dhGroup.number)"
            ikev2Proposal = CiscoIOSDialect.IKEv2Proposal(
                name: name, encryption: Self.ikev2Encryption(ike.encryption), integrity: ike.integrity.rawValue, group: ike.dhGroup.number)
        }
        transformSet = CiscoIOSDialect.TransformSet(
            name: "GENPEER-ESP-\(Self.token(esp.encryption))-\(esp.integrity.rawValue.uppercased())",
            transforms: "\(Self.espEncryption(esp.encryption)) \(Self.espIntegrity(esp.integrity))")
        pfs = esp.pfsGroup.map { "group\($0.number)" }

        try TargetLimitation.checkKey(tunnel.presharedKey, of: tunnel, target: target, forbidden: "?", why: "\"?\" opens the CLI's help")
        try TargetLimitation.checkKeyIsNotAnEncryptionType(tunnel.presharedKey.secret, location: TargetLimitation.keyLocation(tunnel), target: target, what: "pre-shared key")
        if case .key(let key)? = tunnel.bgp?.authenticationKey {
            try CiscoKeys.checkBGPKey(key.secret, of: tunnel, target: target)
        }
    }

    static func token(_ encryption: EncryptionAlgorithm) -> String { encryption.rawValue.uppercased() }

    static func isakmpEncryption(_ encryption: EncryptionAlgorithm) -> String {
        switch encryption {
        case .aes128: return "aes"
        case .aes192: return "aes 192"
        case .aes256: return "aes 256"
        case .des: return "des"
        case .tripleDES: return "3des"
        case .sm4: preconditionFailure("refused before")
        }
    }

    static func isakmpHash(_ integrity: IntegrityAlgorithm) -> String {
        integrity == .sha1 ? "sha" : integrity.rawValue
    }

    static func ikev2Encryption(_ encryption: EncryptionAlgorithm) -> String {
        switch encryption {
        case .aes128: return "aes-cbc-128"
        case .aes192: return "aes-cbc-192"
        case .aes256: return "aes-cbc-256"
        case .des: return "des"
        case .tripleDES: return "3des"
        case .sm4: preconditionFailure("refused before")
        }
    }

    static func espEncryption(_ encryption: EncryptionAlgorithm) -> String {
        switch encryption {
        case .aes128: return "esp-aes"
        case .aes192: return "esp-aes 192"
        case .aes256: return "esp-aes 256"
        case .des: return "esp-des"
        case .tripleDES: return "esp-3des"
        case .sm4: preconditionFailure("refused before")
        }
    }

    static func espIntegrity(_ integrity: IntegrityAlgorithm) -> String {
        integrity == .sha1 ? "esp-sha-hmac" : "esp-\(integrity.rawValue)-hmac"
    }
}

/// Key checks the Cisco CLIs (IOS, ASA) share.
enum CiscoKeys {
    /// The BGP session key goes on a `neighbor … password` line: no `?`, not a lone digit.
    static func checkBGPKey(_ key: String, of tunnel: PeerTunnel, target: TargetName) throws {
        let location = tunnel.source.location.appending("AuthKey")
        if key.contains("?") {
            throw GenPeerError(
                .data,
                "the BGP AuthKey holds \"?\", which the \(target.rawValue) CLI cannot take (\"?\" opens the CLI's help); set a key without \"?\" on the Alibaba Cloud side (value not shown)",
                at: location)
        }
        try TargetLimitation.checkKeyIsNotAnEncryptionType(key, location: location, target: target, what: "BGP AuthKey")
    }
}

