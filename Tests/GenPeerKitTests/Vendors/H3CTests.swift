import Foundation
import Testing
@testable import GenPeerKit

extension CLIGrammar {
    /// The H3C Comware 7 commands genpeer may write, with the keywords and ranges of the
    /// Comware 7 IPsec/IKE command references cited in vendor-syntax.md §9 (H3C publishes no
    /// machine-readable grammar): `dh { group1 | group14 | group2 | group24 | group5 }`, `sha`
    /// for SHA-1 in an IKEv1 proposal only, `des-cbc`; `ike proposal` 1-65535; IKE profile
    /// `dpd interval` 1-300 with `retry` 1-60, IKEv2 profile 10-3600 with 2-60; IKEv1 `sa
    /// duration` 60-604800, IKEv2 profile 120-86400, IPsec `sa duration time-based` 180-604800;
    /// names 1-63 characters.
    static let h3c: CLIGrammar = {
        let ip = CLIGrammar.ip
        let name = "[A-Za-z0-9_-]{1,63}"
        let wildcardPair = "\(ip) \(ip)"
        let encryption = "(?:aes-cbc-128|aes-cbc-192|aes-cbc-256|des-cbc|3des-cbc)"
        let hash = "(?:md5|sha1|sha256|sha384|sha512)"
        let group = "(?:1|2|5|14|24)"
        let identity = "(?:address \(ip)|fqdn \(CLIGrammar.fqdn))"
        let ipsecSA = [
            Rule("transform-set \(name)"), Rule("ike-profile \(name)"), Rule("ikev2-profile \(name)"),
            Rule("sa duration time-based (\\d+)", range: 180...604800),
        ]
        return CLIGrammar(top: [
            Rule("ike proposal (\\d+)", range: 1...65535, view: [
                Rule("encryption-algorithm \(encryption)"), Rule("authentication-algorithm (?:md5|sha|sha256|sha384|sha512)"),
                Rule("authentication-method pre-share"), Rule("dh group\(group)"), Rule("sa duration (\\d+)", range: 60...604800),
            ]),
            Rule("ike keychain \(name)", view: [Rule("pre-shared-key address \(ip) 255\\.255\\.255\\.255 key simple \(CLIGrammar.key)")]),
            Rule("ike profile \(name)", view: [
                Rule("keychain \(name)"), Rule("exchange-mode (?:main|aggressive)"), Rule("local-identity \(identity)"),
                Rule("match remote identity (?:address \(ip) 255\\.255\\.255\\.255|fqdn \(CLIGrammar.fqdn))"), Rule("proposal \\d+"),
                Rule("dpd interval (\\d+) retry (?:[1-9]|[1-5]\\d|60) (?:periodic|on-demand)", range: 1...300),
            ]),
            Rule("ikev2 proposal \(name)", view: [
                Rule("encryption \(encryption)"), Rule("integrity \(hash)"), Rule("prf \(hash)"), Rule("dh group\(group)"),
            ]),
            Rule("ikev2 policy \(name)", view: [Rule("priority (\\d+)", range: 1...65535), Rule("match local address \(ip)"), Rule("proposal \(name)")]),
            Rule("ikev2 keychain \(name)", view: [
                Rule("peer \(name)", view: [Rule("address \(ip) 32"), Rule("identity \(identity)"), Rule("pre-shared-key plaintext \(CLIGrammar.key)")]),
            ]),
            Rule("ikev2 profile \(name)", view: [
                Rule("authentication-method (?:local|remote) pre-share"), Rule("keychain \(name)"), Rule("identity local \(identity)"),
                Rule("match remote identity (?:address \(ip) 32|fqdn \(CLIGrammar.fqdn))"), Rule("sa duration (\\d+)", range: 120...86400),
                Rule("dpd interval (\\d+) retry (?:[2-9]|[1-5]\\d|60) (?:periodic|on-demand)", range: 10...3600),
            ]),
            Rule("ipsec transform-set \(name)", view: [
                Rule("encapsulation-mode tunnel"), Rule("protocol esp"), Rule("esp encryption-algorithm \(encryption)"),
                Rule("esp authentication-algorithm \(hash)"), Rule("pfs dh-group\(group)"),
            ]),
            Rule("acl advanced (\\d+)", range: 3000...3999, view: [
                Rule("rule \\d+ (?:permit|deny) ip source \(wildcardPair)(?: destination \(wildcardPair))?"),
            ]),
            Rule("ipsec policy \(name) (\\d+) isakmp", range: 1...65535, view: [
                Rule("security acl (\\d+)", range: 3000...3999), Rule("local-address \(ip)"), Rule("remote-address \(ip)"),
            ] + ipsecSA),
            Rule("ipsec profile \(name) isakmp", view: ipsecSA),
            Rule("interface Tunnel\\d+ mode ipsec", view: [
                Rule("description \(CLIGrammar.text)"), Rule("ip address \(ip) \(ip)"), Rule("ip address unnumbered interface \(CLIGrammar.interfaceName)"),
                Rule("mtu \\d+"), Rule("tcp mss \\d+"), Rule("source (?:\(CLIGrammar.interfaceName)|\(ip))"), Rule("destination \(ip)"),
                Rule("tunnel protection ipsec profile \(name)"),
            ]),
            Rule("interface \(CLIGrammar.interfaceName)", view: [Rule("ipsec apply policy \(name)"), Rule("nat outbound (\\d+)", range: 3000...3999), Rule("tcp mss \\d+")]),
            Rule("ip route-static \(ip) \(ip) (?:Tunnel\\d+ preference \\d+|NULL0)"),
            Rule("ip prefix-list \(name) index \\d+ permit \(ip) \\d{1,2}"),
            Rule("route-policy \(name) permit node \\d+", view: [
                Rule("apply local-preference \\d+"), Rule("if-match ip address prefix-list \(name)"), Rule("apply as-path \\d+(?: \\d+)*"),
            ]),
            Rule("bgp \\d+", view: [
                Rule("peer \(ip) as-number \\d+"), Rule("peer \(ip) description \(CLIGrammar.text)"), Rule("peer \(ip) timer keepalive \\d+ hold \\d+"),
                Rule("peer \(ip) password simple \(CLIGrammar.key)"),
                Rule("address-family ipv4 unicast", view: [
                    Rule("network \(ip) \(ip)"), Rule("peer \(ip) enable"), Rule("peer \(ip) route-policy \(name) (?:import|export)"),
                ]),
            ]),
        ])
    }()
}

