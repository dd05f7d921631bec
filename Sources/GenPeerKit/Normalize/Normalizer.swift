import Foundation

/// The normalize stage: one Alibaba connection → the ``PeerConnection`` the on-premises gateway
/// needs, with every local/remote pair swapped (unless the input is already the peer's view)
/// and every value typed and checked. Errors name the file and the field path.
public struct Normalizer: Sendable {
    public var options: NormalizeOptions

    public init(options: NormalizeOptions = NormalizeOptions()) {
        self.options = options
    }

    public func normalize(
        _ connection: AlibabaConnection, namer: inout ConnectionNamer, diagnostics: DiagnosticCollector
    ) throws -> PeerConnection {
        var unnamed = try normalizeUnnamed(connection, diagnostics: diagnostics)
        unnamed.assignName(with: &namer)
        return unnamed.peer
    }

    /// Everything but the name, which depends on the connections named before: connections can
    /// be normalized in any order, then named in input order.
    func normalizeUnnamed(_ connection: AlibabaConnection, diagnostics: DiagnosticCollector) throws -> UnnamedPeer {
        let facts: PeerFacts
        switch connection {
        case .described(let described): facts = try PeerFacts(mirroring: described)
        case .downloaded(let downloaded): facts = try PeerFacts(downloaded: downloaded)
        }
        return UnnamedPeer(peer: try build(facts, diagnostics: diagnostics), preferredNames: [facts.name, facts.vpnConnectionId], fallbackName: facts.fallbackName)
    }

    private func build(_ facts: PeerFacts, diagnostics: DiagnosticCollector) throws -> PeerConnection {
        let ike = facts.ike
        let ipsec = facts.ipsec
        let ikeVersion: IKEVersion = try keyword(ike.ikeVersion, at: ike.location.appending("IkeVersion"), default: .ikev1, diagnostics: diagnostics)
        let ikeMode: IKEMode = try keyword(
            ike.ikeMode, at: ike.location.appending("IkeMode"), default: .main, diagnostics: ikeVersion == .ikev1 ? diagnostics : nil)

        let localSubnets = try subnets(facts.onPremisesSubnets, diagnostics)
        let remoteSubnets = try subnets(facts.cloudSubnets, diagnostics)
        let cloudAddress = try cloudGatewayAddress(facts)
        let remoteId = try identity(facts.cloudId) ?? .ipv4(cloudAddress)
        guard let localId = try identity(facts.onPremisesId) ?? options.localAddress.map(Identity.ipv4) else {
            throw GenPeerError.data(
                "missing: the on-premises identity is unknown; pass --local-address with the customer gateway's address",
                at: facts.onPremisesId.location)
        }

        func pskLocation() -> SourceLocation { ike.location.appending("Psk") }
        guard let pskText = ike.psk else { throw GenPeerError.data("missing: the pre-shared key is required", at: pskLocation()) }
        guard let presharedKey = PresharedKey.parse(pskText) else {
            throw GenPeerError.data(
                "invalid pre-shared key: it must be 1-100 printable ASCII characters without spaces (value not shown)",
                at: pskLocation())
        }

        let peer = PeerConnection(
            name: "",
            vpnConnectionId: facts.vpnConnectionId,
            source: ConnectionSource(
                file: facts.location.file, path: facts.location.path,
                ikeConfigPath: ike.location.path, ipsecConfigPath: ipsec.location.path),
            ikeVersion: ikeVersion,
            ikeMode: ikeMode,
            local: PeerEndpoint(address: options.localAddress, id: localId, subnets: localSubnets),
            remote: PeerEndpoint(address: cloudAddress, id: remoteId, subnets: remoteSubnets),
            presharedKey: options.redactsSecrets ? .redacted : presharedKey,
            ike: IKEProposal(
                encryption: try encryption(ike.ikeEncAlg, at: ike.location.appending("IkeEncAlg")),
                integrity: try integrity(ike.ikeAuthAlg, at: ike.location.appending("IkeAuthAlg")),
                dhGroup: try group(ike.ikePfs, allowingDisabled: false, at: ike.location.appending("IkePfs"))!,
                lifetime: try lifetime(ike.ikeLifetime, at: ike.location.appending("IkeLifetime"), diagnostics)),
            esp: ESPProposal(
                encryption: try encryption(ipsec.ipsecEncAlg, at: ipsec.location.appending("IpsecEncAlg")),
                integrity: try integrity(ipsec.ipsecAuthAlg, at: ipsec.location.appending("IpsecAuthAlg")),
                pfsGroup: try group(ipsec.ipsecPfs, allowingDisabled: true, at: ipsec.location.appending("IpsecPfs")),
                lifetime: try lifetime(ipsec.ipsecLifetime, at: ipsec.location.appending("IpsecLifetime"), diagnostics)),
            deadPeerDetection: facts.enableDpd ?? true,
            natTraversal: facts.enableNatTraversal ?? true,
            startAction: options.startAction,
            bgp: try facts.bgp.flatMap(bgp),
            healthCheck: try facts.healthCheck.flatMap(healthCheck),
            tags: facts.tags.map { PeerTag(key: $0.key, value: $0.value) })
        try warnAboutAlibabaLimits(peer, diagnostics)
        return peer
    }

