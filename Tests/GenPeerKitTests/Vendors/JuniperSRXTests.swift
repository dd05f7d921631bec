import Foundation
import Testing
@testable import GenPeerKit

/// `--target juniper-srx`: set statements read back word by word (Junos quoting), checked
/// against the values Juniper's published YANG schema allows, and read by ciscoconfparse2
/// (syntax `junos`) where it is installed.
@Suite("Juniper SRX")
struct JuniperSRXTests {
    /// Facts carried by hand from Juniper's YANG (github.com/Juniper/yang,
    /// 21.4/21.4R1/junos-es/conf/junos-es-conf-security@2019-01-01.yang and 24.4R1's): the
    /// enumerations and ranges of the statements genpeer writes.
    enum Schema {
        static let ikeAuthentication: Set = ["md5", "sha1", "sha-256", "sha-384", "sha-512"]  // sha-512 from 23.2R1
        static let encryption: Set = ["des-cbc", "3des-cbc", "aes-128-cbc", "aes-192-cbc", "aes-256-cbc"]
        static let espAuthentication: Set = ["hmac-md5-96", "hmac-sha1-96", "hmac-sha-256-128", "hmac-sha-384", "hmac-sha-512"]  // 384/512 from 23.2R1
        static let dhGroups: Set = ["group1", "group2", "group5", "group14", "group15", "group16", "group19", "group20", "group24"]
        static let lifetime = 180...86400
        static let dpdInterval = 2...60
        static let dpdThreshold = 1...5
        static let versions: Set = ["v1-only", "v2-only"]
        static let establish: Set = ["immediately", "on-traffic"]
        static let objectNameLength = 1...32
        static let trafficSelectorNameLength = 1...31
    }

