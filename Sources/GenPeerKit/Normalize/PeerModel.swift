/// The normalized peer model: one IPsec connection as the on-premises gateway sees it.
///
/// `local` is always the on-premises side (this gateway) and `remote` the Alibaba Cloud VPN
/// gateway, whatever shape the input had. This is the documented context every target's dialect
/// reads, and what `--target model` prints.
public struct PeerConnection: Sendable, Codable, Equatable {
    /// The configuration name: `Name` when it is safe, else `VpnConnectionId`; unique in a run.
    public var name: String
    /// Alibaba's connection ID (`vco-...`), when the input has one.
    public var vpnConnectionId: String?
    /// Where the connection was read from, for messages.
    public var source: ConnectionSource
    public var ikeVersion: IKEVersion
    /// Phase 1 exchange mode; meaningful with IKEv1 only.
    public var ikeMode: IKEMode
    /// The on-premises gateway.
    public var local: PeerEndpoint
    /// The Alibaba Cloud VPN gateway.
    public var remote: PeerEndpoint
    public var presharedKey: PresharedKey
    public var ike: IKEProposal
    public var esp: ESPProposal
    public var deadPeerDetection: Bool
    public var natTraversal: Bool
    /// How the on-premises side brings the tunnel up.
    public var startAction: StartAction
    /// BGP over the tunnel, when the cloud has it on.
    public var bgp: PeerBGP?
    /// The cloud's health check, when it is on: its probes cross this tunnel.
    public var healthCheck: PeerHealthCheck?
    public var tags: [PeerTag]

    /// The (on-premises subnet, cloud subnet) pairs, on-premises first: the selectors an IKEv1
    /// negotiation carries one at a time.
    public var subnetPairs: [(local: IPv4Network, remote: IPv4Network)] {
        local.subnets.flatMap { localSubnet in remote.subnets.map { (localSubnet, $0) } }
    }

    /// Both sides `0.0.0.0/0`: Alibaba's destination-routing (route-based) mode.
    public var isRouteBased: Bool {
        local.subnets.allSatisfy(\.isDefaultRoute) && remote.subnets.allSatisfy(\.isDefaultRoute)
    }
}

/// Where a connection came from: the file and the field paths of its parts.
public struct ConnectionSource: Sendable, Codable, Equatable {
    /// The input file (`-` for standard input).
    public var file: String
    /// The connection's own path in the document (empty for a singular response).
    public var path: String
    /// Path of the phase 1 block (`IkeConfig`).
    public var ikeConfigPath: String
    /// Path of the phase 2 block (`IpsecConfig`).
    public var ipsecConfigPath: String

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

/// One side of the tunnel.
public struct PeerEndpoint: Sendable, Codable, Equatable {
    /// The gateway's public address; `nil` for "any" (the on-premises default route).
    public var address: IPv4Address?
    public var id: Identity
    public var subnets: [IPv4Network]
}

/// Phase 1: the IKE SA proposal. Exactly one, as the cloud has it.
public struct IKEProposal: Sendable, Codable, Equatable {
    public var encryption: EncryptionAlgorithm
    public var integrity: IntegrityAlgorithm
    public var dhGroup: DHGroup
    public var lifetime: Lifetime
}

/// Phase 2: the ESP proposal. `pfsGroup` is `nil` when the cloud has PFS disabled.
public struct ESPProposal: Sendable, Codable, Equatable {
    public var encryption: EncryptionAlgorithm
    public var integrity: IntegrityAlgorithm
    public var pfsGroup: DHGroup?
    public var lifetime: Lifetime
}

/// The cloud's SA lifetime and when the peer renews before it: the peer renews within
/// `[seconds - 2 × rekeyMargin, seconds - rekeyMargin]` and never keeps an SA past `seconds`.
public struct Lifetime: Sendable, Codable, Equatable {
    /// The cloud's lifetime in seconds: the peer's hard limit.
    public var seconds: Int
    /// How long before the hard limit the peer renews at the latest.
    public var rekeyMargin: Int

    init(seconds: Int) {
        self.seconds = seconds
        self.rekeyMargin = max(1, seconds / 10)
    }

    /// The latest moment the peer renews: `seconds - rekeyMargin`.
    public var rekeyAfter: Int { seconds - rekeyMargin }
}

/// BGP over the tunnel, from the peer's side.
public struct PeerBGP: Sendable, Codable, Equatable {
    /// The on-premises ASN (Alibaba's `PeerAsn`).
    public var localASN: UInt32
    /// The cloud's ASN (Alibaba's `LocalAsn`).
    public var remoteASN: UInt32
    /// The on-premises tunnel address (Alibaba's `PeerBgpIp`).
    public var localAddress: IPv4Address
    /// The cloud's tunnel address (Alibaba's `LocalBgpIp`).
    public var remoteAddress: IPv4Address
    public var tunnelNetwork: IPv4Network
    /// Whether the session is authenticated with an MD5 key (the key itself is not rendered yet).
    public var hasAuthenticationKey: Bool
}

/// The cloud's health check: ICMP from `cloudSource` to `onPremisesDestination` through the tunnel.
public struct PeerHealthCheck: Sendable, Codable, Equatable {
    public var cloudSource: IPv4Address
    public var onPremisesDestination: IPv4Address
    public var intervalSeconds: Int
    public var retries: Int
}

public struct PeerTag: Sendable, Codable, Equatable {
    public var key: String
    public var value: String
}
