import Foundation
import Testing
@testable import GenPeerKit

/// `--target paloalto`, read back with ``SetScript`` (PAN-OS set commands, double quotes) and
/// checked against the enums and ranges of Palo Alto Networks' own schema.
@Suite("The paloalto target")
struct PaloAltoTests {
    /// Facts from PaloAltoNetworks/pan-os-codegen `specs/` (commit 9920a6f1, July 2026), carried
    /// by hand: the values a leaf takes, keyed by the words after `set` that lead to it.
    static let enums: [(prefix: String, position: Int, values: Set<String>)] = [
        // objects/profiles/ike-crypto-profile.yaml
        ("network ike crypto-profiles ike-crypto-profiles * encryption", 0, ["3des", "aes-128-cbc", "aes-192-cbc", "aes-256-cbc", "aes-128-gcm", "aes-256-gcm"]),
        ("network ike crypto-profiles ike-crypto-profiles * hash", 0, ["non-auth", "md5", "sha1", "sha256", "sha384", "sha512"]),
        ("network ike crypto-profiles ike-crypto-profiles * dh-group", 0, ["group1", "group2", "group5", "group14", "group15", "group16", "group19", "group20", "group21"]),
        ("network ike crypto-profiles ike-crypto-profiles * lifetime", 0, ["days", "hours", "minutes", "seconds"]),
        // objects/profiles/ipsec-crypto-profile.yaml
        ("network ike crypto-profiles ipsec-crypto-profiles * esp encryption", 0, ["des", "3des", "aes-128-cbc", "aes-192-cbc", "aes-256-cbc", "aes-128-gcm", "aes-256-gcm", "null"]),
        ("network ike crypto-profiles ipsec-crypto-profiles * esp authentication", 0, ["none", "md5", "sha1", "sha256", "sha384", "sha512"]),
        ("network ike crypto-profiles ipsec-crypto-profiles * dh-group", 0, ["no-pfs", "group1", "group2", "group5", "group14", "group15", "group16", "group19", "group20", "group21"]),
        ("network ike crypto-profiles ipsec-crypto-profiles * lifetime", 0, ["days", "hours", "minutes", "seconds"]),
        // network/ike-gateway.yaml
        ("network ike gateway * protocol version", 0, ["ikev1", "ikev2", "ikev2-preferred"]),
        ("network ike gateway * protocol ikev1 exchange-mode", 0, ["auto", "main", "aggressive"]),
        ("network ike gateway * local-id type", 0, ["ipaddr", "fqdn", "ufqdn", "keyid", "dn"]),
        ("network ike gateway * peer-id type", 0, ["ipaddr", "fqdn", "ufqdn", "keyid", "dn"]),
        // network/profiles/monitoring.yaml
        ("network profiles monitor-profile * action", 0, ["wait-recover", "fail-over"]),
    ]
    /// Ranges (min...max) of integer leaves.
    static let ranges: [(prefix: String, range: ClosedRange<Int>)] = [
        ("network ike crypto-profiles * * lifetime seconds", 180...65_535), ("network ike crypto-profiles * * lifetime minutes", 3...65_535),
        ("network ike crypto-profiles * * lifetime hours", 1...65_535), ("network ike gateway * protocol * dpd interval", 2...100),
        ("network ike gateway * protocol ikev1 dpd retry", 2...100), ("network interface tunnel units * mtu", 576...9216),
        ("network profiles monitor-profile * interval", 2...100), ("network profiles monitor-profile * threshold", 2...10),
        ("network virtual-router * routing-table ip static-route * metric", 1...65_535),
        ("network virtual-router * protocol bgp policy export rules * action allow update as-path prepend", 1...255),
    ]

    static func matches(_ words: [String], _ prefix: String) -> [String]? {
        let head = prefix.split(separator: " ").map(String.init)
        guard words.count > head.count, zip(words, head).allSatisfy({ $1 == "*" || $0 == $1 }) else { return nil }
        return Array(words.dropFirst(head.count))
    }

    static func expectValidGrammar(_ script: SetScript, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(script.problems.isEmpty, "\(script.problems)", sourceLocation: sourceLocation)
        for line in script.lines {
            for rule in enums {
                if let rest = matches(line, rule.prefix) {
                    #expect(rule.values.contains(rest[rule.position]), "\(line.joined(separator: " "))", sourceLocation: sourceLocation)
                }
            }
            for rule in ranges {
                if let rest = matches(line, rule.prefix) {
                    #expect(rule.range.contains(Int(rest[0]) ?? -1), "\(line.joined(separator: " "))", sourceLocation: sourceLocation)
                }
            }
            // Names genpeer makes stay within 31 characters.
            if line.starts(with: ["network", "ike", "gateway"]) || line.starts(with: ["network", "tunnel", "ipsec"]) {
                #expect(line[3].count <= 31, sourceLocation: sourceLocation)
            }
        }
    }

