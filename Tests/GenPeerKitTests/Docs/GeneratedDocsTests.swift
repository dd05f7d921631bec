import Foundation
import Testing
@testable import GenPeerKit

/// docs/genpeer.1 and docs/completions/ are written from the command line (by these tests,
/// when scripts/generate-docs sets GENPEER_WRITE_DOCS=1): the committed files must be what the
/// current command line gives, the manual page must pass `mandoc -T lint`, and the completions
/// must offer what the command line takes.
@Suite("Generated documentation", .serialized)
struct GeneratedDocsTests {
    private static let files: [(path: String, make: @Sendable (CommandLineDescription) -> String)] = [
        ("docs/genpeer.1", { ManualPage.render($0) }),
        ("docs/completions/genpeer.bash", { CompletionScripts.bash(CompletionNode.tree($0.command)) }),
        ("docs/completions/_genpeer", { CompletionScripts.zsh(CompletionNode.tree($0.command)) }),
        ("docs/completions/genpeer.fish", { CompletionScripts.fish(CompletionNode.tree($0.command)) }),
    ]

    @Test func committedDocsMatchTheCommandLine() throws {
        let description = try CommandLineDescription.current()
        let write = ProcessInfo.processInfo.environment["GENPEER_WRITE_DOCS"] == "1"
        for file in Self.files {
            let url = repositoryRoot.appendingPathComponent(file.path)
            let made = file.make(description)
            if write {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try made.write(to: url, atomically: true, encoding: .utf8)
            }
            let committed = try String(contentsOf: url, encoding: .utf8)
            #expect(committed == made, "\(file.path) is stale: run scripts/generate-docs")
        }
    }

    // MARK: The manual page

