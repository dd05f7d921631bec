import Foundation
import Testing
@testable import GenPeerKit

extension CLIGrammar {
    /// The Huawei AR (VRP5 V200R008 and later) commands genpeer may write, with the keywords and
    /// ranges of the AR V200R010 command reference and CLI configuration guide and Huawei Cloud's
    /// AR651 dual-tunnel guide (vendor-syntax.md §8; Huawei publishes no machine-readable
    /// grammar). Names of IKE peers, IPsec proposals, policies and profiles take 1-15
    /// characters; `ike proposal` numbers are 1-99; `sa duration` 60-604800 s (IKE) and
    /// 30-604800 s (IPsec); `dpd idle-time` 10-3600 s.
    static let huawei: CLIGrammar = {
        let ip = CLIGrammar.ip
        let name = "[A-Za-z0-9_-]{1,15}"
        let wildcardPair = "\(ip) \(ip)"
        let rule = Rule("rule \\d+ (?:permit|deny) ip source \(wildcardPair)(?: destination \(wildcardPair))?")
        let hash = "(?:md5|sha1|sha2-256|sha2-384|sha2-512)"
        let group = "(?:1|2|5|14)"
        let encryption = "(?:aes-128|aes-192|aes-256|des|3des)"
        let ipsecSA = [
            Rule("ike-peer \(name)"), Rule("proposal \(name)"), Rule("pfs dh-group\(group)"),
            Rule("sa duration time-based (\\d+)", range: 30...604800),
        ]
        return CLIGrammar(top: [
            Rule("ipsec authentication sha2 compatible enable"),
            Rule("ike proposal (\\d+)", range: 1...99, view: [
                Rule("encryption-algorithm \(encryption)"), Rule("dh group\(group)"), Rule("authentication-method pre-share"),
                Rule("authentication-algorithm \(hash)"), Rule("integrity-algorithm hmac-(?:md5-96|sha1-96|sha2-256|sha2-384|sha2-512)"),
                Rule("prf hmac-(?:md5|sha1|sha2-256|sha2-384|sha2-512)"), Rule("sa duration (\\d+)", range: 60...604800),
            ]),
            Rule("ike peer \(name)", view: [
                Rule("undo version (?:1|2)"), Rule("exchange-mode (?:main|aggressive)"), Rule("pre-shared-key cipher \(CLIGrammar.key)"),
                Rule("ike-proposal (\\d+)", range: 1...99), Rule("local-id-type (?:ip|fqdn)"), Rule("local-id \(CLIGrammar.fqdn)"),
                Rule("remote-id-type (?:ip|fqdn)"), Rule("remote-id (?:\(ip)|\(CLIGrammar.fqdn))"), Rule("local-address \(ip)"),
                Rule("remote-address \(ip)"), Rule("(?:undo )?nat traversal"), Rule("dpd type periodic"), Rule("dpd idle-time (\\d+)", range: 10...3600),
            ]),
            Rule("ipsec proposal \(name)", view: [
                Rule("transform esp"), Rule("encapsulation-mode tunnel"), Rule("esp encryption-algorithm \(encryption)"),
                Rule("esp authentication-algorithm \(hash)"),
            ]),
            Rule("acl number (\\d+)", range: 3000...3999, view: [rule]),
            Rule("ipsec policy \(name) (\\d+) isakmp", range: 1...10000, view: [Rule("security acl (\\d+)", range: 3000...3999)] + ipsecSA),
            Rule("ipsec profile \(name)", view: ipsecSA),
            Rule("interface Tunnel0/0/\\d+", view: [
                Rule("description \(CLIGrammar.text)"), Rule("mtu \\d+"), Rule("tcp adjust-mss \\d+"), Rule("ip address \(ip) \(ip)"),
                Rule("ip address unnumbered interface \(CLIGrammar.interfaceName)"), Rule("tunnel-protocol ipsec"),
                Rule("source (?:\(CLIGrammar.interfaceName)|\(ip))"), Rule("destination \(ip)"), Rule("ipsec profile \(name)"),
            ]),
            Rule("interface \(CLIGrammar.interfaceName)", view: [Rule("ipsec policy \(name)"), Rule("nat outbound (\\d+)", range: 3000...3999), Rule("tcp adjust-mss \\d+")]),
            Rule("ip route-static \(ip) \(ip) (?:Tunnel0/0/\\d+ preference \\d+|NULL0)"),
            Rule("ip ip-prefix [A-Za-z0-9_-]{1,169} index \\d+ permit \(ip) \\d{1,2}"),
            Rule("route-policy [A-Za-z0-9_-]{1,40} permit node \\d+", view: [
                Rule("apply local-preference \\d+"), Rule("if-match ip-prefix [A-Za-z0-9_-]{1,169}"), Rule("apply as-path (?:\\d+ )+additive"),
            ]),
            Rule("bgp \\d+", view: [
                Rule("peer \(ip) as-number \\d+"), Rule("peer \(ip) description \(CLIGrammar.text)"), Rule("peer \(ip) timer keepalive \\d+ hold \\d+"),
                Rule("peer \(ip) password cipher \(CLIGrammar.key)"),
                Rule("ipv4-family unicast", view: [
                    Rule("network \(ip) \(ip)"), Rule("peer \(ip) enable"), Rule("peer \(ip) route-policy [A-Za-z0-9_-]{1,40} (?:import|export)"),
                ]),
            ]),
        ])
    }()
}

