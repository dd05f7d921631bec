/// swanctl.conf (strongSwan's vici interface): one file per connection holding one swanctl
/// connection and one secret per tunnel. Route-based, dual-tunnel and BGP connections run each
/// tunnel's child on its own XFRM interface (`if_id_in`/`if_id_out`), with the host setup and,
/// for BGP, the routing daemon's configuration beside it.
struct StrongSwanDialect: DeviceDialect {
    var title: String { "strongSwan (swanctl.conf)" }

    static let target = TargetName.strongswan
    static let swanctl = FileLayout("swanctl/conf.d/{name}.conf", folder: target.rawValue, entry: "swanctl.conf", context: Context.self, mode: .secret)

    var layouts: [FileLayout] { [Self.swanctl] + LinuxHostSetup.layouts }

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var tunnels: [Tunnel]
    }

    struct Tunnel: Codable, Sendable {
        var name: String
        var label: String?
        var version: Int
        var aggressive: Bool
        var localAddrs: String
        var remoteAddrs: String
        var proposals: String
        var rekeyTime: String
        var reauthTime: String
        var overTime: String
        var dpdDelay: String?
        var dpdTimeout: String?
        var localId: String
        var remoteId: String
        var children: [Child]
        var secretName: String
        var secret: SecretEntry
    }

    struct Child: Codable, Sendable {
        var name: String
        var localTs: String
        var remoteTs: String
        var espProposals: String
        var lifeTime: String
        var rekeyTime: String
        var dpdAction: String?
        var startAction: String
        var closeAction: String
        /// The XFRM interface ID, for children on a tunnel interface.
        var ifId: Int?
        /// The script that moves routes with the child's state.
        var updown: String?
    }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        try Self.checkSecretsApart(connection, target: Self.target)
        let header = ConnectionHeader(
            connection,
            notes: PeerNotes.notes(
                for: connection, target: Self.target, answersAggressiveModeOnlyIfAllowed: true, rendersBGP: options.routing != .none,
                diagnostics: diagnostics) + Self.notes(connection, diagnostics: diagnostics))
        let context = Context(header: header, tunnels: try connection.tunnels.map { try tunnel($0, in: connection) })
        return [DialectPart(Self.swanctl, name: connection.name, context: context)]
            + LinuxHostSetup.parts(for: connection, header: header)
            + (try RoutingDaemonParts.parts(for: connection, options: options, diagnostics: diagnostics))
    }

    private func tunnel(_ tunnel: PeerTunnel, in connection: PeerConnection) throws -> Tunnel {
        let isIKEv1 = tunnel.ikeVersion == .ikev1
        let ike = tunnel.ike
        let esp = tunnel.esp
        let espProposal = try StrongSwanVocabulary.proposal(
            esp.encryption, esp.integrity, esp.pfsGroup, fields: (.espEncryption, .espIntegrity, .espGroup), tunnel: tunnel, target: Self.target)
        let actions = Self.actions(connection)
        let updown = LinuxHostSetup.updownPath(connection)
        let children = SelectorPlan(tunnel, in: connection).children.map { child in
            Child(
                name: child.name,
                localTs: child.local.map(\.description).joined(separator: ","),
                remoteTs: child.remote.map(\.description).joined(separator: ","),
                espProposals: espProposal,
                lifeTime: "\(esp.lifetime.seconds)s",
                rekeyTime: "\(esp.lifetime.rekeyAfter)s",
                dpdAction: tunnel.deadPeerDetection ? actions.dpd : nil,
                startAction: actions.start,
                closeAction: actions.close,
                ifId: tunnel.interface?.id,
                updown: updown)
        }
        return Tunnel(
            name: tunnel.name,
            label: TunnelLabel.comment(tunnel, in: connection),
            version: isIKEv1 ? 1 : 2,
            aggressive: isIKEv1 && tunnel.ikeMode == .aggressive,
            localAddrs: tunnel.local.address?.description ?? "%any",
            remoteAddrs: tunnel.remote.address.description,
            proposals: try StrongSwanVocabulary.proposal(
                ike.encryption, ike.integrity, ike.dhGroup, fields: (.ikeEncryption, .ikeIntegrity, .ikeGroup), tunnel: tunnel, target: Self.target),
            // IKEv1 SAs cannot be rekeyed, only reauthenticated; IKEv2 SAs are rekeyed in place.
            rekeyTime: isIKEv1 ? "0s" : "\(ike.lifetime.rekeyAfter)s",
            reauthTime: isIKEv1 ? "\(ike.lifetime.rekeyAfter)s" : "0s",
            overTime: "\(ike.lifetime.rekeyMargin)s",
            dpdDelay: tunnel.deadPeerDetection ? "\(DeadPeerDetection.delaySeconds)s" : nil,
            dpdTimeout: tunnel.deadPeerDetection && isIKEv1 ? "\(DeadPeerDetection.timeoutSeconds)s" : nil,
            localId: Self.identity(tunnel.local.id),
            remoteId: Self.identity(tunnel.remote.id),
            children: children,
            secretName: "ike-\(tunnel.name)",
            secret: SecretEntry(tunnel, identity: Self.identity))
    }

    /// swanctl picks a secret by the two identities alone: two tunnels with the same pair
    /// cannot have different keys.
    static func checkSecretsApart(_ connection: PeerConnection, target: TargetName) throws {
        guard connection.isDualTunnel else { return }
        let (master, slave) = (connection.tunnels[0], connection.tunnels[1])
        if master.local.id == slave.local.id && master.remote.id == slave.remote.id && master.presharedKey != slave.presharedKey {
            throw GenPeerError(
                .data,
                "both tunnels use the identities \(master.local.id) and \(master.remote.id) but different keys; the \(target.rawValue) target picks a key by the identities alone, so give each tunnel its own LocalId (the default: its gateway address)",
                at: SourceLocation(file: slave.source.file, path: slave.source.ikeConfigPath).appending("LocalId"))
        }
    }

    private static func notes(_ connection: PeerConnection, diagnostics: DiagnosticCollector) -> [String] {
        var notes: [String] = []
        if connection.usesTunnelInterfaces && connection.startAction == .trap {
            let note = "--start trap: on a tunnel interface no traffic reaches the tunnel before it is up, so the tunnels are started at once instead"
            diagnostics.warn(note, at: connection.source)
            notes.append(note)
        }
        if connection.usesTunnelInterfaces {
            notes.append("each tunnel runs on its own XFRM interface (if_id): set them up with the files under systemd/network/ (networkd) or genpeer/\(connection.name)-setup.sh before loading this file")
        }
        return notes
    }

    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings] {
        try connection.tunnels.map { peerTunnel in
            let context = try tunnel(peerTunnel, in: connection)
            let child = context.children[0]
            return DeviceSettings(
                cloudAddress: "remote_addrs = \(context.remoteAddrs)",
                ownAddress: "local_addrs = \(context.localAddrs)",
                cloudIdentity: "remote { id = \(context.remoteId) }",
                ownIdentity: "local { id = \(context.localId) }",
                cloudSubnets: "remote_ts = " + context.children.map(\.remoteTs).joined(separator: " | "),
                ownSubnets: "local_ts = " + context.children.map(\.localTs).joined(separator: " | "),
                ikeVersion: "version = \(context.version)" + (context.aggressive ? ", aggressive = yes" : ""),
                ikeProposal: "proposals = \(context.proposals)",
                ikeLifetime: context.version == 1
                    ? "reauth_time = \(context.reauthTime), over_time = \(context.overTime)"
                    : "rekey_time = \(context.rekeyTime), over_time = \(context.overTime)",
                espProposal: "esp_proposals = \(child.espProposals)",
                espLifetime: "rekey_time = \(child.rekeyTime), life_time = \(child.lifeTime)",
                deadPeerDetection: context.dpdDelay.map { "dpd_delay = \($0)" + (child.dpdAction.map { ", dpd_action = \($0)" } ?? "") } ?? "off",
                natTraversal: "automatic (encap = no: UDP 4500 only behind NAT)",
                presharedKey: "secrets { \(context.secretName) { secret = \(context.secret.value) } }",
                tunnelInterface: peerTunnel.interface.map { "if_id_in = if_id_out = \($0.id) (\($0.name)\($0.address.map { " \($0)" } ?? ""))" },
                bgp: nil)
        }
    }

    /// swanctl types an identity by its form; `fqdn:` keeps a name from ever being read as
    /// anything else.
    static func identity(_ identity: Identity) -> String {
        switch identity {
        case .ipv4(let address): return address.description
        case .fqdn(let name): return "fqdn:\(name)"
        }
    }

    /// A tunnel interface is reached only once its child is up, so its tunnels start at once
    /// whatever `--start trap` asks.
    private static func actions(_ connection: PeerConnection) -> (start: String, close: String, dpd: String) {
        switch connection.startAction {
        case .start: return ("start", "start", "restart")
        case .trap where connection.usesTunnelInterfaces: return ("start", "start", "restart")
        case .trap: return ("trap", "trap", "trap")
        case .none: return ("none", "none", "clear")
        }
    }
}

