import ArgumentParser
import Foundation
import GenPeerKit

@main
struct GenPeerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "genpeer",
        abstract: "Generate the on-premises side of an Alibaba Cloud IPsec-VPN connection.",
        discussion: """
            Reads what `aliyun vpc DescribeVpnConnection`, `DescribeVpnConnections` or \
            `DownloadVpnConnectionConfig` printed (JSON or XML) and writes the configuration for \
            the customer gateway: every local/remote pair mirrored, algorithms in the target's words.

            Examples:
              genpeer vco.json --target strongswan
              aliyun vpc DescribeVpnConnection --VpnConnectionId vco-... | genpeer - --target libreswan
              genpeer vcos.xml responses/ --target strongswan-legacy --output out/ && cp -r out/. /etc/
              genpeer vco.json --target markdown --device libreswan > site.md
              genpeer check vco.json
              genpeer templates cat strongswan
            """,
        version: GenPeerVersion.current,
        subcommands: [Generate.self, Check.self, Targets.self, Templates.self],
        defaultSubcommand: Generate.self)
}

extension TargetName: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
extension RoutingDaemon: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension StartAction: ExpressibleByArgument {}

extension IPv4Address: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// One address, or a comma-separated list of them (one per tunnel).
struct AddressList: ExpressibleByArgument {
    var addresses: [IPv4Address]

    init?(argument: String) {
        let items = argument.split(separator: ",", omittingEmptySubsequences: false).map { IPv4Address($0.trimmingCharacters(in: .whitespaces)) }
        guard !items.isEmpty, !items.contains(nil) else { return nil }
        addresses = items.compactMap { $0 }
    }
}

/// A comma-separated list of IPv4 CIDR blocks.
struct NetworkList: ExpressibleByArgument {
    var networks: [IPv4Network]

    init?(argument: String) {
        let items = argument.split(separator: ",").map { IPv4Network(text: $0.trimmingCharacters(in: .whitespaces)) }
        guard !items.isEmpty, !items.contains(nil) else { return nil }
        networks = items.compactMap { $0 }
    }
}