    /// Every IKE/IPsec value in `config` is one the schema allows.
    private func expectSchemaValid(_ config: JunosSet) {
        for name in config.values("security ike proposal").map({ $0[0] }) + config.values("security ipsec vpn").map({ $0[0] }) {
            #expect(Schema.objectNameLength.contains(name.count), "\(name)")
        }
        for value in config.values("security ike proposal").filter({ $0[1] == "authentication-algorithm" }).map({ $0[2] }) {
            #expect(Schema.ikeAuthentication.contains(value), "\(value)")
        }
        for value in config.values("security ike proposal").filter({ $0[1] == "encryption-algorithm" }).map({ $0[2] })
            + config.values("security ipsec proposal").filter({ $0[1] == "encryption-algorithm" }).map({ $0[2] })
        {
            #expect(Schema.encryption.contains(value), "\(value)")
        }
        for value in config.values("security ipsec proposal").filter({ $0[1] == "authentication-algorithm" }).map({ $0[2] }) {
            #expect(Schema.espAuthentication.contains(value), "\(value)")
        }
        for value in config.values("security ike proposal").filter({ $0[1] == "dh-group" }).map({ $0[2] })
            + config.values("security ipsec policy").filter({ $0[1] == "perfect-forward-secrecy" }).map({ $0[3] })
        {
            #expect(Schema.dhGroups.contains(value), "\(value)")
        }
        for seconds in (config.values("security ike proposal") + config.values("security ipsec proposal")).filter({ $0[1] == "lifetime-seconds" }).map({ Int($0[2])! }) {
            #expect(Schema.lifetime.contains(seconds))
        }
        for statement in config.values("security ike gateway") where statement[1] == "dead-peer-detection" && statement.count == 4 {
            #expect((statement[2] == "interval" ? Schema.dpdInterval : Schema.dpdThreshold).contains(Int(statement[3])!))
        }
        for statement in config.values("security ike gateway") where statement[1] == "version" { #expect(Schema.versions.contains(statement[2])) }
        for statement in config.values("security ipsec vpn") where statement[1] == "establish-tunnels" { #expect(Schema.establish.contains(statement[2])) }
        for statement in config.values("security ipsec vpn") where statement[1] == "traffic-selector" {
            #expect(Schema.trafficSelectorNameLength.contains(statement[2].count))
        }
    }

    @Test func ikev1MainModeWithTwoSubnetsOnEachSide() throws {
        let text = try renderVendor(.juniperSRX, VendorInputs.ikev1Main())
        let config = JunosSet(text)
        expectSchemaValid(config)
        let proposal = "security ike proposal genpeer-main-v1"
        #expect(config.value("\(proposal) authentication-method") == "pre-shared-keys")
        #expect(config.value("\(proposal) encryption-algorithm") == "aes-128-cbc")
        #expect(config.value("\(proposal) authentication-algorithm") == "sha1")
        #expect(config.value("\(proposal) dh-group") == "group14")
        #expect(config.value("\(proposal) lifetime-seconds") == "28800")
        #expect(config.value("security ike policy genpeer-main-v1 mode") == "main")
        #expect(config.value("security ike policy genpeer-main-v1 proposals") == "genpeer-main-v1")
        #expect(config.values("security ike policy genpeer-main-v1 pre-shared-key") == [["ascii-text", "ExamplePsk123"]])
        let gateway = "security ike gateway genpeer-main-v1"
        #expect(config.value("\(gateway) address") == "203.0.113.10")
        #expect(config.value("\(gateway) ike-policy") == "genpeer-main-v1")
        #expect(config.value("\(gateway) external-interface") == "ge-0/0/0.0")
        #expect(config.values("\(gateway) local-identity") == [["inet", "198.51.100.20"]])
        #expect(config.values("\(gateway) remote-identity") == [["inet", "203.0.113.10"]])
        #expect(config.value("\(gateway) version") == "v1-only")
        #expect(config.values("\(gateway) dead-peer-detection") == [["always-send"], ["interval", "30"], ["threshold", "5"]])
        #expect(config.value("security ipsec proposal genpeer-main-v1 authentication-algorithm") == "hmac-sha1-96")
        #expect(config.value("security ipsec proposal genpeer-main-v1 encryption-algorithm") == "aes-256-cbc")
        #expect(config.value("security ipsec proposal genpeer-main-v1 lifetime-seconds") == "3600")
        #expect(config.values("security ipsec policy genpeer-main-v1 perfect-forward-secrecy") == [["keys", "group14"]])
        let vpn = "security ipsec vpn genpeer-main-v1"
        #expect(config.value("\(vpn) bind-interface") == "st0.1")
        #expect(config.values("\(vpn) traffic-selector") == [
            ["ts1", "local-ip", "10.10.0.0/16", "remote-ip", "172.16.0.0/16"], ["ts2", "local-ip", "10.10.0.0/16", "remote-ip", "172.17.0.0/16"],
            ["ts3", "local-ip", "10.20.0.0/24", "remote-ip", "172.16.0.0/16"], ["ts4", "local-ip", "10.20.0.0/24", "remote-ip", "172.17.0.0/16"],
        ])
        #expect(config.value("\(vpn) establish-tunnels") == "immediately")
        // Zones and policies let the pairs through; the cloud subnets are routed into st0.1.
        #expect(config.list("security zones security-zone vpn interfaces") == ["st0.1"])
        #expect(config.list("security policies from-zone trust to-zone vpn policy genpeer-main-v1-out match source-address") == ["genpeer-main-v1-l1", "genpeer-main-v1-l2"])
        #expect(config.list("security policies from-zone vpn to-zone trust policy genpeer-main-v1-in match source-address") == ["genpeer-main-v1-r1", "genpeer-main-v1-r2"])
        #expect(config.value("security address-book global address genpeer-main-v1-l2") == "10.20.0.0/24")
        #expect(config.value("security policies from-zone trust to-zone vpn policy genpeer-main-v1-out then") == "permit")
        #expect(config.values("routing-options static route 172.17.0.0/16") == [["next-hop", "st0.1"], ["preference", "5"]])
        #expect(config.value("security flow tcp-mss ipsec-vpn mss") == "1359")
        #expect(config.value("interfaces st0 unit 1 family inet mtu") == "1399")

        if let read = try readWithCiscoConfParse("junos", text) {
            let statements = read["statements"] as? [[String]]
            #expect(statements == config.statements)
        }
    }

