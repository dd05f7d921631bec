import Foundation
import Testing
@testable import GenPeerKit

/// Reads a mikrotik script and fails the test on any problem or argument RouterOS refuses.
func routerOSScript(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> RouterOSScript {
    let script = RouterOSScript(text)
    #expect(RouterOSGrammar.violations(script) == [], sourceLocation: sourceLocation)
    return script
}

@Suite("MikroTik RouterOS 7")
struct MikroTikTests {
    private func render(
        _ json: String, options: NormalizeOptions = NormalizeOptions(), diagnostics: DiagnosticCollector = DiagnosticCollector()
    ) throws -> RouterOSScript {
        routerOSScript(try VendorCase.render(.mikrotik, json, options: options, diagnostics: diagnostics))
    }

    private func only(_ script: RouterOSScript, _ menu: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> RouterOSScript.Command {
        let commands = script.commands(menu)
        #expect(commands.count == 1, "\(menu): \(commands.count)", sourceLocation: sourceLocation)
        return try #require(commands.first, sourceLocation: sourceLocation)
    }

    @Test func ikev1MainModeWithTwoSubnetsOnEachSideHasOneUniquePolicyPerPair() throws {
        let script = try render(VendorCase.ikev1Main, options: NormalizeOptions(localAddress: IPv4Address("198.51.100.20")))
        let profile = try only(script, "ip ipsec profile")
        #expect(profile["name"] == "test")
        #expect(profile["enc-algorithm"] == "aes-256" && profile["hash-algorithm"] == "sha256" && profile["dh-group"] == "modp2048")
        #expect(profile["prf-algorithm"] == nil, "IKEv1: the PRF is the hash")
        #expect(profile["lifetime"] == "8h")
        #expect(profile["dpd-interval"] == "30s" && profile["dpd-maximum-failures"] == "5", "IKEv1: a failure count, 30 s × 5 = the 150 s timeout")
        #expect(profile["nat-traversal"] == "yes")
        let proposal = try only(script, "ip ipsec proposal")
        #expect(proposal["enc-algorithms"] == "aes-256-cbc" && proposal["auth-algorithms"] == "sha256" && proposal["pfs-group"] == "modp2048")
        #expect(proposal["lifetime"] == "1h")
        let peer = try only(script, "ip ipsec peer")
        #expect(peer["address"] == "203.0.113.10/32" && peer["local-address"] == "198.51.100.20")
        #expect(peer["exchange-mode"] == "main" && peer["profile"] == "test")
        let identity = try only(script, "ip ipsec identity")
        #expect(identity["peer"] == "test" && identity["auth-method"] == "pre-shared-key")
        #expect(identity["secret"] == "ExamplePsk123")
        #expect(identity["my-id"] == "address:198.51.100.20" && identity["remote-id"] == "address:203.0.113.10")
        #expect(identity["generate-policy"] == "no")
        let policies = script.commands("ip ipsec policy")
        #expect(policies.map { "\($0["src-address"]!) \($0["dst-address"]!)" } == [
            "10.10.0.0/16 172.16.0.0/16", "10.10.0.0/16 172.17.0.0/16", "10.20.0.0/24 172.16.0.0/16", "10.20.0.0/24 172.17.0.0/16",
        ])
        #expect(policies.allSatisfy { $0["peer"] == "test" && $0["level"] == "unique" && $0["tunnel"] == "yes" && $0["action"] == "encrypt" && $0["proposal"] == "test" })
        // Source NAT bypassed for exactly those pairs, ahead of any masquerade.
        let nat = script.commands("ip firewall nat")
        #expect(nat.map { "\($0["src-address"]!) \($0["dst-address"]!)" } == policies.map { "\($0["src-address"]!) \($0["dst-address"]!)" })
        #expect(nat.allSatisfy { $0["chain"] == "srcnat" && $0["action"] == "accept" && $0.placedFirst })
        let input = script.commands("ip firewall filter")
        #expect(input.map { "\($0["protocol"]!) \($0["src-address"]!)" } == ["udp 203.0.113.10", "ipsec-esp 203.0.113.10"])
        #expect(input.allSatisfy { $0["chain"] == "input" && $0["action"] == "accept" && $0.placedFirst })
        let mss = script.commands("ip firewall mangle")
        #expect(mss.map { $0["ipsec-policy"]! } == ["out,ipsec", "in,ipsec"])
        #expect(mss.allSatisfy { $0["new-mss"] == "1359" && $0["tcp-mss"] == "1360-65535" && $0["tcp-flags"] == "syn" })
        #expect(script.commands("routing bgp connection").isEmpty && script.commands("system scheduler").isEmpty)
    }

    @Test func ikev1AggressiveModeWithFQDNIdentities() throws {
        let diagnostics = DiagnosticCollector()
        let script = try render(VendorCase.ikev1AggressiveFQDN, diagnostics: diagnostics)
        #expect(try only(script, "ip ipsec peer")["exchange-mode"] == "aggressive")
        let identity = try only(script, "ip ipsec identity")
        #expect(identity["my-id"] == "fqdn:onprem.example.com")
        #expect(identity["remote-id"] == "auto", "RouterOS checks an FQDN remote id with IKEv2 only")
        #expect(diagnostics.diagnostics.contains { $0.message.contains("FQDN remote identity only with IKEv2") })
        let profile = try only(script, "ip ipsec profile")
        #expect(profile["enc-algorithm"] == "3des" && profile["hash-algorithm"] == "sha1" && profile["dh-group"] == "modp1024" && profile["lifetime"] == "1d")
        let proposal = try only(script, "ip ipsec proposal")
        #expect(proposal["enc-algorithms"] == "aes-128-cbc" && proposal["auth-algorithms"] == "md5" && proposal["pfs-group"] == "modp1536")
        #expect(proposal["lifetime"] == "30m")
    }

    @Test func ikev2WithPFSDisabledSaysPfsGroupNone() throws {
        let script = try render(VendorCase.ikev2NoPFS)
        let profile = try only(script, "ip ipsec profile")
        #expect(profile["prf-algorithm"] == "sha256")
        #expect(profile["dpd-maximum-failures"] == nil && profile["nat-traversal"] == nil, "both do nothing with IKEv2")
        #expect(try only(script, "ip ipsec peer")["exchange-mode"] == "ike2")
        #expect(try only(script, "ip ipsec proposal")["pfs-group"] == "none")
        let identity = try only(script, "ip ipsec identity")
        #expect(identity["my-id"] == "address:198.51.100.20" && identity["remote-id"] == "address:203.0.113.10")
        #expect(try only(script, "ip ipsec policy")["src-address"] == "192.168.10.0/24")
    }

    @Test func dualTunnelBGPHasTheInsideAddressesOnBridgesAndTheDataPoliciesOnTheMaster() throws {
        let options = NormalizeOptions(
            remoteAddresses: [], localAddresses: [], announce: VendorCase.dualOptions.announce, cloudPrefixes: [IPv4Network(text: "172.16.0.0/12")!])
        let script = try render(VendorCase.dualBGP, options: options)
        // Each tunnel its own peer, profile, proposal and identity with its own key.
        let peers = script.commands("ip ipsec peer")
        #expect(peers.map { "\($0["name"]!) \($0["address"]!)" } == ["dual-t1 203.0.113.21/32", "dual-t2 203.0.113.22/32"])
        let identities = script.commands("ip ipsec identity")
        #expect(identities.map { "\($0["peer"]!) \($0["secret"]!) \($0["remote-id"]!)" } == [
            "dual-t1 PskOfTunnel1 address:203.0.113.21", "dual-t2 PskOfTunnel2 address:203.0.113.22",
        ])
        #expect(script.commands("ip ipsec profile").map { $0["name"]! } == ["dual-t1", "dual-t2"])
        // The /30 on an empty bridge per tunnel; BGP through a /32 policy on each tunnel's own peer.
        #expect(script.commands("interface bridge").map { $0["name"]! } == ["genpeer-dual-t1", "genpeer-dual-t2"])
        #expect(script.commands("interface bridge").allSatisfy { $0["protocol-mode"] == "none" })
        #expect(script.commands("ip address").map { "\($0["address"]!) \($0["interface"]!)" } == [
            "169.254.10.2/30 genpeer-dual-t1", "169.254.20.2/30 genpeer-dual-t2",
        ])
        let policies = script.commands("ip ipsec policy")
        #expect(policies.filter { $0["comment"] == "genpeer dual data" }.map { "\($0["peer"]!) \($0["src-address"]!) \($0["dst-address"]!)" } == [
            "dual-t1 10.0.0.0/16 172.16.0.0/12", "dual-t1 10.2.0.0/24 172.16.0.0/12",
        ])
        #expect(policies.filter { $0["comment"]!.hasSuffix(" bgp") }.map { "\($0["peer"]!) \($0["src-address"]!) \($0["dst-address"]!)" } == [
            "dual-t1 169.254.10.2/32 169.254.10.1/32", "dual-t2 169.254.20.2/32 169.254.20.1/32",
        ])
        // BGP: own AS PeerAsn, the cloud's LocalAsn, the announcements, the slave de-preferred.
        #expect(try only(script, "routing bgp instance")["as"] == "65010")
        let connections = script.commands("routing bgp connection")
        #expect(connections.map { "\($0["name"]!) \($0["local.address"]!) \($0["remote.address"]!) \($0["remote.as"]!) \($0["as"]!)" } == [
            "dual-t1 169.254.10.2 169.254.10.1 65530 65010", "dual-t2 169.254.20.2 169.254.20.1 65530 65010",
        ])
        #expect(connections.allSatisfy { $0["local.role"] == "ebgp" && $0["output.network"] == "genpeer-dual" && $0["instance"] == "genpeer-dual" })
        #expect(script.commands("ip firewall address-list").map { $0["address"]! } == VendorCase.announced)
        #expect(script.commands("ip route").map { $0["dst-address"]! } == VendorCase.announced)
        #expect(script.commands("ip route").allSatisfy { $0["blackhole"] == "" })
        let rules = Dictionary(grouping: script.commands("routing filter rule"), by: { $0["chain"]! }).mapValues { $0.map { $0["rule"]! } }
        let master = connections[0]
        let slave = connections[1]
        #expect(rules[master["output.filter-chain"]!] == [
            "if (dst in 10.0.0.0/16 && dst-len == 16) { accept }", "if (dst in 10.2.0.0/24 && dst-len == 24) { accept }", "reject",
        ])
        #expect(rules[slave["output.filter-chain"]!] == [
            "if (dst in 10.0.0.0/16 && dst-len == 16) { set bgp-path-prepend 2; accept }",
            "if (dst in 10.2.0.0/24 && dst-len == 24) { set bgp-path-prepend 2; accept }", "reject",
        ])
        #expect(rules[master["input.filter"]!] == ["set bgp-local-pref 200; accept"])
        #expect(rules[slave["input.filter"]!] == ["set bgp-local-pref 100; accept"])
        // The failover: the data policies follow the master's BGP session.
        let script_ = try only(script, "system script")
        let source = try #require(script_["source"])
        #expect(source.contains("/routing/bgp/session/find where remote.address=169.254.10.1 and established"))
        #expect(source.contains(":local target \"dual-t2\"") && source.contains(":set target \"dual-t1\""))
        #expect(source.contains("/ip/ipsec/policy/find where comment=\"genpeer dual data\" and peer!=$target"))
        #expect(source.contains("/ip/ipsec/policy/set $moving peer=$target proposal=$target"))
        let scheduler = try only(script, "system scheduler")
        #expect(scheduler["on-event"] == "/system script run \(script_["name"]!)" && scheduler["interval"] == "10s" && scheduler["start-time"] == "startup")
    }

    @Test func withoutBGPTheFailoverWatchesTheMastersIKESA() throws {
        let options = NormalizeOptions(remoteAddresses: [], localAddresses: [], announce: VendorCase.dualOptions.announce, cloudPrefixes: [IPv4Network(text: "172.16.0.0/12")!])
        let diagnostics = DiagnosticCollector()
        let script = try render(dualConnectionJSON(top: ["EnableTunnelsBgp": false]), options: options, diagnostics: diagnostics)
        let source = try #require(try only(script, "system script")["source"])
        #expect(source.contains("/ip/ipsec/active-peers/find where remote-address=203.0.113.21 and state=\"established\""))
        #expect(script.commands("interface bridge").isEmpty && script.commands("routing bgp connection").isEmpty)
        #expect(diagnostics.diagnostics.contains { $0.message.contains("cannot run both tunnels with the same selectors") })
    }

    @Test func aRouteBasedConnectionNeedsThePrefixesForItsPolicies() {
        let error = failure { _ = try VendorCase.render(.mikrotik, VendorCase.dualBGP, options: VendorCase.dualOptions) }
        #expect(error?.kind == .data)
        #expect(error?.description.contains("vco.json: LocalSubnet: the connection is route-based") == true)
        #expect(error?.description.contains("--cloud-prefixes") == true)
    }

    @Test func timesAreRouterOSIntervals() {
        #expect(RouterOSText.time(86400) == "1d" && RouterOSText.time(28800) == "8h" && RouterOSText.time(5400) == "1h30m" && RouterOSText.time(100) == "1m40s")
        for seconds in [1, 59, 61, 3599, 3600, 86399, 86400] {
            #expect(RouterOSGrammar.seconds(RouterOSText.time(seconds)) == seconds)
        }
    }

    // MARK: The support matrix (vendor-syntax.md §0.1 and §10.2)

    @Test func espSHA384IsRefusedButIKESHA384IsTaken() throws {
        let error = failure { _ = try VendorCase.render(.mikrotik, VendorCase.with(ipsec: ["IpsecAuthAlg": "sha384"])) }
        #expect(error?.description.contains("IpsecConfig.IpsecAuthAlg: the mikrotik target cannot use IpsecAuthAlg \"sha384\"") == true)
        #expect(error?.description.contains("set IpsecAuthAlg to sha256 or sha512") == true)
        let script = try render(VendorCase.with(ike: ["IkeAuthAlg": "sha384"]))
        #expect(try only(script, "ip ipsec profile")["hash-algorithm"] == "sha384")
    }

    @Test(arguments: [("IkeConfig", "IkePfs"), ("IpsecConfig", "IpsecPfs")])
    func group24IsRefused(block: String, field: String) {
        let json = block == "IkeConfig" ? VendorCase.with(ike: [field: "group24"]) : VendorCase.with(ipsec: [field: "group24"])
        let error = failure { _ = try VendorCase.render(.mikrotik, json) }
        #expect(error?.description.contains("\(block).\(field): the mikrotik target cannot use \(field) \"group24\"") == true)
    }

    @Test func desGroup1AndMD5AreTaken() throws {
        let script = try render(VendorCase.with(ike: ["IkeEncAlg": "des", "IkePfs": "group1", "IkeAuthAlg": "md5"], ipsec: ["IpsecEncAlg": "des", "IpsecPfs": "group1"]))
        let profile = try only(script, "ip ipsec profile")
        #expect(profile["enc-algorithm"] == "des" && profile["dh-group"] == "modp768" && profile["hash-algorithm"] == "md5")
        #expect(profile["prf-algorithm"] == "auto", "RouterOS has no md5 PRF keyword: auto is the hash")
        let proposal = try only(script, "ip ipsec proposal")
        #expect(proposal["enc-algorithms"] == "des" && proposal["pfs-group"] == "modp768")
    }

    @Test func dpdOffAndNATTraversalOffAreSpeltOut() throws {
        let script = try render(VendorCase.with(top: ["EnableDpd": false, "EnableNatTraversal": false], ike: ["IkeVersion": "ikev1"]))
        let profile = try only(script, "ip ipsec profile")
        #expect(profile["dpd-interval"] == "disable-dpd" && profile["dpd-maximum-failures"] == nil)
        #expect(profile["nat-traversal"] == "no")
    }

    @Test func everyPrintableKeyReadsBackWhole() throws {
        let printable = String((0x21...0x7E).map { Character(Unicode.Scalar($0)!) })
        for key in [printable, "0x4142434445", "0X41", "\\", "$evil", "a?b", "\"\\\"'\\n#;{}$%="] {
            let identity = try only(try render(VendorCase.with(ike: ["Psk": key])), "ip ipsec identity")
            #expect(RouterOSScript.secret(try #require(identity["secret"])) == key, "\(key)")
        }
        // A key RouterOS would read as hex is written as the hex of its own bytes.
        #expect(RouterOSText.secret(PresharedKey(text: "0x41")!) == "\"0x30783431\"")
    }

    @Test func bgpKeysAreQuotedAndBoundedByRouterOSsLimit() throws {
        let options = NormalizeOptions(remoteAddresses: [], localAddresses: [], announce: VendorCase.dualOptions.announce, cloudPrefixes: [IPv4Network(text: "172.16.0.0/12")!])
        let script = try render(dualConnectionJSON(master: ["TunnelBgpConfig.AuthKey": "a$b?c\"d"]), options: options)
        #expect(script.commands("routing bgp connection").first?["tcp-md5-key"] == "a$b?c\"d")
        let long = String(repeating: "k", count: 81)
        let error = failure { _ = try VendorCase.render(.mikrotik, dualConnectionJSON(master: ["TunnelBgpConfig.AuthKey": long]), options: options) }
        #expect(error?.description.contains("at most 80") == true)
    }

    @Test func theGrammarRefusesWhatRouterOSRefuses() {
        for bad in [
            "/ip ipsec proposal\nadd name=x auth-algorithms=sha384", "/ip ipsec profile\nadd name=x dh-group=modp2048s256",
            "/ip ipsec peer\nadd name=x exchange-mode=ikev2", "/ip ipsec policy\nadd level=unique level=require",
            "/ip ipsec identity\nadd secret=\"unterminated", "# a comment \\\n/ip ipsec peer", "/routing bgp connection\nadd router-id=1.1.1.1",
        ] {
            #expect(!RouterOSGrammar.violations(RouterOSScript(bad)).isEmpty, "\(bad)")
        }
    }

    @Test func markdownDeviceShowsTheRouterOSSettings() throws {
        let settings = try MikroTikDialect().settings(for: try VendorCase.model(VendorCase.ikev2NoPFS), options: RenderOptions())
        #expect(settings[0].espProposal == "/ip ipsec proposal enc-algorithms=aes-256-cbc auth-algorithms=sha256 pfs-group=none")
        #expect(settings[0].ikeVersion == "exchange-mode=ike2")
    }
}