    /// A normalized connection waiting for its name.
    struct UnnamedPeer {
        var peer: PeerConnection
        var preferredNames: [String?]
        var fallbackName: String

        mutating func assignName(with namer: inout ConnectionNamer) {
            peer.name = namer.name(preferring: preferredNames, fallback: fallbackName)
        }
    }

    // MARK: - Checks that hold for every target

    private func warnAboutAlibabaLimits(_ peer: PeerConnection, _ diagnostics: DiagnosticCollector) throws {
        let location = SourceLocation(file: peer.source.file, path: peer.source.path)
        if peer.ikeVersion == .ikev1 && peer.subnetPairs.count > Self.maximumIKEv1SubnetPairs {
            throw GenPeerError.data(
                "IKEv1 with \(peer.local.subnets.count) on-premises and \(peer.remote.subnets.count) cloud subnets needs "
                    + "\(peer.subnetPairs.count) SAs, one per pair; genpeer renders at most \(Self.maximumIKEv1SubnetPairs): "
                    + "switch the connection to IKEv2, which carries every subnet in one SA",
                at: location)
        }
        if peer.ikeVersion == .ikev1 && peer.subnetPairs.count > 1 {
            diagnostics.warn(
                "IKEv1 with \(peer.local.subnets.count) on-premises and \(peer.remote.subnets.count) cloud subnets: "
                    + "rendered as \(peer.subnetPairs.count) separate subnet pairs, but Alibaba's IKEv1 carries only one pair "
                    + "per connection; switch the connection to IKEv2 or create one connection per pair",
                at: location)
        }
        if peer.ikeVersion == .ikev1 && peer.ikeMode == .main && [peer.local.id, peer.remote.id].contains(where: { if case .fqdn = $0 { true } else { false } }) {
            diagnostics.warn(
                "IKEv1 main mode with a domain-name identity: Alibaba accepts only IP identities in main mode; use aggressive mode or IP identities",
                at: location.appending("IkeConfig"))
        }
        if let healthCheck = peer.healthCheck {
            diagnostics.warn(
                "the cloud's health check pings \(healthCheck.onPremisesDestination) from \(healthCheck.cloudSource) through this tunnel "
                    + "every \(healthCheck.intervalSeconds)s and resets the tunnel when it fails: that address must answer",
                at: location.appending("VcoHealthCheck"))
        }
    }

    // MARK: - Values

