/// Huawei VRP system-view commands for AR routers (VRP5, V200R008 and later), one file per
/// connection. A policy-based single tunnel is an `ipsec policy` with an ACL (one rule, and so
/// one SA, per subnet pair) applied to the WAN interface, with the NAT ACL that keeps the pairs
/// untranslated; route-based, dual-tunnel and BGP connections run each tunnel on its own
/// `tunnel-protocol ipsec` tunnel interface with an `ipsec profile`, static routes with
/// `preference` or eBGP with route policies that prefer the master. USG firewalls differ in a
/// few commands: the file says which.
struct HuaweiDialect: DeviceDialect {
    var title: String { "Huawei VRP (AR routers)" }

    static let target = TargetName.huawei
    static let layout = FileLayout("huawei/{name}.cfg", folder: target.rawValue, entry: "huawei.cfg", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.layout] }

    /// Objects numbered per tunnel: the IKE proposal (1-99 on AR) bounds the numbers.
    static let numbers = 1...99
    /// `ipsec policy` group applied to the WAN interface: one group per interface, so every
    /// connection's policies join it under their own sequence numbers.
    static let policyGroup = "genpeer"
    /// The ACL number ranges: advanced ACLs are 3000-3999.
    static let protectedACLBase = 3000
    static let natACLBase = 3500

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        /// `ipsec authentication sha2 compatible enable`: any ESP proposal uses SHA-2.
        var sha2Compatible: Bool
        var tunnels: [Tunnel]
        var policyBased: VRPFamily.PolicyBased?
        var staticRoutes: VRPFamily.StaticRoutes?
        var bgp: VRPFamily.BGP?
    }

    struct Tunnel: Codable, Sendable {
        var label: String?
        var number: Int
        /// `genpeer<n>`: the IKE peer, IPsec proposal and profile (AR names take 1-15 characters).
        var objectName: String
        var ikeEncryption: String
        var dhGroup: String
        /// IKEv1 `authentication-algorithm`.
        var authenticationAlgorithm: String?
        /// IKEv2 `integrity-algorithm` and `prf`.
        var integrityAlgorithm: String?
        var prf: String?
        var ikeLifetime: Int
        /// `undo version 2` for IKEv1, `undo version 1` for IKEv2: both run by default.
        var undoVersion: Int
        var exchangeMode: String?
        var presharedKey: String
        var localIdType: String
        var localId: String?
        var remoteIdType: String
        var remoteId: String
        var localAddress: String?
        var remoteAddress: String
        var natTraversal: Bool
        var dpdIdleTime: Int?
        var espEncryption: String
        var espAuthentication: String
        var pfs: String?
        var espLifetime: Int
        var policy: VRPFamily.Policy?
        var interface: VRPFamily.Interface?
    }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        try VRPFamily.checkSelectorsFitTunnelInterfaces(connection, target: Self.target)
        var locals = DeviceLocal()
        let numbers = try VRPFamily.numbers(connection, options: options, target: Self.target, allowed: Self.numbers, why: "ike proposal numbers are 1-99")
        let tunnels = try zip(connection.tunnels, numbers).map { try tunnel($0, number: $1, in: connection, options: options, locals: &locals) }
        var policyBased: VRPFamily.PolicyBased?
        if !connection.usesTunnelInterfaces {
            policyBased = VRPFamily.PolicyBased(
                policyGroup: Self.policyGroup, natACL: Self.natACLBase + numbers[0], natRules: VRPFamily.natRules(connection),
                wanInterface: locals.value(options.deviceLocals.wanInterface, default: nil, placeholder: DeviceLocal.wanInterface),
                lanInterface: locals.value(options.deviceLocals.lanInterface, default: nil, placeholder: DeviceLocal.lanInterface),
                mss: NormalizeOptions.alibabaMTU - 40)
        }
        let context = Context(
            header: VRPFamily.header(connection, notes: notes(connection, tunnels: tunnels, locals: locals, diagnostics: diagnostics)),
            sha2Compatible: connection.tunnels.contains { [.sha256, .sha384, .sha512].contains($0.esp.integrity) },
            tunnels: tunnels, policyBased: policyBased,
            staticRoutes: VRPFamily.staticRoutes(connection, interfaces: tunnels.compactMap(\.interface?.interfaceName)),
            bgp: try VRPFamily.bgp(connection, numbers: numbers, target: Self.target))
        return [DialectPart(Self.layout, name: connection.name, context: context)]
    }

    private func notes(_ connection: PeerConnection, tunnels: [Tunnel], locals: DeviceLocal, diagnostics: DiagnosticCollector) -> [String] {
        var notes = PeerNotes.notes(for: connection, target: Self.target, answersAggressiveModeOnlyIfAllowed: false, rendersBGP: true, diagnostics: diagnostics)
        if let placeholders = DevicePlaceholder.note(locals.placeholders) { notes.insert(placeholders, at: 0) }
        if !connection.usesTunnelInterfaces {
            notes.append("NAT: ACL \(Self.natACLBase + tunnels[0].number) keeps the subnet pairs untranslated; if the WAN interface already has a nat outbound whose ACL covers the on-premises subnets, add its deny rules in front of that ACL's permit rules instead")
        }
        if connection.isDualTunnel && !connection.hasBGP {
            notes.append("without BGP the slave's routes (preference \(VRPFamily.slavePreference)) take over only while the master's tunnel interface is down; bind the master's routes to an NQA test through the tunnel (ip route-static ... track nqa) for a failover on a dead SA")
        }
        if connection.tunnels.contains(where: { $0.deadPeerDetection == false }) {
            notes.append("DPD is off at the cloud: the ike peer keeps VRP's default (no DPD)")
        }
        notes.append(Self.usgNote(connection))
        return notes
    }

    /// What a USG firewall (VRP on the firewall line) wants instead.
    static func usgNote(_ connection: PeerConnection) -> String {
        let weak = connection.tunnels.contains { tunnel in
            [tunnel.ike.encryption, tunnel.esp.encryption].contains { [.des, .tripleDES].contains($0) }
                || [tunnel.ike.integrity, tunnel.esp.integrity].contains { [.md5, .sha1].contains($0) }
                || ([tunnel.ike.dhGroup] + [tunnel.esp.pfsGroup].compactMap { $0 }).contains { [.modp768, .modp1024, .modp1536].contains($0) }
        }
        return "written for AR routers; on a USG firewall use ipsec sha2 compatible enable, pre-shared-key KEY (no cipher keyword) and DPD in system view (ike dpd type periodic, ike dpd idle-time)"
            + (weak ? "; the weak algorithms of this connection (MD5, SHA-1, DES, 3DES, groups 1/2/5) need the USG's weak-algorithm component package (WEAKEA)" : "")
    }

    private func tunnel(_ tunnel: PeerTunnel, number: Int, in connection: PeerConnection, options: RenderOptions, locals: inout DeviceLocal) throws -> Tunnel {
        try Self.checkKey(tunnel)
        let isIKEv1 = tunnel.ikeVersion == .ikev1
        let vocabulary = Vocabulary(tunnel: tunnel)
        _ = try LifetimeField.ike.seconds(tunnel.ike.lifetime, of: tunnel, target: Self.target, range: 60...604800)
        _ = try LifetimeField.esp.seconds(tunnel.esp.lifetime, of: tunnel, target: Self.target, range: 30...604800)
        let objectName = "genpeer\(number)"
        var policy: VRPFamily.Policy?
        var interface: VRPFamily.Interface?
        if let tunnelInterface = tunnel.interface {
            let wan = options.deviceLocals.wanInterface
            interface = VRPFamily.Interface(
                interfaceName: "Tunnel0/0/\(number)",
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
            label: VRPFamily.label(tunnel, in: connection),
            number: number, objectName: objectName,
            ikeEncryption: try vocabulary.encryption(tunnel.ike.encryption, field: .ikeEncryption),
            dhGroup: "group\(try vocabulary.group(tunnel.ike.dhGroup, field: .ikeGroup))",
            authenticationAlgorithm: isIKEv1 ? try vocabulary.hash(tunnel.ike.integrity, field: .ikeIntegrity) : nil,
            integrityAlgorithm: isIKEv1 ? nil : try vocabulary.integrity(tunnel.ike.integrity),
            prf: isIKEv1 ? nil : try vocabulary.prf(tunnel.ike.integrity),
            ikeLifetime: tunnel.ike.lifetime.seconds,
            undoVersion: isIKEv1 ? 2 : 1,
            exchangeMode: isIKEv1 ? tunnel.ikeMode.rawValue : nil,
            presharedKey: tunnel.presharedKey.secret,
            localIdType: Self.idType(tunnel.local.id), localId: Self.fqdn(tunnel.local.id),
            remoteIdType: Self.idType(tunnel.remote.id), remoteId: tunnel.remote.id.description,
            localAddress: tunnel.local.address?.description, remoteAddress: tunnel.remote.address.description,
            natTraversal: tunnel.natTraversal,
            dpdIdleTime: tunnel.deadPeerDetection ? DeadPeerDetection.delaySeconds : nil,
            espEncryption: try vocabulary.encryption(tunnel.esp.encryption, field: .espEncryption),
            espAuthentication: try vocabulary.hash(tunnel.esp.integrity, field: .espIntegrity),
            pfs: try tunnel.esp.pfsGroup.map { "dh-group\(try vocabulary.group($0, field: .espGroup))" },
            espLifetime: tunnel.esp.lifetime.seconds,
            policy: policy, interface: interface)
    }

    static func idType(_ identity: Identity) -> String {
        if case .fqdn = identity { return "fqdn" }
        return "ip"
    }

    static func fqdn(_ identity: Identity) -> String? {
        if case .fqdn(let name) = identity { return name }
        return nil
    }

    /// VRP reads a plain-text password that starts and ends with one of these markers as its own
    /// cipher text, so a key starting with one is refused.
    static let cipherMarkers = ["%^%#", "%@%@", "@%@%", "%#%#", "%$%$"]

    static func checkKey(_ tunnel: PeerTunnel) throws {
        try TargetLimitation.checkKey(
            tunnel.presharedKey, of: tunnel, target: target, forbidden: VRPFamily.forbiddenKeyCharacters,
            why: "\"?\" opens the online help and \"\\\"\" starts a quoted argument")
        let key = tunnel.presharedKey
        if !key.isRedacted, let marker = cipherMarkers.first(where: { key.secret.hasPrefix($0) }) {
            throw GenPeerError(
                .data,
                "the pre-shared key starts with \"\(marker)\", which VRP reads as the start of its own cipher text; set a key that does not start with \(cipherMarkers.joined(separator: ", ")) on the Alibaba Cloud side (value not shown)",
                at: SourceLocation(file: tunnel.source.file, path: tunnel.source.ikeConfigPath).appending("Psk"))
        }
    }

    /// The AR V200R008+ keywords (vendor-syntax.md §8.3).
    struct Vocabulary {
        var tunnel: PeerTunnel

        func encryption(_ algorithm: EncryptionAlgorithm, field: ProposalField) throws -> String {
            switch algorithm {
            case .aes128: return "aes-128"
            case .aes192: return "aes-192"
            case .aes256: return "aes-256"
            case .des: return "des"
            case .tripleDES: return "3des"
            case .sm4: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: HuaweiDialect.target)
            }
        }

        /// IKEv1 `authentication-algorithm` and ESP `esp authentication-algorithm`.
        func hash(_ algorithm: IntegrityAlgorithm, field: ProposalField) throws -> String {
            switch algorithm {
            case .md5: return "md5"
            case .sha1: return "sha1"
            case .sha256: return "sha2-256"
            case .sha384: return "sha2-384"
            case .sha512: return "sha2-512"
            case .sm3: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: HuaweiDialect.target)
            }
        }

        func integrity(_ algorithm: IntegrityAlgorithm) throws -> String {
            switch algorithm {
            case .md5: return "hmac-md5-96"
            case .sha1: return "hmac-sha1-96"
            default: return "hmac-" + (try hash(algorithm, field: .ikeIntegrity))
            }
        }

        func prf(_ algorithm: IntegrityAlgorithm) throws -> String {
            "hmac-" + (try hash(algorithm, field: .ikeIntegrity))
        }

        /// The group number for `dh group<n>` and `pfs dh-group<n>`; AR's command reference has
        /// no group 24.
        func group(_ group: DHGroup, field: ProposalField) throws -> Int {
            guard group != .modp2048s256 else {
                throw TargetLimitation.unsupported(
                    field, of: tunnel, target: HuaweiDialect.target, value: "group24",
                    why: "the AR command reference offers DH groups 1, 2, 5 and 14 (and ECP groups), no group 24", fix: "group14")
            }
            return group.number
        }
    }

    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings] {
        var locals = DeviceLocal()
        let numbers = try VRPFamily.numbers(connection, options: options, target: Self.target, allowed: Self.numbers, why: "ike proposal numbers are 1-99")
        return try zip(connection.tunnels, numbers).map { peerTunnel, number in
            let context = try tunnel(peerTunnel, number: number, in: connection, options: options, locals: &locals)
            let ikeAlgorithms = [
                "encryption-algorithm \(context.ikeEncryption)", context.authenticationAlgorithm.map { "authentication-algorithm \($0)" },
                context.integrityAlgorithm.map { "integrity-algorithm \($0)" }, context.prf.map { "prf \($0)" }, "dh \(context.dhGroup)",
            ].compactMap { $0 }
            return DeviceSettings(
                cloudAddress: "ike peer \(context.objectName): remote-address \(context.remoteAddress)",
                ownAddress: context.localAddress.map { "local-address \($0)" } ?? context.interface.map { "source \($0.source)" } ?? "the WAN interface's address",
                cloudIdentity: "remote-id-type \(context.remoteIdType), remote-id \(context.remoteId)",
                ownIdentity: "local-id-type \(context.localIdType)" + (context.localId.map { ", local-id \($0)" } ?? ""),
                cloudSubnets: VRPFamily.selectors(context.policy, interface: context.interface, cloudSide: true, aclCommand: "acl number"),
                ownSubnets: VRPFamily.selectors(context.policy, interface: context.interface, cloudSide: false, aclCommand: "acl number"),
                ikeVersion: "undo version \(context.undoVersion)" + (context.exchangeMode.map { ", exchange-mode \($0)" } ?? ""),
                ikeProposal: "ike proposal \(context.number): " + ikeAlgorithms.joined(separator: ", "),
                ikeLifetime: "sa duration \(context.ikeLifetime)",
                espProposal: "ipsec proposal \(context.objectName): esp encryption-algorithm \(context.espEncryption), esp authentication-algorithm \(context.espAuthentication), " + (context.pfs.map { "pfs \($0)" } ?? "no pfs"),
                espLifetime: "sa duration time-based \(context.espLifetime)",
                deadPeerDetection: context.dpdIdleTime.map { "dpd type periodic, dpd idle-time \($0)" } ?? "off",
                natTraversal: context.natTraversal ? "nat traversal" : "undo nat traversal",
                presharedKey: "pre-shared-key cipher \(context.presharedKey)",
                tunnelInterface: context.interface.map { "\($0.interfaceName) (\($0.address ?? "unnumbered"), ipsec profile \(context.objectName))" },
                bgp: peerTunnel.bgp.map { "bgp \($0.localASN): peer \($0.remoteAddress) as-number \($0.remoteASN)" })
        }
    }
}
