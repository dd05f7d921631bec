import Foundation

/// Turns a document tree into the connections it holds, whatever its shape: a
/// `DescribeVpnConnection` body, a `DescribeVpnConnections` body (`VpnConnections.VpnConnection[]`),
/// a bare list of connections (what `--cli-query VpnConnections.VpnConnection` prints), or a
/// `DownloadVpnConnectionConfig` body (`VpnConnectionConfig`).
public struct AlibabaDecoder: Sendable {
    public init() {}

    /// Every connection of the document, in document order.
    public func connections(in root: DocumentNode, location: SourceLocation) throws -> [AlibabaConnection] {
        if case .array(let items) = root {
            guard !items.isEmpty else { throw GenPeerError.data("the document is an empty list", at: location) }
            return try items.enumerated().map { .described(try describedConnection($0.element, at: location.indexed($0.offset))) }
        }
        let body = try FieldReader(root, at: location)
        if let config = try body.object("VpnConnectionConfig") {
            return [.downloaded(try downloadedConfig(config))]
        }
        if body.has("VpnConnections") {
            let items = try body.list("VpnConnections", item: "VpnConnection")
            guard !items.isEmpty else {
                throw GenPeerError.data("the document lists no VPN connection", at: location.appending("VpnConnections"))
            }
            return try items.map { .described(try connection($0)) }
        }
        if body.has("VpnConnectionId") || body.has("IkeConfig") || body.has("TunnelOptionsSpecification") {
            return [.described(try connection(body))]
        }
        throw GenPeerError.data(
            "not a DescribeVpnConnection(s) or DownloadVpnConnectionConfig response "
                + "(found none of VpnConnectionId, IkeConfig, VpnConnections, VpnConnectionConfig)",
            at: location)
    }

    /// One item of a connection list (``ConnectionList``).
    func describedConnection(_ node: DocumentNode, at location: SourceLocation) throws -> AlibabaVpnConnection {
        try connection(FieldReader(node, at: location))
    }

    private func connection(_ fields: FieldReader) throws -> AlibabaVpnConnection {
        let tagItems = try fields.has("Tags") ? fields.list("Tags", item: "Tag") : fields.list("Tag", item: "Tag")
        return AlibabaVpnConnection(
            location: fields.location,
            vpnConnectionId: try fields.string("VpnConnectionId"),
            name: try fields.string("Name"),
            vpnGatewayId: try fields.string("VpnGatewayId"),
            customerGatewayId: try fields.string("CustomerGatewayId"),
            localSubnet: try fields.string("LocalSubnet"),
            remoteSubnet: try fields.string("RemoteSubnet"),
            createTime: try fields.integer("CreateTime"),
            effectImmediately: try fields.bool("EffectImmediately"),
            enableDpd: try fields.bool("EnableDpd"),
            enableNatTraversal: try fields.bool("EnableNatTraversal"),
            enableTunnelsBgp: try fields.bool("EnableTunnelsBgp"),
            status: try fields.string("Status"),
            state: try fields.string("State"),
            attachType: try fields.string("AttachType"),
            attachInstanceId: try fields.string("AttachInstanceId"),
            transitRouterId: try fields.string("TransitRouterId"),
            transitRouterName: try fields.string("TransitRouterName"),
            crossAccountAuthorized: try fields.bool("CrossAccountAuthorized"),
            networkType: try fields.string("NetworkType"),
            internetIp: try fields.string("InternetIp"),
            spec: try fields.string("Spec"),
            tunnelBandwidth: try fields.string("TunnelBandwidth"),
            zoneNo: try fields.string("ZoneNo"),
            resourceGroupId: try fields.string("ResourceGroupId"),
            remoteCaCertificate: try fields.string("RemoteCaCertificate"),
            ikeConfig: try fields.object("IkeConfig").map(ikeConfig),
            ipsecConfig: try fields.object("IpsecConfig").map(ipsecConfig),
            vpnBgpConfig: try fields.object("VpnBgpConfig").map(bgpConfig),
            vcoHealthCheck: try fields.object("VcoHealthCheck").map(healthCheck),
            tags: try tagItems.map(tag),
            tunnelOptions: try fields.list("TunnelOptionsSpecification", item: "TunnelOptions").map(tunnelOptions))
    }

