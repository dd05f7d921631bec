/// The host setup the Linux targets write beside their IPsec configuration when a connection
/// runs over tunnel interfaces (route-based, dual-tunnel, BGP): the XFRM interfaces with their
/// inside addresses and MTU, forwarding, TCP MSS clamping, and — without BGP — routes that
/// follow the tunnels' state. Written twice over: as systemd-networkd files, and as one `ip`
/// command script for hosts without networkd; both use the same sysctl and nftables files.
/// Templates: `templates/linux-host/`.
enum LinuxHostSetup {
    static let folder = "linux-host"

    static let netdev = FileLayout("systemd/network/60-genpeer-{interface}.netdev", folder: folder, entry: "netdev", context: Interface.self)
    static let network = FileLayout("systemd/network/60-genpeer-{interface}.network", folder: folder, entry: "network", context: Interface.self)
    static let sysctl = FileLayout("sysctl.d/60-genpeer-{name}.conf", folder: folder, entry: "sysctl", context: Host.self)
    static let nftables = FileLayout("genpeer/{name}.nft", folder: folder, entry: "mss.nft", context: Host.self)
    static let script = FileLayout("genpeer/{name}-setup.sh", folder: folder, entry: "setup.sh", context: Host.self, mode: .executable)
    static let updown = FileLayout("genpeer/{name}-updown.sh", folder: folder, entry: "updown.sh", context: Updown.self, mode: .executable)

    static let layouts = [netdev, network, sysctl, nftables, script, updown]

    /// Where the files end up once installed (`cp -r DIR/. /etc/`).
    static func installedPath(_ layout: FileLayout, name: String) -> String {
        "/etc/" + layout.path(name: name)
    }

    struct Interface: Codable, Sendable {
        var connection: String
        var tunnel: String
        var tunnelLabel: String
        var interface: String
        var ifId: Int
        var address: String?
        var mtu: Int
        var mss: Int
        var sourceFile: String
        /// The blackhole routes this interface's `.network` file carries: the first interface's,
        /// so that networkd adds each once.
        var blackholes: [String]
        var blackholeMetric: Int
    }

    struct Host: Codable, Sendable {
        var header: ConnectionHeader
        var interfaces: [Interface]
        /// The nftables table: the connection's name with `-` made `_`.
        var nftTable: String
        /// `"ipsec1", "ipsec2"`: the interfaces as an nftables set.
        var nftInterfaces: String
        var mss: Int
        var sysctlFile: String
        var nftFile: String
        var setupFile: String
        var updownFile: String?
        /// The cloud prefixes whose traffic is dropped while no tunnel is up.
        var blackholes: [String]
        var blackholeMetric: Int
    }

    /// One route of the updown script: a prefix through a tunnel's interface while its child is up.
    struct RoutedChild: Codable, Sendable {
        var child: String
        var interface: String
        var metric: Int
        var prefixes: [String]
    }

    struct Updown: Codable, Sendable {
        var header: ConnectionHeader
        /// Whether a slave's routes stand by behind the master's.
        var isDualTunnel: Bool
        var children: [RoutedChild]
    }

    /// The installed updown script the IPsec daemon runs for each child, when routes follow the
    /// tunnels' state; `nil` when BGP or policies route instead.
    static func updownPath(_ connection: PeerConnection) -> String? {
        TunnelRouting.followsTunnelState(connection) ? installedPath(updown, name: connection.name) : nil
    }

    /// The host setup parts of a connection; none when it uses no tunnel interfaces.
    static func parts(for connection: PeerConnection, header: ConnectionHeader) -> [DialectPart] {
        guard connection.usesTunnelInterfaces else { return [] }
        let blackholes = TunnelRouting.fallbackPrefixes(of: connection).map(\.description)
        let interfaces = connection.tunnels.enumerated().compactMap { index, tunnel in
            tunnel.interface.map { interface in
                Interface(
                    connection: connection.name, tunnel: tunnel.name, tunnelLabel: TunnelLabel.text(tunnel, in: connection),
                    interface: interface.name, ifId: interface.id, address: interface.address?.description, mtu: interface.mtu,
                    mss: interface.tcpMSS, sourceFile: header.sourceFile,
                    blackholes: index == 0 ? blackholes : [], blackholeMetric: TunnelRouting.fallbackMetric)
            }
        }
        let host = Host(
            header: header,
            interfaces: interfaces,
            nftTable: "genpeer_" + connection.name.replacingOccurrences(of: "-", with: "_"),
            nftInterfaces: interfaces.map { "\"\($0.interface)\"" }.joined(separator: ", "),
            mss: interfaces.map(\.mss).min() ?? NormalizeOptions.alibabaMTU - 40,
            sysctlFile: installedPath(sysctl, name: connection.name),
            nftFile: installedPath(nftables, name: connection.name),
            setupFile: installedPath(script, name: connection.name),
            updownFile: updownPath(connection), blackholes: blackholes, blackholeMetric: TunnelRouting.fallbackMetric)
        var parts = interfaces.flatMap { interface in
            [
                DialectPart(netdev, interface: interface.interface, context: interface),
                DialectPart(network, interface: interface.interface, context: interface),
            ]
        }
        parts += [
            DialectPart(sysctl, name: connection.name, context: host),
            DialectPart(nftables, name: connection.name, context: host),
            DialectPart(script, name: connection.name, context: host),
        ]
        if TunnelRouting.followsTunnelState(connection) {
            let children = connection.tunnels.flatMap { tunnel in
                SelectorPlan(tunnel, in: connection).children.map { child in
                    RoutedChild(
                        child: child.name, interface: tunnel.interface!.name, metric: TunnelRouting.metric(tunnel),
                        prefixes: TunnelRouting.prefixes(of: child, in: connection).map(\.description))
                }
            }
            parts.append(DialectPart(updown, name: connection.name, context: Updown(header: header, isDualTunnel: connection.isDualTunnel, children: children)))
        }
        return parts
    }
}
