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

extension TargetName: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension StartAction: ExpressibleByArgument {}

extension IPv4Address: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
