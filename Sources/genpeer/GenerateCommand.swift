import ArgumentParser
import Foundation
import GenPeerKit

/// Renders configs for a target.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Render configuration files (the default command).")

    @OptionGroup var input: InputArguments

    @Option(help: "The output format: \(TargetName.allCases.map(\.rawValue).joined(separator: ", ")). See `genpeer targets`.")
    var target: TargetName


    @Option(help: ArgumentHelp("Write files below this folder, laid out as under /etc, instead of printing them.", valueName: "dir"))
    var output: String?

    @Flag(help: "Replace files that already exist in the output folder.")
    var force = false

    @Flag(help: "Replace every pre-shared key in the output with the placeholder <redacted>.")
    var redact = false

    @Option(help: "For --target markdown: the device whose configuration the snippet shows: \(TargetName.devices.map(\.rawValue).joined(separator: ", ")).")
    var device: TargetName = .strongswan

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

    @Option(help: "The routing daemon configured beside strongswan/libreswan for BGP connections: frr, bird or none.")
    var routing: RoutingDaemon = .frr

    @Option(name: .customLong("if-id"), help: ArgumentHelp("The first XFRM interface ID (interface ipsec<N>); each tunnel on an interface takes the next.", valueName: "n"))
    var firstInterfaceId: Int = 1

    @Option(help: ArgumentHelp("The tunnel interfaces' MTU (Alibaba advises 1399).", valueName: "bytes"))
    var mtu: Int = NormalizeOptions.alibabaMTU

    @Option(help: ArgumentHelp("For documents without Role (downloads): the TunnelId of the master tunnel.", valueName: "tunnel-id"))
    var masterTunnel: String?

    @Option(help: "How this gateway brings the tunnel up: start (initiate at once and after any drop), trap (on traffic), none (wait for the cloud).")
    var start: StartAction = .start

    @Option(help: ArgumentHelp("A folder laid out like the bundled templates/ (DIR/<target>/<name>.mustache) whose files replace the bundled ones.", valueName: "dir"))
    var templates: String?

    @Flag(name: .shortAndLong, help: "Print errors only: no warnings, no progress.")
    var quiet = false

    func validate() throws {
        if !TargetName.devices.contains(device) {
            throw ValidationError("--device must be one of: \(TargetName.devices.map(\.rawValue).joined(separator: ", ")).")
        }
        if showSecrets && redact { throw ValidationError("--show-secrets and --redact contradict each other.") }
        if !(1...0x7FFF_FFFF).contains(firstInterfaceId) { throw ValidationError("--if-id must be 1 or more.") }
        if !(576...9000).contains(mtu) { throw ValidationError("--mtu must be between 576 and 9000.") }
        for list in [remoteAddress, localAddress].compactMap({ $0 }) where list.addresses.count > 2 {
            throw ValidationError("An address option takes one address, or two (one per tunnel, master first).")
        }
    }

    func run() throws {
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
                renderOptions: RenderOptions(routing: routing, device: device),
                inputFormat: input.inputFormat,
                templates: TemplateStore(overrideDirectory: templates.map { URL(fileURLWithPath: $0, isDirectory: true) }))
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
            reporter.report([error.diagnostic])
            throw ExitCode(error.kind.rawValue)
        }
    }
}
