import Foundation

/// The raw values of one connection, already sorted into on-premises and cloud, tunnel by
/// tunnel. This is where the swap happens, and the only place: a `DescribeVpnConnection(s)`
/// connection is written from the cloud's side and is mirrored; a `DownloadVpnConnectionConfig`
/// body is written from the peer's side already and is taken as it is.
struct PeerFacts {
    var location: SourceLocation
    var name: String?
    var vpnConnectionId: LocatedText
    /// The name when neither `Name` nor `VpnConnectionId` is usable.
    var fallbackName: String
    var onPremisesSubnets: LocatedText
    var cloudSubnets: LocatedText
    /// Whether the document is in dual-tunnel mode (`TunnelOptionsSpecification`, `TunnelsConfig`).
    var isDualTunnel: Bool
    /// Where a dual-tunnel document lists its tunnels.
    var tunnelListLocation: SourceLocation
    /// The tunnels in document order; a missing phase 1 or 2 block is an error of its tunnel.
    var tunnels: [Result<TunnelFacts, any Error>]
    var healthCheck: AlibabaHealthCheck?
    var tags: [AlibabaTag]
    /// `State` of the connection (`active`, `deleted`, ...), when sent.
    var state: LocatedText

    init(_ connection: AlibabaConnection) {
        switch connection {
        case .described(let described): self.init(mirroring: described)
        case .downloaded(let downloaded): self.init(downloaded: downloaded)
        }
    }

    /// A `DescribeVpnConnection(s)` connection, written from the cloud's side: mirror it.
    init(mirroring connection: AlibabaVpnConnection) {
        let location = connection.location
        self.location = location
        name = connection.name
        vpnConnectionId = LocatedText(text: connection.vpnConnectionId, field: "VpnConnectionId", of: location)
        fallbackName = "vpn-connection"
        onPremisesSubnets = LocatedText(text: connection.remoteSubnet, field: "RemoteSubnet", of: location)
        cloudSubnets = LocatedText(text: connection.localSubnet, field: "LocalSubnet", of: location)
        healthCheck = connection.vcoHealthCheck
        tags = connection.tags
        state = LocatedText(text: connection.state, field: "State", of: location)
        tunnelListLocation = location.appending("TunnelOptionsSpecification").appending("TunnelOptions")
        if connection.tunnelOptions.isEmpty {
            isDualTunnel = false
            tunnels = [
                Result {
                    try TunnelFacts(
                        mirroring: connection.ikeConfig, connection.ipsecConfig, ikeName: "IkeConfig", ipsecName: "IpsecConfig",
                        at: location, number: 1, tunnelId: nil, role: nil, customerGatewayId: connection.customerGatewayId,
                        internetIp: LocatedText(text: connection.internetIp, field: "InternetIp", of: location),
                        enableDpd: LocatedValue(connection.enableDpd, field: "EnableDpd", of: location),
                        enableNatTraversal: LocatedValue(connection.enableNatTraversal, field: "EnableNatTraversal", of: location),
                        bgp: connection.vpnBgpConfig.map { BGPFacts(mirroring: $0, enabledByConnection: nil) })
                }
            ]
        } else {
            isDualTunnel = true
            tunnels = connection.tunnelOptions.enumerated().map { index, tunnel in
                Result {
                    try TunnelFacts(
                        mirroring: tunnel.ikeConfig, tunnel.ipsecConfig, ikeName: "TunnelIkeConfig", ipsecName: "TunnelIpsecConfig",
                        at: tunnel.location, number: index + 1, tunnelId: tunnel.tunnelId,
                        role: LocatedText(text: tunnel.role, field: "Role", of: tunnel.location),
                        customerGatewayId: tunnel.customerGatewayId ?? connection.customerGatewayId,
                        // The top-level InternetIp of a dual-tunnel connection is not a tunnel's endpoint.
                        internetIp: LocatedText(text: tunnel.internetIp, field: "InternetIp", of: tunnel.location),
                        enableDpd: tunnel.enableDpd != nil
                            ? LocatedValue(tunnel.enableDpd, field: "EnableDpd", of: tunnel.location)
                            : LocatedValue(connection.enableDpd, field: "EnableDpd", of: location),
                        enableNatTraversal: tunnel.enableNatTraversal != nil
                            ? LocatedValue(tunnel.enableNatTraversal, field: "EnableNatTraversal", of: tunnel.location)
                            : LocatedValue(connection.enableNatTraversal, field: "EnableNatTraversal", of: location),
                        // Per-tunnel BGP has no EnableBgp of its own: EnableTunnelsBgp switches it.
                        bgp: tunnel.bgpConfig.map {
                            BGPFacts(mirroring: $0, enabledByConnection: LocatedValue(connection.enableTunnelsBgp, field: "EnableTunnelsBgp", of: location))
                        })
                }
            }
        }
    }