/// routeros-lsp (PyPI), an offline checker that carries RouterOS's own command database
/// (7.21.4: menus, commands, parameter names) and the scripting language's rules (strings,
/// escapes, brackets, variables), run through `Tests/vendors/routeros_check.py` on the scripts
/// genpeer writes: the issue's four inputs and their variants, every injection case the target
/// accepts, and the failover scripts' sources on their own.
@Suite("MikroTik scripts checked by routeros-lsp", .serialized)
struct MikroTikRouterOSLSPTests {
    /// A Python that can import routeros_lsp, if there is one.
    static let python: String? = {
        let interpreter = TestPython.interpreter(importing: "routeros_lsp")
        return interpreter.hasPrefix("/") ? interpreter : nil
    }()

    private static func check(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let run = try ToolRun(executable, arguments)
        return (run.status, run.output)
    }

    /// The findings routeros-lsp reports for `scripts` (file name → text).
    private func findings(_ scripts: [String: String], scope: String) throws -> String {
        try withScratchFolder { folder in
            for (name, text) in scripts { try text.write(to: folder.appendingPathComponent(name), atomically: false, encoding: .utf8) }
            let checker = repositoryRoot.appendingPathComponent("Tests/vendors/routeros_check.py").path
            let (status, output) = try Self.check(Self.python!, [checker, "--scope", scope] + scripts.keys.sorted().map { folder.appendingPathComponent($0).path })
            #expect(status == 0 || status == 1, "\(output)")
            return status == 0 ? "" : output
        }
    }

