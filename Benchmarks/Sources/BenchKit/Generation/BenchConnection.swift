/// The facts of one generated VPN connection, as Alibaba's DescribeVpnConnections reports it
/// (from the cloud's side: `cloudSubnets` is `LocalSubnet`, `onPremisesSubnets` is `RemoteSubnet`).
///
/// Every value is a pure function of ``index``, so the same index always gives the same
/// connection and a document of N connections is always the same bytes. The indexes cycle
/// through IKEv1/IKEv2, aes/aes256, sha1/sha256, group2/group14, PFS on/off, lifetimes given
/// as numbers or strings, DPD and NAT traversal on/off, names genpeer accepts or replaces
/// with the connection id, and keys written plainly or base64-encoded, all valid for genpeer's
/// `strongswan` target.
public struct BenchConnection: Sendable, Equatable {
    /// The 1-based position in the document.
    public let index: Int

    /// Creates the connection at `index` (1-based).
    public init(index: Int) {
        self.index = index
    }

    /// `vco-bench000001`, ...
    public var vpnConnectionId: String { "vco-bench" + Self.zeroPadded(index, width: 6) }

    /// A name genpeer uses as it is, except every 7th: it holds spaces, so genpeer names that
    /// connection after its id instead.
    public var name: String {
        index % 7 == 0 ? "branch office \(index)" : "bench-" + Self.zeroPadded(index, width: 6)
    }

    /// The VPN gateway's id.
    public var vpnGatewayId: String { "vpn-bench" + Self.zeroPadded(index % 1000, width: 6) }

    /// The customer gateway's id.
    public var customerGatewayId: String { "cgw-bench" + Self.zeroPadded(index, width: 6) }

    /// Milliseconds since the epoch, one minute apart.
    public var createTime: Int { 1_700_000_000_000 + index * 60_000 }

    /// `ikev1` for odd indexes, `ikev2` for even ones.
    public var ikeVersion: String { index.isMultiple(of: 2) ? "ikev2" : "ikev1" }

    /// Alibaba's `LocalSubnet`: the VPC side, `10.x.y.0/24`.
    public var cloudSubnets: [String] { ["10.\((index >> 8) & 255).\(index & 255).0/24"] }

    /// Alibaba's `RemoteSubnet`: the on-premises side; IKEv2 connections at every 6th index
    /// have a second subnet (IKEv1 ones keep one, so genpeer renders one child and warns about nothing).
    public var onPremisesSubnets: [String] {
        let first = "192.168.\(index % 256).0/24"
        guard index.isMultiple(of: 6) else { return [first] }
        return [first, "172.\(16 + index % 16).\((index / 16) % 256).0/24"]
    }

    /// The VPN gateway's public address: `InternetIp` and `IkeConfig.LocalId`.
    public var cloudAddress: String { "47.\(96 + (index / 64_516) % 32).\((index / 254) % 254).\(1 + index % 254)" }

    /// The customer gateway's identity: `IkeConfig.RemoteId`.
    public var onPremisesId: String { "100.\(64 + (index / 64_516) % 64).\((index / 254) % 254).\(1 + index % 254)" }

    /// `aes` or `aes256`, for IKE and ESP alike.
    public var encryption: String { (index / 2).isMultiple(of: 2) ? "aes" : "aes256" }

    /// `sha1` or `sha256`, for IKE and ESP alike.
    public var integrity: String { (index / 3).isMultiple(of: 2) ? "sha1" : "sha256" }

    /// `group2` or `group14`: the IKE DH group.
    public var ikeGroup: String { (index / 5).isMultiple(of: 2) ? "group2" : "group14" }

    /// The ESP PFS group: `disabled` at every 4th index, else the IKE group.
    public var ipsecPfs: String { index.isMultiple(of: 4) ? "disabled" : ikeGroup }

    /// The IKE SA lifetime in seconds.
    public var ikeLifetime: Int { (index / 7).isMultiple(of: 2) ? 86400 : 28800 }

    /// The IPsec SA lifetime in seconds.
    public var ipsecLifetime: Int { (index / 11).isMultiple(of: 2) ? 3600 : 86400 }

    /// Whether lifetimes, flags and the creation time are written as strings (`"86400"`), as
    /// Alibaba sometimes sends them, instead of JSON numbers and booleans.
    public var usesStringScalars: Bool { index % 5 == 3 }

    /// Dead peer detection: off at every 9th index.
    public var enableDpd: Bool { index % 9 != 0 }

    /// NAT traversal: off at every 13th index.
    public var enableNatTraversal: Bool { index % 13 != 0 }

    /// The pre-shared key; every 10th holds `#` and `$`, which genpeer writes as base64.
    public var presharedKey: String {
        let digest = String(UInt32(truncatingIfNeeded: index &* 2_654_435_761), radix: 16)
        return index.isMultiple(of: 10) ? "Bench#Psk$" + digest : "BenchPsk" + digest
    }

    /// One tag at every 3rd index, none elsewhere.
    public var tags: [(key: String, value: String)] {
        index.isMultiple(of: 3) ? [("env", "bench"), ("shard", String(index % 8))] : []
    }

    static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
