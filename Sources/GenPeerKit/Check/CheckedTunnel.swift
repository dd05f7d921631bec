import Foundation

/// One tunnel of a connection as `check` looks at it: the connection itself when it is
/// single-tunnel, else one `TunnelOptions` / `TunnelConfig` item made into a single-tunnel
/// connection of its own, so that the ``Normalizer`` and the dialects can judge it alone.
struct CheckedTunnel {
    /// `nil` for a single-tunnel connection; `tunnel 1 (tun-…, master)` otherwise.
    var label: String?
    /// The tunnel's own place in the document (the connection's for a single tunnel).
    var location: SourceLocation
    /// The tunnel as a single-tunnel connection, in the document's own shape.
    var connection: AlibabaConnection
    /// A block the tunnel lacks, reported where it belongs (the synthesized connection would
    /// report it at the connection's top-level `IkeConfig`).
    var missingBlock: GenPeerError?
    /// `EnableDpd` / `EnableNatTraversal` of a dual-tunnel item, to compare tunnels.
    var enableDpd: LocatedValue<Bool>?
    var enableNatTraversal: LocatedValue<Bool>?
    /// `DownloadVpnConnectionConfig`'s `Local`: the customer gateway's address as Alibaba knows it.
    var onPremisesAddress: LocatedText?

    /// The customer gateway the tunnel ends at, when the document names one.
    var customerGatewayId: String? {
        guard case .described(let described) = connection, let id = described.customerGatewayId, !id.isEmpty else { return nil }
        return id
    }

    var ike: AlibabaIkeConfig? {
        switch connection {
        case .described(let described): return described.ikeConfig
        case .downloaded(let downloaded): return downloaded.ikeConfig
        }
    }

    var ipsec: AlibabaIpsecConfig? {
        switch connection {
        case .described(let described): return described.ipsecConfig
        case .downloaded(let downloaded): return downloaded.ipsecConfig
        }
    }

    /// Both sides sorted into on-premises and cloud by the pipeline's own swap; `nil` when the
    /// tunnel lacks a block (the normalizer reports that).
    var facts: PeerFacts? {
        guard missingBlock == nil else { return nil }
        switch connection {
        case .described(let described): return try? PeerFacts(mirroring: described)
        case .downloaded(let downloaded): return try? PeerFacts(downloaded: downloaded)
        }
    }

    /// The tunnels of a connection, in document order.
    static func tunnels(of connection: AlibabaConnection) -> [CheckedTunnel] {
        switch connection {
        case .described(let described):
            guard !described.tunnelOptions.isEmpty else {
                return [CheckedTunnel(label: nil, location: described.location, connection: connection)]
            }
            return described.tunnelOptions.enumerated().map { tunnel(described, $0.element, number: $0.offset + 1) }
        case .downloaded(let downloaded):
            guard !downloaded.tunnels.isEmpty else {
                return [
                    CheckedTunnel(
                        label: nil, location: downloaded.location, connection: connection,
                        onPremisesAddress: LocatedText(text: downloaded.local, location: downloaded.location.appending("Local")))
                ]
            }
            return downloaded.tunnels.enumerated().map { tunnel(downloaded, $0.element, number: $0.offset + 1) }
        }
    }

    private static func label(number: Int, details: [String?]) -> String {
        let known = details.compactMap { $0 }.filter { !$0.isEmpty }
        return known.isEmpty ? "tunnel \(number)" : "tunnel \(number) (\(known.joined(separator: ", ")))"
    }

    /// A `TunnelOptions` item as a single-tunnel connection: the tunnel's phase 1 and 2 blocks,
    /// its own endpoint address (`InternetIp`), DPD, NAT traversal and BGP; subnets, name and
    /// tags from the connection.
    private static func tunnel(_ connection: AlibabaVpnConnection, _ tunnel: AlibabaTunnelOptions, number: Int) -> CheckedTunnel {
        var single = connection
        single.tunnelOptions = []
        single.ikeConfig = tunnel.ikeConfig
        single.ipsecConfig = tunnel.ipsecConfig
        // The top-level InternetIp of a dual-tunnel connection is not this tunnel's endpoint.
        single.internetIp = tunnel.internetIp
        single.enableDpd = tunnel.enableDpd ?? connection.enableDpd
        single.enableNatTraversal = tunnel.enableNatTraversal ?? connection.enableNatTraversal
        single.customerGatewayId = tunnel.customerGatewayId ?? connection.customerGatewayId
        single.remoteCaCertificate = tunnel.remoteCaCertificate ?? connection.remoteCaCertificate
        // Per-tunnel BGP has no EnableBgp of its own: EnableTunnelsBgp switches it.
        single.vpnBgpConfig = tunnel.bgpConfig.map { bgp in
            var bgp = bgp
            bgp.enableBgp = bgp.enableBgp ?? connection.enableTunnelsBgp ?? false
            return bgp
        }
        // The health check is a single-tunnel feature.
        single.vcoHealthCheck = nil
        return CheckedTunnel(
            label: label(number: number, details: [tunnel.tunnelId, tunnel.role]),
            location: tunnel.location,
            connection: .described(single),
            missingBlock: missingBlock(tunnel.ikeConfig, tunnel.ipsecConfig, ikeName: "TunnelIkeConfig", ipsecName: "TunnelIpsecConfig", at: tunnel.location),
            enableDpd: tunnel.enableDpd.map { LocatedValue(value: $0, location: tunnel.location.appending("EnableDpd")) },
            enableNatTraversal: tunnel.enableNatTraversal.map { LocatedValue(value: $0, location: tunnel.location.appending("EnableNatTraversal")) })
    }

    /// A `TunnelsConfig.TunnelConfig` item of a download as a single-tunnel download.
    private static func tunnel(_ config: AlibabaVpnConnectionConfig, _ tunnel: AlibabaDownloadedTunnel, number: Int) -> CheckedTunnel {
        var single = config
        single.tunnels = []
        single.ikeConfig = tunnel.ikeConfig
        single.ipsecConfig = tunnel.ipsecConfig
        single.local = tunnel.local ?? config.local
        single.remote = tunnel.remote
        single.bgpConfigs = config.bgpConfigs.filter { $0.tunnelId != nil && $0.tunnelId == tunnel.tunnelId }
        let localLocation = tunnel.local != nil ? tunnel.location.appending("Local") : config.location.appending("Local")
        return CheckedTunnel(
            label: label(number: number, details: [tunnel.tunnelId]),
            location: tunnel.location,
            connection: .downloaded(single),
            missingBlock: missingBlock(tunnel.ikeConfig, tunnel.ipsecConfig, ikeName: "IkeConfig", ipsecName: "IpsecConfig", at: tunnel.location),
            onPremisesAddress: LocatedText(text: single.local, location: localLocation))
    }

    private static func missingBlock(
        _ ike: AlibabaIkeConfig?, _ ipsec: AlibabaIpsecConfig?, ikeName: String, ipsecName: String, at location: SourceLocation
    ) -> GenPeerError? {
        if ike == nil { return GenPeerError(.data, "missing: \(ikeName) is required", at: location.appending(ikeName)) }
        if ipsec == nil { return GenPeerError(.data, "missing: \(ipsecName) is required", at: location.appending(ipsecName)) }
        return nil
    }
}

/// A value with the place it came from.
struct LocatedValue<Value: Equatable>: Equatable {
    var value: Value
    var location: SourceLocation
}