    private static let mandoc = ["/usr/bin/mandoc", "/usr/local/bin/mandoc"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: mandoc != nil, "mandoc is not installed (scripts/install-test-deps installs it): the manual page is not linted"))
    func theManualPagePassesMandocLint() throws {
        let (status, output) = try run(Self.mandoc!, ["-T", "lint", "-W", "all", repositoryRoot.appendingPathComponent("docs/genpeer.1").path])
        #expect(output == "", "mandoc -T lint docs/genpeer.1:\n\(output)")
        #expect(status == 0)
    }

    @Test func theManualPageListsEveryExitStatusAndShowsExamplesApart() throws {
        let page = ManualPage.render(try CommandLineDescription.current())
        let exitSection = page.components(separatedBy: ".Sh EXIT STATUS\n")[1].components(separatedBy: ".Sh ")[0]
        let listed = exitSection.split(separator: "\n").filter { $0.hasPrefix(".It ") }.map { $0.dropFirst(4) }
        #expect(listed == ["0", "1", "64", "65", "66", "70", "73"])
        // Every GenPeerError kind's status is among them.
        for kind in [GenPeerError.Kind.usage, .data, .noInput, .template, .cannotCreate] {
            #expect(listed.contains(Substring(String(kind.rawValue))))
        }
        let examples = page.components(separatedBy: ".Sh EXAMPLES\n.Bd -literal -offset indent\n")[1].components(separatedBy: "\n.Ed\n")[0]
        #expect(examples.split(separator: "\n").first == "genpeer vco.json --target strongswan")
        // An example is a display of its own, never run into the sentence after it.
        #expect(page.contains(".Bd -literal -offset indent\ngenpeer templates export my-templates\n"))
        #expect(!page.contains("\n\n"), "an empty line is a blank line in fill mode")
    }

    @Test func proseIsASentenceALineWithinEightyBytes() {
        let text = ManualPage.text("One sentence here. Another one, e.g. this. `genpeer targets` lists them.\n\n.A paragraph")
        #expect(text == "One sentence here.\nAnother one, e.g. this.\n\\(oqgenpeer targets\\(cq lists them.\n.Pp\n\\&.A paragraph\n")
        let long = ManualPage.text(String(repeating: "word ", count: 40))
        #expect(long.split(separator: "\n").allSatisfy { $0.utf8.count <= 80 })
    }

    // MARK: The completions, run in their shells

    /// What bash completes for `line` (the cursor at its end) with docs/completions/genpeer.bash.
    private func bashCompletions(_ line: String, in directory: URL = repositoryRoot) throws -> [String] {
        let script = repositoryRoot.appendingPathComponent("docs/completions/genpeer.bash").path
        var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if line.hasSuffix(" ") { words.append("") }
        let quotedWords = words.map { "'\($0)'" }.joined(separator: " ")
        let program = """
            source '\(script)'
            COMP_WORDS=(\(quotedWords)); COMP_CWORD=\(words.count - 1); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
            _genpeer genpeer "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let (status, output) = try run("/bin/bash", ["-c", program], in: directory)
        #expect(status == 0, "\(output)")
        return output.split(separator: "\n").map(String.init).sorted()
    }

    @Test func bashCompletesTheDefaultCommandAtTheRoot() throws {
        let targets = TargetName.allCases.map(\.rawValue).sorted()
        #expect(try bashCompletions("genpeer --target ") == targets)
        #expect(try bashCompletions("genpeer -t strong") == ["strongswan", "strongswan-legacy"])
        #expect(try bashCompletions("genpeer vco.json --target ") == targets)
        #expect(try bashCompletions("genpeer --device ") == TargetName.devices.map(\.rawValue).sorted())
        let options = try bashCompletions("genpeer vco.json --t")
        #expect(options == ["--target", "--templates", "--tunnel-number"])
        #expect(try bashCompletions("genpeer check --format ") == ["json", "text"])
        #expect(try bashCompletions("genpeer templates ") == ["cat", "export", "list", "path"])
        #expect(try bashCompletions("genpeer templates cat ") == targets)
        #expect(try bashCompletions("genpeer check --t") == ["--templates"], "check has no --target")
    }

    @Test func bashCompletesFilesAndFolders() throws {
        try withScratchFolder { folder in
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: false)
            try "{}".write(to: folder.appendingPathComponent("vco.json"), atomically: false, encoding: .utf8)
            // Inputs: files (and folders), offered with the commands before any input.
            #expect(try bashCompletions("genpeer ", in: folder) == ["check", "generate", "help", "out", "targets", "templates", "vco.json"])
            #expect(try bashCompletions("genpeer vco.json ", in: folder) == ["out", "vco.json"])
            #expect(try bashCompletions("genpeer check ", in: folder) == ["out", "vco.json"])
            // --output and --templates: folders only.
            #expect(try bashCompletions("genpeer vco.json --output ", in: folder) == ["out"])
            #expect(try bashCompletions("genpeer vco.json -o ", in: folder) == ["out"])
            #expect(try bashCompletions("genpeer vco.json --templates ", in: folder) == ["out"])
            #expect(try bashCompletions("genpeer templates export ", in: folder) == ["out"])
        }
    }

    private static let fish = ["/usr/bin/fish", "/usr/local/bin/fish"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: fish != nil, "fish is not installed: its completions are not run"))
    func fishCompletesTheDefaultCommandAtTheRoot() throws {
        let script = repositoryRoot.appendingPathComponent("docs/completions/genpeer.fish").path
        func complete(_ line: String) throws -> [String] {
            let (_, output) = try run(Self.fish!, ["--no-config", "-c", "source '\(script)'; complete -C '\(line)'"])
            return output.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }.sorted()
        }
        #expect(try complete("genpeer --target ") == TargetName.allCases.map(\.rawValue).sorted())
        #expect(try complete("genpeer templates ") == ["cat", "export", "list", "path"])
        #expect(try complete("genpeer check --format ") == ["json", "text"])
    }

    private static let zsh = ["/usr/bin/zsh", "/bin/zsh"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: zsh != nil, "zsh is not installed: its completion script is only compared"))
    func zshReadsTheScript() throws {
        let script = repositoryRoot.appendingPathComponent("docs/completions/_genpeer").path
        let (status, output) = try run(Self.zsh!, ["-n", script])
        #expect(status == 0, "\(output)")
    }

    private func run(_ executable: String, _ arguments: [String], in directory: URL = repositoryRoot) throws -> (Int32, String) {
        let run = try ToolRun(executable, arguments, in: directory)
        return (run.status, run.output)
    }
}
