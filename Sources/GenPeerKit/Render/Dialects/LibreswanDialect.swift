/// Libreswan ipsec.conf conn sections and ipsec.secrets entries, one pair of files per
/// connection under ipsec.d/, in keywords that Libreswan 4.x and 5.x both read. Route-based,
/// dual-tunnel and BGP connections put each tunnel on its own XFRM interface
/// (`ipsec-interface=N`, Libreswan 3.30 and later), with the shared Linux host setup giving the
/// interface its inside address (Libreswan 5's `interface-ip=` is not used, so one file serves
/// both versions) and, for BGP, the routing daemon's configuration beside it.
struct LibreswanDialect: DeviceDialect {
    var title: String { "Libreswan (ipsec.conf)" }

    static let target = TargetName.libreswan
    static let conn = FileLayout("ipsec.d/{name}.conf", folder: target.rawValue, entry: "conn", context: Context.self)
    static let secrets = FileLayout("ipsec.d/{name}.secrets", folder: target.rawValue, entry: "secrets", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.conn, Self.secrets] + LinuxHostSetup.layouts }

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var conns: [Conn]
        var secrets: [SecretEntry]
    }

    struct Conn: Codable, Sendable {
        var name: String
        var label: String?
        var ikev2: String
        var aggressive: Bool
        var left: String
        var leftid: String
        /// One subnet: `leftsubnet=`; several: `leftsubnets={...}`, one Child SA per pair.
        var leftsubnet: String?
        var leftsubnets: String?
        var right: String
        var rightid: String
        var rightsubnet: String?
        var rightsubnets: String?
        var ike: String
        var esp: String
        var pfs: String
        var ikelifetime: String
        var salifetime: String
        var rekeymargin: String
        var dpddelay: String?
        var dpdtimeout: String?
        var dpdaction: String?
        var encapsulation: String
        var auto: String
        /// The XFRM interface number (`ipsec-interface=`), for tunnels on an interface.
        var ipsecInterface: Int?
        var updown: String?
    }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        var notes = PeerNotes.notes(
            for: connection, target: Self.target, answersAggressiveModeOnlyIfAllowed: false, rendersBGP: options.routing != .none,
            diagnostics: diagnostics)
        let conns = try connection.tunnels.map { try conn($0, in: connection) }
        if connection.tunnels.contains(where: { $0.ikeVersion == .ikev2 }) && !connection.isRouteBased && connection.subnetPairs.count > 1 {
            let note = "Libreswan 4.x cannot put several subnets in one Child SA: each conn negotiates one Child SA per subnet pair (\(connection.subnetPairs.count)) over one IKE SA, where Alibaba uses one SA for all"
            diagnostics.warn(note, at: connection.source.appending("LocalSubnet"))
            notes.append(note)
        }
        if let ikev1 = connection.tunnels.first(where: { $0.ikeVersion == .ikev1 }) {
            let note = "IKEv1: Libreswan loads this conn only with ikev1-policy=accept in the config setup section of ipsec.conf"
            diagnostics.warn(note, at: SourceLocation(file: ikev1.source.file, path: ikev1.source.ikeConfigPath).appending("IkeVersion"))
            notes.append(note)
        }
        if connection.usesTunnelInterfaces {
            notes.append("each tunnel runs on its own XFRM interface (ipsec-interface=N, Libreswan 3.30 and later; 5.x could also set the address with interface-ip=): give it its inside address with the files under systemd/network/ or genpeer/\(connection.name)-setup.sh")
        }
        let header = ConnectionHeader(connection, notes: notes)
        let context = Context(header: header, conns: conns, secrets: connection.tunnels.map { SecretEntry($0, identity: IPsecConfVocabulary.identity) })
        return [
            DialectPart(Self.conn, name: connection.name, context: context),
            DialectPart(Self.secrets, name: connection.name, context: context),
        ] + LinuxHostSetup.parts(for: connection, header: header)
            + (try RoutingDaemonParts.parts(for: connection, options: options, diagnostics: diagnostics))
    }

    private func conn(_ tunnel: PeerTunnel, in connection: PeerConnection) throws -> Conn {
        let isIKEv1 = tunnel.ikeVersion == .ikev1
        let ike = tunnel.ike
        let esp = tunnel.esp
        let ikeProposal = try Self.proposal(ike.encryption, ike.integrity, ike.dhGroup, fields: (.ikeEncryption, .ikeIntegrity, .ikeGroup), tunnel)
        let espProposal = try Self.proposal(esp.encryption, esp.integrity, esp.pfsGroup, fields: (.espEncryption, .espIntegrity, .espGroup), tunnel)
        let margin = min(ike.lifetime.rekeyMargin, esp.lifetime.rekeyMargin)
        let actions = Self.actions(connection)
        // Several subnets: leftsubnets={...}, which Libreswan expands into one Child SA per pair.
        let selectors = SelectorPlan(tunnel, in: connection)
        let (leftsubnet, leftsubnets) = Self.subnets(selectors.local)
        let (rightsubnet, rightsubnets) = Self.subnets(selectors.remote)
        return Conn(
            name: tunnel.name,
            label: TunnelLabel.comment(tunnel, in: connection),
            ikev2: isIKEv1 ? "no" : "yes",
            aggressive: isIKEv1 && tunnel.ikeMode == .aggressive,
            left: tunnel.local.address?.description ?? "%defaultroute",
            leftid: IPsecConfVocabulary.identity(tunnel.local.id),
            leftsubnet: leftsubnet,
            leftsubnets: leftsubnets,
            right: tunnel.remote.address.description,
            rightid: IPsecConfVocabulary.identity(tunnel.remote.id),
            rightsubnet: rightsubnet,
            rightsubnets: rightsubnets,
            ike: ikeProposal,
            esp: espProposal,
            pfs: esp.pfsGroup == nil ? "no" : "yes",
            ikelifetime: "\(ike.lifetime.seconds)s",
            salifetime: "\(esp.lifetime.seconds)s",
            rekeymargin: "\(margin)s",
            dpddelay: tunnel.deadPeerDetection ? "\(DeadPeerDetection.delaySeconds)" : nil,
            // IKEv2 liveness gives up by retransmit-timeout; Libreswan warns about dpdtimeout there.
            dpdtimeout: tunnel.deadPeerDetection && isIKEv1 ? "\(DeadPeerDetection.timeoutSeconds)" : nil,
            dpdaction: tunnel.deadPeerDetection ? actions.dpd : nil,
            encapsulation: tunnel.natTraversal ? "auto" : "no",
            auto: actions.auto,
            ipsecInterface: tunnel.interface?.id,
            updown: LinuxHostSetup.updownPath(connection))
    }

    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings] {
        try connection.tunnels.map { tunnel in
            let conn = try conn(tunnel, in: connection)
            let secret = SecretEntry(tunnel, identity: IPsecConfVocabulary.identity)
            return DeviceSettings(
                cloudAddress: "right=\(conn.right)",
                ownAddress: "left=\(conn.left)",
                cloudIdentity: "rightid=\(conn.rightid)",
                ownIdentity: "leftid=\(conn.leftid)",
                cloudSubnets: conn.rightsubnet.map { "rightsubnet=\($0)" } ?? "rightsubnets=\(conn.rightsubnets ?? "")",
                ownSubnets: conn.leftsubnet.map { "leftsubnet=\($0)" } ?? "leftsubnets=\(conn.leftsubnets ?? "")",
                ikeVersion: "ikev2=\(conn.ikev2)" + (conn.aggressive ? ", aggressive=yes" : ""),
                ikeProposal: "ike=\(conn.ike)",
                ikeLifetime: "ikelifetime=\(conn.ikelifetime), rekeymargin=\(conn.rekeymargin)",
                espProposal: "esp=\(conn.esp), pfs=\(conn.pfs)",
                espLifetime: "salifetime=\(conn.salifetime), rekeymargin=\(conn.rekeymargin)",
                deadPeerDetection: conn.dpddelay.map { "dpddelay=\($0)" + (conn.dpdaction.map { ", dpdaction=\($0)" } ?? "") } ?? "off",
                natTraversal: "encapsulation=\(conn.encapsulation)",
                presharedKey: "ipsec.secrets: \(secret.localId) \(secret.remoteId) : PSK \(secret.value)",
                tunnelInterface: tunnel.interface.map { "ipsec-interface=\($0.id) (\($0.name)\($0.address.map { " \($0)" } ?? ""))" },
                bgp: nil)
        }
    }

    /// `ENC-INTEG;GROUP` (or `ENC-INTEG` without PFS). Libreswan 4.x and 5.x are built without
    /// single DES, modp768, modp1024 and modp2048s256: those are errors that say what to change.
    private static func proposal(
        _ encryption: EncryptionAlgorithm, _ integrity: IntegrityAlgorithm, _ group: DHGroup?,
        fields: (ProposalField, ProposalField, ProposalField), _ tunnel: PeerTunnel
    ) throws -> String {
        let encryptionKeyword: String
        switch encryption {
        case .aes128: encryptionKeyword = "aes128"
        case .aes192: encryptionKeyword = "aes192"
        case .aes256: encryptionKeyword = "aes256"
        case .tripleDES: encryptionKeyword = "3des"
        case .des: throw unsupported("des", "single DES", field: fields.0, fix: "aes (or aes256)", tunnel)
        case .sm4: throw TargetLimitation.shangMi(field: fields.0, tunnel: tunnel, target: target)
        }
        let integrityKeyword: String
        switch integrity {
        case .md5: integrityKeyword = "md5"
        case .sha1: integrityKeyword = "sha1"
        case .sha256: integrityKeyword = "sha2_256"
        case .sha384: integrityKeyword = "sha2_384"
        case .sha512: integrityKeyword = "sha2_512"
        case .sm3: throw TargetLimitation.shangMi(field: fields.1, tunnel: tunnel, target: target)
        }
        let base = "\(encryptionKeyword)-\(integrityKeyword)"
        guard let group else { return base }
        switch group {
        case .modp1536: return base + ";modp1536"
        case .modp2048: return base + ";modp2048"
        case .modp768, .modp1024, .modp2048s256:
            throw unsupported(AlibabaVocabulary.token(for: group), group.rawValue, field: fields.2, fix: "group14 (or group5)", tunnel)
        }
    }

    private static func unsupported(_ token: String, _ algorithm: String, field: ProposalField, fix: String, _ tunnel: PeerTunnel) -> GenPeerError {
        GenPeerError(
            .data,
            "the libreswan target cannot use \"\(token)\": Libreswan 4.x and 5.x are built without \(algorithm); "
                + "set \(field.alibabaName) to \(fix) on the Alibaba Cloud side",
            at: tunnel.source.location(of: field))
    }

    /// `leftsubnet=` for one subnet; `leftsubnets={a b}` for several, which Libreswan 4.x and 5.x
    /// both expand into one Child SA per (left, right) pair.
    private static func subnets(_ networks: [IPv4Network]) -> (single: String?, several: String?) {
        networks.count == 1 ? (networks[0].description, nil) : (nil, "{" + networks.map(\.description).joined(separator: " ") + "}")
    }

    /// A tunnel interface is reached only once its tunnel is up, so its tunnels start at once
    /// whatever `--start trap` asks.
    private static func actions(_ connection: PeerConnection) -> (auto: String, dpd: String) {
        switch connection.startAction {
        case .start: return ("start", "restart")
        case .trap where connection.usesTunnelInterfaces: return ("start", "restart")
        case .trap: return ("route", "hold")
        case .none: return ("add", "clear")
        }
    }
}