    /// A keyword field; when missing, Alibaba's documented default, with a warning when `diagnostics` is given.
    private func keyword<Value: RawRepresentable<String> & CaseIterable>(
        _ text: String?, at location: @autoclosure () -> SourceLocation, default defaultValue: Value, diagnostics: DiagnosticCollector?
    ) throws -> Value {
        guard let text = text?.trimmedBlanks, !text.isEmpty else {
            diagnostics?.warn("missing; assuming Alibaba's default \"\(defaultValue.rawValue)\"", at: location())
            return defaultValue
        }
        guard let value = Value(rawValue: text.lowercased()) else {
            let expected = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw GenPeerError.data("unsupported value \"\(text.truncatedForMessage)\" (expected \(expected))", at: location())
        }
        return value
    }

    private func encryption(_ text: String?, at location: @autoclosure () -> SourceLocation) throws -> EncryptionAlgorithm {
        let token = try required(text, at: location())
        let lowercased = token.lowercased()
        guard let match = AlibabaVocabulary.encryption.first(where: { $0.token == lowercased }) else {
            throw GenPeerError.data("unsupported value \"\(token.truncatedForMessage)\" (expected \(AlibabaVocabulary.listedEncryption))", at: location())
        }
        return match.algorithm
    }

    private func integrity(_ text: String?, at location: @autoclosure () -> SourceLocation) throws -> IntegrityAlgorithm {
        let token = try required(text, at: location())
        let lowercased = token.lowercased()
        guard let match = AlibabaVocabulary.integrity.first(where: { $0.token == lowercased }) else {
            throw GenPeerError.data("unsupported value \"\(token.truncatedForMessage)\" (expected \(AlibabaVocabulary.listedIntegrity))", at: location())
        }
        return match.algorithm
    }

    /// A DH group; `nil` for `disabled` where that is allowed (phase 2 PFS).
    private func group(_ text: String?, allowingDisabled: Bool, at location: @autoclosure () -> SourceLocation) throws -> DHGroup? {
        let token = try required(text, at: location()).lowercased()
        if allowingDisabled && token == AlibabaVocabulary.pfsDisabled { return nil }
        guard let match = AlibabaVocabulary.groups.first(where: { $0.token == token }) else {
            let expected = (allowingDisabled ? "disabled, " : "") + AlibabaVocabulary.listedGroups
            throw GenPeerError.data("unsupported value \"\(token.truncatedForMessage)\" (expected \(expected))", at: location())
        }
        return match.group
    }

    private func lifetime(_ seconds: Int64?, at location: @autoclosure () -> SourceLocation, _ diagnostics: DiagnosticCollector) throws -> Lifetime {
        guard let seconds else {
            diagnostics.warn("missing; assuming Alibaba's default of 86400 seconds", at: location())
            return Lifetime(seconds: 86400)
        }
        guard (1...86400).contains(seconds) else {
            throw GenPeerError.data("lifetime \(seconds) is out of range (expected 1-86400 seconds)", at: location())
        }
        return Lifetime(seconds: Int(seconds))
    }

    private func required(_ text: String?, at location: @autoclosure () -> SourceLocation) throws -> String {
        guard let text = text?.trimmedBlanks, !text.isEmpty else {
            throw GenPeerError.data("missing: this field is required", at: location())
        }
        return text
    }

    /// CIDR blocks per side: far more than a policy-based tunnel carries in practice, and it
    /// bounds what one connection renders (IKEv1 makes an SA per pair of blocks).
    static let maximumSubnets = 32
    /// IKEv1 negotiates one SA per (on-premises, cloud) pair.
    static let maximumIKEv1SubnetPairs = 64

