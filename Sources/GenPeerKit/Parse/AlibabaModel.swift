/// A faithful model of Alibaba Cloud's IPsec-VPN documents, seen from the cloud's side as Alibaba
/// writes them. Field names follow the API (VPC API version 2016-04-28); every value is kept as
/// sent, only its JSON/XML type made uniform. Nothing here is swapped or validated: that is
/// ``Normalizer``'s job.

/// `IkeConfig`, or a tunnel's `TunnelIkeConfig`: phase 1.
public struct AlibabaIkeConfig: Sendable, Equatable {
    public var location: SourceLocation
    public var ikeVersion: String?
    public var ikeMode: String?
    public var ikeEncAlg: String?
    public var ikeAuthAlg: String?
    public var ikePfs: String?
    public var ikeLifetime: Int64?
    public var localId: String?
    public var remoteId: String?
    public var psk: String?
}

/// `IpsecConfig`, or a tunnel's `TunnelIpsecConfig`: phase 2.
public struct AlibabaIpsecConfig: Sendable, Equatable {
    public var location: SourceLocation
    public var ipsecEncAlg: String?
    public var ipsecAuthAlg: String?
    public var ipsecPfs: String?
    public var ipsecLifetime: Int64?
}

/// `VpnBgpConfig` (single tunnel), a tunnel's `TunnelBgpConfig`, or a `BgpConfigs.BgpConfig` item
/// of `DownloadVpnConnectionConfig`.
public struct AlibabaBgpConfig: Sendable, Equatable {
    public var location: SourceLocation
    public var enableBgp: Bool?
    public var tunnelId: String?
    public var localAsn: Int64?
    public var peerAsn: Int64?
    public var tunnelCidr: String?
    public var localBgpIp: String?
    public var peerBgpIp: String?
    public var status: String?
    public var authKey: String?
}

/// `VcoHealthCheck`.
public struct AlibabaHealthCheck: Sendable, Equatable {
    public var location: SourceLocation
    public var enable: Bool?
    public var sip: String?
    public var dip: String?
    public var interval: Int64?
    public var retry: Int64?
    public var policy: String?
    public var status: String?
}

/// A tag, from `Tags.Tag[]` (singular response) or `Tag.Tag[]` (plural response).
public struct AlibabaTag: Sendable, Equatable {
    public var key: String
    public var value: String
}

/// `TunnelOptionsSpecification.TunnelOptions[]`: one tunnel of a dual-tunnel connection.
public struct AlibabaTunnelOptions: Sendable, Equatable {
    public var location: SourceLocation
    public var tunnelId: String?
    public var tunnelIndex: Int64?
    public var role: String?
    public var state: String?
    public var status: String?
    public var customerGatewayId: String?
    public var internetIp: String?
    public var zoneNo: String?
    public var enableDpd: Bool?
    public var enableNatTraversal: Bool?
    public var remoteCaCertificate: String?
    public var ikeConfig: AlibabaIkeConfig?
    public var ipsecConfig: AlibabaIpsecConfig?
    public var bgpConfig: AlibabaBgpConfig?
}

/// One connection of a `DescribeVpnConnection` body or a `DescribeVpnConnections` item.
public struct AlibabaVpnConnection: Sendable, Equatable {
    public var location: SourceLocation
    public var vpnConnectionId: String?
    public var name: String?
    public var vpnGatewayId: String?
    public var customerGatewayId: String?
    public var localSubnet: String?
    public var remoteSubnet: String?
    public var createTime: Int64?
    public var effectImmediately: Bool?
    public var enableDpd: Bool?
    public var enableNatTraversal: Bool?
    public var enableTunnelsBgp: Bool?
    public var status: String?
    public var state: String?
    public var attachType: String?
    public var attachInstanceId: String?
    public var transitRouterId: String?
    public var transitRouterName: String?
    public var crossAccountAuthorized: Bool?
    public var networkType: String?
    public var internetIp: String?
    public var spec: String?
    public var tunnelBandwidth: String?
    public var zoneNo: String?
    public var resourceGroupId: String?
    public var remoteCaCertificate: String?
    public var ikeConfig: AlibabaIkeConfig?
    public var ipsecConfig: AlibabaIpsecConfig?
    public var vpnBgpConfig: AlibabaBgpConfig?
    public var vcoHealthCheck: AlibabaHealthCheck?
    public var tags: [AlibabaTag]
    public var tunnelOptions: [AlibabaTunnelOptions]
}

/// A `TunnelsConfig.TunnelConfig[]` item of `DownloadVpnConnectionConfig`.
public struct AlibabaDownloadedTunnel: Sendable, Equatable {
    public var location: SourceLocation
    public var tunnelId: String?
    /// `master` or `slave`, when the document says (Alibaba's SDKs do not list it for downloads).
    public var role: String?
    public var local: String?
    public var remote: String?
    public var ikeConfig: AlibabaIkeConfig?
    public var ipsecConfig: AlibabaIpsecConfig?
}

/// The `VpnConnectionConfig` of a `DownloadVpnConnectionConfig` body. Alibaba writes it from the
/// customer gateway's side already: `Local*` is on-premises, `Remote*` is the cloud.
public struct AlibabaVpnConnectionConfig: Sendable, Equatable {
    public var location: SourceLocation
    public var local: String?
    public var remote: String?
    public var localSubnet: String?
    public var remoteSubnet: String?
    public var ikeConfig: AlibabaIkeConfig?
    public var ipsecConfig: AlibabaIpsecConfig?
    public var tunnels: [AlibabaDownloadedTunnel]
    public var bgpConfigs: [AlibabaBgpConfig]
}

/// One connection as read from a document, in the shape Alibaba wrote it.
public enum AlibabaConnection: Sendable, Equatable {
    /// From `DescribeVpnConnection` or `DescribeVpnConnections`: the cloud's view.
    case described(AlibabaVpnConnection)
    /// From `DownloadVpnConnectionConfig`: already the peer's view.
    case downloaded(AlibabaVpnConnectionConfig)

    public var location: SourceLocation {
        switch self {
        case .described(let connection): return connection.location
        case .downloaded(let config): return config.location
        }
    }
}