    /// A `DownloadVpnConnectionConfig` body: Alibaba wrote it from the peer's side already.
    init(downloaded config: AlibabaVpnConnectionConfig) {
        let location = config.location
        self.location = location
        name = nil
        vpnConnectionId = LocatedText(text: nil, field: "VpnConnectionId", of: location)
        let baseName = ((location.file as NSString).lastPathComponent as NSString).deletingPathExtension
        fallbackName = ConnectionNamer.isSafe(baseName) ? baseName : "vpn-connection"
        onPremisesSubnets = LocatedText(text: config.localSubnet, field: "LocalSubnet", of: location)
        cloudSubnets = LocatedText(text: config.remoteSubnet, field: "RemoteSubnet", of: location)
        healthCheck = nil
        tags = []
        state = LocatedText(text: nil, field: "State", of: location)
        tunnelListLocation = location.appending("TunnelsConfig").appending("TunnelConfig")
        // Download's BgpConfigs are matched to tunnels by TunnelId; a single tunnel takes the first.
        func bgp(for tunnelId: String?) -> BGPFacts? {
            let config = tunnelId.map { id in config.bgpConfigs.first { $0.tunnelId == id } } ?? config.bgpConfigs.first
            return config.map { BGPFacts(peerView: $0) }
        }
        if config.tunnels.isEmpty {
            isDualTunnel = false
            tunnels = [
                Result {
                    try TunnelFacts(
                        downloaded: config.ikeConfig, config.ipsecConfig, at: location, number: 1, tunnelId: nil, role: nil,
                        local: LocatedText(text: config.local, field: "Local", of: location),
                        remote: LocatedText(text: config.remote, field: "Remote", of: location), bgp: bgp(for: nil))
                }
            ]
        } else {
            isDualTunnel = true
            tunnels = config.tunnels.enumerated().map { index, tunnel in
                Result {
                    try TunnelFacts(
                        downloaded: tunnel.ikeConfig, tunnel.ipsecConfig, at: tunnel.location, number: index + 1, tunnelId: tunnel.tunnelId,
                        role: LocatedText(text: tunnel.role, field: "Role", of: tunnel.location),
                        local: tunnel.local != nil
                            ? LocatedText(text: tunnel.local, field: "Local", of: tunnel.location)
                            : LocatedText(text: config.local, field: "Local", of: location),
                        remote: LocatedText(text: tunnel.remote, field: "Remote", of: tunnel.location),
                        bgp: bgp(for: tunnel.tunnelId))
                }
            }
        }
    }
}

/// One tunnel's raw values, sorted into on-premises and cloud.
struct TunnelFacts {
    /// The tunnel's own place: a `TunnelOptions`/`TunnelConfig` item, or the connection's.
    var location: SourceLocation
    /// 1-based position in the document.
    var number: Int
    var tunnelId: String?
    /// `Role` (`master`/`slave`) of a dual-tunnel item; `nil` for a single tunnel.
    var role: LocatedText?
    var customerGatewayId: String?
    var onPremisesId: LocatedText
    var cloudId: LocatedText
    /// Fields that may hold the cloud gateway's address, in order of preference.
    var cloudAddressCandidates: [AddressCandidate]
    /// The customer gateway's address as the document knows it (Download's `Local`).
    var onPremisesAddress: LocatedText?
    var ike: AlibabaIkeConfig
    var ipsec: AlibabaIpsecConfig
    /// `EnableDpd` and `EnableNatTraversal`: the tunnel's own, else the connection's.
    var enableDpd: LocatedValue<Bool?>
    var enableNatTraversal: LocatedValue<Bool?>
    var bgp: BGPFacts?

