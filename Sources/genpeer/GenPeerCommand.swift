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
              genpeer vcos.xml --target strongswan-legacy --output out/ && cp -r out/. /etc/
            """,
        version: "0.1.0",
        subcommands: [Generate.self, Targets.self, Check.self],
        defaultSubcommand: Generate.self)
}

/// Renders configs for a target.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render configuration files (the default command).")

    @Argument(help: "Input files or folders (every *.json and *.xml file in it, by name), or - for standard input.")
    var inputs: [String] = []

    @Option(help: "The output format: \(TargetName.allCases.map(\.rawValue).joined(separator: ", ")). See `genpeer targets`.")
    var target: TargetName

    @Option(help: "Read the inputs as json or xml instead of detecting it from the first byte.")
    var inputFormat: InputFormat?

    @Option(help: ArgumentHelp("Write files below this folder, laid out as under /etc, instead of printing them.", valueName: "dir"))
    var output: String?

    @Flag(help: "Replace files that already exist in the output folder.")
    var force = false

    @Flag(help: "Replace every pre-shared key in the output with the placeholder <redacted>.")
    var redact = false

    @Option(help: ArgumentHelp("The Alibaba Cloud VPN gateway's address (default: InternetIp, else LocalId when it is an address).", valueName: "ip"))
    var remoteAddress: IPv4Address?

    @Option(help: ArgumentHelp("This gateway's own public address (default: any / the default route).", valueName: "ip"))
    var localAddress: IPv4Address?

    @Option(help: "How this gateway brings the tunnel up: start (initiate at once and after any drop), trap (on traffic), none (wait for the cloud).")
    var start: StartAction = .start

    @Option(help: ArgumentHelp("A folder laid out like the bundled templates/ (DIR/<target>/<name>.mustache) whose files replace the bundled ones.", valueName: "dir"))
    var templates: String?

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Give at least one input file, or - for standard input.") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be read only once.") }
    }

    func run() throws {
        let diagnostics = DiagnosticCollector()
        let reporter = Reporter()
        do {
            let generator = try Generator(
                target: target,
                options: NormalizeOptions(remoteAddress: remoteAddress, localAddress: localAddress, startAction: start),
                inputFormat: inputFormat,
                templates: TemplateStore(overrideDirectory: templates.map { URL(fileURLWithPath: $0, isDirectory: true) }),
                redactsSecrets: redact)
            let sources = try InputFiles.sources(for: inputs)
            if let output {
                var sink = try DirectorySink(directory: output, force: force)
                try generator.run(sources, into: &sink, diagnostics: diagnostics)
            } else {
                var sink = StandardOutputSink()
                try generator.run(sources, into: &sink, diagnostics: diagnostics)
            }
            reporter.report(diagnostics.diagnostics)
        } catch let error as GenPeerError {
            reporter.report(diagnostics.diagnostics)
            reporter.report([error.diagnostic])
            throw ExitCode(error.kind.rawValue)
        }
    }
}

/// Lists the targets.
struct Targets: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the output targets, one per line.")

    func run() {
        let width = TargetName.allCases.map(\.rawValue.count).max() ?? 0
        for target in TargetName.allCases {
            print(target.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + target.summary)
        }
    }
}

/// Prints diagnostics once, at the edge: `genpeer: warning: ...` / `genpeer: error: ...` on stderr.
struct Reporter {
    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data("genpeer: \(diagnostic.severity.rawValue): \(diagnostic)\n".utf8))
        }
    }
}

extension TargetName: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension StartAction: ExpressibleByArgument {}

extension IPv4Address: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
