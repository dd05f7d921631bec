import ArgumentParser
import Foundation
import GenPeerKit

/// `genpeer check FILE...`: what would go wrong, per connection, without rendering anything.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report what would go wrong with each connection, and which targets can express it.",
        usage: "genpeer check <inputs> ... [<options>]",
        discussion: """
            Reports weak algorithms (RFC 8247 / RFC 8221 levels) with the setting to ask Alibaba \
            for, IKEv1 with several subnets, identities that are not their gateway's address, \
            tunnels whose lifetimes or algorithms differ, and for each target whether genpeer \
            renders the connection as it is. Nothing is written.

            Exit status: 0 clean (info findings and target warnings allowed), 1 findings or a \
            target that cannot express a connection, 65 bad input data (66 an input cannot be \
            opened, 64 usage, 70 a broken template).
            """)

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case text, json
    }

    @OptionGroup var input: InputArguments

    @Option(help: "text (for people) or json (sorted keys, for scripts).")
    var format: Format = .text

    @Option(help: ArgumentHelp("The Alibaba Cloud VPN gateway's address, as for generating (also checked against LocalId).", valueName: "ip"))
    var remoteAddress: AddressList?

    @Option(help: ArgumentHelp("This gateway's own public address, as for generating (also checked against RemoteId).", valueName: "ip"))
    var localAddress: AddressList?

    @Option(help: ArgumentHelp("The templates to check rendering with, as for generating.", valueName: "dir"), completion: .directory)
    var templates: String?

    func run() throws {
        let reporter = Reporter()
        let checker: ConnectionChecker
        do {
            checker = try ConnectionChecker(
                options: NormalizeOptions(remoteAddresses: remoteAddress?.addresses ?? [], localAddresses: localAddress?.addresses ?? []),
                templates: TemplateStore(overrideDirectory: templates.map { URL(fileURLWithPath: $0, isDirectory: true) }))
        } catch let error as GenPeerError {
            reporter.report([error.diagnostic] + error.more)
            throw ExitCode(error.kind.rawValue)
        }
        let reader = DocumentReader(forcedFormat: input.inputFormat)
        var reports: [CheckReport] = []
        var inputErrors: [GenPeerError] = []
        // A linter reads on past a bad input: every other input is still checked.
        let sources: [InputSource]
        do {
            sources = try input.sources()
        } catch let error as GenPeerError {
            reporter.report([error.diagnostic] + error.more)
            throw ExitCode(error.kind.rawValue)
        }
        let notices = DiagnosticCollector()
        try checker.check(sources, reader: reader, diagnostics: notices) { outcome in
            switch outcome {
            case .success(let report): reports.append(report)
            case .failure(let error): inputErrors.append(error)
            }
        }
        reporter.report(notices.diagnostics + inputErrors.map(\.diagnostic))
        switch format {
        case .text: FileHandle.standardOutput.write(Data(CheckOutput.text(reports).utf8))
        case .json: FileHandle.standardOutput.write(Data(try CheckOutput.json(reports, errors: inputErrors.map(\.diagnostic)).utf8))
        }
        if let first = inputErrors.first { throw ExitCode(first.kind.rawValue) }
        if reports.contains(where: \.hasInputErrors) { throw ExitCode(GenPeerError.Kind.data.rawValue) }
        if !reports.allSatisfy(\.isClean) { throw ExitCode(1) }
    }
}