    /// How people call the tunnel in messages: `tunnel 1 (tun-..., master)`.
    var label: String {
        let details = [tunnelId, role?.text].compactMap(AlibabaVocabulary.text)
        return details.isEmpty ? "tunnel \(number)" : "tunnel \(number) (\(details.joined(separator: ", ")))"
    }

    /// A tunnel of a `DescribeVpnConnection(s)` document (or the connection itself).
    init(
        mirroring ike: AlibabaIkeConfig?, _ ipsec: AlibabaIpsecConfig?, ikeName: String, ipsecName: String, at location: SourceLocation,
        number: Int, tunnelId: String?, role: LocatedText?, customerGatewayId: String?, internetIp: LocatedText,
        enableDpd: LocatedValue<Bool?>, enableNatTraversal: LocatedValue<Bool?>, bgp: BGPFacts?
    ) throws {
        guard let ike else { throw GenPeerError.data("missing: \(ikeName) is required", at: location.appending(ikeName)) }
        guard let ipsec else { throw GenPeerError.data("missing: \(ipsecName) is required", at: location.appending(ipsecName)) }
        self.location = location
        self.number = number
        self.tunnelId = tunnelId
        self.role = role
        self.customerGatewayId = AlibabaVocabulary.text(customerGatewayId)
        onPremisesId = LocatedText(text: ike.remoteId, field: "RemoteId", of: ike.location)
        cloudId = LocatedText(text: ike.localId, field: "LocalId", of: ike.location)
        cloudAddressCandidates = [
            AddressCandidate(internetIp, mustBeAddress: true),
            AddressCandidate(LocatedText(text: ike.localId, field: "LocalId", of: ike.location), mustBeAddress: false),
        ]
        onPremisesAddress = nil
        self.ike = ike
        self.ipsec = ipsec
        self.enableDpd = enableDpd
        self.enableNatTraversal = enableNatTraversal
        self.bgp = bgp
    }

    /// A tunnel of a `DownloadVpnConnectionConfig` body (or the body itself): `Local*` is this side.
    init(
        downloaded ike: AlibabaIkeConfig?, _ ipsec: AlibabaIpsecConfig?, at location: SourceLocation, number: Int, tunnelId: String?,
        role: LocatedText?, local: LocatedText, remote: LocatedText, bgp: BGPFacts?
    ) throws {
        guard let ike else { throw GenPeerError.data("missing: IkeConfig is required", at: location.appending("IkeConfig")) }
        guard let ipsec else { throw GenPeerError.data("missing: IpsecConfig is required", at: location.appending("IpsecConfig")) }
        self.location = location
        self.number = number
        self.tunnelId = tunnelId
        self.role = role
        customerGatewayId = nil
        onPremisesId = ike.localId != nil ? LocatedText(text: ike.localId, field: "LocalId", of: ike.location) : local
        cloudId = ike.remoteId != nil ? LocatedText(text: ike.remoteId, field: "RemoteId", of: ike.location) : remote
        cloudAddressCandidates = [
            AddressCandidate(remote, mustBeAddress: false),
            AddressCandidate(LocatedText(text: ike.remoteId, field: "RemoteId", of: ike.location), mustBeAddress: false),
        ]
        onPremisesAddress = local
        self.ike = ike
        self.ipsec = ipsec
        enableDpd = LocatedValue(nil, field: "EnableDpd", of: location)
        enableNatTraversal = LocatedValue(nil, field: "EnableNatTraversal", of: location)
        self.bgp = bgp
    }
}

