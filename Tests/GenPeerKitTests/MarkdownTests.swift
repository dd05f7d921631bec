import Foundation
import Ink
import Testing
@testable import GenPeerKit

/// `--target markdown`, read back through a Markdown parser (Ink): the tables and code blocks a
/// reader sees, not the source text.
@Suite("The markdown target")
struct MarkdownTests {
    /// The HTML a Markdown renderer makes of the snippet, and its tables' rows as cell texts.
    struct RenderedSnippet {
        var html: String
        var tables: [[[String]]]
        var codeBlocks: [String]

        init(_ markdown: String) {
            html = MarkdownParser().html(from: markdown)
            tables = Self.matches(#"<table>(.*?)</table>"#, in: html).map { table in
                Self.matches(#"<tr>(.*?)</tr>"#, in: table).map { row in
                    Self.matches(#"<t[hd][^>]*>(.*?)</t[hd]>"#, in: row).map(Self.text)
                }
            }
            codeBlocks = Self.matches(#"<pre><code[^>]*>(.*?)</code></pre>"#, in: html).map(Self.unescape)
        }

        private static func matches(_ pattern: String, in text: String) -> [String] {
            let expression = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
            return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
                String(text[Range($0.range(at: 1), in: text)!])
            }
        }

        private static func text(_ html: String) -> String {
            unescape(html.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression))
        }