    private func ikeConfig(_ fields: FieldReader) throws -> AlibabaIkeConfig {
        AlibabaIkeConfig(
            location: fields.location,
            ikeVersion: try fields.string("IkeVersion"),
            ikeMode: try fields.string("IkeMode"),
            ikeEncAlg: try fields.string("IkeEncAlg"),
            ikeAuthAlg: try fields.string("IkeAuthAlg"),
            ikePfs: try fields.string("IkePfs"),
            ikeLifetime: try fields.integer("IkeLifetime"),
            localId: try fields.string("LocalId"),
            remoteId: try fields.string("RemoteId"),
            psk: try fields.string("Psk"))
    }

    private func ipsecConfig(_ fields: FieldReader) throws -> AlibabaIpsecConfig {
        AlibabaIpsecConfig(
            location: fields.location,
            ipsecEncAlg: try fields.string("IpsecEncAlg"),
            ipsecAuthAlg: try fields.string("IpsecAuthAlg"),
            ipsecPfs: try fields.string("IpsecPfs"),
            ipsecLifetime: try fields.integer("IpsecLifetime"))
    }

    private func bgpConfig(_ fields: FieldReader) throws -> AlibabaBgpConfig {
        AlibabaBgpConfig(
            location: fields.location,
            enableBgp: try fields.bool("EnableBgp"),
            tunnelId: try fields.string("TunnelId"),
            localAsn: try fields.integer("LocalAsn"),
            peerAsn: try fields.integer("PeerAsn"),
            tunnelCidr: try fields.string("TunnelCidr"),
            localBgpIp: try fields.string("LocalBgpIp"),
            peerBgpIp: try fields.string("PeerBgpIp"),
            status: try fields.string("Status") ?? fields.string("BgpStatus"),
            authKey: try fields.string("AuthKey"))
    }

    private func healthCheck(_ fields: FieldReader) throws -> AlibabaHealthCheck {
        AlibabaHealthCheck(
            location: fields.location,
            enable: try fields.bool("Enable"),
            sip: try fields.string("Sip"),
            dip: try fields.string("Dip"),
            interval: try fields.integer("Interval"),
            retry: try fields.integer("Retry"),
            policy: try fields.string("Policy"),
            status: try fields.string("Status"))
    }

    private func tag(_ fields: FieldReader) throws -> AlibabaTag {
        AlibabaTag(key: try fields.string("Key") ?? "", value: try fields.string("Value") ?? "")
    }

    private func tunnelOptions(_ fields: FieldReader) throws -> AlibabaTunnelOptions {
        AlibabaTunnelOptions(
            location: fields.location,
            tunnelId: try fields.string("TunnelId"),
            tunnelIndex: try fields.integer("TunnelIndex"),
            role: try fields.string("Role"),
            state: try fields.string("State"),
            status: try fields.string("Status"),
            customerGatewayId: try fields.string("CustomerGatewayId"),
            internetIp: try fields.string("InternetIp"),
            zoneNo: try fields.string("ZoneNo"),
            enableDpd: try fields.bool("EnableDpd"),
            enableNatTraversal: try fields.bool("EnableNatTraversal"),
            remoteCaCertificate: try fields.string("RemoteCaCertificate"),
            ikeConfig: try fields.object("TunnelIkeConfig").map(ikeConfig),
            ipsecConfig: try fields.object("TunnelIpsecConfig").map(ipsecConfig),
            bgpConfig: try fields.object("TunnelBgpConfig").map(bgpConfig))
    }

    private func downloadedConfig(_ fields: FieldReader) throws -> AlibabaVpnConnectionConfig {
        AlibabaVpnConnectionConfig(
            location: fields.location,
            local: try fields.string("Local"),
            remote: try fields.string("Remote"),
            localSubnet: try fields.string("LocalSubnet"),
            remoteSubnet: try fields.string("RemoteSubnet"),
            ikeConfig: try fields.object("IkeConfig").map(ikeConfig),
            ipsecConfig: try fields.object("IpsecConfig").map(ipsecConfig),
            tunnels: try fields.list("TunnelsConfig", item: "TunnelConfig").map(downloadedTunnel),
            bgpConfigs: try fields.list("BgpConfigs", item: "BgpConfig").map(bgpConfig))
    }

    private func downloadedTunnel(_ fields: FieldReader) throws -> AlibabaDownloadedTunnel {
        AlibabaDownloadedTunnel(
            location: fields.location,
            tunnelId: try fields.string("TunnelId"),
            role: try fields.string("Role"),
            local: try fields.string("Local"),
            remote: try fields.string("Remote"),
            ikeConfig: try fields.object("IkeConfig").map(ikeConfig),
            ipsecConfig: try fields.object("IpsecConfig").map(ipsecConfig))
    }
}