/// Reads an h3c file and fails the test on any structural problem or command the grammar refuses.
func h3cConfig(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> VRPConfig {
    let config = VRPConfig(text)
    #expect(config.problems == [], sourceLocation: sourceLocation)
    #expect(CLIGrammar.h3c.violations(config) == [], sourceLocation: sourceLocation)
    return config
}

@Suite("H3C Comware 7")
struct H3CTests {
    private func render(
        _ json: String, options: NormalizeOptions = NormalizeOptions(), locals: DeviceLocalValues = DeviceLocalValues(),
        diagnostics: DiagnosticCollector = DiagnosticCollector()
    ) throws -> VRPConfig {
        h3cConfig(try VendorCase.render(.h3c, json, options: options, locals: locals, diagnostics: diagnostics))
    }

    @Test func ikev1MainModeWithTwoSubnetsOnEachSide() throws {
        let config = try render(VendorCase.ikev1Main, options: NormalizeOptions(localAddress: IPv4Address("198.51.100.20")))
        #expect(config.first("ike proposal 1")?.lines == [
            "encryption-algorithm aes-cbc-256", "authentication-algorithm sha256", "authentication-method pre-share", "dh group14", "sa duration 28800",
        ])
        #expect(config.first("ike keychain genpeer1")?.lines == ["pre-shared-key address 203.0.113.10 255.255.255.255 key simple ExamplePsk123"])
        let profile = try #require(config.first("ike profile genpeer1"))
        #expect(profile.lines == [
            "keychain genpeer1", "exchange-mode main", "local-identity address 198.51.100.20",
            "match remote identity address 203.0.113.10 255.255.255.255", "proposal 1", "dpd interval 30 retry 3 periodic",
        ])
        #expect(config.all("ikev2").isEmpty, "IKEv1 only: no IKEv2 objects")
        #expect(config.first("ipsec transform-set genpeer1")?.lines == [
            "encapsulation-mode tunnel", "protocol esp", "esp encryption-algorithm aes-cbc-256", "esp authentication-algorithm sha256", "pfs dh-group14",
        ])
        #expect(config.first("acl advanced 3001")?.lines == [
            "rule 5 permit ip source 10.10.0.0 0.0.255.255 destination 172.16.0.0 0.0.255.255",
            "rule 10 permit ip source 10.10.0.0 0.0.255.255 destination 172.17.0.0 0.0.255.255",
            "rule 15 permit ip source 10.20.0.0 0.0.0.255 destination 172.16.0.0 0.0.255.255",
            "rule 20 permit ip source 10.20.0.0 0.0.0.255 destination 172.17.0.0 0.0.255.255",
        ])
        #expect(config.first("ipsec policy genpeer 1 isakmp")?.lines == [
            "transform-set genpeer1", "security acl 3001", "local-address 198.51.100.20", "remote-address 203.0.113.10", "ike-profile genpeer1",
            "sa duration time-based 3600",
        ])
        #expect(config.first("acl advanced 3501")?.lines.filter { $0.contains(" deny ") }.count == 4)
        #expect(config.first("interface <WAN-INTERFACE>")?.lines == ["ipsec apply policy genpeer", "nat outbound 3501"])
        #expect(config.first("interface <LAN-INTERFACE>")?.lines == ["tcp mss 1359"])
    }

    @Test func ikev1AggressiveModeWithFQDNIdentities() throws {
        let config = try render(VendorCase.ikev1AggressiveFQDN)
        let profile = try #require(config.first("ike profile genpeer1"))
        #expect(profile.value("exchange-mode") == "aggressive")
        #expect(profile.value("local-identity") == "fqdn onprem.example.com")
        #expect(profile.value("match remote identity") == "fqdn vpn.cloud.example.com")
        // SHA-1 is `sha` in an IKEv1 proposal and `sha1` elsewhere; DES is `des-cbc`.
        #expect(config.first("ike proposal 1")?.lines == [
            "encryption-algorithm 3des-cbc", "authentication-algorithm sha", "authentication-method pre-share", "dh group2", "sa duration 86400",
        ])
        #expect(config.first("ipsec transform-set genpeer1")?.value("esp authentication-algorithm") == "md5")
        #expect(config.first("ipsec transform-set genpeer1")?.value("pfs") == "dh-group5")
        #expect(config.first("ipsec policy genpeer 1 isakmp")?.value("sa duration time-based") == "1800")
    }

    @Test func ikev2UsesItsOwnObjectsAndLeavesPFSOut() throws {
        let config = try render(VendorCase.ikev2NoPFS)
        #expect(config.first("ikev2 proposal genpeer1")?.lines == ["encryption aes-cbc-256", "integrity sha256", "prf sha256", "dh group14"])
        #expect(config.first("ikev2 policy genpeer1")?.lines == ["priority 1", "proposal genpeer1"])
        let keychain = try #require(config.first("ikev2 keychain genpeer1"))
        let peer = try #require(keychain.child("peer genpeer1"))
        #expect(peer.lines == ["address 203.0.113.10 32", "identity address 203.0.113.10", "pre-shared-key plaintext ExamplePsk123"])
        #expect(config.first("ikev2 profile genpeer1")?.lines == [
            "authentication-method local pre-share", "authentication-method remote pre-share", "keychain genpeer1",
            "identity local address 198.51.100.20", "match remote identity address 203.0.113.10 32", "sa duration 86400",
            "dpd interval 30 retry 3 periodic",
        ])
        #expect(config.all("ike proposal").isEmpty && config.all("ike profile").isEmpty, "IKEv2 only: no IKEv1 objects")
        #expect(config.first("ipsec transform-set genpeer1")?.value("pfs") == nil)
        #expect(config.first("ipsec policy genpeer 1 isakmp")?.value("ikev2-profile") == "genpeer1")
    }

    @Test func ikev2FQDNIdentitiesGoToTheKeychainPeerAndTheProfile() throws {
        let config = try render(VendorCase.with(top: ["InternetIp": "203.0.113.10"], ike: ["LocalId": "vpn.cloud.example.com", "RemoteId": "onprem.example.com"]))
        #expect(config.first("ikev2 keychain genpeer1")?.child("peer genpeer1")?.value("identity") == "fqdn vpn.cloud.example.com")
        #expect(config.first("ikev2 profile genpeer1")?.value("identity local") == "fqdn onprem.example.com")
        #expect(config.first("ikev2 profile genpeer1")?.value("match remote identity") == "fqdn vpn.cloud.example.com")
    }

    @Test func dualTunnelRouteBasedBGPRunsOnTwoIPsecTunnelInterfaces() throws {
        let options = NormalizeOptions(
            remoteAddresses: [], localAddresses: [IPv4Address("198.51.100.31")!, IPv4Address("198.51.100.32")!], announce: VendorCase.dualOptions.announce)
        let config = try render(VendorCase.dualBGP, options: options)
        for (number, cloud, key, inside, local) in [
            (1, "203.0.113.21", "PskOfTunnel1", "169.254.10.2", "198.51.100.31"), (2, "203.0.113.22", "PskOfTunnel2", "169.254.20.2", "198.51.100.32"),
        ] {
            let peer = try #require(config.first("ikev2 keychain genpeer\(number)")?.child("peer genpeer\(number)"))
            #expect(peer.value("address") == "\(cloud) 32")
            #expect(peer.value("pre-shared-key plaintext") == key)
            #expect(config.first("ikev2 policy genpeer\(number)")?.value("match local address") == local)
            #expect(config.first("ipsec profile genpeer\(number) isakmp")?.lines == [
                "transform-set genpeer\(number)", "ikev2-profile genpeer\(number)", "sa duration time-based 3600",
            ])
            let interface = try #require(config.first("interface Tunnel\(number) mode ipsec"))
            #expect(interface.value("ip address") == "\(inside) 255.255.255.252")
            #expect(interface.value("source") == local, "no --wan-interface: the tunnel's own address")
            #expect(interface.value("destination") == cloud)
            #expect(interface.value("tunnel protection ipsec profile") == "genpeer\(number)")
            #expect(interface.value("mtu") == "1399" && interface.value("tcp mss") == "1359")
        }
        let bgp = try #require(config.first("bgp 65010"))
        #expect(bgp.values("peer 169.254.10.1 as-number") == ["65530"] && bgp.values("peer 169.254.20.1 as-number") == ["65530"])
        let family = try #require(bgp.child("address-family ipv4 unicast"))
        #expect(family.values("network") == ["10.0.0.0 255.255.0.0", "10.2.0.0 255.255.255.0"])
        #expect(family.lines.contains("peer 169.254.20.1 route-policy genpeer2-in import"))
        #expect(config.first("route-policy genpeer2-out permit node 10")?.lines == ["if-match ip address prefix-list genpeer1-announce", "apply as-path 65010 65010"])
        #expect(config.first("route-policy genpeer1-out permit node 10")?.lines == ["if-match ip address prefix-list genpeer1-announce"])
        #expect(config.first("route-policy genpeer2-in permit node 10")?.lines == ["apply local-preference 100"])
        #expect(config.first("route-policy genpeer1-in permit node 10")?.lines == ["apply local-preference 200"])
        #expect(config.all("ip prefix-list genpeer1-announce").count == 2)
        #expect(config.all("ip route-static").map(\.command) == ["ip route-static 10.0.0.0 255.255.0.0 NULL0", "ip route-static 10.2.0.0 255.255.255.0 NULL0"])
    }

    @Test func bgpKeysGoToTheirOwnNeighbour() throws {
        let json = dualConnectionJSON(slave: ["TunnelBgpConfig.AuthKey": "SlaveBgpKey"], master: ["TunnelBgpConfig.AuthKey": "MasterBgpKey"])
        let bgp = try #require(try render(json, options: VendorCase.dualOptions).first("bgp 65010"))
        #expect(bgp.value("peer 169.254.10.1 password simple") == "MasterBgpKey")
        #expect(bgp.value("peer 169.254.20.1 password simple") == "SlaveBgpKey")
        let refused = failure { _ = try VendorCase.render(.h3c, dualConnectionJSON(master: ["TunnelBgpConfig.AuthKey": "bad?key"]), options: VendorCase.dualOptions) }
        #expect(refused?.description.contains("TunnelBgpConfig.AuthKey") == true)
    }

    // MARK: The support matrix (vendor-syntax.md §0.1 and §9)

    @Test func group24AndDESAreComwareKeywords() throws {
        let config = try render(VendorCase.with(ike: ["IkeVersion": "ikev1", "IkePfs": "group24", "IkeEncAlg": "des"], ipsec: ["IpsecPfs": "group24", "IpsecEncAlg": "des"]))
        #expect(config.first("ike proposal 1")?.value("dh") == "group24")
        #expect(config.first("ike proposal 1")?.value("encryption-algorithm") == "des-cbc")
        #expect(config.first("ipsec transform-set genpeer1")?.value("pfs") == "dh-group24")
        #expect(config.first("ipsec transform-set genpeer1")?.value("esp encryption-algorithm") == "des-cbc")
        let ikev2 = try render(VendorCase.with(ike: ["IkePfs": "group1", "IkeAuthAlg": "sha1"]))
        #expect(ikev2.first("ikev2 proposal genpeer1")?.lines == ["encryption aes-cbc-128", "integrity sha1", "prf sha1", "dh group1"])
    }

    @Test(arguments: ["sha384", "sha512", "md5"])
    func everyHashIsItsKeywordInIKEv1AndESP(hash: String) throws {
        let config = try render(VendorCase.with(ike: ["IkeVersion": "ikev1", "IkeAuthAlg": hash], ipsec: ["IpsecAuthAlg": hash]))
        #expect(config.first("ike proposal 1")?.value("authentication-algorithm") == hash)
        #expect(config.first("ipsec transform-set genpeer1")?.value("esp authentication-algorithm") == hash)
    }

    @Test func shangMiAndOutOfRangeLifetimesAreRefused() {
        #expect(failure { _ = try VendorCase.render(.h3c, VendorCase.with(ipsec: ["IpsecEncAlg": "sm4"])) }?.description.contains("ShangMi") == true)
        let esp = failure { _ = try VendorCase.render(.h3c, VendorCase.with(ipsec: ["IpsecLifetime": 120])) }
        #expect(esp?.description.contains("IpsecConfig.IpsecLifetime: the h3c target cannot use IpsecLifetime 120: the platform takes 180–604800 seconds") == true)
        let ikev2 = failure { _ = try VendorCase.render(.h3c, VendorCase.with(ike: ["IkeLifetime": 100])) }
        #expect(ikev2?.description.contains("IkeConfig.IkeLifetime") == true, "an IKEv2 profile's sa duration starts at 120")
        #expect(failure { _ = try VendorCase.render(.h3c, VendorCase.with(ike: ["IkeVersion": "ikev1", "IkeLifetime": 100])) } == nil, "IKEv1's starts at 60")
    }

    @Test(arguments: ["abc?def", "abc\"def"])
    func keysTheCLICannotTakeAreRefused(key: String) {
        let error = failure { _ = try VendorCase.render(.h3c, VendorCase.with(ike: ["Psk": key])) }
        #expect(error?.description.hasPrefix("vco.json: IkeConfig.Psk: ") == true)
    }

    @Test func keysWithEveryOtherPrintableCharacterStayWhole() throws {
        let key = String((0x21...0x7E).map { Character(Unicode.Scalar($0)!) }.filter { $0 != "?" && $0 != "\"" })
        let config = try render(VendorCase.with(ike: ["Psk": key]))
        #expect(config.first("ikev2 keychain genpeer1")?.child("peer genpeer1")?.value("pre-shared-key plaintext") == key)
    }

    @Test func aPolicyBasedDualTunnelIsRefused() {
        let error = failure { _ = try VendorCase.render(.h3c, dualConnectionJSON(top: ["LocalSubnet": "172.16.0.0/16", "RemoteSubnet": "192.168.0.0/16"])) }
        #expect(error?.description.contains("h3c target runs on IPsec tunnel interfaces") == true)
    }

    @Test func differingIKEv2ProposalsOnOneAddressAreWarnedAbout() throws {
        let diagnostics = DiagnosticCollector()
        _ = try render(dualConnectionJSON(slave: ["TunnelIkeConfig.IkeEncAlg": "aes"]), options: VendorCase.dualOptions, diagnostics: diagnostics)
        #expect(diagnostics.diagnostics.contains { $0.message.contains("ikev2 policies apart") })
    }

    @Test func theGrammarRefusesWhatComwareRefuses() {
        for bad in ["ike proposal 1\n authentication-algorithm sha1\n quit", "ikev2 proposal p\n integrity sha\n quit",
                    "ike profile p\n dpd interval 400 retry 3 periodic\n quit", "ipsec transform-set t\n pfs group14\n quit"] {
            let config = VRPConfig(bad)
            #expect(!(config.problems + CLIGrammar.h3c.violations(config)).isEmpty, "\(bad)")
        }
    }

    @Test func markdownDeviceShowsTheH3CSettings() throws {
        let settings = try H3CDialect().settings(for: try VendorCase.model(VendorCase.ikev1AggressiveFQDN), options: RenderOptions())
        #expect(settings[0].ikeVersion == "ike profile genpeer1, exchange-mode aggressive")
        #expect(settings[0].ownIdentity == "local-identity fqdn onprem.example.com")
    }
}
