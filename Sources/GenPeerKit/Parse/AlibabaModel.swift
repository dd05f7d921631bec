/// A faithful model of Alibaba Cloud's IPsec-VPN documents, seen from the cloud's side as Alibaba
/// writes them. Field names follow the API (VPC API version 2016-04-28, the coding keys spell
/// them); every value is kept as sent, only its JSON/XML type made uniform. Each type decodes
/// from JSON (Foundation's `JSONDecoder`) and from XML (``XMLNodeDecoder``) alike: every field
/// is a ``Field``, read by Alibaba's conventions (`AlibabaConventions.swift`). Nothing here is
/// swapped or validated: that is ``Normalizer``'s job.

/// `IkeConfig`, or a tunnel's `TunnelIkeConfig`: phase 1.
public struct AlibabaIkeConfig: AlibabaObject {
    public var location = SourceLocation(file: "")
    @Field public var ikeVersion: String?
    @Field public var ikeMode: String?
    @Field public var ikeEncAlg: String?
    @Field public var ikeAuthAlg: String?
    @Field public var ikePfs: String?
    @Field public var ikeLifetime: Int64?
    @Field public var localId: String?
    @Field public var remoteId: String?
    @Field public var psk: String?

    enum CodingKeys: String, CodingKey {
        case ikeVersion = "IkeVersion"
        case ikeMode = "IkeMode"
        case ikeEncAlg = "IkeEncAlg"
        case ikeAuthAlg = "IkeAuthAlg"
        case ikePfs = "IkePfs"
        case ikeLifetime = "IkeLifetime"
        case localId = "LocalId"
        case remoteId = "RemoteId"
        case psk = "Psk"
    }
}

/// `IpsecConfig`, or a tunnel's `TunnelIpsecConfig`: phase 2.
public struct AlibabaIpsecConfig: AlibabaObject {
    public var location = SourceLocation(file: "")
    @Field public var ipsecEncAlg: String?
    @Field public var ipsecAuthAlg: String?
    @Field public var ipsecPfs: String?
    @Field public var ipsecLifetime: Int64?

    enum CodingKeys: String, CodingKey {
        case ipsecEncAlg = "IpsecEncAlg"
        case ipsecAuthAlg = "IpsecAuthAlg"
        case ipsecPfs = "IpsecPfs"
        case ipsecLifetime = "IpsecLifetime"
    }
}

/// `VpnBgpConfig` (single tunnel), a tunnel's `TunnelBgpConfig`, or a `BgpConfigs.BgpConfig` item
/// of `DownloadVpnConnectionConfig`.
public struct AlibabaBgpConfig: AlibabaObject {
    public var location = SourceLocation(file: "")
    @Field public var enableBgp: Bool?
    @Field public var tunnelId: String?
    @Field public var localAsn: Int64?
    @Field public var peerAsn: Int64?
    @Field public var tunnelCidr: String?
    @Field public var localBgpIp: String?
    @Field public var peerBgpIp: String?
    /// `Status` of a `VpnBgpConfig` (`success`, `failed`).
    @Field public var status: String?
    /// `BgpStatus` of a tunnel's `TunnelBgpConfig` (`success`, `false`).
    @Field public var bgpStatus: String?
    @Field public var authKey: String?

    enum CodingKeys: String, CodingKey {
        case enableBgp = "EnableBgp"
        case tunnelId = "TunnelId"
        case localAsn = "LocalAsn"
        case peerAsn = "PeerAsn"
        case tunnelCidr = "TunnelCidr"
        case localBgpIp = "LocalBgpIp"
        case peerBgpIp = "PeerBgpIp"
        case status = "Status"
        case bgpStatus = "BgpStatus"
        case authKey = "AuthKey"
    }
}

/// `VcoHealthCheck`.
public struct AlibabaHealthCheck: AlibabaObject {
    public var location = SourceLocation(file: "")
    @Field public var enable: Bool?
    @Field public var sip: String?
    @Field public var dip: String?
    @Field public var interval: Int64?
    @Field public var retry: Int64?
    @Field public var policy: String?
    @Field public var status: String?