    private func subnets(_ field: LocatedText, _ diagnostics: DiagnosticCollector) throws -> [IPv4Network] {
        let text = try required(field.text, at: field.location)
        var networks: [IPv4Network] = []
        for item in Self.commaSeparated(text) where !item.isEmpty {
            switch CIDRParser.parse(item) {
            case .network(let network, let hadHostBits)?:
                if hadHostBits {
                    diagnostics.warn("\"\(item)\" has host bits set; using the network \(network)", at: field.location)
                }
                if !networks.contains(network) { networks.append(network) }
            case .ipv6?:
                throw GenPeerError.data("IPv6 subnet \"\(item.truncatedForMessage)\" is not supported (IPv4 only)", at: field.location)
            case .invalid?, nil:
                throw GenPeerError.data("\"\(item.truncatedForMessage)\" is not an IPv4 CIDR block (expected e.g. 10.0.0.0/16)", at: field.location)
            }
        }
        guard !networks.isEmpty else { throw GenPeerError.data("missing: no subnet listed", at: field.location) }
        guard networks.count <= Self.maximumSubnets else {
            throw GenPeerError.data(
                "\(networks.count) CIDR blocks; genpeer renders at most \(Self.maximumSubnets) per side (summarize them into fewer, larger blocks)",
                at: field.location)
        }
        if networks.count > 1 && networks.contains(where: \.isDefaultRoute) {
            throw GenPeerError.data("0.0.0.0/0 cannot be listed with other subnets", at: field.location)
        }
        return networks
    }

    /// The items of a comma-separated list, blanks trimmed. ASCII text is split by bytes,
    /// which is the split by characters without grapheme breaking's cost (in ASCII a comma is
    /// always a character of its own).
    private static func commaSeparated(_ text: String) -> [String] {
        if text.isASCII {
            return text.utf8.split(separator: UInt8(ascii: ",")).map { String(Substring($0)).trimmedBlanks }
        }
        return text.split(separator: ",").map { String($0).trimmedBlanks }
    }

    private func identity(_ field: LocatedText) throws -> Identity? {
        guard let text = field.text?.trimmedBlanks, !text.isEmpty else { return nil }
        guard let identity = Identity.parse(text) else {
            throw GenPeerError.data(
                "\"\(text.truncatedForMessage)\" is not a usable identity (expected an IPv4 address or a domain name of letters, digits, '-', '_' and '.')",
                at: field.location)
        }
        return identity
    }

    private func cloudGatewayAddress(_ facts: PeerFacts) throws -> IPv4Address {
        if let address = options.remoteAddress { return address }
        for candidate in facts.cloudAddressCandidates {
            guard let text = candidate.text?.trimmedBlanks, !text.isEmpty else { continue }
            if let address = IPv4Address(text) { return address }
            if candidate.mustBeAddress {
                throw GenPeerError.data("\"\(text.truncatedForMessage)\" is not an IPv4 address", at: candidate.location)
            }
        }
        let names = facts.cloudAddressCandidates.map { $0.location.path.split(separator: ".").last.map(String.init) ?? "" }
        throw GenPeerError.data(
            "the cloud gateway's address is unknown (\(names.joined(separator: " and ")) hold no IPv4 address); pass --remote-address",
            at: facts.location)
    }

    private func ipv4Address(_ text: String?, at location: SourceLocation) throws -> IPv4Address {
        guard let text, let address = IPv4Address(text.trimmedBlanks) else {
            throw GenPeerError.data("expected an IPv4 address, found \"\((text ?? "").truncatedForMessage)\"", at: location)
        }
        return address
    }

    private func bgp(_ config: AlibabaBgpConfig) throws -> PeerBGP? {
        guard config.enableBgp ?? true, config.localAsn != nil || config.peerAsn != nil else { return nil }
        func asn(_ value: Int64?, _ field: String) throws -> UInt32 {
            guard let value, (1...Int64(UInt32.max)).contains(value) else {
                throw GenPeerError.data("ASN \(value.map(String.init) ?? "missing") is out of range (expected 1-4294967295)", at: config.location.appending(field))
            }
            return UInt32(value)
        }
        func address(_ text: String?, _ field: String) throws -> IPv4Address {
            try ipv4Address(text, at: config.location.appending(field))
        }
        let cidrLocation = config.location.appending("TunnelCidr")
        guard let cidrText = config.tunnelCidr, case .network(let network, _)? = CIDRParser.parse(cidrText) else {
            throw GenPeerError.data("expected a /30 CIDR block inside 169.254.0.0/16", at: cidrLocation)
        }
        return PeerBGP(
            localASN: try asn(config.peerAsn, "PeerAsn"),
            remoteASN: try asn(config.localAsn, "LocalAsn"),
            localAddress: try address(config.peerBgpIp, "PeerBgpIp"),
            remoteAddress: try address(config.localBgpIp, "LocalBgpIp"),
            tunnelNetwork: network,
            hasAuthenticationKey: !(config.authKey ?? "").isEmpty)
    }

