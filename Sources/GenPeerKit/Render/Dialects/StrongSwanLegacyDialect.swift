/// strongSwan's starter/stroke configuration as drop-ins, one pair of files per connection
/// under ipsec.d/: its conn sections and its secret. The host's own ipsec.conf and
/// ipsec.secrets stay as they are but for one include line each (``confInclude``,
/// ``secretsInclude``), which the files' headers name; nothing of genpeer's goes into their
/// `config setup`, which applies to every connection of the host.
struct StrongSwanLegacyDialect: DeviceDialect {
    var title: String { "strongSwan (ipsec.conf, starter)" }

    static let target = TargetName.strongswanLegacy
    static let conn = FileLayout("ipsec.d/{name}.conf", folder: target.rawValue, entry: "conn", context: Context.self)
    static let secrets = FileLayout("ipsec.d/{name}.secrets", folder: target.rawValue, entry: "secrets", context: Context.self, mode: .secret)

    /// The line ipsec.conf needs once to read the conn files. starter reads a relative include
    /// from the including file's folder, so the one line serves /etc/ipsec.conf (Debian, Ubuntu)
    /// and /etc/strongswan/ipsec.conf (RHEL, Fedora), whose stock files include nothing.
    static let confInclude = "include ipsec.d/*.conf"
    /// The line ipsec.secrets needs once to read the secret files (relative like ``confInclude``).
    static let secretsInclude = "include ipsec.d/*.secrets"

    var layouts: [FileLayout] { [Self.conn, Self.secrets] }

    struct Context: Codable, Sendable {
        var header: ConnectionHeader
        var conns: [Conn]
        var secret: SecretEntry
        var confInclude: String
        var secretsInclude: String
    }
    struct Conn: Codable, Sendable {
        var name: String
        var keyexchange: String
        var aggressive: Bool
        var left: String
        var leftid: String
        var leftsubnet: String
        var right: String
        var rightid: String
        var rightsubnet: String
        var ike: String
        var esp: String
        var ikelifetime: String
        var lifetime: String
        var margintime: String
        var reauth: String
        var dpddelay: String?
        var dpdtimeout: String?
        var dpdaction: String
        var closeaction: String
        var auto: String
    }

    func parts(for connection: PeerConnection, options: RenderOptions, diagnostics: DiagnosticCollector) throws -> [DialectPart] {
        // stroke has no XFRM interfaces (no if_id keywords): those connections need swanctl.
        if connection.usesTunnelInterfaces {
            throw TargetLimitation.needsTunnelInterfaces(connection, target: Self.target, instead: .strongswan)
        }
        let tunnel = connection.primaryTunnel
        let notes = PeerNotes.notes(
            for: connection, target: Self.target, answersAggressiveModeOnlyIfAllowed: true, rendersBGP: false, diagnostics: diagnostics)
        let context = Context(
            header: ConnectionHeader(connection, notes: notes), conns: try conns(tunnel, in: connection),
            secret: SecretEntry(tunnel, identity: IPsecConfVocabulary.identity),
            confInclude: Self.confInclude, secretsInclude: Self.secretsInclude)
        return [DialectPart(Self.conn, name: connection.name, context: context), DialectPart(Self.secrets, name: connection.name, context: context)]
    }

    private func conns(_ tunnel: PeerTunnel, in connection: PeerConnection) throws -> [Conn] {
        let isIKEv1 = tunnel.ikeVersion == .ikev1
        let ike = tunnel.ike
        let esp = tunnel.esp
        // The trailing "!" keeps charon from appending its default proposals.
        let ikeProposal = try StrongSwanVocabulary.proposal(
            ike.encryption, ike.integrity, ike.dhGroup, fields: (.ikeEncryption, .ikeIntegrity, .ikeGroup), tunnel: tunnel, target: Self.target) + "!"
        let espProposal = try StrongSwanVocabulary.proposal(
            esp.encryption, esp.integrity, esp.pfsGroup, fields: (.espEncryption, .espIntegrity, .espGroup), tunnel: tunnel, target: Self.target) + "!"
        let actions = Self.actions(connection.startAction)
        let localId = IPsecConfVocabulary.identity(tunnel.local.id)
        let remoteId = IPsecConfVocabulary.identity(tunnel.remote.id)
        // stroke has one margin for both phases: the smaller one keeps both renewals before their limits.
        let margin = min(ike.lifetime.rekeyMargin, esp.lifetime.rekeyMargin)
        return SelectorPlan(tunnel, in: connection).children.map { child in
            Conn(
                name: child.name,
                keyexchange: tunnel.ikeVersion.rawValue,
                aggressive: isIKEv1 && tunnel.ikeMode == .aggressive,
                left: tunnel.local.address?.description ?? "%defaultroute",
                leftid: localId,
                leftsubnet: child.local.map(\.description).joined(separator: ","),
                right: tunnel.remote.address.description,
                rightid: remoteId,
                rightsubnet: child.remote.map(\.description).joined(separator: ","),
                ike: ikeProposal,
                esp: espProposal,
                ikelifetime: "\(ike.lifetime.seconds)s",
                lifetime: "\(esp.lifetime.seconds)s",
                margintime: "\(margin)s",
                // IKEv2 SAs are rekeyed in place rather than reauthenticated (break-before-make).
                reauth: isIKEv1 ? "yes" : "no",
                dpddelay: tunnel.deadPeerDetection ? "\(DeadPeerDetection.delaySeconds)s" : nil,
                dpdtimeout: tunnel.deadPeerDetection && isIKEv1 ? "\(DeadPeerDetection.timeoutSeconds)s" : nil,
                dpdaction: tunnel.deadPeerDetection ? actions.dpd : "none",
                closeaction: actions.close,
                auto: actions.auto)
        }
    }

    func settings(for connection: PeerConnection, options: RenderOptions) throws -> [DeviceSettings] {
        let tunnel = connection.primaryTunnel
        let conns = try conns(tunnel, in: connection)
        let conn = conns[0]
        let secret = SecretEntry(tunnel, identity: IPsecConfVocabulary.identity)
        return [
            DeviceSettings(
                cloudAddress: "right=\(conn.right)",
                ownAddress: "left=\(conn.left)",
                cloudIdentity: "rightid=\(conn.rightid)",
                ownIdentity: "leftid=\(conn.leftid)",
                cloudSubnets: "rightsubnet=" + conns.map(\.rightsubnet).joined(separator: " | "),
                ownSubnets: "leftsubnet=" + conns.map(\.leftsubnet).joined(separator: " | "),
                ikeVersion: "keyexchange=\(conn.keyexchange)" + (conn.aggressive ? ", aggressive=yes" : ""),
                ikeProposal: "ike=\(conn.ike)",
                ikeLifetime: "ikelifetime=\(conn.ikelifetime), margintime=\(conn.margintime)",
                espProposal: "esp=\(conn.esp)",
                espLifetime: "lifetime=\(conn.lifetime), margintime=\(conn.margintime)",
                deadPeerDetection: conn.dpddelay.map { "dpddelay=\($0), dpdaction=\(conn.dpdaction)" } ?? "dpdaction=none",
                natTraversal: "automatic (UDP 4500 only behind NAT)",
                presharedKey: "ipsec.secrets: \(secret.localId) \(secret.remoteId) : PSK \(secret.value)",
                tunnelInterface: nil,
                bgp: nil)
        ]
    }

    private static func actions(_ startAction: StartAction) -> (auto: String, close: String, dpd: String) {
        switch startAction {
        case .start: return ("start", "restart", "restart")
        case .trap: return ("route", "hold", "hold")
        case .none: return ("add", "none", "clear")
        }
    }
}