    private func script(
        _ json: String, locals: DeviceLocalValues = DeviceLocalValues(wanInterface: "ethernet1/1", insideZone: "trust"),
        options: NormalizeOptions = NormalizeOptions()
    ) throws -> SetScript {
        let parsed = SetScript(try renderDevice(.paloalto, json, locals: locals, options: options), quoting: .panos)
        Self.expectValidGrammar(parsed)
        return parsed
    }

    @Test func ikev1MainWithTwoSubnetsOnEachSideIsOneProxyIDPerPair() throws {
        let set = try script(FirewallInputs.ikev1Main)
        #expect(set.names("network ike gateway") == ["test-gw"])
        #expect(set.value("network ike gateway test-gw protocol version") == "ikev1")
        #expect(set.value("network ike gateway test-gw protocol ikev1 exchange-mode") == "main")
        #expect(set.value("network ike gateway test-gw protocol ikev1 ike-crypto-profile") == "test-ike")
        #expect(set.value("network ike gateway test-gw protocol ikev1 dpd interval") == "30")
        #expect(set.value("network ike gateway test-gw protocol ikev1 dpd retry") == "5")
        #expect(set.value("network ike gateway test-gw peer-address ip") == "203.0.113.10")
        #expect(set.values("network ike gateway test-gw local-id") == [["type", "ipaddr", "id", "198.51.100.20"]])
        #expect(set.values("network ike gateway test-gw peer-id") == [["type", "ipaddr", "id", "203.0.113.10"]])
        #expect(set.value("network ike gateway test-gw authentication pre-shared-key key") == "ExamplePsk123")
        #expect(set.value("network ike gateway test-gw local-address interface") == "ethernet1/1")
        #expect(set.value("network ike crypto-profiles ike-crypto-profiles test-ike encryption") == "aes-128-cbc")
        #expect(set.value("network ike crypto-profiles ike-crypto-profiles test-ike hash") == "sha1")
        #expect(set.value("network ike crypto-profiles ike-crypto-profiles test-ike dh-group") == "group14")
        #expect(set.values("network ike crypto-profiles ike-crypto-profiles test-ike lifetime") == [["seconds", "28800"]])
        #expect(set.value("network ike crypto-profiles ipsec-crypto-profiles test-ipsec dh-group") == "group14")
        #expect(set.values("network ike crypto-profiles ipsec-crypto-profiles test-ipsec lifetime") == [["seconds", "3600"]])
        #expect(set.value("network tunnel ipsec test auto-key ipsec-crypto-profile") == "test-ipsec")
        let interface = try #require(set.value("network tunnel ipsec test tunnel-interface"))
        let ids = set.names("network tunnel ipsec test auto-key proxy-id")
        let pairs = ids.map { [set.value("network tunnel ipsec test auto-key proxy-id \($0) local") ?? "", set.value("network tunnel ipsec test auto-key proxy-id \($0) remote") ?? ""] }
        #expect(pairs == [
            ["192.168.10.0/24", "10.0.0.0/16"], ["192.168.10.0/24", "10.1.0.0/16"], ["192.168.20.0/24", "10.0.0.0/16"], ["192.168.20.0/24", "10.1.0.0/16"],
        ])
        // Routes into the tunnel interface, the interface in the VPN zone, rules both ways.
        let routes = set.names("network virtual-router default routing-table ip static-route")
        #expect(routes.map { set.value("network virtual-router default routing-table ip static-route \($0) destination") } == ["10.0.0.0/16", "10.1.0.0/16"])
        #expect(routes.allSatisfy { set.value("network virtual-router default routing-table ip static-route \($0) interface") == interface })
        #expect(set.list("zone vpn network layer3") == [interface])
        #expect(set.value("network virtual-router default interface") == interface)
        #expect(set.value("rulebase security rules test-out from") == "trust")
        #expect(set.value("rulebase security rules test-out to") == "vpn")
        #expect(set.list("rulebase security rules test-out source") == ["192.168.10.0/24", "192.168.20.0/24"])
        #expect(set.list("rulebase security rules test-out destination") == ["10.0.0.0/16", "10.1.0.0/16"])
        #expect(set.value("rulebase security rules test-in from") == "vpn")
        #expect(set.value("rulebase security rules test-in action") == "allow")
    }

    @Test func ikev1AggressiveWithFQDNIdentities() throws {
        let set = try script(FirewallInputs.ikev1AggressiveFQDN)
        #expect(set.value("network ike gateway test-gw protocol ikev1 exchange-mode") == "aggressive")
        #expect(set.values("network ike gateway test-gw local-id") == [["type", "fqdn", "id", "gw.onprem.example.com"]])
        #expect(set.values("network ike gateway test-gw peer-id") == [["type", "fqdn", "id", "vpn.cloud.example.com"]])
        #expect(set.value("network ike gateway test-gw peer-address ip") == "203.0.113.10")
    }

    @Test func ikev2WithoutPFSIsNoPFS() throws {
        let set = try script(FirewallInputs.ikev2NoPFS)
        #expect(set.value("network ike gateway test-gw protocol version") == "ikev2")
        #expect(set.value("network ike gateway test-gw protocol ikev2 ike-crypto-profile") == "test-ike")
        #expect(set.values("network ike gateway test-gw protocol ikev1").isEmpty)
        #expect(set.values("network ike gateway test-gw protocol ikev2 dpd retry").isEmpty)
        #expect(set.value("network ike crypto-profiles ike-crypto-profiles test-ike encryption") == "aes-256-cbc")
        #expect(set.value("network ike crypto-profiles ike-crypto-profiles test-ike hash") == "sha256")
        #expect(set.value("network ike crypto-profiles ipsec-crypto-profiles test-ipsec esp encryption") == "aes-256-cbc")
        #expect(set.value("network ike crypto-profiles ipsec-crypto-profiles test-ipsec esp authentication") == "sha256")
        #expect(set.value("network ike crypto-profiles ipsec-crypto-profiles test-ipsec dh-group") == "no-pfs")
    }

    @Test func lifetimesOverSixtyFiveThousandSecondsAreHoursOrMinutes() throws {
        // The issue's case: 86400 s cannot be `seconds`, so it is `hours 24`; every lifetime is checked.
        let hours = try script(connectionJSON(ike: ["IkeLifetime": 86400], ipsec: ["IpsecLifetime": 86400]))
        #expect(hours.values("network ike crypto-profiles ike-crypto-profiles test-ike lifetime") == [["hours", "24"]])
        #expect(hours.values("network ike crypto-profiles ipsec-crypto-profiles test-ipsec lifetime") == [["hours", "24"]])
        let minutes = try script(connectionJSON(ike: ["IkeLifetime": 70020], ipsec: ["IpsecLifetime": 70001]))
        #expect(minutes.values("network ike crypto-profiles ike-crypto-profiles test-ike lifetime") == [["minutes", "1167"]])
        // Not whole minutes: rounded down, never longer than the cloud's.
        #expect(minutes.values("network ike crypto-profiles ipsec-crypto-profiles test-ipsec lifetime") == [["minutes", "1166"]])
        #expect(minutes.comments.contains { $0.contains("IpsecLifetime 70001") })
        let error = try #require(failure { _ = try renderDevice(.paloalto, connectionJSON(ike: ["IkeLifetime": 120])) })
        #expect(error.diagnostic.message.contains("IkeLifetime 120") && error.diagnostic.location?.path.hasSuffix("IkeLifetime") == true)
    }

    @Test func dualTunnelRouteBasedBGPPrefersTheMaster() throws {
        let set = try script(FirewallInputs.dualBGP, options: NormalizeOptions(remoteAddresses: [], localAddresses: [], announce: [IPv4Network(text: "10.50.0.0/16")!]))
        #expect(set.names("network ike gateway") == ["dual-t1-gw", "dual-t2-gw"])
        #expect(set.value("network ike gateway dual-t1-gw peer-address ip") == "203.0.113.21")
        #expect(set.value("network ike gateway dual-t2-gw peer-address ip") == "203.0.113.22")
        #expect(set.value("network ike gateway dual-t1-gw authentication pre-shared-key key") == "PskOfTunnel1")
        #expect(set.value("network ike gateway dual-t2-gw authentication pre-shared-key key") == "PskOfTunnel2")
        #expect(set.values("network tunnel ipsec dual-t1 auto-key proxy-id").isEmpty)
        #expect(set.value("network tunnel ipsec dual-t1 tunnel-interface") == "tunnel.1")
        #expect(set.value("network tunnel ipsec dual-t2 tunnel-interface") == "tunnel.2")
        #expect(set.value("network interface tunnel units tunnel.1 ip") == "169.254.10.2/30")
        #expect(set.value("network interface tunnel units tunnel.2 ip") == "169.254.20.2/30")
        #expect(set.value("network interface tunnel units tunnel.1 mtu") == "1399")
        #expect(set.list("zone vpn network layer3") == ["tunnel.1", "tunnel.2"])
        let bgp = "network virtual-router default protocol bgp"
        #expect(set.value("\(bgp) local-as") == "65010")
        #expect(set.value("\(bgp) install-route") == "yes")
        #expect(set.names("\(bgp) peer-group") == ["dual-t1", "dual-t2"])
        for (group, neighbor, source) in [("dual-t1", "169.254.10.1", "169.254.10.2/30"), ("dual-t2", "169.254.20.1", "169.254.20.2/30")] {
            #expect(set.value("\(bgp) peer-group \(group) peer \(group) peer-as") == "65530")
            #expect(set.value("\(bgp) peer-group \(group) peer \(group) peer-address ip") == neighbor)
            #expect(set.value("\(bgp) peer-group \(group) peer \(group) local-address ip") == source)
        }
        // Announced through a redistribution profile (no network statement in the legacy VR).
        let profile = try #require(set.names("network virtual-router default protocol redist-profile").first)
        #expect(set.list("network virtual-router default protocol redist-profile \(profile) filter destination") == ["10.50.0.0/16"])
        #expect(set.values("\(bgp) redist-rules \(profile) enable") == [["yes"]])
        #expect(set.values("network virtual-router default routing-table ip static-route").contains { $0.contains("discard") })
        // The slave's peer group is the one de-preferred.
        func exportRule(_ group: String) -> String? {
            set.names("\(bgp) policy export rules").first { set.value("\(bgp) policy export rules \($0) used-by") == group && set.values("\(bgp) policy export rules \($0) action").first?.first == "allow" }
        }
        func importPreference(_ group: String) -> Int? {
            let rule = set.names("\(bgp) policy import rules").first { set.value("\(bgp) policy import rules \($0) used-by") == group }
            return rule.flatMap { set.values("\(bgp) policy import rules \($0) action allow update local-preference").first?.first }.flatMap { Int($0) }
        }
        let masterOut = try #require(exportRule("dual-t1")), slaveOut = try #require(exportRule("dual-t2"))
        #expect(set.values("\(bgp) policy export rules \(masterOut) action allow update as-path prepend").isEmpty)
        #expect(set.value("\(bgp) policy export rules \(slaveOut) action allow update as-path prepend") == "2")
        #expect(set.values("\(bgp) policy export rules \(slaveOut) match address-prefix") == [["10.50.0.0/16", "exact", "yes"]])
        #expect((importPreference("dual-t1") ?? 0) > (importPreference("dual-t2") ?? 0))
    }

    @Test func dualTunnelWithoutBGPUsesMetricsAndTunnelMonitoring() throws {
        let set = try script(
            FirewallInputs.dualStatic, locals: DeviceLocalValues(wanInterface: "ethernet1/1", insideZone: "trust", monitorAddress: "172.16.0.1"),
            options: NormalizeOptions(remoteAddresses: [], localAddresses: [], cloudPrefixes: [IPv4Network(text: "172.16.0.0/12")!]))
        let routes = set.names("network virtual-router default routing-table ip static-route")
        let metric = Dictionary(uniqueKeysWithValues: routes.map {
            (set.value("network virtual-router default routing-table ip static-route \($0) interface") ?? "", Int(set.value("network virtual-router default routing-table ip static-route \($0) metric") ?? "") ?? 0)
        })
        #expect(metric["tunnel.1"]! < metric["tunnel.2"]!)
        for tunnel in ["dual-t1", "dual-t2"] {
            #expect(set.value("network tunnel ipsec \(tunnel) tunnel-monitor enable") == "yes")
            #expect(set.value("network tunnel ipsec \(tunnel) tunnel-monitor destination-ip") == "172.16.0.1")
        }
        let profile = try #require(set.value("network tunnel ipsec dual-t1 tunnel-monitor tunnel-monitor-profile"))
        #expect(set.value("network profiles monitor-profile \(profile) action") == "fail-over")
    }

    // MARK: - Support matrix (vendor-syntax.md §0.1, §7)

    @Test(arguments: [
        ("IkeEncAlg", "des", "des"), ("IpsecEncAlg", "des", "des"), ("IkePfs", "group24", "group24"), ("IpsecPfs", "group24", "group24"),
    ])
    func desAndGroup24AreErrors(field: String, value: String, named: String) throws {
        let json = field.hasPrefix("Ike") ? connectionJSON(ike: [field: value]) : connectionJSON(ipsec: [field: value])
        let error = try #require(failure { _ = try renderDevice(.paloalto, json) })
        #expect(error.diagnostic.message.contains("paloalto") && error.diagnostic.message.contains("\"\(named)\""))
        #expect(error.diagnostic.location?.path.hasSuffix(field) == true)
    }

    @Test func threeDESMD5AndGroup1AreWritten() throws {
        let set = try script(connectionJSON(ike: ["IkeEncAlg": "3des", "IkeAuthAlg": "md5", "IkePfs": "group1"]))
        #expect(set.value("network ike crypto-profiles ike-crypto-profiles test-ike encryption") == "3des")
        #expect(set.value("network ike crypto-profiles ike-crypto-profiles test-ike hash") == "md5")
        #expect(set.value("network ike crypto-profiles ike-crypto-profiles test-ike dh-group") == "group1")
    }

    @Test(arguments: ["ab\"c", "ab\\c", "ab?c"])
    func keysTheCLICannotTakeAreRefused(key: String) throws {
        let error = try #require(failure { _ = try renderDevice(.paloalto, connectionJSON(ike: ["Psk": key])) })
        #expect(error.diagnostic.message.contains("paloalto") && error.diagnostic.location?.path.hasSuffix("Psk") == true)
        #expect(!error.diagnostic.message.contains(key))
    }

    @Test func everyOtherPrintableKeyReadsBackWhole() throws {
        let key = "!#$%&'()*+,-./0123456789:;<=>@AZ[]^_`az{|}~"
        #expect(try script(connectionJSON(ike: ["Psk": key])).value("network ike gateway test-gw authentication pre-shared-key key") == key)
    }

    @Test func placeholdersAreListedAtTheTop() throws {
        let text = try renderDevice(.paloalto, FirewallInputs.dualStatic)
        #expect(text.contains("# Note: replace before applying: <WAN-INTERFACE> (or pass --wan-interface), <INSIDE-ZONE> (or pass --inside-zone), <MONITOR-ADDRESS> (or pass --monitor-address)"))
    }

    @Test func aBGPKeyOverSixtyThreeCharactersIsRefused() throws {
        let json = dualConnectionJSON(master: ["TunnelBgpConfig.AuthKey": String(repeating: "k", count: 64)])
        let error = try #require(failure { _ = try renderDevice(.paloalto, json) })
        #expect(error.diagnostic.message.contains("63") && error.diagnostic.message.contains("AuthKey"))
        let keyed = try script(dualConnectionJSON(master: ["TunnelBgpConfig.AuthKey": "BgpKey1"]))
        let profile = try #require(keyed.value("network virtual-router default protocol bgp peer-group dual-t1 peer dual-t1 connection-options authentication"))
        #expect(keyed.value("network virtual-router default protocol bgp auth-profile \(profile) secret") == "BgpKey1")
    }

    @Test func shangMiIsAnError() {
        #expect(failure { _ = try renderDevice(.paloalto, connectionJSON(ike: ["IkeEncAlg": "sm4", "IkeAuthAlg": "sm3"])) }?.diagnostic.message.contains("ShangMi") == true)
    }

    @Test func ikev2WithSeveralSubnetPairsWarnsOfOneSAPerProxyID() throws {
        let diagnostics = DiagnosticCollector()
        _ = try renderDevice(.paloalto, connectionJSON(top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16"]), diagnostics: diagnostics)
        #expect(diagnostics.diagnostics.contains { $0.message.contains("one SA per proxy-ID") })
    }

    @Test func tunnelNumbersAndStartNone() throws {
        let set = try script(FirewallInputs.dualBGP, locals: DeviceLocalValues(wanInterface: "ethernet1/1", firstTunnelNumber: 40, insideZone: "trust"), options: NormalizeOptions(remoteAddresses: [], localAddresses: [], startAction: .none))
        #expect(set.value("network tunnel ipsec dual-t1 tunnel-interface") == "tunnel.40")
        #expect(set.value("network tunnel ipsec dual-t2 tunnel-interface") == "tunnel.41")
        #expect(set.value("network ike gateway dual-t1-gw protocol-common passive-mode") == "yes")
    }
}