/// strongSwan's proposal keywords (proposal_keywords_static.txt), shared by swanctl.conf and
/// ipsec.conf, which read proposals the same way.
enum StrongSwanVocabulary {
    static func proposal(
        _ encryption: EncryptionAlgorithm, _ integrity: IntegrityAlgorithm, _ group: DHGroup?,
        fields: (ProposalField, ProposalField, ProposalField), tunnel: PeerTunnel, target: TargetName
    ) throws -> String {
        var parts = [
            try keyword(for: encryption, field: fields.0, tunnel: tunnel, target: target),
            try keyword(for: integrity, field: fields.1, tunnel: tunnel, target: target),
        ]
        if let group { parts.append(group.rawValue) }
        return parts.joined(separator: "-")
    }

    static func keyword(for encryption: EncryptionAlgorithm, field: ProposalField, tunnel: PeerTunnel, target: TargetName) throws -> String {
        switch encryption {
        case .aes128, .aes192, .aes256, .des, .tripleDES: return encryption.rawValue
        case .sm4: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: target)
        }
    }

    static func keyword(for integrity: IntegrityAlgorithm, field: ProposalField, tunnel: PeerTunnel, target: TargetName) throws -> String {
        switch integrity {
        case .md5, .sha1, .sha256, .sha384, .sha512: return integrity.rawValue
        case .sm3: throw TargetLimitation.shangMi(field: field, tunnel: tunnel, target: target)
        }
    }
}
