import Foundation
import Testing
@testable import GenPeerKit

/// `--target cisco-asa`: the configuration read back as the ASA reads it, and with
/// ciscoconfparse2 (syntax `asa`) where it is installed.
@Suite("Cisco ASA")
struct CiscoASATests {
    @Test func ikev1MainModeWithTwoSubnetsOnEachSide() throws {
        let text = try renderVendor(.ciscoASA, VendorInputs.ikev1Main())
        let config = CiscoConfig(text)
        let policy = try #require(config.commands(startingWith: "crypto ikev1 policy ").first)
        #expect(policy.children == ["authentication pre-share", "encryption aes", "hash sha", "group 14", "lifetime 28800"])
        #expect(config.values("crypto ikev1 enable") == ["outside"])
        #expect(config.values("crypto ipsec ikev1 transform-set") == ["GENPEER-AES256-SHA1 esp-aes-256 esp-sha-hmac"])
        #expect(config.values("access-list genpeer-main-v1 extended") == [
            "permit ip 10.10.0.0 255.255.0.0 172.16.0.0 255.255.0.0", "permit ip 10.10.0.0 255.255.0.0 172.17.0.0 255.255.0.0",
            "permit ip 10.20.0.0 255.255.255.0 172.16.0.0 255.255.0.0", "permit ip 10.20.0.0 255.255.255.0 172.17.0.0 255.255.0.0",
        ])
        let map = config.commands(startingWith: "crypto map GENPEER ").map(\.words)
        let sequence = try #require(map.first?[3])
        #expect(map.map { $0.dropFirst(4).joined(separator: " ") } == [
            "match address genpeer-main-v1", "set peer 203.0.113.10", "set ikev1 transform-set GENPEER-AES256-SHA1", "set pfs group14",
            "set security-association lifetime seconds 3600", "outside",
        ])
        #expect(Int(sequence).map { (1000...64999).contains($0) } == true)
        #expect(config.children(of: "group-policy genpeer-main-v1 attributes") == ["vpn-tunnel-protocol ikev1"])
        #expect(config.children(of: "tunnel-group 203.0.113.10 general-attributes") == ["default-group-policy genpeer-main-v1"])
        #expect(config.children(of: "tunnel-group 203.0.113.10 ipsec-attributes") == ["ikev1 pre-shared-key ExamplePsk123", "isakmp keepalive threshold 30 retry 3"])
        #expect(config.values("crypto isakmp identity") == ["address"])
        // NAT exemption: the pairs keep their addresses from inside to outside.
        #expect(config.values("nat") == [
            "(inside,outside) source static genpeer-main-v1-local genpeer-main-v1-local destination static genpeer-main-v1-remote genpeer-main-v1-remote no-proxy-arp route-lookup",
        ])
        #expect(config.children(of: "object-group network genpeer-main-v1-local") == ["network-object 10.10.0.0 255.255.0.0", "network-object 10.20.0.0 255.255.255.0"])
        #expect(config.children(of: "object-group network genpeer-main-v1-remote") == ["network-object 172.16.0.0 255.255.0.0", "network-object 172.17.0.0 255.255.0.0"])
        #expect(config.values("sysopt connection tcpmss") == ["1359"])

        if let read = try readWithCiscoConfParse("asa", text) {
            let groups = read["objectGroups"] as? [String: [String]]
            #expect(groups?["genpeer-main-v1-local"] == ["10.10.0.0/255.255.0.0", "10.20.0.0/255.255.255.0"])
            #expect(groups?["genpeer-main-v1-remote"] == ["172.16.0.0/255.255.0.0", "172.17.0.0/255.255.0.0"])
            #expect(ciscoChildren(read, of: "tunnel-group 203.0.113.10 ipsec-attributes").contains("ikev1 pre-shared-key ExamplePsk123"))
        }
    }

    @Test func ikev1AggressiveModeWithFQDNIdentities() throws {
        let diagnostics = DiagnosticCollector()
        let config = CiscoConfig(try renderVendor(.ciscoASA, VendorInputs.ikev1AggressiveFQDN(), diagnostics: diagnostics))
        #expect(config.commands(startingWith: "crypto ikev1 policy ").first?.children.contains("encryption aes-192") == true)
        #expect(config.values("crypto isakmp identity") == ["hostname"])
        #expect(config.commands(startingWith: "crypto map GENPEER ").contains { $0.text.hasSuffix("set ikev1 phase1-mode aggressive") })
        #expect(config.children(of: "tunnel-group 203.0.113.10 ipsec-attributes").contains("peer-id-validate nocheck"))
        #expect(config.values("crypto ipsec ikev1 transform-set") == ["GENPEER-AES128-SHA1 esp-aes esp-sha-hmac"])
        #expect(diagnostics.diagnostics.contains { $0.message.contains("set them so that they read onprem.example.com") })
    }

    @Test func ikev2WithPFSDisabled() throws {
        let config = CiscoConfig(try renderVendor(.ciscoASA, VendorInputs.ikev2NoPFS()))
        let policy = try #require(config.commands(startingWith: "crypto ikev2 policy ").first)
        #expect(policy.children == ["encryption aes-256", "integrity sha256", "group 14", "prf sha256", "lifetime seconds 86400"])
        #expect(config.children(of: "crypto ipsec ikev2 ipsec-proposal GENPEER-AES256-SHA256") == ["protocol esp encryption aes-256", "protocol esp integrity sha-256"])
        #expect(!config.commands(startingWith: "crypto map GENPEER ").contains { $0.text.contains("set pfs") })
        #expect(config.children(of: "tunnel-group 203.0.113.10 ipsec-attributes") == [
            "ikev2 remote-authentication pre-shared-key ExamplePsk123", "ikev2 local-authentication pre-shared-key ExamplePsk123",
            "isakmp keepalive threshold 30 retry 3",
        ])
        #expect(config.children(of: "group-policy genpeer-v2-nopfs attributes") == ["vpn-tunnel-protocol ikev2"])
    }

    @Test func dualTunnelRouteBasedBGP() throws {
        let text = try renderVendor(.ciscoASA, VendorInputs.dualBGP(), normalize: VendorInputs.options(announce: VendorInputs.announce))
        let config = CiscoConfig(text)
        for (number, peer, inside, key) in [(1, "203.0.113.21", "169.254.10.2", "PskOfTunnel1"), (2, "203.0.113.22", "169.254.20.2", "PskOfTunnel2")] {
            #expect(config.children(of: "interface Tunnel\(number)").filter { !$0.hasPrefix("description") } == [
                "nameif genpeer-vti\(number)", "ip address \(inside) 255.255.255.252", "tunnel source interface outside", "tunnel destination \(peer)",
                "tunnel mode ipsec ipv4", "tunnel protection ipsec profile genpeer-dual-t\(number)",
            ])
            #expect(config.children(of: "crypto ipsec profile genpeer-dual-t\(number)") == [
                "set ikev2 ipsec-proposal GENPEER-AES256-SHA256", "set pfs group14", "set security-association lifetime seconds 3600",
            ])
            #expect(config.children(of: "tunnel-group \(peer) ipsec-attributes").prefix(2) == [
                "ikev2 remote-authentication pre-shared-key \(key)", "ikev2 local-authentication pre-shared-key \(key)",
            ])
            #expect(config.values("access-group genpeer-vti\(number)-in") == ["in interface genpeer-vti\(number)"])
        }
        let bgp = config.children(of: "router bgp 65010")
        #expect(bgp.first == "bgp log-neighbor-changes")
        let family = try #require(config.blocks("router bgp 65010").first)
        #expect(family.children.contains("address-family ipv4 unicast"))
        for neighbor in ["169.254.10.1", "169.254.20.1"] {
            #expect(bgp.contains("neighbor \(neighbor) remote-as 65530"))
            #expect(bgp.contains("neighbor \(neighbor) activate"))
        }
        #expect(bgp.contains("network 10.10.0.0 mask 255.255.0.0"))
        #expect(bgp.contains("neighbor 169.254.20.1 route-map genpeer-dual-t2-out out"))
        #expect(config.children(of: "route-map genpeer-dual-t2-out permit 10") == [
            "match ip address prefix-list genpeer-dual-announce", "set as-path prepend 65010 65010",
        ])
        #expect(config.children(of: "route-map genpeer-dual-t1-in permit 10") == ["set local-preference 200"])
        #expect(config.children(of: "route-map genpeer-dual-t2-in permit 10") == ["set local-preference 100"])
        #expect(config.values("prefix-list genpeer-dual-announce") == ["seq 5 permit 10.10.0.0/16", "seq 10 permit 10.20.0.0/24", "seq 15 deny 0.0.0.0/0 le 32"])
        #expect(config.values("nat").first?.hasPrefix("(inside,genpeer-vti1) source static genpeer-dual-local genpeer-dual-local destination static any any") == true)

        if let read = try readWithCiscoConfParse("asa", text) {
            let interfaces = read["interfaces"] as? [String: [String: String]]
            #expect(interfaces?["Tunnel1"] == ["address": "169.254.10.2", "netmask": "255.255.255.252"])
            #expect(interfaces?["Tunnel2"] == ["address": "169.254.20.2", "netmask": "255.255.255.252"])
        }
    }

    @Test func withoutBGPTheSlavesRoutesHaveAWorseDistance() throws {
        let input = document(dualConnectionJSON(top: ["EnableTunnelsBgp": false]))
        let text = try renderVendor(.ciscoASA, input, normalize: VendorInputs.options(cloudPrefixes: [IPv4Network(text: "172.16.0.0/16")!]))
        let config = CiscoConfig(text)
        #expect(config.values("route") == ["genpeer-vti1 172.16.0.0 255.255.0.0 169.254.255.2 1", "genpeer-vti2 172.16.0.0 255.255.0.0 169.254.255.6 10"])
        #expect(config.children(of: "interface Tunnel2").contains("ip address 169.254.255.5 255.255.255.252"))
        if let read = try readWithCiscoConfParse("asa", text) {
            // ciscoconfparse2 models only IOS-style `ip route` lines: the ASA's are read as plain commands.
            let commands = (read["tree"] as? [[String: Any]])?.compactMap { $0["text"] as? String } ?? []
            #expect(commands.filter { $0.hasPrefix("route ") } == config.values("route").map { "route " + $0 })
        }
    }

    // MARK: - Support matrix (vendor-syntax.md §0.1, §4.3, §4.4)

    /// Removed in ASA 9.16: an error naming the field, the value and what to ask for.
    @Test(arguments: [
        ("IkeEncAlg", "des", "ikev2"), ("IkeEncAlg", "3des", "ikev1"), ("IpsecEncAlg", "des", "ikev2"), ("IpsecEncAlg", "3des", "ikev2"),
        ("IkeAuthAlg", "md5", "ikev2"), ("IpsecAuthAlg", "md5", "ikev1"), ("IkePfs", "group2", "ikev2"), ("IkePfs", "group24", "ikev2"),
        ("IpsecPfs", "group2", "ikev2"), ("IpsecPfs", "group24", "ikev2"),
        // The ASA's IKEv1 has no SHA-2.
        ("IkeAuthAlg", "sha256", "ikev1"), ("IkeAuthAlg", "sha512", "ikev1"), ("IpsecAuthAlg", "sha384", "ikev1"),
    ])
    func removedAlgorithmsAreRefused(field: String, value: String, version: String) {
        let error = failure { _ = try renderVendor(.ciscoASA, document(VendorInputs.json(version: version, field: field, value: value))) }
        #expect(error?.diagnostic.location?.path.hasSuffix(field) == true, "\(field)=\(value)")
        #expect(error?.diagnostic.message.contains("the cisco-asa target cannot use \(field) \"\(value)\"") == true)
        #expect(error?.diagnostic.message.contains("on the Alibaba Cloud side") == true)
    }

    @Test(arguments: [("IkePfs", "group5", "ikev1"), ("IkePfs", "group1", "ikev2"), ("IpsecPfs", "group5", "ikev2")])
    func doubtfulGroupsAreWrittenWithAWarning(field: String, value: String, version: String) throws {
        let diagnostics = DiagnosticCollector()
        let text = try renderVendor(.ciscoASA, document(VendorInputs.json(version: version, field: field, value: value)), diagnostics: diagnostics)
        #expect(text.contains(field == "IkePfs" ? " group \(value.dropFirst(5))\n" : "set pfs \(value)"))
        #expect(diagnostics.diagnostics.contains { $0.location?.path.hasSuffix(field) == true && $0.message.contains("ASA 9.16 and later may refuse it") })
    }

    @Test(arguments: [("IkeAuthAlg", "sha384", "integrity sha384"), ("IkeAuthAlg", "sha512", "prf sha512"), ("IpsecAuthAlg", "sha512", "protocol esp integrity sha-512")])
    func ikev2TakesSHA2(field: String, value: String, written: String) throws {
        let text = try renderVendor(.ciscoASA, document(VendorInputs.json(version: "ikev2", field: field, value: value)))
        #expect(text.contains(written))
    }

    @Test(arguments: [("IkeLifetime", 60), ("IpsecLifetime", 100)])
    func lifetimesBelowTheRangeAreRefused(field: String, seconds: Int) throws {
        let error = failure { _ = try renderVendor(.ciscoASA, document(VendorInputs.json(version: "ikev2", field: field, value: seconds))) }
        #expect(error?.diagnostic.location?.path.hasSuffix(field) == true)
        #expect(error?.diagnostic.message.contains("the platform takes 120–") == true)
    }

    @Test(arguments: ["a?b", "8"])
    func keysTheCLICannotTakeAreRefused(key: String) {
        let error = failure { _ = try renderVendor(.ciscoASA, document(connectionJSON(ike: ["Psk": key]))) }
        #expect(error?.diagnostic.location?.path == "IkeConfig.Psk")
    }

    @Test func policyBasedIKEv1WithBGPIsRefused() {
        let json = dualConnectionJSON(
            top: ["LocalSubnet": "172.16.0.0/16", "RemoteSubnet": "10.10.0.0/16"],
            slave: ["TunnelIkeConfig.IkeVersion": "ikev1", "TunnelIkeConfig.IkeAuthAlg": "sha1", "TunnelIpsecConfig.IpsecAuthAlg": "sha1"],
            master: ["TunnelIkeConfig.IkeVersion": "ikev1", "TunnelIkeConfig.IkeAuthAlg": "sha1", "TunnelIpsecConfig.IpsecAuthAlg": "sha1"])
        let error = failure { _ = try renderVendor(.ciscoASA, document(json)) }
        #expect(error?.diagnostic.message.contains("set IkeVersion to ikev2") == true)
    }

    @Test func deadPeerDetectionOffAtTheCloudDisablesTheKeepalive() throws {
        let text = try renderVendor(.ciscoASA, document(connectionJSON(top: ["EnableDpd": false, "EnableNatTraversal": false])))
        #expect(CiscoConfig(text).children(of: "tunnel-group 203.0.113.10 ipsec-attributes").last == "isakmp keepalive disable")
        #expect(text.contains("! Note: NAT traversal is off at the cloud"))
    }

    @Test func flagsNameTheInterfaces() throws {
        let config = CiscoConfig(try renderVendor(.ciscoASA, VendorInputs.ikev2NoPFS(), locals: DeviceLocalValues(wanInterface: "wan", lanInterface: "lan")))
        #expect(config.values("crypto ikev2 enable") == ["wan"])
        #expect(config.values("nat").first?.hasPrefix("(lan,wan) ") == true)
        #expect(config.commands(startingWith: "crypto map GENPEER interface wan").count == 1)
    }
}
