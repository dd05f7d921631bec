/// ipsec.conf + ipsec.secrets (strongSwan's starter/stroke interface): two files shared by all
/// connections of a run.
struct StrongSwanLegacyDialect: DeviceDialect {
    var title: String { "strongSwan (ipsec.conf, starter)" }

    var files: [FileLayout] {
        [
            FileLayout(pathPattern: "ipsec.conf", headerTemplate: "ipsec.conf-header", entryTemplate: "ipsec.conf-conn", holdsSecrets: false),
            FileLayout(pathPattern: "ipsec.secrets", headerTemplate: "ipsec.secrets-header", entryTemplate: "ipsec.secrets-entry", holdsSecrets: true),
        ]
    }

    typealias Context = ConnSectionsContext<Conn>

    struct Conn: Codable {
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

    func context(for connection: PeerConnection, diagnostics: DiagnosticCollector) throws -> Context {
        let target = TargetName.strongswanLegacy
        if connection.isRouteBased { throw TargetLimitation.routeBased(connection: connection, target: target) }
        let isIKEv1 = connection.ikeVersion == .ikev1
        let ike = connection.ike
        let esp = connection.esp
        // The trailing "!" keeps charon from appending its default proposals.
        let ikeProposal = try StrongSwanVocabulary.proposal(
            ike.encryption, ike.integrity, ike.dhGroup, fields: (.ikeEncryption, .ikeIntegrity, .ikeGroup),
            connection: connection, target: target) + "!"
        let espProposal = try StrongSwanVocabulary.proposal(
            esp.encryption, esp.integrity, esp.pfsGroup, fields: (.espEncryption, .espIntegrity, .espGroup),
            connection: connection, target: target) + "!"
        let actions = Self.actions(connection.startAction)
        let localId = IPsecConfVocabulary.identity(connection.local.id)
        let remoteId = IPsecConfVocabulary.identity(connection.remote.id)
        // stroke has one margin for both phases: the smaller one keeps both renewals before their limits.
        let margin = min(ike.lifetime.rekeyMargin, esp.lifetime.rekeyMargin)
        let conns = SelectorPlan(connection).children.map { child in
            Conn(
                name: child.name,
                keyexchange: connection.ikeVersion.rawValue,
                aggressive: isIKEv1 && connection.ikeMode == .aggressive,
                left: connection.local.address?.description ?? "%defaultroute",
                leftid: localId,
                leftsubnet: child.local.map(\.description).joined(separator: ","),
                right: connection.remote.address!.description,
                rightid: remoteId,
                rightsubnet: child.remote.map(\.description).joined(separator: ","),
                ike: ikeProposal,
                esp: espProposal,
                ikelifetime: "\(ike.lifetime.seconds)s",
                lifetime: "\(esp.lifetime.seconds)s",
                margintime: "\(margin)s",
                // IKEv2 SAs are rekeyed in place rather than reauthenticated (break-before-make).
                reauth: isIKEv1 ? "yes" : "no",
                dpddelay: connection.deadPeerDetection ? "\(DeadPeerDetection.delaySeconds)s" : nil,
                dpdtimeout: connection.deadPeerDetection && isIKEv1 ? "\(DeadPeerDetection.timeoutSeconds)s" : nil,
                dpdaction: connection.deadPeerDetection ? actions.dpd : "none",
                closeaction: actions.close,
                auto: actions.auto)
        }
        let notes = PeerNotes.notes(for: connection, target: target, answersAggressiveModeOnlyIfAllowed: true, diagnostics: diagnostics)
        return Context(connection, notes: notes, conns: conns)
    }

    func settings(in context: Context) -> DeviceSettings {
        let conn = context.conns[0]
        return DeviceSettings(
            cloudAddress: "right=\(conn.right)",
            ownAddress: "left=\(conn.left)",
            cloudIdentity: "rightid=\(conn.rightid)",
            ownIdentity: "leftid=\(conn.leftid)",
            cloudSubnets: "rightsubnet=" + context.conns.map(\.rightsubnet).joined(separator: " | "),
            ownSubnets: "leftsubnet=" + context.conns.map(\.leftsubnet).joined(separator: " | "),
            ikeVersion: "keyexchange=\(conn.keyexchange)" + (conn.aggressive ? ", aggressive=yes" : ""),
            ikeProposal: "ike=\(conn.ike)",
            ikeLifetime: "ikelifetime=\(conn.ikelifetime), margintime=\(conn.margintime)",
            espProposal: "esp=\(conn.esp)",
            espLifetime: "lifetime=\(conn.lifetime), margintime=\(conn.margintime)",
            deadPeerDetection: conn.dpddelay.map { "dpddelay=\($0), dpdaction=\(conn.dpdaction)" } ?? "dpdaction=none",
            natTraversal: "automatic (UDP 4500 only behind NAT)",
            presharedKey: "ipsec.secrets: \(context.secret.localId) \(context.secret.remoteId) : PSK \(context.secret.value)")
    }

    private static func actions(_ startAction: StartAction) -> (auto: String, close: String, dpd: String) {
        switch startAction {
        case .start: return ("start", "restart", "restart")
        case .trap: return ("route", "hold", "hold")
        case .none: return ("add", "none", "clear")
        }
    }
}