    @Test func ikev1AggressiveModeWithFQDNIdentities() throws {
        let config = JunosSet(try renderVendor(.juniperSRX, VendorInputs.ikev1AggressiveFQDN()))
        expectSchemaValid(config)
        #expect(config.value("security ike policy genpeer-aggr-v1 mode") == "aggressive")
        #expect(config.values("security ike gateway genpeer-aggr-v1 local-identity") == [["hostname", "onprem.example.com"]])
        #expect(config.values("security ike gateway genpeer-aggr-v1 remote-identity") == [["hostname", "cloud.example.com"]])
        #expect(config.value("security ike proposal genpeer-aggr-v1 encryption-algorithm") == "aes-192-cbc")
        #expect(config.value("security ipsec proposal genpeer-aggr-v1 lifetime-seconds") == "1800")
    }

    @Test func ikev2WithPFSDisabled() throws {
        let config = JunosSet(try renderVendor(.juniperSRX, VendorInputs.ikev2NoPFS()))
        expectSchemaValid(config)
        #expect(config.value("security ike gateway genpeer-v2-nopfs version") == "v2-only")
        #expect(config.value("security ike proposal genpeer-v2-nopfs authentication-algorithm") == "sha-256")
        #expect(config.value("security ike proposal genpeer-v2-nopfs encryption-algorithm") == "aes-256-cbc")
        #expect(config.value("security ipsec proposal genpeer-v2-nopfs authentication-algorithm") == "hmac-sha-256-128")
        #expect(config.values("security ipsec policy genpeer-v2-nopfs perfect-forward-secrecy").isEmpty)
        #expect(config.values("security ike policy genpeer-v2-nopfs mode").isEmpty)
        #expect(config.values("security ipsec vpn genpeer-v2-nopfs traffic-selector") == [["ts1", "local-ip", "10.10.0.0/16", "remote-ip", "172.16.0.0/16"]])
    }

    @Test func dualTunnelRouteBasedBGP() throws {
        let text = try renderVendor(.juniperSRX, VendorInputs.dualBGP(), normalize: VendorInputs.options(announce: VendorInputs.announce))
        let config = JunosSet(text)
        expectSchemaValid(config)
        for (tunnel, peer, inside, key) in [("t1", "203.0.113.21", "169.254.10.2/30", "PskOfTunnel1"), ("t2", "203.0.113.22", "169.254.20.2/30", "PskOfTunnel2")] {
            let name = "genpeer-dual-\(tunnel)"
            let unit = tunnel == "t1" ? "1" : "2"
            #expect(config.value("security ike gateway \(name) address") == peer)
            #expect(config.value("security ike gateway \(name) ike-policy") == name)
            // The key lives on the gateway's own IKE policy.
            #expect(config.values("security ike policy \(name) pre-shared-key") == [["ascii-text", key]])
            #expect(config.value("security ipsec vpn \(name) bind-interface") == "st0.\(unit)")
            #expect(config.values("security ipsec vpn \(name) ike") == [["gateway", name], ["ipsec-policy", name]])
            #expect(config.values("security ipsec vpn \(name) traffic-selector").isEmpty)
            #expect(config.value("interfaces st0 unit \(unit) family inet address") == inside)
            #expect(config.values("security zones security-zone vpn interfaces st0.\(unit) host-inbound-traffic") == [["protocols", "bgp"]])
        }
        #expect(config.value("routing-options autonomous-system") == "65010")
        let group = "protocols bgp group genpeer-dual"
        #expect(config.value("\(group) type") == "external")
        #expect(config.value("\(group) neighbor 169.254.10.1 peer-as") == "65530")
        #expect(config.value("\(group) neighbor 169.254.20.1 peer-as") == "65530")
        #expect(config.value("\(group) neighbor 169.254.20.1 local-address") == "169.254.20.2")
        #expect(config.value("\(group) neighbor 169.254.20.1 export") == "genpeer-dual-t2-out")
        #expect(config.value("\(group) neighbor 169.254.10.1 import") == "genpeer-dual-t1-in")
        #expect(config.values("policy-options policy-statement genpeer-dual-t1-in term prefer then") == [["local-preference", "200"], ["accept"]])
        #expect(config.values("policy-options policy-statement genpeer-dual-t2-in term prefer then") == [["local-preference", "100"], ["accept"]])
        #expect(config.values("policy-options policy-statement genpeer-dual-t2-out term announce from route-filter") == [["10.10.0.0/16", "exact"], ["10.20.0.0/24", "exact"]])
        #expect(config.values("policy-options policy-statement genpeer-dual-t2-out term announce then") == [["as-path-prepend", "65010 65010"], ["accept"]])
        #expect(config.values("policy-options policy-statement genpeer-dual-t1-out term announce then") == [["accept"]])
        #expect(config.values("policy-options policy-statement genpeer-dual-t1-out term reject then") == [["reject"]])
        #expect(config.values("routing-options static route 10.10.0.0/16") == [["discard"], ["preference", "250"]])

        if let read = try readWithCiscoConfParse("junos", text) {
            #expect(read["statements"] as? [[String]] == config.statements)
        }
    }