    private func healthCheck(_ check: AlibabaHealthCheck) throws -> PeerHealthCheck? {
        guard check.enable == true else { return nil }
        func address(_ text: String?, _ field: String) throws -> IPv4Address {
            try ipv4Address(text, at: check.location.appending(field))
        }
        return PeerHealthCheck(
            cloudSource: try address(check.sip, "Sip"),
            onPremisesDestination: try address(check.dip, "Dip"),
            intervalSeconds: Int(check.interval ?? 3),
            retries: Int(check.retry ?? 3))
    }
}

/// A text field with the place it came from.
struct LocatedText {
    var text: String?
    private var place: FieldPlace

    var location: SourceLocation { place.location }

    init(text: String?, location: SourceLocation) {
        self.text = text
        place = FieldPlace(location)
    }

    /// The field named `field` of the object at `object`.
    init(text: String?, field: String, of object: SourceLocation) {
        self.text = text
        place = FieldPlace(field, of: object)
    }
}

/// A candidate for the cloud gateway's address; `mustBeAddress` when a non-address is an error
/// rather than a reason to try the next candidate.
struct AddressCandidate {
    var text: String?
    private var place: FieldPlace
    var mustBeAddress: Bool

    var location: SourceLocation { place.location }

    /// The field named `field` of the object at `object`.
    init(text: String?, field: String, of object: SourceLocation, mustBeAddress: Bool) {
        self.text = text
        place = FieldPlace(field, of: object)
        self.mustBeAddress = mustBeAddress
    }
}

/// Where a field is, its path joined only when asked for: only messages ask, and a
/// connection's fields are mostly fine.
private struct FieldPlace {
    private var object: SourceLocation
    private var field: String?

    init(_ location: SourceLocation) {
        object = location
        field = nil
    }

    init(_ field: String, of object: SourceLocation) {
        self.object = object
        self.field = field
    }

    var location: SourceLocation { field.map(object.appending) ?? object }
}

/// The raw values of one connection, already sorted into on-premises and cloud.
/// This is where the swap happens, and the only place.
struct PeerFacts {
    var location: SourceLocation
    var name: String?
    var vpnConnectionId: String?
    var fallbackName: String
    var onPremisesSubnets: LocatedText
    var cloudSubnets: LocatedText
    var onPremisesId: LocatedText
    var cloudId: LocatedText
    var cloudAddressCandidates: [AddressCandidate]
    var ike: AlibabaIkeConfig
    var ipsec: AlibabaIpsecConfig
    var enableDpd: Bool?
    var enableNatTraversal: Bool?
    var bgp: AlibabaBgpConfig?
    var healthCheck: AlibabaHealthCheck?
    var tags: [AlibabaTag]

    /// The phase 1 and phase 2 blocks of a single-tunnel connection. A dual-tunnel one is an
    /// error until both tunnels can be rendered: half a dual-tunnel setup would be wrong.
    private static func singleTunnelBlocks(
        _ ike: AlibabaIkeConfig?, _ ipsec: AlibabaIpsecConfig?, tunnels: Int, tunnelsAt tunnelsLocation: @autoclosure () -> SourceLocation,
        in location: SourceLocation
    ) throws -> (AlibabaIkeConfig, AlibabaIpsecConfig) {
        guard tunnels == 0 else {
            throw GenPeerError.data(
                "dual-tunnel connections (\(tunnels) tunnels) are not supported yet; "
                    + "genpeer renders single-tunnel connections only and will not emit half of a dual-tunnel setup",
                at: tunnelsLocation())
        }
        guard let ike else { throw GenPeerError.data("missing: IkeConfig is required", at: location.appending("IkeConfig")) }
        guard let ipsec else { throw GenPeerError.data("missing: IpsecConfig is required", at: location.appending("IpsecConfig")) }
        return (ike, ipsec)
    }

