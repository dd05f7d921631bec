/// swanctl.conf (strongSwan's vici interface): one file per connection holding the connection
/// and its secret.
struct StrongSwanDialect: DeviceDialect {
    var title: String { "strongSwan (swanctl.conf)" }

    var files: [FileLayout] {
        [FileLayout(pathPattern: "swanctl/conf.d/{name}.conf", entryTemplate: "swanctl.conf", holdsSecrets: true)]
    }

    struct Context: Codable {
        var name: String
        var vpnConnectionId: String?
        var sourceFile: String
        var notes: [String]
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

    struct Child: Codable {
        var name: String
        var localTs: String
        var remoteTs: String
        var espProposals: String
        var lifeTime: String
        var rekeyTime: String
        var dpdAction: String?
        var startAction: String
        var closeAction: String
    }

    func context(for connection: PeerConnection, diagnostics: DiagnosticCollector) throws -> Context {
        let target = TargetName.strongswan
        if connection.isRouteBased { throw TargetLimitation.routeBased(connection: connection, target: target) }
        let isIKEv1 = connection.ikeVersion == .ikev1
        let ike = connection.ike
        let esp = connection.esp
        let espProposal = try StrongSwanVocabulary.proposal(
            esp.encryption, esp.integrity, esp.pfsGroup, fields: (.espEncryption, .espIntegrity, .espGroup),
            connection: connection, target: target)
        let actions = Self.actions(connection.startAction)
        let children = SelectorPlan(connection).children.map { child in
            Child(
                name: child.name,
                localTs: child.local.map(\.description).joined(separator: ","),
                remoteTs: child.remote.map(\.description).joined(separator: ","),
                espProposals: espProposal,
                lifeTime: "\(esp.lifetime.seconds)s",
                rekeyTime: "\(esp.lifetime.rekeyAfter)s",
                dpdAction: connection.deadPeerDetection ? actions.dpd : nil,
                startAction: actions.start,
                closeAction: actions.close)
        }
        let notes = PeerNotes.notes(for: connection, target: target, answersAggressiveModeOnlyIfAllowed: true, diagnostics: diagnostics)
        return Context(
            name: connection.name,
            vpnConnectionId: connection.vpnConnectionId,
            sourceFile: CommentText.line(connection.source.file),
            notes: notes,
            version: isIKEv1 ? 1 : 2,
            aggressive: isIKEv1 && connection.ikeMode == .aggressive,
            localAddrs: connection.local.address?.description ?? "%any",
            remoteAddrs: connection.remote.address!.description,
            proposals: try StrongSwanVocabulary.proposal(
                ike.encryption, ike.integrity, ike.dhGroup, fields: (.ikeEncryption, .ikeIntegrity, .ikeGroup),
                connection: connection, target: target),
            // IKEv1 SAs cannot be rekeyed, only reauthenticated; IKEv2 SAs are rekeyed in place.
            rekeyTime: isIKEv1 ? "0s" : "\(ike.lifetime.rekeyAfter)s",
            reauthTime: isIKEv1 ? "\(ike.lifetime.rekeyAfter)s" : "0s",
            overTime: "\(ike.lifetime.rekeyMargin)s",
            dpdDelay: connection.deadPeerDetection ? "\(DeadPeerDetection.delaySeconds)s" : nil,
            dpdTimeout: connection.deadPeerDetection && isIKEv1 ? "\(DeadPeerDetection.timeoutSeconds)s" : nil,
            localId: Self.identity(connection.local.id),
            remoteId: Self.identity(connection.remote.id),
            children: children,
            secretName: "ike-\(connection.name)",
            secret: SecretEntry(connection, identity: Self.identity))
    }

    func settings(in context: Context) -> DeviceSettings {
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
            presharedKey: "secrets { \(context.secretName) { secret = \(context.secret.value) } }")
    }

    /// swanctl types an identity by its form; `fqdn:` keeps a name from ever being read as
    /// anything else.
    static func identity(_ identity: Identity) -> String {
        switch identity {
        case .ipv4(let address): return address.description
        case .fqdn(let name): return "fqdn:\(name)"
        }
    }

    private static func actions(_ startAction: StartAction) -> (start: String, close: String, dpd: String) {
        switch startAction {
        case .start: return ("start", "start", "restart")
        case .trap: return ("trap", "trap", "trap")
        case .none: return ("none", "none", "clear")
        }
    }
}

/// Dead peer detection timing for the peer's own probes; Alibaba publishes none of its own.
enum DeadPeerDetection {
    static let delaySeconds = 30
    /// IKEv1 only: IKEv2 gives up by its retransmission schedule.
    static let timeoutSeconds = 150
}

/// How a connection's subnets become IPsec SAs: IKEv2 carries every subnet in one SA, as
/// Alibaba does; IKEv1 negotiates one (on-premises, cloud) pair per SA.
struct SelectorPlan {
    struct PlannedChild {
        var name: String
        var local: [IPv4Network]
        var remote: [IPv4Network]
    }

    var children: [PlannedChild]

    init(_ connection: PeerConnection) {
        let pairs = connection.subnetPairs
        if connection.ikeVersion == .ikev2 || pairs.count == 1 {
            children = [PlannedChild(name: connection.name, local: connection.local.subnets, remote: connection.remote.subnets)]
        } else {
            children = pairs.enumerated().map { index, pair in
                PlannedChild(name: "\(connection.name)-\(index + 1)", local: [pair.local], remote: [pair.remote])
            }
        }
    }
}