    enum CodingKeys: String, CodingKey {
        case enable = "Enable"
        case sip = "Sip"
        case dip = "Dip"
        case interval = "Interval"
        case retry = "Retry"
        case policy = "Policy"
        case status = "Status"
    }
}

/// A tag, from `Tags.Tag[]` (singular response) or `Tag.Tag[]` (plural response). A key or
/// value that is absent is empty.
public struct AlibabaTag: AlibabaObject {
    public var location = SourceLocation(file: "")
    @Field public var key: String
    @Field public var value: String

    enum CodingKeys: String, CodingKey {
        case key = "Key"
        case value = "Value"
    }
}

/// `TunnelOptionsSpecification.TunnelOptions[]`: one tunnel of a dual-tunnel connection.
public struct AlibabaTunnelOptions: AlibabaObject {
    public var location = SourceLocation(file: "")
    @Field public var tunnelId: String?
    @Field public var tunnelIndex: Int64?
    @Field public var role: String?
    @Field public var state: String?
    @Field public var status: String?
    @Field public var customerGatewayId: String?
    @Field public var internetIp: String?
    @Field public var zoneNo: String?
    @Field public var enableDpd: Bool?
    @Field public var enableNatTraversal: Bool?
    @Field public var remoteCaCertificate: String?
    @Field public var ikeConfig: AlibabaIkeConfig?
    @Field public var ipsecConfig: AlibabaIpsecConfig?
    @Field public var bgpConfig: AlibabaBgpConfig?

    enum CodingKeys: String, CodingKey {
        case tunnelId = "TunnelId"
        case tunnelIndex = "TunnelIndex"
        case role = "Role"
        case state = "State"
        case status = "Status"
        case customerGatewayId = "CustomerGatewayId"
        case internetIp = "InternetIp"
        case zoneNo = "ZoneNo"
        case enableDpd = "EnableDpd"
        case enableNatTraversal = "EnableNatTraversal"
        case remoteCaCertificate = "RemoteCaCertificate"
        case ikeConfig = "TunnelIkeConfig"
        case ipsecConfig = "TunnelIpsecConfig"
        case bgpConfig = "TunnelBgpConfig"
    }
}

/// One connection of a `DescribeVpnConnection` body or a `DescribeVpnConnections` item.
public struct AlibabaVpnConnection: AlibabaObject {
    public var location = SourceLocation(file: "")
    @Field public var vpnConnectionId: String?
    @Field public var name: String?
    @Field public var vpnGatewayId: String?
    @Field public var customerGatewayId: String?
    @Field public var localSubnet: String?
    @Field public var remoteSubnet: String?
    @Field public var createTime: Int64?
    @Field public var effectImmediately: Bool?
    @Field public var enableDpd: Bool?
    @Field public var enableNatTraversal: Bool?
    @Field public var enableTunnelsBgp: Bool?
    @Field public var status: String?
    @Field public var state: String?
    @Field public var attachType: String?
    @Field public var attachInstanceId: String?
    @Field public var transitRouterId: String?
    @Field public var transitRouterName: String?
    @Field public var crossAccountAuthorized: Bool?
    @Field public var networkType: String?
    @Field public var internetIp: String?
    @Field public var spec: String?
    @Field public var tunnelBandwidth: String?
    @Field public var zoneNo: String?
    @Field public var resourceGroupId: String?
    @Field public var remoteCaCertificate: String?
    @Field public var ikeConfig: AlibabaIkeConfig?
    @Field public var ipsecConfig: AlibabaIpsecConfig?
    @Field public var vpnBgpConfig: AlibabaBgpConfig?
    @Field public var vcoHealthCheck: AlibabaHealthCheck?
    /// `Tags.Tag[]` in a `DescribeVpnConnection` body.
    @Field var describedTags: [AlibabaTag]
    /// `Tag.Tag[]` in a `DescribeVpnConnections` item.
    @Field var listedTags: [AlibabaTag]
    @Field public var tunnelOptions: [AlibabaTunnelOptions]