/// Reads a huawei file and fails the test on any structural problem or command the grammar refuses.
func huaweiConfig(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> VRPConfig {
    let config = VRPConfig(text)
    #expect(config.problems == [], sourceLocation: sourceLocation)
    #expect(CLIGrammar.huawei.violations(config) == [], sourceLocation: sourceLocation)
    return config
}

@Suite("Huawei VRP (AR)")
struct HuaweiTests {
    private func render(
        _ json: String, options: NormalizeOptions = NormalizeOptions(), locals: DeviceLocalValues = DeviceLocalValues(),
        diagnostics: DiagnosticCollector = DiagnosticCollector()
    ) throws -> VRPConfig {
        huaweiConfig(try VendorCase.render(.huawei, json, options: options, locals: locals, diagnostics: diagnostics))
    }

    @Test func ikev1MainModeWithTwoSubnetsOnEachSideHasOneRulePerPair() throws {
        let config = try render(VendorCase.ikev1Main, locals: DeviceLocalValues(wanInterface: "GigabitEthernet0/0/1", lanInterface: "Vlanif10"))
        let proposal = try #require(config.first("ike proposal 1"))
        #expect(proposal.lines == [
            "encryption-algorithm aes-256", "dh group14", "authentication-method pre-share", "authentication-algorithm sha2-256", "sa duration 28800",
        ])
        let peer = try #require(config.first("ike peer genpeer1"))
        #expect(peer.value("undo version") == "2", "IKEv1 pinned by leaving out version 2")
        #expect(peer.value("exchange-mode") == "main")
        #expect(peer.value("pre-shared-key cipher") == "ExamplePsk123")
        #expect(peer.value("ike-proposal") == "1")
        #expect(peer.value("local-id-type") == "ip" && peer.value("local-id") == nil)
        #expect(peer.value("remote-id-type") == "ip" && peer.value("remote-id") == "203.0.113.10")
        #expect(peer.value("remote-address") == "203.0.113.10")
        #expect(peer.lines.contains("nat traversal"))
        #expect(peer.value("dpd type") == "periodic" && peer.value("dpd idle-time") == "30")
        #expect(config.first("ipsec proposal genpeer1")?.lines == [
            "transform esp", "encapsulation-mode tunnel", "esp encryption-algorithm aes-256", "esp authentication-algorithm sha2-256",
        ])
        #expect(config.first("ipsec authentication sha2 compatible enable") != nil, "SHA-2 in ESP: RFC 4868 truncation switched on")
        // One rule, and so one SA, per (on-premises, cloud) pair, with wildcard masks.
        #expect(config.first("acl number 3001")?.lines == [
            "rule 5 permit ip source 10.10.0.0 0.0.255.255 destination 172.16.0.0 0.0.255.255",
            "rule 10 permit ip source 10.10.0.0 0.0.255.255 destination 172.17.0.0 0.0.255.255",
            "rule 15 permit ip source 10.20.0.0 0.0.0.255 destination 172.16.0.0 0.0.255.255",
            "rule 20 permit ip source 10.20.0.0 0.0.0.255 destination 172.17.0.0 0.0.255.255",
        ])
        let policy = try #require(config.first("ipsec policy genpeer 1 isakmp"))
        #expect(policy.lines == ["security acl 3001", "ike-peer genpeer1", "proposal genpeer1", "pfs dh-group14", "sa duration time-based 3600"])
        // NAT exemption: the pairs denied first, the subnets translated otherwise.
        let nat = try #require(config.first("acl number 3501"))
        #expect(nat.lines.prefix(4).allSatisfy { $0.contains(" deny ip source ") })
        #expect(nat.lines.suffix(2) == ["rule 25 permit ip source 10.10.0.0 0.0.255.255", "rule 30 permit ip source 10.20.0.0 0.0.0.255"])
        #expect(config.first("interface GigabitEthernet0/0/1")?.lines == ["ipsec policy genpeer", "nat outbound 3501"])
        #expect(config.first("interface Vlanif10")?.lines == ["tcp adjust-mss 1359"])
        #expect(config.all("interface Tunnel0/0/1").isEmpty && config.all("bgp").isEmpty && config.all("ip route-static").isEmpty)
        #expect(!config.comments.contains { $0.contains("<") }, "no placeholder left when the flags are given")
    }

    @Test func ikev1AggressiveModeWithFQDNIdentities() throws {
        let config = try render(VendorCase.ikev1AggressiveFQDN)
        let peer = try #require(config.first("ike peer genpeer1"))
        #expect(peer.value("exchange-mode") == "aggressive")
        #expect(peer.value("local-id-type") == "fqdn" && peer.value("local-id") == "onprem.example.com")
        #expect(peer.value("remote-id-type") == "fqdn" && peer.value("remote-id") == "vpn.cloud.example.com")
        #expect(peer.value("remote-address") == "203.0.113.10")
        #expect(config.first("ike proposal 1")?.lines == [
            "encryption-algorithm 3des", "dh group2", "authentication-method pre-share", "authentication-algorithm sha1", "sa duration 86400",
        ])
        #expect(config.first("ipsec proposal genpeer1")?.value("esp encryption-algorithm") == "aes-128")
        #expect(config.first("ipsec proposal genpeer1")?.value("esp authentication-algorithm") == "md5")
        #expect(config.first("ipsec policy genpeer 1 isakmp")?.value("pfs") == "dh-group5")
        #expect(config.first("ipsec policy genpeer 1 isakmp")?.value("sa duration time-based") == "1800")
        #expect(config.first("ipsec authentication sha2 compatible enable") == nil, "no SHA-2 in ESP: the switch stays off")
        // The interfaces were not given: marked placeholders, listed at the top.
        #expect(config.notes.first == "replace before applying: <WAN-INTERFACE> (or pass --wan-interface), <LAN-INTERFACE> (or pass --lan-interface)")
        #expect(config.first("interface <WAN-INTERFACE>") != nil && config.first("interface <LAN-INTERFACE>") != nil)
        #expect(config.notes.contains { $0.contains("weak-algorithm component package (WEAKEA)") }, "USG difference named for weak algorithms")
    }

    @Test func ikev2WithPFSDisabledHasNoPFSLine() throws {
        let config = try render(VendorCase.ikev2NoPFS)
        #expect(config.first("ike proposal 1")?.lines == [
            "encryption-algorithm aes-256", "dh group14", "authentication-method pre-share", "integrity-algorithm hmac-sha2-256",
            "prf hmac-sha2-256", "sa duration 86400",
        ])
        let peer = try #require(config.first("ike peer genpeer1"))
        #expect(peer.value("undo version") == "1", "IKEv2 spelt out: version 1 removed")
        #expect(peer.value("exchange-mode") == nil)
        let policy = try #require(config.first("ipsec policy genpeer 1 isakmp"))
        #expect(policy.value("pfs") == nil)
        #expect(policy.value("sa duration time-based") == "3600")
        #expect(config.first("acl number 3001")?.lines == ["rule 5 permit ip source 192.168.10.0 0.0.0.255 destination 10.0.0.0 0.0.255.255"])
    }

    @Test func dualTunnelRouteBasedBGPRunsOnTwoTunnelInterfaces() throws {
        let config = try render(VendorCase.dualBGP, options: VendorCase.dualOptions, locals: DeviceLocalValues(wanInterface: "GigabitEthernet0/0/8"))
        // Each tunnel its own peer, key, proposal and profile; the master (Role, not order) first.
        for (number, cloud, key, inside) in [(1, "203.0.113.21", "PskOfTunnel1", "169.254.10.2"), (2, "203.0.113.22", "PskOfTunnel2", "169.254.20.2")] {
            let peer = try #require(config.first("ike peer genpeer\(number)"))
            #expect(peer.value("remote-address") == cloud)
            #expect(peer.value("remote-id") == cloud)
            #expect(peer.value("pre-shared-key cipher") == key)
            #expect(peer.value("undo version") == "1")
            #expect(config.first("ipsec profile genpeer\(number)")?.lines == [
                "ike-peer genpeer\(number)", "proposal genpeer\(number)", "pfs dh-group14", "sa duration time-based 3600",
            ])
            let interface = try #require(config.first("interface Tunnel0/0/\(number)"))
            #expect(interface.value("ip address") == "\(inside) 255.255.255.252")
            #expect(interface.value("destination") == cloud)
            #expect(interface.value("source") == "GigabitEthernet0/0/8")
            #expect(interface.value("ipsec profile") == "genpeer\(number)")
            #expect(interface.lines.contains("tunnel-protocol ipsec"))
            #expect(interface.value("mtu") == "1399" && interface.value("tcp adjust-mss") == "1359")
        }
        #expect(config.all("acl").isEmpty && config.all("ipsec policy").isEmpty, "no ACL: route-based")
        let bgp = try #require(config.first("bgp 65010"))
        #expect(bgp.value("peer 169.254.10.1 as-number") == "65530" && bgp.value("peer 169.254.20.1 as-number") == "65530")
        let family = try #require(bgp.child("ipv4-family unicast"))
        #expect(family.values("network") == ["10.0.0.0 255.255.0.0", "10.2.0.0 255.255.255.0"])
        #expect(family.lines.contains("peer 169.254.10.1 route-policy genpeer1-in import"))
        #expect(family.lines.contains("peer 169.254.20.1 route-policy genpeer2-out export"))
        #expect(config.all("ip ip-prefix genpeer1-announce").map(\.command) == [
            "ip ip-prefix genpeer1-announce index 10 permit 10.0.0.0 16", "ip ip-prefix genpeer1-announce index 20 permit 10.2.0.0 24",
        ])
        #expect(config.all("ip route-static").map(\.command) == ["ip route-static 10.0.0.0 255.255.0.0 NULL0", "ip route-static 10.2.0.0 255.255.255.0 NULL0"])
        // The slave's neighbour is de-preferred both ways; the master's is not.
        #expect(config.first("route-policy genpeer2-out permit node 10")?.lines == ["if-match ip-prefix genpeer1-announce", "apply as-path 65010 65010 additive"])
        #expect(config.first("route-policy genpeer1-out permit node 10")?.lines == ["if-match ip-prefix genpeer1-announce"])
        #expect(config.first("route-policy genpeer2-in permit node 10")?.lines == ["apply local-preference 100"])
        #expect(config.first("route-policy genpeer1-in permit node 10")?.lines == ["apply local-preference 200"])
    }

    @Test func dualTunnelWithoutBGPRoutesTheCloudPrefixesWithAWorsePreferenceOnTheSlave() throws {
        let json = dualConnectionJSON(top: ["EnableTunnelsBgp": false])
        let options = NormalizeOptions(remoteAddresses: [], localAddresses: [], cloudPrefixes: [IPv4Network(text: "172.16.0.0/12")!])
        let config = try render(json, options: options, locals: DeviceLocalValues(wanInterface: "Dialer1"))
        #expect(config.all("ip route-static").map(\.command) == [
            "ip route-static 172.16.0.0 255.240.0.0 Tunnel0/0/1 preference 60", "ip route-static 172.16.0.0 255.240.0.0 Tunnel0/0/2 preference 70",
        ])
        #expect(config.first("interface Tunnel0/0/1")?.value("ip address unnumbered interface") == "Dialer1")
        #expect(config.all("bgp").isEmpty)
    }

    @Test func tunnelNumberFlagNumbersEveryObject() throws {
        let config = try render(VendorCase.dualBGP, options: VendorCase.dualOptions, locals: DeviceLocalValues(firstTunnelNumber: 7))
        #expect(config.first("interface Tunnel0/0/7") != nil && config.first("interface Tunnel0/0/8") != nil)
        #expect(config.first("ike proposal 8") != nil && config.first("ike peer genpeer8")?.value("ike-proposal") == "8")
        // No WAN interface and no local address: the tunnel source is a placeholder.
        #expect(config.first("interface Tunnel0/0/7")?.value("source") == "<WAN-INTERFACE>")
        let error = failure { _ = try VendorCase.render(.huawei, VendorCase.dualBGP, options: VendorCase.dualOptions, locals: DeviceLocalValues(firstTunnelNumber: 99)) }
        #expect(error?.description.contains("--tunnel-number 99") == true, "ike proposal 100 does not exist on AR")
    }

    // MARK: The support matrix (vendor-syntax.md §0.1 and §8)

    @Test(arguments: [("IkeEncAlg", "des", "encryption-algorithm des"), ("IkeAuthAlg", "md5", "authentication-algorithm md5"), ("IkeAuthAlg", "sha512", "authentication-algorithm sha2-512"), ("IkePfs", "group1", "dh group1"), ("IkePfs", "group5", "dh group5")])
    func weakAndStrongIKEAlgorithmsAreKeywords(field: String, value: String, line: String) throws {
        let config = try render(VendorCase.with(ike: ["IkeVersion": "ikev1", field: value]))
        #expect(config.first("ike proposal 1")?.lines.contains(line) == true)
    }

    @Test func ikev2MD5IsHMACMD596WithAnMD5PRF() throws {
        let proposal = try #require(try render(VendorCase.with(ike: ["IkeAuthAlg": "md5"])).first("ike proposal 1"))
        #expect(proposal.value("integrity-algorithm") == "hmac-md5-96" && proposal.value("prf") == "hmac-md5")
    }

    @Test(arguments: [("IpsecEncAlg", "des", "esp encryption-algorithm des"), ("IpsecEncAlg", "3des", "esp encryption-algorithm 3des"), ("IpsecAuthAlg", "sha384", "esp authentication-algorithm sha2-384")])
    func espAlgorithmsAreKeywords(field: String, value: String, line: String) throws {
        #expect(try render(VendorCase.with(ipsec: [field: value])).first("ipsec proposal genpeer1")?.lines.contains(line) == true)
    }

    @Test(arguments: [("IkeConfig", "IkePfs"), ("IpsecConfig", "IpsecPfs")])
    func group24IsRefusedWithTheFieldAndAFix(block: String, field: String) {
        let json = block == "IkeConfig" ? VendorCase.with(ike: [field: "group24"]) : VendorCase.with(ipsec: [field: "group24"])
        let error = failure { _ = try VendorCase.render(.huawei, json) }
        #expect(error?.kind == .data)
        #expect(error?.description.contains("\(block).\(field): the huawei target cannot use \(field) \"group24\"") == true, "\(String(describing: error))")
        #expect(error?.description.contains("set \(field) to group14") == true)
    }

    @Test func shangMiIsRefused() {
        let error = failure { _ = try VendorCase.render(.huawei, VendorCase.with(ike: ["IkeEncAlg": "sm4", "IkeAuthAlg": "sm3"], ipsec: ["IpsecEncAlg": "sm4", "IpsecAuthAlg": "sm3"])) }
        #expect(error?.description.contains("ShangMi") == true)
    }

    @Test func lifetimesBelowTheCommandsRangesAreRefused() {
        let ike = failure { _ = try VendorCase.render(.huawei, VendorCase.with(ike: ["IkeLifetime": 59])) }
        #expect(ike?.description.contains("IkeConfig.IkeLifetime: lifetime 59 s is too short") == true, "\(String(describing: ike))")
        // Above the range: sa duration takes up to 604800 s, more than Alibaba's 86400, so only the floor binds.
        #expect(failure { _ = try VendorCase.render(.huawei, VendorCase.with(ike: ["IkeLifetime": 60], ipsec: ["IpsecLifetime": 60])) } == nil)
    }

    @Test func natTraversalOffAndDPDOffAreSpeltOut() throws {
        let config = try render(VendorCase.with(top: ["EnableNatTraversal": false, "EnableDpd": false]))
        let peer = try #require(config.first("ike peer genpeer1"))
        #expect(peer.lines.contains("undo nat traversal"))
        #expect(peer.value("dpd type") == nil)
        #expect(config.notes.contains("DPD is off at the cloud: the ike peer keeps VRP's default (no DPD)"))
    }

    @Test(arguments: ["abc?def", "abc\"def", "%^%#abcdef%^%#", "%@%@secret"])
    func keysTheCLICannotTakeAreRefused(key: String) {
        let error = failure { _ = try VendorCase.render(.huawei, VendorCase.with(ike: ["Psk": key])) }
        #expect(error?.description.hasPrefix("vco.json: IkeConfig.Psk: ") == true, "\(String(describing: error))")
        #expect(error?.description.contains(key) == false, "the key is not shown")
    }

    @Test func aPolicyBasedDualTunnelIsRefusedForItsSelectors() throws {
        let json = dualConnectionJSON(top: ["LocalSubnet": "172.16.0.0/16", "RemoteSubnet": "192.168.0.0/16"])
        let error = failure { _ = try VendorCase.render(.huawei, json) }
        #expect(error?.description.contains("LocalSubnet: the connection is policy-based") == true)
        #expect(error?.description.contains("set LocalSubnet and RemoteSubnet to 0.0.0.0/0") == true)
    }

    @Test func theGrammarRefusesWhatAnARRouterRefuses() {
        // The reader and grammar can fail: each of these lines is one an AR router refuses.
        for bad in ["ike proposal 100\n encryption-algorithm aes-256\n quit", "ike proposal 1\n dh group24\n quit", "ike peer genpeer-with-a-long-name\n quit",
                    "ike proposal 1\n sa duration 59\n quit", "acl number 3001\n rule 5 permit ip source 10.0.0.0/8\n quit"] {
            let config = VRPConfig(bad)
            #expect(!(config.problems + CLIGrammar.huawei.violations(config)).isEmpty, "\(bad)")
        }
        #expect(!VRPConfig("ike proposal 1\n dh group14\nike peer p\n").problems.isEmpty, "a view left open is a problem")
    }

    @Test func markdownDeviceShowsTheHuaweiSettings() throws {
        let settings = try HuaweiDialect().settings(for: try VendorCase.model(VendorCase.ikev1Main), options: RenderOptions())
        #expect(settings.count == 1)
        #expect(settings[0].cloudAddress == "ike peer genpeer1: remote-address 203.0.113.10")
        #expect(settings[0].ikeVersion == "undo version 2, exchange-mode main")
        #expect(settings[0].espProposal.contains("pfs dh-group14"))
    }

    @Test func sameInputSameBytes() throws {
        #expect(try VendorCase.render(.huawei, VendorCase.dualBGP, options: VendorCase.dualOptions) == VendorCase.render(.huawei, VendorCase.dualBGP, options: VendorCase.dualOptions))
    }
}
