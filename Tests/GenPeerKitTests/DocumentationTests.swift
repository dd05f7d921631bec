import Foundation
import Testing
@testable import GenPeerKit

/// The README documents the template context: every key each target's templates can use, and
/// every field of the peer model. These tests fail when a key is added without its line.
@Suite("The README's template documentation")
struct DocumentationTests {
    private static let readme = try! String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    private static let templatesSection = String(readme[readme.range(of: "## Templates and their context")!.lowerBound...])

    /// Every stored property name in `value` and, for lists and nested structs, in their elements.
    private func keys(of value: Any) -> Set<String> {
        var found: Set<String> = []
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            found.insert(label)
            let inner = Mirror(reflecting: child.value)
            switch inner.displayStyle {
            case .collection?: if let first = inner.children.first { found.formUnion(keys(of: first.value)) }
            case .struct?: found.formUnion(keys(of: child.value))
            case .optional?: if let wrapped = inner.children.first, Mirror(reflecting: wrapped.value).displayStyle == .struct { found.formUnion(keys(of: wrapped.value)) }
            default: break
            }
        }
        return found
    }

    private func peer() throws -> PeerConnection {
        try peers([document(connectionJSON(top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16"]))])[0]
    }

    @Test func everyTemplateKeyIsDocumented() throws {
        let diagnostics = DiagnosticCollector()
        let single = try peer()
        let dual = try peers([sample("../Tests/Fixtures/dual-tunnel.json")])[0]
        var contexts: [Any] = [RunContext(generator: "genpeer")]
        for target in TargetName.allCases where target != .model {
            let dialect = target.target.dialect
            for connection in [single, dual] {
                if let markdown = dialect as? MarkdownDialect {
                    let device = try Renderer(target: .strongswan, templates: TemplateStore())
                    contexts += try markdown.parts(for: connection, options: RenderOptions(), diagnostics: diagnostics, device: device).map(\.context)
                } else if let parts = try? dialect.parts(for: connection, options: RenderOptions(), diagnostics: diagnostics) {
                    contexts += parts.map(\.context)
                }
            }
        }
        let documented = Self.templatesSection
        for context in contexts {
            for key in keys(of: context) {
                #expect(documented.contains("`\(key)`"), "\(type(of: context)): key \(key) is not in the README's template section")
            }
        }
    }

    @Test func everyPeerModelFieldIsDocumented() throws {
        let documented = Self.templatesSection
        // IPv4 values print as text: their stored integers are not fields of the JSON.
        for key in keys(of: try peer()) where !["value", "prefixLength"].contains(key) {
            let mentioned = ["`\(key)`", ".\(key)`", "`\(key).", ", `\(key)`"].contains { documented.contains($0) }
            #expect(mentioned, "PeerConnection field \(key) is not in the README")
        }
    }
}

/// The README's commands work as written on a bare Debian machine, where there is no `sudo`.
@Suite("The README's commands")
struct ReadmeCommandTests {
    @Test func nothingAsksForSudo() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n").filter { $0.contains("sudo") }
        #expect(lines.isEmpty, "say \"as root\" instead: \(lines)")
    }

    /// The newcomer's first command and every other `swift run genpeer` on a bundled sample.
    @Test func everySampleCommandRuns() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let commands = readme.split(separator: "\n").filter { $0.hasPrefix("swift run genpeer ") }
        #expect(commands.count >= 2)
        for command in commands {
            let arguments = command.dropFirst("swift run genpeer ".count).split(separator: " ").map(String.init)
            let run = try GenPeerRun(arguments)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            #expect(!run.stdout.isEmpty, "\(command)")
        }
    }

    @Test func theInstallSectionInstallsTheBinaryTheManualAndTheCompletions() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let install = readme.components(separatedBy: "\n## Install\n").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
        for line in [
            "swift build -c release --static-swift-stdlib",
            "install -m 755 .build/release/genpeer /usr/local/bin/",
            "docs/genpeer.1 /usr/local/share/man/man1/",
            "docs/completions/genpeer.bash /usr/share/bash-completion/completions/genpeer",
            "docs/completions/_genpeer /usr/local/share/zsh/site-functions/",
            "docs/completions/genpeer.fish /usr/share/fish/vendor_completions.d/",
        ] {
            #expect(install.contains(line), "the Install section lacks: \(line)")
        }
    }
}
