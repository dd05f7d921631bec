import ArgumentParser
import Foundation
import GenPeerKit

/// Renders configs for a target.
struct Generate: ParsableCommand {
    /// How to call it: without its name, as it is the default command.
    static let usage = "genpeer <inputs> ... --target <target> [<options>]"

    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Render configuration files (the default command).", usage: usage)

    @OptionGroup var input: InputArguments

    // Optional to the parser and required by `usageChecks()` in `run()`: the parser reports a
    // missing option, and `validate()` runs, before unknown options are looked for, so
    // `--targte strongswan` would say that --target is missing instead of naming the misspelt
    // option.
    @Option(name: .shortAndLong, help: ArgumentHelp("The output format (required). See `genpeer targets`.", valueName: "target"))
    var target: TargetName?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write files below this folder, laid out as under /etc, instead of printing them.", valueName: "dir"),
            completion: .directory)
    var output: String?

    @Flag(help: "Replace files that already exist in the output folder.")
    var force = false

    @Flag(help: "Replace every pre-shared key in the output with the placeholder <redacted>.")
    var redact = false

    @Option(help: ArgumentHelp("For --target markdown: the device whose configuration the snippet shows (default: strongswan).", valueName: "device"))
    var device: Device?

    @Flag(help: "For --target markdown: show the pre-shared key instead of <redacted>.")
    var showSecrets = false

    @Option(help: ArgumentHelp("The Alibaba Cloud VPN gateway's address (default: InternetIp, else LocalId when it is an address); for two tunnels one per tunnel, master first.", valueName: "ip[,ip]"))
    var remoteAddress: AddressList?

    @Option(help: ArgumentHelp("This gateway's own public address (default: any / the default route); for tunnels ending at two addresses one per tunnel, master first.", valueName: "ip[,ip]"))
    var localAddress: AddressList?

    @Option(help: ArgumentHelp("Prefixes to announce to the cloud by BGP (default: RemoteSubnet unless 0.0.0.0/0).", valueName: "cidr[,cidr...]"))
    var announce: NetworkList?

    @Option(help: ArgumentHelp("Cloud prefixes to route into the tunnels without BGP (default: LocalSubnet unless 0.0.0.0/0).", valueName: "cidr[,cidr...]"))
    var cloudPrefixes: NetworkList?

    @Option(help: ArgumentHelp("The routing daemon configured beside strongswan/libreswan for BGP connections: frr, bird or none.", valueName: "daemon"))
    var routing: RoutingDaemon = .frr

    @Option(name: .customLong("if-id"), help: ArgumentHelp("The first XFRM interface ID (interface ipsec<N>); each tunnel on an interface takes the next.", valueName: "n"))
    var firstInterfaceId: Int = 1

    @Option(help: ArgumentHelp("The tunnel interfaces' MTU (Alibaba advises 1399).", valueName: "bytes"))
    var mtu: Int = NormalizeOptions.alibabaMTU

    @Option(help: ArgumentHelp("For documents without Role (downloads): the TunnelId of the master tunnel.", valueName: "tunnel-id"))
    var masterTunnel: String?

    @Option(help: ArgumentHelp("Router targets: the interface facing the Internet (default: the platform's usual one).", valueName: "name"))
    var wanInterface: DeviceName?

    @Option(help: ArgumentHelp("Router targets: the interface facing the on-premises networks.", valueName: "name"))
    var lanInterface: DeviceName?

    @Option(help: ArgumentHelp("Router targets: the number of the first tunnel interface (Tunnel<n>, st0.<n>, vti<n>, ...).", valueName: "n"))
    var tunnelNumber: Int?

    @Option(help: ArgumentHelp("Router targets with zones: the zone of the on-premises networks.", valueName: "zone"))
    var insideZone: DeviceName?

    @Option(help: ArgumentHelp("Router targets with zones: the zone of the Internet side.", valueName: "zone"))
    var outsideZone: DeviceName?

    @Option(help: ArgumentHelp("Router targets with zones: the zone of the tunnel interfaces.", valueName: "zone"))
    var vpnZone: DeviceName?

    @Option(help: ArgumentHelp("Router targets with static failover (paloalto): an address in the cloud that answers ping, probed across each tunnel.", valueName: "ip"))
    var monitorAddress: IPv4Address?

    @Option(help: "How this gateway brings the tunnel up: start (initiate at once and after any drop), trap (on traffic), none (wait for the cloud).")
    var start: StartAction = .start

    @Option(help: ArgumentHelp("A folder laid out like the bundled templates (DIR/<target>/<name>.mustache) whose files replace them; see `genpeer templates`.", valueName: "dir"),
            completion: .directory)
    var templates: String?

    @Flag(help: "Refuse what RFC 8247/8221 mark MUST NOT (DES, MD5, group 1) instead of warning about it.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print errors only: no warnings, no progress.")
    var quiet = false

    /// The targets `--device` can name: those that configure a device.
    struct Device: ExpressibleByArgument {
        var target: TargetName

        init?(argument: String) {
            guard let target = TargetName(rawValue: argument), TargetName.devices.contains(target) else { return nil }
            self.target = target
        }

        static var allValueStrings: [String] { TargetName.devices.map(\.rawValue) }
        static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
    }

    /// The target, once the options are known to fit together; run after parsing, so that a
    /// misspelt option is what gets reported.
    private func usageChecks() throws -> TargetName {
        guard let target else { throw usageError("Missing expected argument '--target <target>'") }
        if target != .markdown {
            if device != nil { throw usageError("--device is for --target markdown only.") }
            if showSecrets { throw usageError("--show-secrets is for --target markdown only; other targets show the key unless --redact.") }
        }
        if showSecrets && redact { throw usageError("--show-secrets and --redact contradict each other.") }
        if !(1...0x7FFF_FFFF).contains(firstInterfaceId) { throw usageError("--if-id must be 1 or more.") }
        if !(576...9000).contains(mtu) { throw usageError("--mtu must be between 576 and 9000.") }
        if let tunnelNumber, !(0...65535).contains(tunnelNumber) { throw usageError("--tunnel-number must be between 0 and 65535.") }
        for list in [remoteAddress, localAddress].compactMap({ $0 }) where list.addresses.count > 2 {
            throw usageError("An address option takes one address, or two (one per tunnel, master first).")
        }
        return target
    }

    /// Reports a usage error as the parser does, with this command's usage (an error thrown
    /// from `run()` would be shown with the root command's).
    private func usageError(_ message: String) -> ExitCode {
        Terminal.writeStandardError("Error: \(message)\nUsage: \(Self.usage)\n  See 'genpeer --help' for more information.\n")
        return ExitCode(GenPeerError.Kind.usage.rawValue)
    }

    func run() throws {
        let target = try usageChecks()
        let diagnostics = DiagnosticCollector()
        let reporter = Reporter(quiet: quiet)
        let progress = ProgressLine(enabled: !quiet)
        do {
            var generator = try Generator(
                target: target,
                options: NormalizeOptions(
                    remoteAddresses: remoteAddress?.addresses ?? [], localAddresses: localAddress?.addresses ?? [], startAction: start,
                    redactsSecrets: redact || (target == .markdown && !showSecrets), firstInterfaceId: firstInterfaceId, mtu: mtu,
                    announce: announce?.networks, cloudPrefixes: cloudPrefixes?.networks, masterTunnelId: masterTunnel),
                renderOptions: RenderOptions(
                    routing: routing, device: device?.target ?? .strongswan,
                    deviceLocals: DeviceLocalValues(
                        wanInterface: wanInterface?.name, lanInterface: lanInterface?.name, firstTunnelNumber: tunnelNumber,
                        insideZone: insideZone?.name, outsideZone: outsideZone?.name, vpnZone: vpnZone?.name,
                        monitorAddress: monitorAddress?.description)),
                inputFormat: input.inputFormat,
                templates: try TemplateStore(overrideDirectory: templates.map { URL(fileURLWithPath: $0, isDirectory: true) }),
                strict: strict)
            generator.progress = progress.update
            let sources = try input.sources()
            if let output {
                var sink = try DirectorySink(directory: output, force: force)
                try generator.run(sources, into: &sink, diagnostics: diagnostics)
            } else {
                var sink = StandardOutputSink()
                try generator.run(sources, into: &sink, diagnostics: diagnostics)
            }
            progress.clear()
            reporter.report(diagnostics.diagnostics)
        } catch let error as GenPeerError {
            progress.clear()
            reporter.report(diagnostics.diagnostics)
            reporter.report([error.diagnostic] + error.more)
            throw ExitCode(error.kind.rawValue)
        }
    }
}
