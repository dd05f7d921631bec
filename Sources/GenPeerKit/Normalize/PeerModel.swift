/// The normalized peer model: one IPsec-VPN connection as the on-premises gateway sees it.
///
/// `local` is always the on-premises side (this gateway) and `remote` the Alibaba Cloud VPN
/// gateway, whatever shape the input had. A connection holds its tunnels: one for a
/// single-tunnel connection, two for a dual-tunnel one (the master first). This is the
/// documented context every target's dialect reads, and what `--target model` prints.
public struct PeerConnection: Sendable, Codable, Hashable {
    /// The configuration name: `Name` when it is safe, else `VpnConnectionId`; unique in a run.
    public var name: String
    /// Alibaba's connection ID (`vco-...`), when the input has one.
    public var vpnConnectionId: String?
    /// The connection's `Name` as Alibaba has it, when that is not a safe configuration name
    /// (spaces, non-ASCII): kept for comments.
    public var alibabaName: String?
    /// Where the connection was read from, for messages.
    public var source: SourceLocation
    /// Policy-based (subnet pairs) or route-based (Alibaba's destination routing: both sides `0.0.0.0/0`).
    public var routing: RoutingMode
    /// The on-premises subnets (Alibaba's `RemoteSubnet`).
    public var localSubnets: [IPv4Network]
    /// The cloud subnets (Alibaba's `LocalSubnet`).
    public var remoteSubnets: [IPv4Network]
    /// The tunnels: one, or two with the master first.
    public var tunnels: [PeerTunnel]
    /// How the on-premises side brings its tunnels up.
    public var startAction: StartAction
    /// What this side announces and routes, where the connection routes through tunnel interfaces.
    public var routes: PeerRoutes
    /// The cloud's health check, when it is on: its probes cross the tunnel.
    public var healthCheck: PeerHealthCheck?
    public var tags: [PeerTag]

    /// The (on-premises subnet, cloud subnet) pairs, on-premises first: the selectors an IKEv1
    /// negotiation carries one at a time.
    public var subnetPairs: [(local: IPv4Network, remote: IPv4Network)] {
        localSubnets.flatMap { localSubnet in remoteSubnets.map { (localSubnet, $0) } }
    }

    /// Both sides `0.0.0.0/0`: Alibaba's destination-routing (route-based) mode.
    public var isRouteBased: Bool { routing == .routeBased }

    public var isDualTunnel: Bool { tunnels.count > 1 }

    /// Whether any tunnel runs BGP with the cloud.
    public var hasBGP: Bool { tunnels.contains { $0.bgp != nil } }

    /// Route-based, dual-tunnel and BGP connections run over one tunnel interface per tunnel
    /// (XFRM/VTI): two policy-based tunnels with the same selectors cannot both be up, and
    /// BGP and destination routing need an interface to route to.
    public var usesTunnelInterfaces: Bool { isRouteBased || isDualTunnel || hasBGP }

    /// The master tunnel (the only one of a single-tunnel connection).
    public var primaryTunnel: PeerTunnel { tunnels[0] }
}

/// Alibaba's two routing modes.
public enum RoutingMode: String, Sendable, Codable, CaseIterable {
    /// Protected data flows: traffic selectors are the subnets.
    case policyBased = "policy-based"
    /// Destination routing: selectors `0.0.0.0/0`, traffic chosen by routes.
    case routeBased = "route-based"
}

/// One IPsec tunnel between this gateway and one Alibaba VPN gateway address.
public struct PeerTunnel: Sendable, Codable, Hashable {
    /// The tunnel's configuration name: the connection's name for a single tunnel,
    /// `<name>-t1` (master) and `<name>-t2` (slave) for a dual-tunnel connection.
    public var name: String
    public var role: TunnelRole
    /// Alibaba's tunnel ID (`tun-...`), when the input has one.
    public var tunnelId: String?
    /// The customer gateway this tunnel ends at, when the input names one (`cgw-...`).
    public var customerGatewayId: String?
    /// Where the tunnel's blocks were read from, for messages.
    public var source: TunnelSource
    public var ikeVersion: IKEVersion
    /// Phase 1 exchange mode; meaningful with IKEv1 only.
    public var ikeMode: IKEMode
    /// The on-premises gateway.
    public var local: PeerEndpoint
    /// The Alibaba Cloud VPN gateway address of this tunnel.
    public var remote: CloudEndpoint
    public var presharedKey: PresharedKey
    public var ike: IKEProposal
    public var esp: ESPProposal
    public var deadPeerDetection: Bool
    public var natTraversal: Bool
    /// BGP over this tunnel, when the cloud has it on.
    public var bgp: PeerBGP?
    /// The tunnel interface this tunnel's traffic is routed to, when the connection uses them.
    public var interface: TunnelInterface?
    /// The Alibaba fields the document left out, whose documented defaults stand in
    /// (`IkeVersion`, `IkeMode`, `IkeLifetime`, `IpsecLifetime`, `EnableDpd`, `EnableNatTraversal`).
    public var assumed: [String]
}