        private static func unescape(_ html: String) -> String {
            html.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    private func snippet(_ json: String, device: TargetName = .strongswan, showSecrets: Bool = false) throws -> (RenderedSnippet, String) {
        let generator = try Generator(target: .markdown, options: NormalizeOptions(redactsSecrets: !showSecrets), renderOptions: RenderOptions(device: device))
        let files = try generator.generate([document(json)], diagnostics: DiagnosticCollector())
        #expect(files.map(\.path) == ["test.md"])
        return (RenderedSnippet(files[0].contents), files[0].contents)
    }

    @Test(arguments: TargetName.devices)
    func tablesMirrorBothSidesAndTheCodeBlockIsTheDeviceConfig(device: TargetName) throws {
        let json = connectionJSON()
        let (rendered, _) = try snippet(json, device: device)
        let parameters = try #require(rendered.tables.first)
        #expect(parameters.count == 15)
        #expect(parameters.allSatisfy { $0.count == 3 })
        let byName = Dictionary(uniqueKeysWithValues: parameters.dropFirst().map { ($0[0], ($0[1], $0[2])) })
        // Alibaba's LocalSubnet is the cloud's; RemoteSubnet is this gateway's.
        #expect(byName["Cloud subnets"]?.0 == "LocalSubnet = 10.0.0.0/16")
        #expect(byName["On-premises subnets"]?.0 == "RemoteSubnet = 192.168.10.0/24")
        #expect(byName["Cloud identity"]?.0 == "LocalId = 203.0.113.10")
        #expect(byName["On-premises identity"]?.0 == "RemoteId = 198.51.100.20")
        #expect(byName["Phase 1 proposal"]?.0 == "IkeEncAlg = aes, IkeAuthAlg = sha1, IkePfs = group14")
        let onPremises = [
            TargetName.strongswan: ("remote_ts = 10.0.0.0/16", "local_ts = 192.168.10.0/24", "proposals = aes128-sha1-modp2048"),
            .strongswanLegacy: ("rightsubnet=10.0.0.0/16", "leftsubnet=192.168.10.0/24", "ike=aes128-sha1-modp2048!"),
            .libreswan: ("rightsubnet=10.0.0.0/16", "leftsubnet=192.168.10.0/24", "ike=aes128-sha1;modp2048"),
            .ciscoIOS: (
                "ip access-list extended genpeer-test: permit ip 192.168.10.0 0.0.0.255 10.0.0.0 0.0.255.255",
                "ip access-list extended genpeer-test: permit ip 192.168.10.0 0.0.0.255 10.0.0.0 0.0.255.255",
                "crypto ikev2 proposal GENPEER-AES128-SHA1-G14: encryption aes-cbc-128, integrity sha1, group 14"),
            .ciscoASA: (
                "access-list genpeer-test: permit ip 192.168.10.0 255.255.255.0 10.0.0.0 255.255.0.0",
                "access-list genpeer-test: permit ip 192.168.10.0 255.255.255.0 10.0.0.0 255.255.0.0",
                "crypto ikev2 policy 102: encryption aes, integrity sha, group 14, prf sha"),
            .juniperSRX: (
                "traffic-selector ts1 local-ip 192.168.10.0/24 remote-ip 10.0.0.0/16", "traffic-selector ts1 local-ip 192.168.10.0/24 remote-ip 10.0.0.0/16",
                "security ike proposal genpeer-test: encryption-algorithm aes-128-cbc, authentication-algorithm sha1, dh-group group14"),
            .fortigate: ("set dst-subnet 10.0.0.0 255.255.0.0", "set src-subnet 192.168.10.0 255.255.255.0", "set proposal aes128-sha1, set dhgrp 14"),
            .paloalto: ("proxy-id remote 10.0.0.0/16", "proxy-id local 192.168.10.0/24", "ike-crypto-profiles test-ike: encryption aes-128-cbc, hash sha1, dh-group group14"),
            .vyos: ("tunnel N remote prefix 10.0.0.0/16", "tunnel N local prefix 192.168.10.0/24", "proposal 1 encryption aes128 hash sha1 dh-group 14"),
            .huawei: (
                "acl number 3001: destination 10.0.0.0 0.0.255.255", "acl number 3001: source 192.168.10.0 0.0.0.255",
                "ike proposal 1: encryption-algorithm aes-128, integrity-algorithm hmac-sha1-96, prf hmac-sha1, dh group14"),
            .h3c: (
                "acl advanced 3001: destination 10.0.0.0 0.0.255.255", "acl advanced 3001: source 192.168.10.0 0.0.0.255",
                "ikev2 proposal genpeer1: encryption aes-cbc-128, integrity sha1, prf sha1, dh group14"),
            .mikrotik: ("dst-address=10.0.0.0/16", "src-address=192.168.10.0/24", "/ip ipsec profile enc-algorithm=aes-128 hash-algorithm=sha1 prf-algorithm=sha1 dh-group=modp2048"),
        ][device]!
        #expect(byName["Cloud subnets"]?.1 == onPremises.0)
        #expect(byName["On-premises subnets"]?.1 == onPremises.1)
        #expect(byName["Phase 1 proposal"]?.1 == onPremises.2)

        let ports = try #require(rendered.tables.dropFirst().first)
        #expect(ports.dropFirst().map { Array($0.prefix(2)) } == [["UDP", "500"], ["UDP", "4500"], ["ESP (IP protocol 50)", "-"]])

        let deviceFiles = try render(device, [document(json)], diagnostics: DiagnosticCollector())
        #expect(rendered.codeBlocks.count == deviceFiles.count)
        // Rendered with the key redacted, the blocks are the device's files but for the key.
        for (block, file) in zip(rendered.codeBlocks, deviceFiles) where !file.holdsSecrets {
            #expect(block == file.contents)
        }
    }

    @Test func secretsAreRedactedUnlessAsked() throws {
        let json = connectionJSON(ike: ["Psk": "Pa55|wo`rd``x"])
        let (redacted, redactedText) = try snippet(json)
        #expect(!redactedText.contains("Pa55"))
        #expect(redacted.tables[0].last?[1] == "Psk = <redacted>")

        let (shown, _) = try snippet(json, showSecrets: true)
        // A key with a pipe and backticks stays inside its cell and its code span.
        #expect(shown.tables[0].allSatisfy { $0.count == 3 })
        #expect(shown.tables[0].last?[1] == "Psk = Pa55|wo`rd``x")
    }

    @Test func aFenceOutgrowsBackticksInTheConfig() {
        #expect(MarkdownText.fence(for: "a ``` b") == "````")
        #expect(MarkdownText.fence(for: "plain") == "```")
        #expect(MarkdownText.cell("a|b") == "`a\\|b`")
        #expect(MarkdownText.codeSpan("`x`") == "`` `x` ``")
    }

    @Test func theCommandLineRedactsByDefault() throws {
        let run = try GenPeerRun(["samples/describe-vpn-connection.json", "--target", "markdown", "--device", "libreswan"])
        #expect(run.status == 0, "\(run.stderr)")
        let sample = try String(contentsOf: repositoryRoot.appendingPathComponent("samples/describe-vpn-connection.json"), encoding: .utf8)
        let psk = try #require(sample.firstMatch(of: /"Psk": "([^"]+)"/)?.1)
        #expect(!run.stdout.contains(String(psk)))
        let shown = try GenPeerRun(["samples/describe-vpn-connection.json", "--target", "markdown", "--show-secrets"])
        #expect(shown.stdout.contains(String(psk)))
        let wrong = try GenPeerRun(["samples/describe-vpn-connection.json", "--target", "markdown", "--device", "model"])
        #expect(wrong.status == 64)
    }
}
