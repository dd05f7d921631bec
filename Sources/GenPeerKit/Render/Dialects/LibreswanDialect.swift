/// Libreswan ipsec.conf conn sections and ipsec.secrets entries, one pair of files per
/// connection under ipsec.d/, in keywords that Libreswan 4.x and 5.x both read.
struct LibreswanDialect: DeviceDialect {
    var title: String { "Libreswan (ipsec.conf)" }

    var files: [FileLayout] {
        [
            FileLayout(pathPattern: "ipsec.d/{name}.conf", entryTemplate: "conn", holdsSecrets: false),
            FileLayout(pathPattern: "ipsec.d/{name}.secrets", entryTemplate: "secrets", holdsSecrets: true),
        ]
    }

    typealias Context = ConnSectionsContext<Conn>

    struct Conn: Codable {
        var name: String
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
    }

    func context(for connection: PeerConnection, diagnostics: DiagnosticCollector) throws -> Context {
        let target = TargetName.libreswan
        if connection.isRouteBased { throw TargetLimitation.routeBased(connection: connection, target: target) }
        let isIKEv1 = connection.ikeVersion == .ikev1
        let ike = connection.ike
        let esp = connection.esp
        let ikeProposal = try Self.proposal(ike.encryption, ike.integrity, ike.dhGroup, fields: (.ikeEncryption, .ikeIntegrity, .ikeGroup), connection)
        let espProposal = try Self.proposal(esp.encryption, esp.integrity, esp.pfsGroup, fields: (.espEncryption, .espIntegrity, .espGroup), connection)
        let localId = IPsecConfVocabulary.identity(connection.local.id)
        let remoteId = IPsecConfVocabulary.identity(connection.remote.id)
        let margin = min(ike.lifetime.rekeyMargin, esp.lifetime.rekeyMargin)
        let actions = Self.actions(connection.startAction)
        let (leftsubnet, leftsubnets) = Self.subnets(connection.local.subnets)
        let (rightsubnet, rightsubnets) = Self.subnets(connection.remote.subnets)
        let conn = Conn(
            name: connection.name,
            ikev2: isIKEv1 ? "no" : "yes",
            aggressive: isIKEv1 && connection.ikeMode == .aggressive,
            left: connection.local.address?.description ?? "%defaultroute",
            leftid: localId,
            leftsubnet: leftsubnet,
            leftsubnets: leftsubnets,
            right: connection.remote.address!.description,
            rightid: remoteId,
            rightsubnet: rightsubnet,
            rightsubnets: rightsubnets,
            ike: ikeProposal,
            esp: espProposal,
            pfs: esp.pfsGroup == nil ? "no" : "yes",
            ikelifetime: "\(ike.lifetime.seconds)s",
            salifetime: "\(esp.lifetime.seconds)s",
            rekeymargin: "\(margin)s",
            dpddelay: connection.deadPeerDetection ? "\(DeadPeerDetection.delaySeconds)" : nil,
            // IKEv2 liveness gives up by retransmit-timeout; Libreswan warns about dpdtimeout there.
            dpdtimeout: connection.deadPeerDetection && isIKEv1 ? "\(DeadPeerDetection.timeoutSeconds)" : nil,
            dpdaction: connection.deadPeerDetection ? actions.dpd : nil,
            encapsulation: connection.natTraversal ? "auto" : "no",
            auto: actions.auto)
        var notes = PeerNotes.notes(for: connection, target: target, answersAggressiveModeOnlyIfAllowed: false, diagnostics: diagnostics)
        if !isIKEv1 && connection.subnetPairs.count > 1 {
            let note = "Libreswan 4.x cannot put several subnets in one Child SA: this conn negotiates one Child SA per subnet pair (\(connection.subnetPairs.count)) over one IKE SA, where Alibaba uses one SA for all"
            diagnostics.warn(note, at: SourceLocation(file: connection.source.file, path: connection.source.path))
            notes.append(note)
        }
        if isIKEv1 {
            let note = "IKEv1: Libreswan loads this conn only with ikev1-policy=accept in the config setup section of ipsec.conf"
            diagnostics.warn(note, at: SourceLocation(file: connection.source.file, path: connection.source.ikeConfigPath).appending("IkeVersion"))
            notes.append(note)
        }
        return Context(connection, notes: notes, conns: [conn])
    }

    func settings(in context: Context) -> DeviceSettings {
        let conn = context.conns[0]
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
            presharedKey: "ipsec.secrets: \(context.secret.localId) \(context.secret.remoteId) : PSK \(context.secret.value)")
    }

    /// `ENC-INTEG;GROUP` (or `ENC-INTEG` without PFS). Libreswan 4.x and 5.x are built without
    /// single DES, modp768, modp1024 and modp2048s256: those are errors that say what to change.
    private static func proposal(
        _ encryption: EncryptionAlgorithm, _ integrity: IntegrityAlgorithm, _ group: DHGroup?,
        fields: (ProposalField, ProposalField, ProposalField), _ connection: PeerConnection
    ) throws -> String {
        let encryptionKeyword: String
        switch encryption {
        case .aes128: encryptionKeyword = "aes128"
        case .aes192: encryptionKeyword = "aes192"
        case .aes256: encryptionKeyword = "aes256"
        case .tripleDES: encryptionKeyword = "3des"
        case .des: throw unsupported("des", "single DES", field: fields.0, fix: "aes (or aes256)", connection)
        case .sm4: throw TargetLimitation.shangMi(field: fields.0, connection: connection, target: .libreswan)
        }
        let integrityKeyword: String
        switch integrity {
        case .md5: integrityKeyword = "md5"
        case .sha1: integrityKeyword = "sha1"
        case .sha256: integrityKeyword = "sha2_256"
        case .sha384: integrityKeyword = "sha2_384"
        case .sha512: integrityKeyword = "sha2_512"
        case .sm3: throw TargetLimitation.shangMi(field: fields.1, connection: connection, target: .libreswan)
        }
        let base = "\(encryptionKeyword)-\(integrityKeyword)"
        guard let group else { return base }
        switch group {
        case .modp1536: return base + ";modp1536"
        case .modp2048: return base + ";modp2048"
        case .modp768, .modp1024, .modp2048s256:
            throw unsupported(AlibabaVocabulary.token(for: group), group.rawValue, field: fields.2, fix: "group14 (or group5)", connection)
        }
    }

    private static func unsupported(_ token: String, _ algorithm: String, field: ProposalField, fix: String, _ connection: PeerConnection) -> GenPeerError {
        GenPeerError(
            .data,
            "the libreswan target cannot use \"\(token)\": Libreswan 4.x and 5.x are built without \(algorithm); "
                + "set \(field.alibabaName) to \(fix) on the Alibaba Cloud side",
            at: connection.source.location(of: field))
    }

    /// `leftsubnet=` for one subnet; `leftsubnets={a b}` for several, which Libreswan 4.x and 5.x
    /// both expand into one Child SA per (left, right) pair.
    private static func subnets(_ networks: [IPv4Network]) -> (single: String?, several: String?) {
        networks.count == 1 ? (networks[0].description, nil) : (nil, "{" + networks.map(\.description).joined(separator: " ") + "}")
    }

    private static func actions(_ startAction: StartAction) -> (auto: String, dpd: String) {
        switch startAction {
        case .start: return ("start", "restart")
        case .trap: return ("route", "hold")
        case .none: return ("add", "clear")
        }
    }
}