    /// A `DescribeVpnConnection(s)` connection, written from the cloud's side: mirror it.
    init(mirroring connection: AlibabaVpnConnection) throws {
        let location = connection.location
        let (ike, ipsec) = try Self.singleTunnelBlocks(
            connection.ikeConfig, connection.ipsecConfig, tunnels: connection.tunnelOptions.count,
            tunnelsAt: location.appending("TunnelOptionsSpecification"), in: location)
        self.location = location
        name = connection.name
        vpnConnectionId = try connection.vpnConnectionId.map { id in
            // It is written into comments of every target: one line of plain characters only.
            guard ConnectionNamer.isSafe(id) else {
                throw GenPeerError.data(
                    "\"\(id.truncatedForMessage)\" is not a connection ID (expected letters, digits, '-' and '_', like vco-bp1...)",
                    at: location.appending("VpnConnectionId"))
            }
            return id
        }
        fallbackName = "vpn-connection"
        onPremisesSubnets = LocatedText(text: connection.remoteSubnet, field: "RemoteSubnet", of: location)
        cloudSubnets = LocatedText(text: connection.localSubnet, field: "LocalSubnet", of: location)
        onPremisesId = LocatedText(text: ike.remoteId, field: "RemoteId", of: ike.location)
        cloudId = LocatedText(text: ike.localId, field: "LocalId", of: ike.location)
        cloudAddressCandidates = [
            AddressCandidate(text: connection.internetIp, field: "InternetIp", of: location, mustBeAddress: true),
            AddressCandidate(text: ike.localId, field: "LocalId", of: ike.location, mustBeAddress: false),
        ]
        self.ike = ike
        self.ipsec = ipsec
        enableDpd = connection.enableDpd
        enableNatTraversal = connection.enableNatTraversal
        bgp = connection.vpnBgpConfig
        healthCheck = connection.vcoHealthCheck
        tags = connection.tags
    }

    /// A `DownloadVpnConnectionConfig` body: Alibaba wrote it from the peer's side already.
    init(downloaded config: AlibabaVpnConnectionConfig) throws {
        let location = config.location
        let (ike, ipsec) = try Self.singleTunnelBlocks(
            config.ikeConfig, config.ipsecConfig, tunnels: config.tunnels.count,
            tunnelsAt: location.appending("TunnelsConfig"), in: location)
        self.location = location
        name = nil
        vpnConnectionId = nil
        let baseName = ((location.file as NSString).lastPathComponent as NSString).deletingPathExtension
        fallbackName = ConnectionNamer.isSafe(baseName) ? baseName : "vpn-connection"
        onPremisesSubnets = LocatedText(text: config.localSubnet, field: "LocalSubnet", of: location)
        cloudSubnets = LocatedText(text: config.remoteSubnet, field: "RemoteSubnet", of: location)
        onPremisesId = ike.localId != nil
            ? LocatedText(text: ike.localId, field: "LocalId", of: ike.location)
            : LocatedText(text: config.local, field: "Local", of: location)
        cloudId = ike.remoteId != nil
            ? LocatedText(text: ike.remoteId, field: "RemoteId", of: ike.location)
            : LocatedText(text: config.remote, field: "Remote", of: location)
        cloudAddressCandidates = [
            AddressCandidate(text: config.remote, field: "Remote", of: location, mustBeAddress: false),
            AddressCandidate(text: ike.remoteId, field: "RemoteId", of: ike.location, mustBeAddress: false),
        ]
        self.ike = ike
        self.ipsec = ipsec
        enableDpd = nil
        enableNatTraversal = nil
        bgp = config.bgpConfigs.first
        healthCheck = nil
        tags = []
    }
}
