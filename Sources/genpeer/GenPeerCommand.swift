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
              aliyun vpc DescribeVpnConnection --VpnConnectionId vco-... \\
                | genpeer - -t libreswan
              genpeer vcos.xml responses/ -t strongswan-legacy -o out/
              genpeer vco.json --target markdown --device libreswan > site.md
              genpeer check vco.json
              genpeer templates export my-templates
            """,
        version: GenPeerVersion.current,
        subcommands: [Generate.self, Check.self, Targets.self, Templates.self],
        defaultSubcommand: Generate.self)

    /// `genpeer --help` (or `-h`, or `help`, alone) shows the default command's usage and options
    /// with the other commands: swift-argument-parser would show the commands only, hiding
    /// `--target` and everything else people run genpeer for.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.count == 1, ["-h", "--help", "help"].contains(arguments[0]) {
            print(RootHelp.text(columns: nil), terminator: "")
            return
        }
        main(arguments)
    }
}

/// The root help: swift-argument-parser's own help of the root command and of `generate`,
/// section by section: overview, both usages, generate's arguments and options, the commands.
enum RootHelp {
    static func text(columns: Int?) -> String {
        let root = sections(of: GenPeerCommand.helpMessage(columns: columns))
        let generate = sections(of: GenPeerCommand.helpMessage(for: Generate.self, columns: columns))
        let usage = "USAGE: \(Generate.usage)\n       genpeer <subcommand>\n"
        return [root["OVERVIEW"], usage, generate["ARGUMENTS"], generate["OPTIONS"], root["SUBCOMMANDS"]]
            .compactMap { $0 }.joined(separator: "\n")
    }

    /// The help's sections by their heading (`USAGE`, `OPTIONS`, ...), each with its heading
    /// and without the blank line that ends it.
    private static func sections(of help: String) -> [String: String] {
        var sections: [String: String] = [:]
        var heading: String?
        var lines: [Substring] = []
        func close() {
            guard let heading else { return }
            while lines.last?.isEmpty == true { lines.removeLast() }
            sections[heading] = lines.joined(separator: "\n") + "\n"
        }
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), line[..<colon].allSatisfy({ $0.isUppercase }) {
                close()
                heading = String(line[..<colon])
                lines = []
            }
            lines.append(line)
        }
        close()
        return sections
    }
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

/// An interface or zone name: one word any router CLI takes (see ``DeviceLocalValues/isSafeName(_:)``).
struct DeviceName: ExpressibleByArgument {
    var name: String

    init?(argument: String) {
        guard DeviceLocalValues.isSafeName(argument) else { return nil }
        name = argument
    }
}
