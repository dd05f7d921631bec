/// H3C Comware 7 system-view commands (MSR routers, SecPath), one file per connection. IKEv1
/// runs through an `ike proposal`, `ike keychain` and `ike profile`; IKEv2 through its own
/// objects (`ikev2 proposal` offered by an `ikev2 policy`, `ikev2 keychain`, `ikev2 profile`),
/// which is how the IKE version is pinned. A policy-based single tunnel is an `ipsec policy`
/// with an ACL (one rule, one SA, per subnet pair) applied to the WAN interface with its NAT
/// ACL; route-based, dual-tunnel and BGP connections run each tunnel on an `interface Tunnel<n>
/// mode ipsec` protected by an `ipsec profile`, with static routes (`preference`) or eBGP.
struct H3CDialect: DeviceDialect {
    var title: String { "H3C Comware 7" }

    static let target = TargetName.h3c
    static let layout = FileLayout("h3c/{name}.cfg", folder: target.rawValue, entry: "h3c.cfg", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.layout] }

    /// Advanced ACLs are 3000-3999: the protected ACL is 3000+n, the NAT ACL 3500+n.
    static let numbers = 1...499
    static let policyGroup = "genpeer"
    static let protectedACLBase = 3000
    static let natACLBase = 3500
    /// `dpd interval 30 retry 3`: the second number is seconds between retries, not a count.
    static let dpdRetrySeconds = 3

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var tunnels: [Tunnel]
        var policyBased: VRPFamily.PolicyBased?
        var staticRoutes: VRPFamily.StaticRoutes?
        var bgp: VRPFamily.BGP?
    }

    struct Tunnel: Codable, Sendable {
        var label: String?
        var number: Int
        /// `genpeer<n>`: the tunnel's keychain, profiles, transform set and IPsec profile.
        var objectName: String
        var ikev1: IKEv1?
        var ikev2: IKEv2?
        var presharedKey: String
        var remoteAddress: String
        var localAddress: String?
        var espEncryption: String
        var espAuthentication: String
        var pfs: String?
        var espLifetime: Int
        var policy: VRPFamily.Policy?
        var interface: VRPFamily.Interface?
    }

    struct IKEv1: Codable, Sendable {
        var proposal: Int
        var encryption: String
        var authentication: String
        var dhGroup: String
        var lifetime: Int
        var exchangeMode: String
        /// `address 198.51.100.20` or `fqdn onprem.example.com`.
        var localIdentity: String
        /// `address 203.0.113.10 255.255.255.255` or `fqdn cloud.example.com`.
        var remoteIdentity: String
        var dpd: String?
    }

    struct IKEv2: Codable, Sendable {
        var encryption: String
        var integrity: String
        var prf: String
        var dhGroup: String
        var lifetime: Int
        var priority: Int
        /// `identity address 203.0.113.10` or `identity fqdn cloud.example.com` (keychain peer).
        var peerIdentity: String
        /// `address 198.51.100.20` or `fqdn onprem.example.com`.
        var localIdentity: String
        /// `address 203.0.113.10 32` or `fqdn cloud.example.com`.
        var remoteIdentity: String
        var dpd: String?
    }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        try VRPFamily.checkSelectorsFitTunnelInterfaces(connection, target: Self.target)
        var locals = DeviceLocal()
        let numbers = try VRPFamily.numbers(connection, options: options, target: Self.target, allowed: Self.numbers, why: "advanced ACLs are 3000-3999")
        let tunnels = try zip(connection.tunnels, numbers).map { try tunnel($0, number: $1, in: connection, options: options, locals: &locals) }
        var policyBased: VRPFamily.PolicyBased?
        if !connection.usesTunnelInterfaces {
            policyBased = VRPFamily.PolicyBased(
                policyGroup: Self.policyGroup, natACL: Self.natACLBase + numbers[0], natRules: VRPFamily.natRules(connection),
                wanInterface: locals.value(options.deviceLocals.wanInterface, default: nil, placeholder: DeviceLocal.wanInterface),
                lanInterface: locals.value(options.deviceLocals.lanInterface, default: nil, placeholder: DeviceLocal.lanInterface),
                mss: NormalizeOptions.alibabaMTU - 40)
        }
        var notes = PeerNotes.notes(for: connection, target: Self.target, answersAggressiveModeOnlyIfAllowed: false, rendersBGP: true, diagnostics: diagnostics)
        if let placeholders = DevicePlaceholder.note(locals.placeholders) { notes.insert(placeholders, at: 0) }
        notes += Self.notes(connection, numbers: numbers, diagnostics: diagnostics)
        let context = Context(
            header: VRPFamily.header(connection, notes: notes), tunnels: tunnels, policyBased: policyBased,
            staticRoutes: VRPFamily.staticRoutes(connection, interfaces: tunnels.compactMap(\.interface?.interfaceName)),
            bgp: try VRPFamily.bgp(connection, numbers: numbers, target: Self.target))
        return [DialectPart(Self.layout, name: connection.name, context: context)]
    }

    private static func notes(_ connection: PeerConnection, numbers: [Int], diagnostics: DiagnosticCollector) -> [String] {
        var notes: [String] = []
        if !connection.usesTunnelInterfaces {
            notes.append("NAT: ACL \(natACLBase + numbers[0]) keeps the subnet pairs untranslated; if the WAN interface already has a nat outbound whose ACL covers the on-premises subnets, add its deny rules in front of that ACL's permit rules instead")
        }
        if connection.tunnels.contains(where: { $0.deadPeerDetection }) {
            notes.append("DPD: dpd interval \(DeadPeerDetection.delaySeconds) retry \(dpdRetrySeconds) periodic probes every \(DeadPeerDetection.delaySeconds) s and retries every \(dpdRetrySeconds) s; Comware has no retry count")
        }
        notes.append("NAT traversal: Comware 7 detects NAT and switches to UDP 4500 by itself (no switch)")
        if connection.isDualTunnel && !connection.hasBGP {
            notes.append("without BGP the slave's routes (preference \(VRPFamily.slavePreference)) take over only while the master's tunnel interface is down; bind the master's routes to an NQA track through the tunnel for a failover on a dead SA")
        }
        let ikev2 = connection.tunnels.filter { $0.ikeVersion == .ikev2 }
        if ikev2.count > 1, ikev2.dropFirst().contains(where: { $0.ike != ikev2[0].ike }), Set(ikev2.map(\.local.address)).count < ikev2.count {
            let note = "the tunnels' IKEv2 proposals differ and their local addresses do not tell their ikev2 policies apart: Comware offers the first matching policy's proposal on both; give each tunnel its own --local-address"
            diagnostics.warn(note, at: connection.source)
            notes.append(note)
        }
        return notes
    }

    private func tunnel(_ tunnel: PeerTunnel, number: Int, in connection: PeerConnection, options: RenderOptions, locals: inout DeviceLocal) throws -> Tunnel {
        try TargetLimitation.checkKey(
            tunnel.presharedKey, of: tunnel, target: Self.target, forbidden: VRPFamily.forbiddenKeyCharacters,
            why: "\"?\" opens the online help and \"\\\"\" starts a quoted argument")
        let vocabulary = Vocabulary(tunnel: tunnel)
        let objectName = "genpeer\(number)"
        let dpd = tunnel.deadPeerDetection ? "dpd interval \(DeadPeerDetection.delaySeconds) retry \(Self.dpdRetrySeconds) periodic" : nil
        var ikev1: IKEv1?
        var ikev2: IKEv2?
        if tunnel.ikeVersion == .ikev1 {
            _ = try LifetimeField.ike.seconds(tunnel.ike.lifetime, of: tunnel, target: Self.target, range: 60...604800)
            ikev1 = IKEv1(
                proposal: number, encryption: try vocabulary.encryption(tunnel.ike.encryption, field: .ikeEncryption),
                authentication: try vocabulary.ikev1Hash(tunnel.ike.integrity), dhGroup: "group\(tunnel.ike.dhGroup.number)",
                lifetime: tunnel.ike.lifetime.seconds, exchangeMode: tunnel.ikeMode.rawValue,
                localIdentity: Self.identity(tunnel.local.id, mask: nil),
                remoteIdentity: Self.identity(tunnel.remote.id, mask: "255.255.255.255"), dpd: dpd)
        } else {
            _ = try LifetimeField.ike.seconds(tunnel.ike.lifetime, of: tunnel, target: Self.target, range: 120...86400)
            let integrity = try vocabulary.hash(tunnel.ike.integrity, field: .ikeIntegrity)
            ikev2 = IKEv2(
                encryption: try vocabulary.encryption(tunnel.ike.encryption, field: .ikeEncryption), integrity: integrity, prf: integrity,
                dhGroup: "group\(tunnel.ike.dhGroup.number)", lifetime: tunnel.ike.lifetime.seconds, priority: number,
                peerIdentity: Self.identity(tunnel.remote.id, mask: nil),
                localIdentity: Self.identity(tunnel.local.id, mask: nil),
                remoteIdentity: Self.identity(tunnel.remote.id, mask: "32"), dpd: dpd)
        }
        _ = try LifetimeField.esp.seconds(tunnel.esp.lifetime, of: tunnel, target: Self.target, range: 180...604800)
        var policy: VRPFamily.Policy?
        var interface: VRPFamily.Interface?
        if let tunnelInterface = tunnel.interface {
            let wan = options.deviceLocals.wanInterface
            interface = VRPFamily.Interface(
                interfaceName: "Tunnel\(number)",
                description: VRPFamily.description(tunnel, in: connection),
                mtu: tunnelInterface.mtu, mss: tunnelInterface.tcpMSS,
                address: tunnelInterface.address.map(VRPFamily.masked),
                unnumbered: tunnelInterface.address == nil ? locals.value(wan, default: nil, placeholder: DeviceLocal.wanInterface) : nil,
                source: wan ?? tunnel.local.address?.description ?? locals.value(nil, default: nil, placeholder: DeviceLocal.wanInterface),
                destination: tunnel.remote.address.description)
        } else {
            policy = VRPFamily.Policy(
                acl: Self.protectedACLBase + number, rules: VRPFamily.protectedRules(connection.subnetPairs), policyGroup: Self.policyGroup, sequence: number)
        }
        return Tunnel(
            label: VRPFamily.label(tunnel, in: connection), number: number, objectName: objectName,
            ikev1: ikev1, ikev2: ikev2, presharedKey: tunnel.presharedKey.secret,
            remoteAddress: tunnel.remote.address.description, localAddress: tunnel.local.address?.description,
            espEncryption: try vocabulary.encryption(tunnel.esp.encryption, field: .espEncryption),
            espAuthentication: try vocabulary.hash(tunnel.esp.integrity, field: .espIntegrity),
            pfs: tunnel.esp.pfsGroup.map { "dh-group\($0.number)" }, espLifetime: tunnel.esp.lifetime.seconds,
            policy: policy, interface: interface)
    }

    /// `address 203.0.113.10` (with `mask` when given) or `fqdn cloud.example.com`.
    static func identity(_ identity: Identity, mask: String?) -> String {
        switch identity {
        case .ipv4(let address): return "address \(address)" + (mask.map { " \($0)" } ?? "")
        case .fqdn(let name): return "fqdn \(name)"
        }
    }

    /// The Comware 7 keywords (vendor-syntax.md §9.3): `des-cbc`, `sha` for SHA-1 in IKEv1
    /// only, every DH group including 24.
    struct Vocabulary {
        var tunnel: PeerTunnel

        func encryption(_ algorithm: EncryptionAlgorithm, field: ProposalField) throws -> String {
            switch algorithm {
            case .aes128: return "aes-cbc-128"
            case .aes192: return "aes-cbc-192"
            case .aes256: return "aes-cbc-256"
            case .des: return "des-cbc"
            case .tripleDES: return "3des-cbc"
            case .sm4: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: H3CDialect.target)
            }
        }

        /// ESP and IKEv2: `sha1` for SHA-1.
        func hash(_ algorithm: IntegrityAlgorithm, field: ProposalField) throws -> String {
            switch algorithm {
            case .md5: return "md5"
            case .sha1: return "sha1"
            case .sha256: return "sha256"
            case .sha384: return "sha384"
            case .sha512: return "sha512"
            case .sm3: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: H3CDialect.target)
            }
        }

        /// IKEv1 `authentication-algorithm`: `sha` for SHA-1.
        func ikev1Hash(_ algorithm: IntegrityAlgorithm) throws -> String {
            algorithm == .sha1 ? "sha" : try hash(algorithm, field: .ikeIntegrity)
        }
    }

    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings] {
        var locals = DeviceLocal()
        let numbers = try VRPFamily.numbers(connection, options: options, target: Self.target, allowed: Self.numbers, why: "advanced ACLs are 3000-3999")
        return try zip(connection.tunnels, numbers).map { peerTunnel, number in
            let context = try tunnel(peerTunnel, number: number, in: connection, options: options, locals: &locals)
            let name = context.objectName
            let ike: (version: String, proposal: String, lifetime: String, local: String, remote: String, dpd: String?, key: String)
            if let v1 = context.ikev1 {
                ike = (
                    "ike profile \(name), exchange-mode \(v1.exchangeMode)",
                    "ike proposal \(v1.proposal): encryption-algorithm \(v1.encryption), authentication-algorithm \(v1.authentication), dh \(v1.dhGroup)",
                    "sa duration \(v1.lifetime)", "local-identity \(v1.localIdentity)", "match remote identity \(v1.remoteIdentity)", v1.dpd,
                    "ike keychain \(name): pre-shared-key address \(context.remoteAddress) 255.255.255.255 key simple \(context.presharedKey)")
            } else {
                let v2 = context.ikev2!
                ike = (
                    "ikev2 profile \(name)",
                    "ikev2 proposal \(name): encryption \(v2.encryption), integrity \(v2.integrity), prf \(v2.prf), dh \(v2.dhGroup)",
                    "sa duration \(v2.lifetime)", "identity local \(v2.localIdentity)", "match remote identity \(v2.remoteIdentity)", v2.dpd,
                    "ikev2 keychain \(name): pre-shared-key plaintext \(context.presharedKey)")
            }
            return DeviceSettings(
                cloudAddress: "remote-address \(context.remoteAddress)",
                ownAddress: context.localAddress.map { "local-address \($0)" } ?? context.interface.map { "source \($0.source)" } ?? "the WAN interface's address",
                cloudIdentity: ike.remote, ownIdentity: ike.local,
                cloudSubnets: VRPFamily.selectors(context.policy, interface: context.interface, cloudSide: true, aclCommand: "acl advanced"),
                ownSubnets: VRPFamily.selectors(context.policy, interface: context.interface, cloudSide: false, aclCommand: "acl advanced"),
                ikeVersion: ike.version, ikeProposal: ike.proposal, ikeLifetime: ike.lifetime,
                espProposal: "ipsec transform-set \(name): esp encryption-algorithm \(context.espEncryption), esp authentication-algorithm \(context.espAuthentication), " + (context.pfs.map { "pfs \($0)" } ?? "no pfs"),
                espLifetime: "sa duration time-based \(context.espLifetime)",
                deadPeerDetection: ike.dpd ?? "off",
                natTraversal: "automatic (Comware 7)",
                presharedKey: ike.key,
                tunnelInterface: context.interface.map { "\($0.interfaceName) mode ipsec (\($0.address ?? "unnumbered"), ipsec profile \(name))" },
                bgp: peerTunnel.bgp.map { "bgp \($0.localASN): peer \($0.remoteAddress) as-number \($0.remoteASN)" })
        }
    }
}