/// Which tunnel of a connection this is.
public enum TunnelRole: String, Sendable, Codable, CaseIterable {
    /// The only tunnel of a single-tunnel connection.
    case single
    /// Tunnel 1 of a dual-tunnel connection: the active one (Alibaba's `Role` `master`).
    case master
    /// Tunnel 2: the standby (Alibaba's `Role` `slave`), used while the master is down.
    case slave
}

/// Where one tunnel came from: the file and the field paths of its blocks.
public struct TunnelSource: Sendable, Codable, Hashable {
    /// The input file (`-` for standard input).
    public var file: String
    /// The tunnel's own path (a `TunnelOptions` item, or the connection's for a single tunnel).
    public var path: String
    /// Path of the phase 1 block (`IkeConfig`, `TunnelIkeConfig`).
    public var ikeConfigPath: String
    /// Path of the phase 2 block (`IpsecConfig`, `TunnelIpsecConfig`).
    public var ipsecConfigPath: String

    /// The tunnel's own location.
    public var location: SourceLocation { SourceLocation(file: file, path: path) }

    /// The location of a field of the phase 1 or phase 2 block.
    func location(of field: ProposalField) -> SourceLocation {
        let base = field.isPhase1 ? ikeConfigPath : ipsecConfigPath
        return SourceLocation(file: file, path: base).appending(field.alibabaName)
    }
}

/// One proposal field, named for messages that point back at the input.
public enum ProposalField: Sendable {
    case ikeEncryption, ikeIntegrity, ikeGroup, espEncryption, espIntegrity, espGroup

    var isPhase1: Bool { [.ikeEncryption, .ikeIntegrity, .ikeGroup].contains(self) }

    /// The Alibaba field holding it.
    var alibabaName: String {
        switch self {
        case .ikeEncryption: return "IkeEncAlg"
        case .ikeIntegrity: return "IkeAuthAlg"
        case .ikeGroup: return "IkePfs"
        case .espEncryption: return "IpsecEncAlg"
        case .espIntegrity: return "IpsecAuthAlg"
        case .espGroup: return "IpsecPfs"
        }
    }
}

public enum IKEVersion: String, Sendable, Codable, CaseIterable {
    case ikev1, ikev2
}

public enum IKEMode: String, Sendable, Codable, CaseIterable {
    case main, aggressive
}

/// How the on-premises side starts the tunnel.
public enum StartAction: String, Sendable, Codable, CaseIterable {
    /// Initiate as soon as the configuration is loaded, and again whenever the tunnel drops.
    case start
    /// Initiate when traffic for the cloud subnets appears.
    case trap
    /// Never initiate; wait for the cloud.
    case none
}

/// The on-premises end of a tunnel.
public struct PeerEndpoint: Sendable, Codable, Hashable {
    /// The gateway's public address; `nil` for "any" (the on-premises default route).
    public var address: IPv4Address?
    public var id: Identity
}

/// The cloud end of a tunnel: one Alibaba VPN gateway address.
public struct CloudEndpoint: Sendable, Codable, Hashable {
    public var address: IPv4Address
    public var id: Identity
}

/// Phase 1: the IKE SA proposal. Exactly one, as the cloud has it.
public struct IKEProposal: Sendable, Codable, Hashable {
    public var encryption: EncryptionAlgorithm
    public var integrity: IntegrityAlgorithm
    public var dhGroup: DHGroup
    public var lifetime: Lifetime
}

