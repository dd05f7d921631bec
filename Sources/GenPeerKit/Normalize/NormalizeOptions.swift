/// What the user says about the peer that the Alibaba document cannot know.
public struct NormalizeOptions: Sendable {
    /// The cloud gateway's address, overriding `InternetIp` / `LocalId`: one for every tunnel, or
    /// one per tunnel, the master's first.
    public var remoteAddresses: [IPv4Address]
    /// The on-premises gateway's own address (`nil`: the target's "default route" form): one for
    /// every tunnel, or one per tunnel, the master's first.
    public var localAddresses: [IPv4Address]
    public var startAction: StartAction
    /// Put ``PresharedKey/redacted`` in the model in place of every (valid) key.
    public var redactsSecrets: Bool
    /// The first XFRM interface ID of the run; each tunnel that uses an interface takes the next.
    public var firstInterfaceId: Int
    /// The tunnel interfaces' MTU.
    public var mtu: Int
    /// Prefixes to announce to the cloud by BGP; `nil`: the on-premises subnets when they are not `0.0.0.0/0`.
    public var announce: [IPv4Network]?
    /// Cloud prefixes to route through the tunnels without BGP; `nil`: the cloud subnets when they are not `0.0.0.0/0`.
    public var cloudPrefixes: [IPv4Network]?
    /// The master tunnel's `TunnelId`, for documents that carry no `Role` (downloads).
    public var masterTunnelId: String?

    /// Alibaba's advice for traffic through its VPN gateways, which neither fragment nor reassemble.
    public static let alibabaMTU = 1399

    public init(
        remoteAddresses: [IPv4Address], localAddresses: [IPv4Address], startAction: StartAction = .start,
        redactsSecrets: Bool = false, firstInterfaceId: Int = 1, mtu: Int = NormalizeOptions.alibabaMTU,
        announce: [IPv4Network]? = nil, cloudPrefixes: [IPv4Network]? = nil, masterTunnelId: String? = nil
    ) {
        self.remoteAddresses = remoteAddresses
        self.localAddresses = localAddresses
        self.startAction = startAction
        self.redactsSecrets = redactsSecrets
        self.firstInterfaceId = firstInterfaceId
        self.mtu = mtu
        self.announce = announce
        self.cloudPrefixes = cloudPrefixes
        self.masterTunnelId = masterTunnelId
    }

    /// One address for every tunnel (as before dual tunnels): `remoteAddress:`/`localAddress:`.
    public init(remoteAddress: IPv4Address? = nil, localAddress: IPv4Address? = nil, startAction: StartAction = .start, redactsSecrets: Bool = false) {
        self.init(
            remoteAddresses: remoteAddress.map { [$0] } ?? [], localAddresses: localAddress.map { [$0] } ?? [],
            startAction: startAction, redactsSecrets: redactsSecrets)
    }

    /// The address given for tunnel `index` (0 = the master) of a connection with `count` tunnels.
    static func address(_ addresses: [IPv4Address], forTunnel index: Int, of count: Int) -> IPv4Address? {
        addresses.count == count ? addresses[index] : addresses.first
    }
}
