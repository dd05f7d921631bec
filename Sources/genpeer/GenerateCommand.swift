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

    @Option(help: ArgumentHelp("The Alibaba Cloud VPN gateway's address (default: InternetIp, else LocalId when it is an address).", valueName: "ip"))
    var remoteAddress: IPv4Address?

    @Option(help: ArgumentHelp("This gateway's own public address (default: any / the default route).", valueName: "ip"))
    var localAddress: IPv4Address?

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
    }

    func run() throws {
        let diagnostics = DiagnosticCollector()
        let reporter = Reporter(quiet: quiet)
        let progress = ProgressLine(enabled: !quiet)
        do {
            var generator = try Generator(
                target: target,
                options: NormalizeOptions(
                    remoteAddress: remoteAddress, localAddress: localAddress, startAction: start,
                    redactsSecrets: redact || (target == .markdown && !showSecrets)),
                inputFormat: input.inputFormat,
                templates: TemplateStore(overrideDirectory: templates.map { URL(fileURLWithPath: $0, isDirectory: true) }),
                device: device)
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