    @Test(.enabled(if: python != nil, "routeros-lsp is not installed (scripts/install-test-deps installs it): RouterOS scripts are not checked against RouterOS's command database"))
    func everyScriptFitsRouterOSsCommandDatabase() throws {
        let routes = NormalizeOptions(remoteAddresses: [], localAddresses: [], announce: VendorCase.dualOptions.announce, cloudPrefixes: [IPv4Network(text: "172.16.0.0/12")!])
        let inputs: [(String, String, NormalizeOptions)] = [
            ("ikev1-main", VendorCase.ikev1Main, NormalizeOptions(localAddress: IPv4Address("198.51.100.20"))),
            ("ikev1-aggressive-fqdn", VendorCase.ikev1AggressiveFQDN, NormalizeOptions()),
            ("ikev2-no-pfs", VendorCase.ikev2NoPFS, NormalizeOptions()),
            ("dual-bgp", dualConnectionJSON(master: ["TunnelBgpConfig.AuthKey": "a$b?c\"d\\e"]), routes),
            ("dual-static", dualConnectionJSON(top: ["EnableTunnelsBgp": false]), routes),
            ("dual-policy-bgp", String(decoding: try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/dual-tunnel.json")), as: UTF8.self), NormalizeOptions()),
            ("printable-key", VendorCase.with(ike: ["Psk": String((0x21...0x7E).map { Character(Unicode.Scalar($0)!) })]), NormalizeOptions()),
        ]
        var scripts: [String: String] = [:]
        var sources: [String: String] = [:]
        for (name, json, options) in inputs {
            let text = try VendorCase.render(.mikrotik, json, options: options)
            scripts["\(name).rsc"] = text
            if let source = RouterOSScript(text).commands("system script").first?["source"] { sources["\(name)-failover.rsc"] = source }
        }
        #expect(sources.count == 3, "the dual-tunnel inputs each have a failover script")
        #expect(try findings(scripts, scope: "import") == "")
        #expect(try findings(sources, scope: "script") == "")
    }

    @Test(.enabled(if: python != nil, "routeros-lsp is not installed (scripts/install-test-deps installs it)"))
    func everyAcceptedInjectionCaseFitsRouterOSsCommandDatabase() throws {
        let generator = try Generator(target: .mikrotik, options: NormalizeOptions())
        var scripts: [String: String] = [:]
        for (index, testCase) in HuaweiH3CMikroTikInjectionTests.cases.enumerated() {
            guard let files = try? generator.generate([document(testCase.json, name: testCase.fileName)], diagnostics: DiagnosticCollector()) else { continue }
            scripts["case-\(index).rsc"] = files[0].contents
        }
        #expect(scripts.count > 100)
        #expect(try findings(scripts, scope: "import") == "")
    }

    @Test(.enabled(if: python != nil, "routeros-lsp is not installed (scripts/install-test-deps installs it)"))
    func theCheckerCanFail() throws {
        let output = try findings(["bad.rsc": "/ip ipsec proposal\nadd name=x bogus-argument=1\n/ip ipsec identity\nadd secret=\"a\\qb\"\n"], scope: "import")
        #expect(output.contains("schema/unknown-parameter"))
        #expect(output.contains("syntax/invalid-escape"))
    }
}
