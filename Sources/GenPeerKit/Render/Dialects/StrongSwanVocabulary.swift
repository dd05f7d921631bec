/// strongSwan's proposal keywords (proposal_keywords_static.txt), shared by swanctl.conf and
/// ipsec.conf, which read proposals the same way.
enum StrongSwanVocabulary {
    static func proposal(
        _ encryption: EncryptionAlgorithm, _ integrity: IntegrityAlgorithm, _ group: DHGroup?,
        fields: (ProposalField, ProposalField, ProposalField), connection: PeerConnection, target: TargetName
    ) throws -> String {
        var parts = [
            try keyword(for: encryption, field: fields.0, connection: connection, target: target),
            try keyword(for: integrity, field: fields.1, connection: connection, target: target),
        ]
        if let group { parts.append(keyword(for: group)) }
        return parts.joined(separator: "-")
    }

    static func keyword(for encryption: EncryptionAlgorithm, field: ProposalField, connection: PeerConnection, target: TargetName) throws -> String {
        switch encryption {
        case .aes128: return "aes128"
        case .aes192: return "aes192"
        case .aes256: return "aes256"
        case .des: return "des"
        case .tripleDES: return "3des"
        case .sm4: throw TargetLimitation.shangMi(field: field, connection: connection, target: target)
        }
    }

    static func keyword(for integrity: IntegrityAlgorithm, field: ProposalField, connection: PeerConnection, target: TargetName) throws -> String {
        switch integrity {
        case .md5: return "md5"
        case .sha1: return "sha1"
        case .sha256: return "sha256"
        case .sha384: return "sha384"
        case .sha512: return "sha512"
        case .sm3: throw TargetLimitation.shangMi(field: field, connection: connection, target: target)
        }
    }

    static func keyword(for group: DHGroup) -> String {
        switch group {
        case .modp768: return "modp768"
        case .modp1024: return "modp1024"
        case .modp1536: return "modp1536"
        case .modp2048: return "modp2048"
        case .modp2048s256: return "modp2048s256"
        }
    }
}

/// Errors for what a target cannot express, pointing at the input field and saying the fix.
enum TargetLimitation {
    static func shangMi(field: ProposalField, connection: PeerConnection, target: TargetName) -> GenPeerError {
        GenPeerError(
            .data,
            "the \(target.rawValue) target cannot use ShangMi (SM3/SM4) algorithms; a ShangMi VPN gateway needs a peer with SM support",
            at: connection.source.location(of: field))
    }

    static func routeBased(connection: PeerConnection, target: TargetName) -> GenPeerError {
        GenPeerError(
            .data,
            "route-based connection (LocalSubnet and RemoteSubnet are both 0.0.0.0/0): the \(target.rawValue) target renders "
                + "policy-based tunnels only, and 0.0.0.0/0 selectors without an XFRM/VTI interface would capture all traffic; "
                + "set the real subnets on the connection",
            at: SourceLocation(file: connection.source.file, path: connection.source.path))
    }
}

/// Notes every dialect writes as comments (and, where they need acting on, as warnings), in one wording.
enum PeerNotes {
    /// The notes for a connection rendered by `target`; `answersAggressiveModeOnlyIfAllowed` for
    /// strongSwan, whose responder refuses aggressive mode with a PSK by default.
    static func notes(
        for connection: PeerConnection, target: TargetName, answersAggressiveModeOnlyIfAllowed: Bool,
        diagnostics: DiagnosticCollector
    ) -> [String] {
        let location = SourceLocation(file: connection.source.file, path: connection.source.path)
        var notes: [String] = []
        if !connection.natTraversal {
            notes.append("NAT traversal is off at the cloud: keep this gateway's path to the cloud free of NAT")
        }
        if let bgp = connection.bgp {
            let note = "BGP (AS \(bgp.localASN) at \(bgp.localAddress) with the cloud's AS \(bgp.remoteASN) at \(bgp.remoteAddress)) is on at the cloud but not rendered by the \(target.rawValue) target: configure it in your routing daemon"
            diagnostics.warn(note, at: location.appending("VpnBgpConfig"))
            notes.append(note)
        }
        if answersAggressiveModeOnlyIfAllowed && connection.ikeVersion == .ikev1 && connection.ikeMode == .aggressive {
            notes.append("IKEv1 aggressive mode with a PSK: when the cloud initiates, charon answers only with charon.i_dont_care_about_security_and_use_aggressive_mode_psk = yes in strongswan.conf")
        }
        return notes
    }
}

/// One pre-shared key entry: the two identities it is for and the key, encoded for the file.
struct SecretEntry: Codable {
    var localId: String
    var remoteId: String
    var value: String
    var isBase64: Bool

    init(_ connection: PeerConnection, identity: (Identity) -> String) {
        localId = identity(connection.local.id)
        remoteId = identity(connection.remote.id)
        value = SecretEncoding.encode(connection.presharedKey)
        isBase64 = SecretEncoding.isEncoded(connection.presharedKey)
    }
}

/// What the ipsec.conf-style targets (strongSwan's starter and Libreswan) render for one
/// connection: its conn sections and its secrets entry.
struct ConnSectionsContext<Conn: Codable>: Codable {
    var name: String
    var vpnConnectionId: String?
    var sourceFile: String
    var notes: [String]
    var conns: [Conn]
    var secret: SecretEntry

    init(_ connection: PeerConnection, notes: [String], conns: [Conn]) {
        name = connection.name
        vpnConnectionId = connection.vpnConnectionId
        sourceFile = CommentText.line(connection.source.file)
        self.notes = notes
        self.conns = conns
        secret = SecretEntry(connection, identity: IPsecConfVocabulary.identity)
    }
}

/// Words ipsec.conf and Libreswan share.
enum IPsecConfVocabulary {
    /// Both read a leading `@` as "a name, do not resolve it".
    static func identity(_ identity: Identity) -> String {
        switch identity {
        case .ipv4(let address): return address.description
        case .fqdn(let name): return "@\(name)"
        }
    }
}

/// Text written into a comment line of a config: any line break or other control character
/// (which would end the comment and start config syntax) becomes `?`.
enum CommentText {
    static func line(_ text: String) -> String {
        // Printable ASCII, the usual file name, has nothing to replace.
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            let value = scalar.value
            let breaksLines = value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
            return breaksLines ? "?" : scalar
        }))
    }
}