    /// The connection's tags, from `Tags.Tag[]` or `Tag.Tag[]` (the plural response's name).
    public var tags: [AlibabaTag] {
        get { describedTags + listedTags }
        set { (describedTags, listedTags) = (newValue, []) }
    }

    enum CodingKeys: String, CodingKey {
        case vpnConnectionId = "VpnConnectionId"
        case name = "Name"
        case vpnGatewayId = "VpnGatewayId"
        case customerGatewayId = "CustomerGatewayId"
        case localSubnet = "LocalSubnet"
        case remoteSubnet = "RemoteSubnet"
        case createTime = "CreateTime"
        case effectImmediately = "EffectImmediately"
        case enableDpd = "EnableDpd"
        case enableNatTraversal = "EnableNatTraversal"
        case enableTunnelsBgp = "EnableTunnelsBgp"
        case status = "Status"
        case state = "State"
        case attachType = "AttachType"
        case attachInstanceId = "AttachInstanceId"
        case transitRouterId = "TransitRouterId"
        case transitRouterName = "TransitRouterName"
        case crossAccountAuthorized = "CrossAccountAuthorized"
        case networkType = "NetworkType"
        case internetIp = "InternetIp"
        case spec = "Spec"
        case tunnelBandwidth = "TunnelBandwidth"
        case zoneNo = "ZoneNo"
        case resourceGroupId = "ResourceGroupId"
        case remoteCaCertificate = "RemoteCaCertificate"
        case ikeConfig = "IkeConfig"
        case ipsecConfig = "IpsecConfig"
        case vpnBgpConfig = "VpnBgpConfig"
        case vcoHealthCheck = "VcoHealthCheck"
        case describedTags = "Tags"
        case listedTags = "Tag"
        case tunnelOptions = "TunnelOptionsSpecification"
    }
}

/// A `TunnelsConfig.TunnelConfig[]` item of `DownloadVpnConnectionConfig`.
public struct AlibabaDownloadedTunnel: AlibabaObject {
    public var location = SourceLocation(file: "")
    @Field public var tunnelId: String?
    /// `master` (active) or `slave` (standby), when Alibaba says.
    @Field public var role: String?
    @Field public var local: String?
    @Field public var remote: String?
    @Field public var ikeConfig: AlibabaIkeConfig?
    @Field public var ipsecConfig: AlibabaIpsecConfig?

    enum CodingKeys: String, CodingKey {
        case tunnelId = "TunnelId"
        case role = "Role"
        case local = "Local"
        case remote = "Remote"
        case ikeConfig = "IkeConfig"
        case ipsecConfig = "IpsecConfig"
    }
}

/// The `VpnConnectionConfig` of a `DownloadVpnConnectionConfig` body. Alibaba writes it from the
/// customer gateway's side already: `Local*` is on-premises, `Remote*` is the cloud.
public struct AlibabaVpnConnectionConfig: AlibabaObject {
    public var location = SourceLocation(file: "")
    @Field public var local: String?
    @Field public var remote: String?
    @Field public var localSubnet: String?
    @Field public var remoteSubnet: String?
    @Field public var ikeConfig: AlibabaIkeConfig?
    @Field public var ipsecConfig: AlibabaIpsecConfig?
    @Field public var tunnels: [AlibabaDownloadedTunnel]
    @Field public var bgpConfigs: [AlibabaBgpConfig]

    enum CodingKeys: String, CodingKey {
        case local = "Local"
        case remote = "Remote"
        case localSubnet = "LocalSubnet"
        case remoteSubnet = "RemoteSubnet"
        case ikeConfig = "IkeConfig"
        case ipsecConfig = "IpsecConfig"
        case tunnels = "TunnelsConfig"
        case bgpConfigs = "BgpConfigs"
    }
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