/// Phase 2: the ESP proposal. `pfsGroup` is `nil` when the cloud has PFS disabled.
public struct ESPProposal: Sendable, Codable, Hashable {
    public var encryption: EncryptionAlgorithm
    public var integrity: IntegrityAlgorithm
    public var pfsGroup: DHGroup?
    public var lifetime: Lifetime
}

/// The cloud's SA lifetime and when the peer renews before it: the peer renews within
/// `[seconds - 2 × rekeyMargin, seconds - rekeyMargin]` and never keeps an SA past `seconds`.
public struct Lifetime: Sendable, Codable, Hashable {
    /// The cloud's lifetime in seconds: the peer's hard limit.
    public var seconds: Int
    /// How long before the hard limit the peer renews at the latest.
    public var rekeyMargin: Int

    /// The shortest lifetime genpeer renders: one that leaves a margin of several seconds to renew in.
    public static let minimumSeconds = 60

    init(seconds: Int) {
        precondition(seconds >= Self.minimumSeconds)
        self.seconds = seconds
        self.rekeyMargin = seconds / 10
    }

    /// The latest moment the peer renews: `seconds - rekeyMargin`.
    public var rekeyAfter: Int { seconds - rekeyMargin }
}

/// BGP over one tunnel, from the peer's side (Alibaba's `Local*` is the cloud, `Peer*` this side).
public struct PeerBGP: Sendable, Codable, Hashable {
    /// The on-premises ASN (Alibaba's `PeerAsn`).
    public var localASN: UInt32
    /// The cloud's ASN (Alibaba's `LocalAsn`).
    public var remoteASN: UInt32
    /// The on-premises tunnel address (Alibaba's `PeerBgpIp`).
    public var localAddress: IPv4Address
    /// The cloud's tunnel address (Alibaba's `LocalBgpIp`), the BGP neighbour.
    public var remoteAddress: IPv4Address
    /// The tunnel's inside network (`TunnelCidr`, a /30 holding both addresses).
    public var tunnelNetwork: IPv4Network
    /// The session's MD5 key (`AuthKey`), when the cloud has one.
    public var authenticationKey: BGPKey?

    /// This side's inside address with the tunnel network's prefix, e.g. `169.254.10.2/30`.
    public var localInterfaceAddress: IPv4InterfaceAddress {
        IPv4InterfaceAddress(address: localAddress, prefixLength: tunnelNetwork.prefixLength)
    }
}

/// A BGP session key, or a marked placeholder where the document holds only a masked one.
public enum BGPKey: Sendable, Codable, Hashable {
    case key(PresharedKey)
    /// The document shows the key masked (`abc****`): the user must put the real key in.
    case placeholder

    /// What a config file shows when the key is a placeholder.
    public static let placeholderText = "<bgp-auth-key>"
}

/// The tunnel interface (XFRM interface) one tunnel's traffic is routed to.
public struct TunnelInterface: Sendable, Codable, Hashable {
    /// The XFRM interface ID (`if_id`), unique per tunnel in a run.
    public var id: Int
    /// The interface name, `ipsec<id>` (the name Libreswan gives it too).
    public var name: String
    /// This side's inside address, from `TunnelCidr` and `PeerBgpIp` (none without BGP).
    public var address: IPv4InterfaceAddress?
    /// The interface MTU: Alibaba advises 1399 bytes for traffic through its gateways.
    public var mtu: Int

    /// The largest TCP segment that fits the MTU (IPv4 and TCP headers of 20 bytes each).
    public var tcpMSS: Int { mtu - 40 }
}

/// What the on-premises side routes to the cloud and announces to it.
public struct PeerRoutes: Sendable, Codable, Hashable {
    /// Prefixes announced to the cloud by BGP (`--announce`, default the on-premises subnets).
    public var announced: [IPv4Network]
    /// Cloud prefixes routed through the tunnels without BGP (`--cloud-prefixes`, default the
    /// cloud subnets); with BGP the cloud announces them.
    public var cloudPrefixes: [IPv4Network]
}

/// The cloud's health check: ICMP from `cloudSource` to `onPremisesDestination` through the tunnel.
public struct PeerHealthCheck: Sendable, Codable, Hashable {
    public var cloudSource: IPv4Address
    public var onPremisesDestination: IPv4Address
    public var intervalSeconds: Int
    public var retries: Int
}

public struct PeerTag: Sendable, Codable, Hashable {
    public var key: String
    public var value: String
}