    @Test func nothingAnnouncedExportsNothing() throws {
        let config = JunosSet(try renderVendor(.juniperSRX, VendorInputs.dualBGP()))
        #expect(config.values("policy-options policy-statement genpeer-dual-t1-out term announce").isEmpty)
        #expect(config.values("policy-options policy-statement genpeer-dual-t1-out term reject then") == [["reject"]])
    }

    @Test func withoutBGPTheSlaveIsAQualifiedNextHopOfWorsePreference() throws {
        let input = document(dualConnectionJSON(top: ["EnableTunnelsBgp": false]))
        let config = JunosSet(try renderVendor(.juniperSRX, input, normalize: VendorInputs.options(cloudPrefixes: [IPv4Network(text: "172.16.0.0/16")!])))
        #expect(config.values("routing-options static route 172.16.0.0/16") == [["next-hop", "st0.1"], ["preference", "5"], ["qualified-next-hop", "st0.2", "preference", "10"]])
        #expect(config.values("interfaces st0 unit 2 family inet").contains([]))
    }

    @Test func flagsNameInterfacesZonesAndUnits() throws {
        let locals = DeviceLocalValues(wanInterface: "ge-0/0/3.0", firstTunnelNumber: 10, insideZone: "lan", outsideZone: "internet", vpnZone: "cloud")
        let config = JunosSet(try renderVendor(.juniperSRX, VendorInputs.dualBGP(), locals: locals))
        #expect(config.value("security ike gateway genpeer-dual-t2 external-interface") == "ge-0/0/3.0")
        #expect(config.value("security ipsec vpn genpeer-dual-t2 bind-interface") == "st0.11")
        #expect(config.list("security zones security-zone cloud interfaces") == ["st0.10", "st0.11"])
        #expect(config.values("security zones security-zone internet interfaces ge-0/0/3.0 host-inbound-traffic") == [["system-services", "ike"]])
        #expect(config.value("security policies from-zone lan to-zone cloud policy genpeer-dual-out then") == "permit")
    }

    // MARK: - Support matrix (vendor-syntax.md §0.1, §5.4, §5.5) and Junos's ranges

    /// Junos takes every weak algorithm as it is; the generic weak-algorithm warnings are not this target's.
    @Test(arguments: [
        ("IkeEncAlg", "des", "des-cbc"), ("IkeEncAlg", "3des", "3des-cbc"), ("IkeAuthAlg", "md5", "md5"), ("IkePfs", "group1", "group1"),
        ("IkePfs", "group2", "group2"), ("IkePfs", "group5", "group5"), ("IkePfs", "group24", "group24"), ("IpsecAuthAlg", "md5", "hmac-md5-96"),
        ("IpsecPfs", "group24", "group24"),
    ])
    func weakAlgorithmsAreWrittenAsJunosSpellsThem(field: String, value: String, written: String) throws {
        let diagnostics = DiagnosticCollector()
        let config = JunosSet(try renderVendor(.juniperSRX, document(VendorInputs.json(version: "ikev2", field: field, value: value)), diagnostics: diagnostics))
        expectSchemaValid(config)
        #expect(config.statements.contains { $0.last == written })
        #expect(!diagnostics.diagnostics.contains { $0.message.contains("juniper-srx") }, "\(diagnostics.diagnostics)")
    }