/// One tunnel's BGP values, sorted into on-premises and cloud.
struct BGPFacts {
    var location: SourceLocation
    /// Whether BGP is on: `EnableBgp` of a single tunnel, else `EnableTunnelsBgp` of the connection.
    var enabled: LocatedValue<Bool?>
    var onPremisesASN: LocatedValue<Int64?>
    var cloudASN: LocatedValue<Int64?>
    var onPremisesAddress: LocatedText
    var cloudAddress: LocatedText
    var tunnelCidr: LocatedText
    var authKey: LocatedText
    /// Whether a download's item was found written from the cloud's side and read that way.
    var readFromCloudSide = false

    /// `VpnBgpConfig` / `TunnelBgpConfig`: `Local*` is the cloud, `Peer*` this side.
    init(mirroring config: AlibabaBgpConfig, enabledByConnection: LocatedValue<Bool?>?) {
        self.init(
            config, enabled: enabledByConnection ?? LocatedValue(config.enableBgp, field: "EnableBgp", of: config.location),
            writtenFromCloudSide: true)
    }

    /// A `BgpConfigs.BgpConfig` item of a download, written from the peer's side like the rest of
    /// the body: `Local*` is this side, `Peer*` the cloud. A download lists BGP only when it is on.
    ///
    /// Alibaba documents neither side for these fields, but one fact decides it when it shows:
    /// Alibaba Cloud's own ASN, ``alibabaCloudASN``, is reserved, so no customer gateway has it.
    /// An item whose `LocalAsn` is that ASN and whose `PeerAsn` is not is written from the
    /// cloud's side, and is read that way (``readFromCloudSide``).
    init(peerView config: AlibabaBgpConfig) {
        let cloudSide = config.localAsn == Self.alibabaCloudASN && config.peerAsn != Self.alibabaCloudASN
        self.init(config, enabled: LocatedValue(config.enableBgp ?? true, field: "EnableBgp", of: config.location), writtenFromCloudSide: cloudSide)
        readFromCloudSide = cloudSide
    }

    /// The one place that sorts an item's `Local*` and `Peer*` fields into the two sides.
    private init(_ config: AlibabaBgpConfig, enabled: LocatedValue<Bool?>, writtenFromCloudSide: Bool) {
        let location = config.location
        let (onPremises, cloud) = writtenFromCloudSide ? ("Peer", "Local") : ("Local", "Peer")
        self.location = location
        self.enabled = enabled
        onPremisesASN = LocatedValue(writtenFromCloudSide ? config.peerAsn : config.localAsn, field: onPremises + "Asn", of: location)
        cloudASN = LocatedValue(writtenFromCloudSide ? config.localAsn : config.peerAsn, field: cloud + "Asn", of: location)
        onPremisesAddress = LocatedText(text: writtenFromCloudSide ? config.peerBgpIp : config.localBgpIp, field: onPremises + "BgpIp", of: location)
        cloudAddress = LocatedText(text: writtenFromCloudSide ? config.localBgpIp : config.peerBgpIp, field: cloud + "BgpIp", of: location)
        tunnelCidr = LocatedText(text: config.tunnelCidr, field: "TunnelCidr", of: location)
        authKey = LocatedText(text: config.authKey, field: "AuthKey", of: location)
    }

    /// Alibaba Cloud's ASN: the VPN gateway's default `LocalAsn`, and refused for customer gateways.
    static let alibabaCloudASN: Int64 = 45104
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

/// A value with the place it came from.
struct LocatedValue<Value> {
    var value: Value
    private var place: FieldPlace

    var location: SourceLocation { place.location }

    init(_ value: Value, field: String, of object: SourceLocation) {
        self.value = value
        place = FieldPlace(field, of: object)
    }

    init(_ value: Value, at location: SourceLocation) {
        self.value = value
        place = FieldPlace(location)
    }
}

/// A candidate for the cloud gateway's address; `mustBeAddress` when a non-address is an error
/// rather than a reason to try the next candidate.
struct AddressCandidate {
    var field: LocatedText
    var mustBeAddress: Bool

    init(_ field: LocatedText, mustBeAddress: Bool) {
        self.field = field
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
