import Foundation
import Testing
@testable import GenPeerKit

/// What the command line says about itself and about usage mistakes: the help people read
/// first, short options, a misspelt option named as such, and options that only some targets
/// take.
@Suite("Command-line usage")
struct CommandLineUsageTests {
    private static let sample = "samples/describe-vpn-connection.json"

    private func help(_ arguments: [String]) throws -> String {
        let run = try GenPeerRun(arguments, environment: ["COLUMNS": "80"])
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return run.stdout
    }

    @Test(arguments: [["--help"], ["-h"], ["help"]])
    func theRootHelpShowsTheDefaultCommandsOptionsAndTheCommands(arguments: [String]) throws {
        let text = try help(arguments)
        #expect(text.contains("USAGE: genpeer <inputs> ... --target <target> [<options>]\n       genpeer <subcommand>\n"))
        for line in ["  <inputs>", "  -t, --target <target>", "  -o, --output <dir>", "  --device <device>", "  --templates <dir>", "  -q, --quiet"] {
            #expect(text.contains("\n\(line)"), "root help lacks \(line)")
        }
        for command in ["generate (default)", "check", "targets", "templates"] {
            #expect(text.contains("\n  \(command) "), "root help lacks \(command)")
        }
        #expect(text.contains("-t, --target <target>   The output format (required)."))
    }

    /// At 80 columns no line is longer, and an example command is never broken onto a line of
    /// its own: a line after an indented example line is indented too, or starts a sentence.
    @Test(arguments: [["--help"], ["generate", "--help"], ["check", "--help"], ["templates", "--help"], ["templates", "path", "--help"], ["templates", "export", "--help"]])
    func helpFitsEightyColumnsWithoutBreakingExamples(arguments: [String]) throws {
        let lines = try help(arguments).split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { #expect(line.count <= 80, "\(arguments): \(line)") }
        for (previous, line) in zip(lines, lines.dropFirst()) where previous.hasPrefix("  ") && !previous.hasPrefix("   ") && previous.contains("genpeer ") {
            let continues = line.isEmpty || line.hasPrefix("  ") || line.first!.isUppercase
            #expect(continues, "\(arguments): an example is broken: \(previous) / \(line)")
        }
    }

    @Test func shortTargetAndOutputOptions() throws {
        try withScratchFolder { folder in
            let run = try GenPeerRun([Self.sample, "-t", "strongswan", "-o", folder.path])
            #expect(run.status == 0, "\(run.stderr)")
            let written = try String(contentsOf: folder.appendingPathComponent("swanctl/conf.d/idc-hangzhou.conf"), encoding: .utf8)
            #expect(SwanctlConfig(written)["connections.idc-hangzhou.remote_addrs"] == "203.0.113.10")
        }
    }

    @Test func aMisspeltOptionIsNamed() throws {
        let run = try GenPeerRun([Self.sample, "--targte", "strongswan"])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: Unknown option '--targte'. Did you mean '--target'?\n"), "\(run.stderr)")
        let missing = try GenPeerRun([Self.sample])
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("Error: Missing expected argument '--target <target>'\nUsage: genpeer <inputs> ... --target <target> [<options>]\n"))
    }

    @Test func deviceListsOnlyDevices() throws {
        let generateHelp = try help(["generate", "--help"])
        let device = generateHelp.components(separatedBy: "--device <device>")[1].components(separatedBy: "--show-secrets")[0]
        let values = device.components(separatedBy: "(values:")[1].components(separatedBy: ")")[0]
        let devices = TargetName.devices.map(\.rawValue)
        #expect(values.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init) == devices)
        let refused = try GenPeerRun([Self.sample, "-t", "markdown", "--device", "model"])
        #expect(refused.status == 64)
        // ArgumentParser lists a few choices in a sentence and more as a list, one per line.
        let quoted = devices.map { "'\($0)'" }
        let listed = "Please provide one of the following:\n" + devices.map { "  - \($0)\n" }.joined()
        #expect(refused.stderr.contains("Please provide one of \(quoted.dropLast().joined(separator: ", ")) or \(quoted.last!)") || refused.stderr.contains(listed), "\(refused.stderr)")
        let markdown = try GenPeerRun([Self.sample, "-t", "markdown", "--device", "libreswan"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("Libreswan (ipsec.conf)"))
    }

    @Test func markdownOnlyOptionsAreRefusedForOtherTargets() throws {
        for target in TargetName.allCases where target != .markdown {
            for extra in [["--device", "libreswan"], ["--show-secrets"]] {
                let run = try GenPeerRun([Self.sample, "-t", target.rawValue] + extra)
                #expect(run.status == 64, "\(target) \(extra)")
                #expect(run.stdout == "")
                #expect(run.stderr.hasPrefix("Error: \(extra[0]) is for --target markdown only"), "\(run.stderr)")
            }
        }
    }
}