    @Test(arguments: [("IkeAuthAlg", "sha512", "sha-512"), ("IpsecAuthAlg", "sha384", "hmac-sha-384"), ("IpsecAuthAlg", "sha512", "hmac-sha-512")])
    func sha2ThatNeedsARecentReleaseWarns(field: String, value: String, written: String) throws {
        let diagnostics = DiagnosticCollector()
        let config = JunosSet(try renderVendor(.juniperSRX, document(VendorInputs.json(version: "ikev2", field: field, value: value)), diagnostics: diagnostics))
        expectSchemaValid(config)
        #expect(config.statements.contains { $0.last == written })
        #expect(diagnostics.diagnostics.contains { $0.location?.path.hasSuffix(field) == true && $0.message.contains("23.2R1") })
    }

    @Test(arguments: [("IkeLifetime", 60), ("IpsecLifetime", 120)])
    func lifetimesBelow180AreRefused(field: String, seconds: Int) throws {
        let error = failure { _ = try renderVendor(.juniperSRX, document(VendorInputs.json(version: "ikev2", field: field, value: seconds))) }
        #expect(error?.diagnostic.location?.path.hasSuffix(field) == true)
        #expect(error?.diagnostic.message.contains("180–86400") == true)
    }

    @Test func shangMiIsRefused() {
        let error = failure { _ = try renderVendor(.juniperSRX, document(connectionJSON(ike: ["IkeEncAlg": "sm4", "IkeAuthAlg": "sm3"]))) }
        #expect(error?.diagnostic.message.contains("ShangMi") == true)
    }

    @Test func keysAreQuotedWithTheirQuotesAndBackslashesEscaped() throws {
        let key = #"a"b\c;d#e{f}g'h"#
        let config = JunosSet(try renderVendor(.juniperSRX, document(connectionJSON(ike: ["Psk": key]))))
        #expect(config.values("security ike policy genpeer-test pre-shared-key") == [["ascii-text", key]])
    }

    @Test func aQuestionMarkInAKeyIsRefused() {
        let error = failure { _ = try renderVendor(.juniperSRX, document(connectionJSON(ike: ["Psk": "a?b"]))) }
        #expect(error?.diagnostic.location?.path == "IkeConfig.Psk")
        let bgp = failure { _ = try renderVendor(.juniperSRX, VendorInputs.dualBGP(master: ["TunnelBgpConfig.AuthKey": "x?y"])) }
        #expect(bgp?.diagnostic.message.contains("BGP AuthKey") == true)
    }

    @Test func deadPeerDetectionAndNATTraversalOffAtTheCloud() throws {
        let config = JunosSet(try renderVendor(.juniperSRX, document(connectionJSON(top: ["EnableDpd": false, "EnableNatTraversal": false]))))
        #expect(config.values("security ike gateway genpeer-test dead-peer-detection").isEmpty)
        #expect(config.values("security ike gateway genpeer-test no-nat-traversal") == [[]])
    }

    @Test func startTrapWaitsForTraffic() throws {
        var options = VendorInputs.options()
        options.startAction = .trap
        let config = JunosSet(try renderVendor(.juniperSRX, VendorInputs.ikev2NoPFS(), normalize: options))
        #expect(config.value("security ipsec vpn genpeer-v2-nopfs establish-tunnels") == "on-traffic")
    }

    @Test func longNamesAreShortenedToJunosLimitAndStayDistinct() throws {
        let name = String(repeating: "n", count: 60)
        let config = JunosSet(try renderVendor(.juniperSRX, document(dualConnectionJSON(top: ["Name": name]))))
        expectSchemaValid(config)
        let gateways = Set(config.values("security ike gateway").map { $0[0] })
        #expect(gateways.count == 2)
        #expect(gateways.allSatisfy { $0.count <= 32 })
    }
}
