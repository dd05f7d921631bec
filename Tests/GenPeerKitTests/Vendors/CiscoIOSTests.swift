import Foundation
import Testing
@testable import GenPeerKit

/// `--target cisco-ios`: the configuration read back as IOS reads it (commands and the lines
/// under them), and with ciscoconfparse2 where it is installed.
@Suite("Cisco IOS / IOS-XE")
struct CiscoIOSTests {
    private let wan = DeviceLocalValues(wanInterface: "GigabitEthernet1", lanInterface: "GigabitEthernet2")

    @Test func ikev1MainModeWithTwoSubnetsOnEachSideIsACryptoMapWithOneACLEntryPerPair() throws {
        let text = try renderVendor(.ciscoIOS, VendorInputs.ikev1Main(), locals: wan)
        let config = CiscoConfig(text)
        let policy = try #require(config.commands(startingWith: "crypto isakmp policy ").first)
        #expect(policy.children == ["encryption aes", "hash sha", "authentication pre-share", "group 14", "lifetime 28800"])
        #expect(config.values("crypto ipsec transform-set") == ["GENPEER-ESP-AES256-SHA1 esp-aes 256 esp-sha-hmac"])
        #expect(config.children(of: "crypto ipsec transform-set GENPEER-ESP-AES256-SHA1 esp-aes 256 esp-sha-hmac") == ["mode tunnel"])
        #expect(config.children(of: "crypto keyring genpeer-main-v1") == ["pre-shared-key address 203.0.113.10 key ExamplePsk123"])
        #expect(config.children(of: "crypto isakmp profile genpeer-main-v1") == [
            "keyring genpeer-main-v1", "self-identity address", "match identity address 203.0.113.10 255.255.255.255", "keepalive 30 retry 3",
        ])
        #expect(config.children(of: "ip access-list extended genpeer-main-v1") == [
            "permit ip 10.10.0.0 0.0.255.255 172.16.0.0 0.0.255.255",
            "permit ip 10.10.0.0 0.0.255.255 172.17.0.0 0.0.255.255",
            "permit ip 10.20.0.0 0.0.0.255 172.16.0.0 0.0.255.255",
            "permit ip 10.20.0.0 0.0.0.255 172.17.0.0 0.0.255.255",
        ])
        let map = try #require(config.commands(startingWith: "crypto map GENPEER ").first)
        #expect(map.words.last == "ipsec-isakmp")
        #expect(map.children == [
            "set peer 203.0.113.10", "set transform-set GENPEER-ESP-AES256-SHA1", "set pfs group14", "set security-association lifetime seconds 3600",
            "set isakmp-profile genpeer-main-v1", "match address genpeer-main-v1",
        ])
        #expect(config.children(of: "interface GigabitEthernet1") == ["crypto map GENPEER"])
        #expect(config.children(of: "interface GigabitEthernet2") == ["ip tcp adjust-mss 1359"])
        #expect(config.commands(startingWith: "crypto ikev2").isEmpty)
        #expect(text.contains("IOS has no setting for how many retries it sends"))

        if let read = try readWithCiscoConfParse("ios", text) {
            #expect(ciscoChildren(read, of: "ip access-list extended genpeer-main-v1").count == 4)
            #expect(ciscoChildren(read, of: map.text).contains("set peer 203.0.113.10"))
            #expect(ciscoChildren(read, of: "crypto isakmp profile genpeer-main-v1").contains("self-identity address"))
        }
    }

    @Test func ikev1AggressiveModeWithFQDNIdentities() throws {
        let diagnostics = DiagnosticCollector()
        let text = try renderVendor(.ciscoIOS, VendorInputs.ikev1AggressiveFQDN(), locals: wan, diagnostics: diagnostics)
        let config = CiscoConfig(text)
        #expect(config.commands(startingWith: "crypto isakmp policy ").first?.children == [
            "encryption aes 192", "hash sha", "authentication pre-share", "group 14", "lifetime 28800",
        ])
        #expect(config.children(of: "crypto keyring genpeer-aggr-v1") == [
            "pre-shared-key address 203.0.113.10 key ExamplePsk123", "pre-shared-key hostname cloud.example.com key ExamplePsk123",
        ])
        #expect(config.children(of: "crypto isakmp profile genpeer-aggr-v1") == [
            "keyring genpeer-aggr-v1", "self-identity fqdn", "match identity host cloud.example.com", "initiate mode aggressive", "keepalive 30 retry 3",
        ])
        #expect(config.values("crypto ipsec transform-set") == ["GENPEER-ESP-AES128-SHA1 esp-aes esp-sha-hmac"])
        #expect(config.commands(startingWith: "crypto map GENPEER ").first?.children.contains("set security-association lifetime seconds 1800") == true)
        // IOS sends hostname.domain as its IKEv1 FQDN: the user is told to set them.
        #expect(diagnostics.diagnostics.contains { $0.message.contains("set hostname and ip domain name so that they read onprem.example.com") })
    }

    @Test func ikev2WithPFSDisabledHasNoSetPFS() throws {
        let text = try renderVendor(.ciscoIOS, VendorInputs.ikev2NoPFS(), locals: wan)
        let config = CiscoConfig(text)
        #expect(config.children(of: "crypto ikev2 proposal GENPEER-AES256-SHA256-G14") == ["encryption aes-cbc-256", "integrity sha256", "group 14"])
        #expect(config.children(of: "crypto ikev2 policy GENPEER") == ["proposal GENPEER-AES256-SHA256-G14"])
        #expect(config.children(of: "crypto ikev2 keyring genpeer-v2-nopfs") == [
            "peer v2-nopfs", "address 203.0.113.10", "pre-shared-key local ExamplePsk123", "pre-shared-key remote ExamplePsk123",
        ])
        #expect(config.children(of: "crypto ikev2 profile genpeer-v2-nopfs") == [
            "match identity remote address 203.0.113.10 255.255.255.255", "identity local address 198.51.100.20", "authentication remote pre-share",
            "authentication local pre-share", "keyring local genpeer-v2-nopfs", "lifetime 86400", "dpd 30 3 periodic",
        ])
        let map = try #require(config.commands(startingWith: "crypto map GENPEER ").first)
        #expect(!map.children.contains { $0.hasPrefix("set pfs") })
        #expect(map.children.contains("set ikev2-profile genpeer-v2-nopfs"))
        #expect(config.children(of: "ip access-list extended genpeer-v2-nopfs") == ["permit ip 10.10.0.0 0.0.255.255 172.16.0.0 0.0.255.255"])
        #expect(config.commands(startingWith: "crypto isakmp").isEmpty)
    }

    @Test func dualTunnelRouteBasedBGPPutsEachTunnelOnItsOwnVTIAndDePrefersTheSlave() throws {
        let text = try renderVendor(.ciscoIOS, VendorInputs.dualBGP(), normalize: VendorInputs.options(announce: VendorInputs.announce), locals: wan)
        let config = CiscoConfig(text)
        for (tunnel, peer, inside, key) in [("t1", "203.0.113.21", "169.254.10.2", "PskOfTunnel1"), ("t2", "203.0.113.22", "169.254.20.2", "PskOfTunnel2")] {
            let number = tunnel == "t1" ? 1 : 2
            #expect(config.children(of: "interface Tunnel\(number)").filter { !$0.hasPrefix("description") } == [
                "ip address \(inside) 255.255.255.252", "ip mtu 1399", "ip tcp adjust-mss 1359", "tunnel source GigabitEthernet1", "tunnel mode ipsec ipv4",
                "tunnel destination \(peer)", "tunnel protection ipsec profile genpeer-dual-\(tunnel)",
            ])
            #expect(config.children(of: "crypto ipsec profile genpeer-dual-\(tunnel)") == [
                "set transform-set GENPEER-ESP-AES256-SHA256", "set pfs group14", "set security-association lifetime seconds 3600",
                "set ikev2-profile genpeer-dual-\(tunnel)",
            ])
            // Each tunnel's key is tied to its own peer and profile.
            #expect(config.children(of: "crypto ikev2 keyring genpeer-dual-\(tunnel)") == [
                "peer dual-\(tunnel)", "address \(peer)", "pre-shared-key local \(key)", "pre-shared-key remote \(key)",
            ])
            let profile = config.children(of: "crypto ikev2 profile genpeer-dual-\(tunnel)")
            #expect(profile.contains("match identity remote address \(peer) 255.255.255.255"))
            #expect(profile.contains("identity local address 198.51.100.30"))
            #expect(profile.contains("keyring local genpeer-dual-\(tunnel)"))
        }
        let bgp = config.children(of: "router bgp 65010")
        for neighbor in ["169.254.10.1", "169.254.20.1"] {
            #expect(bgp.contains("neighbor \(neighbor) remote-as 65530"))
            #expect(bgp.contains("neighbor \(neighbor) activate"))
        }
        #expect(bgp.contains("network 10.10.0.0 mask 255.255.0.0"))
        #expect(bgp.contains("network 10.20.0.0 mask 255.255.255.0"))
        #expect(bgp.contains("neighbor 169.254.20.1 route-map genpeer-dual-t2-out out"))
        #expect(bgp.contains("neighbor 169.254.10.1 route-map genpeer-dual-t1-in in"))
        #expect(config.children(of: "route-map genpeer-dual-t1-in permit 10") == ["set local-preference 200"])
        #expect(config.children(of: "route-map genpeer-dual-t2-in permit 10") == ["set local-preference 100"])
        #expect(config.children(of: "route-map genpeer-dual-t1-out permit 10") == ["match ip address prefix-list genpeer-dual-announce"])
        #expect(config.children(of: "route-map genpeer-dual-t2-out permit 10") == [
            "match ip address prefix-list genpeer-dual-announce", "set as-path prepend 65010 65010",
        ])
        #expect(config.values("ip prefix-list genpeer-dual-announce") == [
            "seq 5 permit 10.10.0.0/16", "seq 10 permit 10.20.0.0/24", "seq 15 deny 0.0.0.0/0 le 32",
        ])
        #expect(config.values("ip route") == ["10.10.0.0 255.255.0.0 Null0 254", "10.20.0.0 255.255.255.0 Null0 254"])
        #expect(config.commands(startingWith: "crypto map").isEmpty)

        if let read = try readWithCiscoConfParse("ios", text) {
            let interfaces = read["interfaces"] as? [String: [String: String]]
            #expect(interfaces?["Tunnel1"] == ["address": "169.254.10.2", "netmask": "255.255.255.252"])
            #expect(interfaces?["Tunnel2"] == ["address": "169.254.20.2", "netmask": "255.255.255.252"])
            #expect(ciscoChildren(read, of: "router bgp 65010").contains("neighbor 169.254.20.1 remote-as 65530"))
            #expect(ciscoChildren(read, of: "route-map genpeer-dual-t2-out permit 10").contains("set as-path prepend 65010 65010"))
        }
    }

    @Test func withoutBGPTheSlavesStaticRoutesHaveAWorseDistance() throws {
        let input = document(dualConnectionJSON(top: ["EnableTunnelsBgp": false]))
        let prefixes = [IPv4Network(text: "172.16.0.0/16")!]
        let text = try renderVendor(.ciscoIOS, input, normalize: VendorInputs.options(cloudPrefixes: prefixes), locals: wan)
        let config = CiscoConfig(text)
        #expect(config.values("ip route") == ["172.16.0.0 255.255.0.0 Tunnel1 1", "172.16.0.0 255.255.0.0 Tunnel2 10"])
        #expect(config.children(of: "interface Tunnel1").contains("ip unnumbered GigabitEthernet1"))
        #expect(config.commands(startingWith: "router bgp").isEmpty)
        if let read = try readWithCiscoConfParse("ios", text) {
            let distances = (read["routes"] as? [[String: Any]])?.map { $0["distance"] as? Int }
            #expect(distances == [1, 10])
        }
    }

    @Test func tunnelNumbersStartAtTheFlagsNumber() throws {
        let text = try renderVendor(.ciscoIOS, VendorInputs.dualBGP(), locals: DeviceLocalValues(wanInterface: "Gi0/0/0", firstTunnelNumber: 100))
        let config = CiscoConfig(text)
        #expect(!config.blocks("interface Tunnel100").isEmpty)
        #expect(!config.blocks("interface Tunnel101").isEmpty)
        #expect(config.children(of: "interface Tunnel101").contains("tunnel destination 203.0.113.22"))
    }

    @Test func deviceValuesNotGivenArePlaceholdersListedAtTheTop() throws {
        let text = try renderVendor(.ciscoIOS, VendorInputs.ikev2NoPFS())
        let config = CiscoConfig(text)
        #expect(!config.blocks("interface <WAN-INTERFACE>").isEmpty)
        #expect(!config.blocks("interface <LAN-INTERFACE>").isEmpty)
        #expect(text.split(separator: "\n").first { $0.hasPrefix("! Note: replace before applying:") }?.contains("<WAN-INTERFACE> (or pass --wan-interface)") == true)
    }

    @Test func policyBasedDualTunnelIKEv1IsOneCryptoMapEntryWithBothPeers() throws {
        let json = dualConnectionJSON(
            top: ["LocalSubnet": "172.16.0.0/16", "RemoteSubnet": "10.10.0.0/16", "EnableTunnelsBgp": false],
            slave: ["TunnelIkeConfig.IkeVersion": "ikev1"], master: ["TunnelIkeConfig.IkeVersion": "ikev1"])
        let diagnostics = DiagnosticCollector()
        let config = CiscoConfig(try renderVendor(.ciscoIOS, document(json), locals: wan, diagnostics: diagnostics))
        let map = try #require(config.commands(startingWith: "crypto map GENPEER ").first)
        #expect(map.children.filter { $0.hasPrefix("set peer") } == ["set peer 203.0.113.21", "set peer 203.0.113.22"])
        #expect(config.children(of: "crypto keyring genpeer-dual") == [
            "pre-shared-key address 203.0.113.21 key PskOfTunnel1", "pre-shared-key address 203.0.113.22 key PskOfTunnel2",
        ])
        #expect(diagnostics.diagnostics.contains { $0.message.contains("both tunnels cannot be up at once") })

        let differing = dualConnectionJSON(
            top: ["LocalSubnet": "172.16.0.0/16", "RemoteSubnet": "10.10.0.0/16", "EnableTunnelsBgp": false],
            slave: ["TunnelIkeConfig.IkeVersion": "ikev1", "TunnelIpsecConfig.IpsecLifetime": "1800"], master: ["TunnelIkeConfig.IkeVersion": "ikev1"])
        let error = failure { _ = try renderVendor(.ciscoIOS, document(differing), locals: wan) }
        #expect(error?.diagnostic.message.contains("must have the same IPsec proposal, IpsecPfs and IpsecLifetime") == true)
        #expect(error?.diagnostic.location?.path.hasSuffix("TunnelIpsecConfig") == true)
    }

    @Test func policyBasedIKEv1WithBGPIsRefused() throws {
        let json = dualConnectionJSON(
            top: ["LocalSubnet": "172.16.0.0/16", "RemoteSubnet": "10.10.0.0/16"],
            slave: ["TunnelIkeConfig.IkeVersion": "ikev1"], master: ["TunnelIkeConfig.IkeVersion": "ikev1"])
        let error = failure { _ = try renderVendor(.ciscoIOS, document(json), locals: wan) }
        #expect(error?.diagnostic.message.contains("set IkeVersion to ikev2") == true)
        #expect(error?.diagnostic.location?.path.hasSuffix("TunnelIkeConfig.IkeVersion") == true)
    }

    @Test func policyBasedIKEv2WithBGPRunsOnVTIs() throws {
        let json = dualConnectionJSON(top: ["LocalSubnet": "172.16.0.0/16", "RemoteSubnet": "10.10.0.0/16"])
        let config = CiscoConfig(try renderVendor(.ciscoIOS, document(json), locals: wan))
        #expect(config.children(of: "interface Tunnel1").contains("tunnel mode ipsec ipv4"))
        #expect(config.children(of: "router bgp 65010").contains("network 10.10.0.0 mask 255.255.0.0"))
    }

    // MARK: - Support matrix (vendor-syntax.md §0.1, §3.3, §3.4)

    /// IOS-XE 17.11.1 and later take DES, 3DES, MD5, groups 1/2/5 (and 24 in IKEv2 and PFS) only
    /// behind the compliance shield switch: a warning naming it, the value written as IOS spells it.
    @Test(arguments: [
        ("IkeEncAlg", "des", "ikev1", "encryption des"), ("IkeEncAlg", "3des", "ikev2", "encryption 3des"),
        ("IkeAuthAlg", "md5", "ikev1", "hash md5"), ("IkeAuthAlg", "md5", "ikev2", "integrity md5"),
        ("IkePfs", "group1", "ikev1", "group 1"), ("IkePfs", "group2", "ikev1", "group 2"), ("IkePfs", "group5", "ikev1", "group 5"),
        ("IkePfs", "group1", "ikev2", "group 1"), ("IkePfs", "group2", "ikev2", "group 2"), ("IkePfs", "group5", "ikev2", "group 5"),
        ("IkePfs", "group24", "ikev2", "group 24"),
        ("IpsecEncAlg", "des", "ikev2", "esp-des"), ("IpsecEncAlg", "3des", "ikev2", "esp-3des"), ("IpsecAuthAlg", "md5", "ikev2", "esp-md5-hmac"),
        ("IpsecPfs", "group1", "ikev2", "set pfs group1"), ("IpsecPfs", "group2", "ikev2", "set pfs group2"),
        ("IpsecPfs", "group5", "ikev2", "set pfs group5"), ("IpsecPfs", "group24", "ikev2", "set pfs group24"),
    ])
    func weakAlgorithmsWarnNamingTheComplianceShield(field: String, value: String, version: String, written: String) throws {
        let json = VendorInputs.json(version: version, field: field, value: value)
        let diagnostics = DiagnosticCollector()
        let text = try renderVendor(.ciscoIOS, document(json), locals: wan, diagnostics: diagnostics)
        #expect(text.contains(written), "\(written)")
        let warning = diagnostics.diagnostics.first { $0.message.contains("crypto engine compliance shield disable") }
        #expect(warning?.location?.path.hasSuffix(field) == true, "\(field)=\(value): \(diagnostics.diagnostics)")
    }

    @Test func ikev1KeepsGroup24WithoutTheSwitch() throws {
        let diagnostics = DiagnosticCollector()
        let text = try renderVendor(.ciscoIOS, document(connectionJSON(ike: ["IkeVersion": "ikev1", "IkePfs": "group24"])), locals: wan, diagnostics: diagnostics)
        #expect(CiscoConfig(text).commands(startingWith: "crypto isakmp policy").first?.children.contains("group 24") == true)
        #expect(!diagnostics.diagnostics.contains { $0.message.contains("compliance shield") })
    }

    @Test(arguments: ["IkeEncAlg", "IpsecEncAlg"])
    func shangMiIsRefused(field: String) {
        let json = field == "IkeEncAlg" ? connectionJSON(ike: [field: "sm4", "IkeAuthAlg": "sm3"]) : connectionJSON(ipsec: [field: "sm4", "IpsecAuthAlg": "sm3"])
        let error = failure { _ = try renderVendor(.ciscoIOS, document(json), locals: wan) }
        #expect(error?.diagnostic.message.contains("cannot use ShangMi") == true)
    }

    @Test(arguments: [("ikev2", "IkeLifetime", 60), ("ikev2", "IpsecLifetime", 100)])
    func lifetimesBelowTheRangeAreRefused(version: String, field: String, seconds: Int) throws {
        let error = failure { _ = try renderVendor(.ciscoIOS, document(VendorInputs.json(version: version, field: field, value: seconds)), locals: wan) }
        #expect(error?.diagnostic.location?.path.hasSuffix(field) == true)
        #expect(error?.diagnostic.message.contains("the platform takes 120–") == true)
        // IKEv1 takes 60 s, the shortest genpeer renders.
        let ikev1 = try renderVendor(.ciscoIOS, document(VendorInputs.json(version: "ikev1", field: "IkeLifetime", value: 60)), locals: wan)
        #expect(ikev1.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "lifetime 60" })
    }

    @Test(arguments: ["ab?cd", "?", "6"])
    func keysTheCLICannotTakeAreRefused(key: String) {
        let error = failure { _ = try renderVendor(.ciscoIOS, document(connectionJSON(ike: ["Psk": key])), locals: wan) }
        #expect(error?.diagnostic.location?.path == "IkeConfig.Psk")
        #expect(error?.diagnostic.message.contains("value not shown") == true)
        #expect(error?.diagnostic.message.contains("ab?cd") == false)
    }

    @Test func aBGPKeyWithAQuestionMarkIsRefused() {
        let json = dualConnectionJSON(slave: ["TunnelBgpConfig.AuthKey": "bgp?key"])
        let error = failure { _ = try renderVendor(.ciscoIOS, document(json), locals: wan) }
        #expect(error?.diagnostic.message.contains("BGP AuthKey holds \"?\"") == true)
    }

    @Test func deadPeerDetectionAndNATTraversalOffAtTheCloud() throws {
        let input = document(connectionJSON(top: ["EnableDpd": false, "EnableNatTraversal": false]))
        let text = try renderVendor(.ciscoIOS, input, locals: wan)
        #expect(!CiscoConfig(text).children(of: "crypto ikev2 profile genpeer-test").contains { $0.hasPrefix("dpd") })
        #expect(text.contains("! Note: NAT traversal is off at the cloud"))
        #expect(!text.contains("IOS has no setting for how many retries"))
    }

    @Test func markdownShowsTheIOSSettings() throws {
        let generator = try Generator(target: .markdown, options: VendorInputs.options(announce: VendorInputs.announce), renderOptions: RenderOptions(device: .ciscoIOS, deviceLocals: wan))
        let files = try generator.generate([VendorInputs.dualBGP()], diagnostics: DiagnosticCollector())
        let text = files[0].contents
        #expect(text.contains("interface Tunnel2, ip address 169.254.20.2 255.255.255.252"))
        #expect(text.contains("neighbor 169.254.20.1 route-map genpeer-dual-t2-out out"))
    }
}
