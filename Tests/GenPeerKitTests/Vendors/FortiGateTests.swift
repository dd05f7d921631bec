import Foundation
import Testing
@testable import GenPeerKit

/// `--target fortigate`, read back with ``FortiOSScript`` (FortiOS's config/edit/set/next/end
/// structure and quoting) and checked against the option names and choices of Fortinet's own
/// schema.
@Suite("The fortigate target")
struct FortiGateTests {
    /// Facts from Fortinet's Ansible collection (fortinet-ansible-dev/ansible-galaxy-fortios-collection,
    /// plugins/modules/fortios_*.py, `versioned_schema`, commit f3cc3222, Oct 2025), carried by
    /// hand: the choices of every enumerated option genpeer writes, per table.
    static let choices: [String: [String: Set<String>]] = [
        "vpn ipsec phase1-interface": [
            "type": ["static", "dynamic", "ddns"], "ike-version": ["1", "2"], "mode": ["aggressive", "main"],
            "peertype": ["any", "one", "dialup", "peer", "peergrp"], "net-device": ["enable", "disable"], "authmethod": ["psk", "signature"],
            "localid-type": ["auto", "fqdn", "user-fqdn", "keyid", "address", "asn1dn"], "dpd": ["disable", "on-idle", "on-demand"],
            "nattraversal": ["enable", "disable", "forced"],
            "dhgrp": ["1", "2", "5", "14", "15", "16", "17", "18", "19", "20", "21", "27", "28", "29", "30", "31", "32"],
            "proposal": Set(["des", "3des", "aes128", "aes192", "aes256"].flatMap { cipher in ["md5", "sha1", "sha256", "sha384", "sha512"].map { "\(cipher)-\($0)" } }),
        ],
        "vpn ipsec phase2-interface": [
            "pfs": ["enable", "disable"], "keylife-type": ["seconds", "kbs", "both"], "auto-negotiate": ["enable", "disable"],
            "src-addr-type": ["subnet", "range", "ip", "name", "subnet6", "range6", "ip6", "name6"],
            "dst-addr-type": ["subnet", "range", "ip", "name", "subnet6", "range6", "ip6", "name6"],
            "dhgrp": ["1", "2", "5", "14", "15", "16", "17", "18", "19", "20", "21", "27", "28", "29", "30", "31", "32"],
            "proposal": Set(["des", "3des", "aes128", "aes192", "aes256"].flatMap { cipher in ["null", "md5", "sha1", "sha256", "sha384", "sha512"].map { "\(cipher)-\($0)" } }),
        ],
        "system interface": ["mtu-override": ["enable", "disable"]],
        "firewall policy": ["action": ["accept", "deny", "ipsec"], "nat": ["enable", "disable"]],
        "router static": ["blackhole": ["enable", "disable"]],
        "router prefix-list": [:],
        "router route-map": [:],
        "router bgp": [:],
    ]
    /// Every option genpeer writes, per table (the schema's keys, `_` spelt `-` as the CLI does).
    static let options: [String: Set<String>] = [
        "vpn ipsec phase1-interface": [
            "type", "interface", "ike-version", "mode", "authmethod", "peertype", "peerid", "net-device", "proposal", "dhgrp", "localid-type", "localid",
            "keylife", "dpd", "dpd-retryinterval", "dpd-retrycount", "nattraversal", "remote-gw", "psksecret",
        ],
        "vpn ipsec phase2-interface": [
            "phase1name", "proposal", "pfs", "dhgrp", "keylife-type", "keylifeseconds", "auto-negotiate", "src-addr-type", "src-subnet", "dst-addr-type", "dst-subnet",
        ],
        "system interface": ["ip", "remote-ip", "mtu-override", "mtu"],
        "firewall address": ["subnet"], "firewall addrgrp": ["member"],
        "firewall policy": [
            "name", "srcintf", "dstintf", "srcaddr", "dstaddr", "action", "schedule", "service", "nat", "tcp-mss-sender", "tcp-mss-receiver",
        ],
        "router static": ["dst", "device", "blackhole", "distance"],
        "router prefix-list": [], "router route-map": [],
        "router bgp": ["as", "router-id"],
    ]
    /// Options of nested tables.
    static let nestedOptions: [String: Set<String>] = [
        "rule": ["action", "prefix", "match-ip-address", "set-aspath-action", "set-aspath", "set-local-preference"],
        "neighbor": ["remote-as", "update-source", "route-map-in", "route-map-out", "password", "keep-alive-timer", "holdtime-timer", "soft-reconfiguration"],
        "network": ["prefix"],
    ]

    /// Every table, option and enumerated value in `script` is one FortiOS knows; FortiOS's
    /// ranges hold (keylife 120–172800, names of phase 1 interfaces at most 15 characters).
    static func expectValidGrammar(_ script: FortiOSScript, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(script.problems.isEmpty, "\(script.problems)", sourceLocation: sourceLocation)
        for (path, table) in script.root.tables {
            guard let known = options[path] else {
                Issue.record("unknown table \(path)", sourceLocation: sourceLocation)
                continue
            }
            let blocks = table.entries.map(\.block) + [table]
            for block in blocks {
                for (key, values) in block.settings {
                    #expect(known.contains(key), "\(path): unknown option \(key)", sourceLocation: sourceLocation)
                    if let allowed = choices[path]?[key] {
                        #expect(values.allSatisfy(allowed.contains), "\(path) \(key) \(values)", sourceLocation: sourceLocation)
                    }
                }
                for (nested, inner) in block.tables {
                    for entry in inner.entries.map(\.block) + [inner] {
                        for (key, _) in entry.settings {
                            #expect(nestedOptions[nested]?.contains(key) == true, "\(path) \(nested): unknown option \(key)", sourceLocation: sourceLocation)
                        }
                        for (deeper, rules) in entry.tables {
                            for rule in rules.entries.map(\.block) {
                                for key in rule.settings.keys {
                                    #expect(nestedOptions[deeper]?.contains(key) == true, "\(deeper): unknown option \(key)", sourceLocation: sourceLocation)
                                }
                            }
                        }
                    }
                }
            }
        }
        for entry in script.root.table("vpn ipsec phase1-interface")?.entries ?? [] {
            #expect(entry.name.count <= 15, "phase 1 name \(entry.name)", sourceLocation: sourceLocation)
            #expect((120...172_800).contains(Int(entry.block.value("keylife") ?? "") ?? 0), sourceLocation: sourceLocation)
        }
        for entry in script.root.table("vpn ipsec phase2-interface")?.entries ?? [] {
            #expect((120...172_800).contains(Int(entry.block.value("keylifeseconds") ?? "") ?? 0), sourceLocation: sourceLocation)
        }
    }

    private func script(_ json: String, locals: DeviceLocalValues = DeviceLocalValues(wanInterface: "port1", lanInterface: "port2"), options: NormalizeOptions = NormalizeOptions(), diagnostics: DiagnosticCollector = DiagnosticCollector()) throws -> FortiOSScript {
        let parsed = FortiOSScript(try renderDevice(.fortigate, json, locals: locals, options: options, diagnostics: diagnostics))
        Self.expectValidGrammar(parsed)
        return parsed
    }

    @Test func ikev1MainWithTwoSubnetsOnEachSideIsOnePhase2PerPair() throws {
        let config = try script(FirewallInputs.ikev1Main)
        let phase1 = try #require(config.root.table("vpn ipsec phase1-interface")?.entry("test"))
        #expect(phase1.value("ike-version") == "1")
        #expect(phase1.value("mode") == "main")
        #expect(phase1.value("interface") == "port1")
        #expect(phase1.value("remote-gw") == "203.0.113.10")
        #expect(phase1.value("proposal") == "aes128-sha1")
        #expect(phase1.value("dhgrp") == "14")
        #expect(phase1.value("keylife") == "28800")
        #expect(phase1.value("localid") == "198.51.100.20")
        #expect(phase1.value("localid-type") == "address")
        #expect(phase1.value("peertype") == "any")
        #expect(phase1.value("psksecret") == "ExamplePsk123")
        #expect(phase1.value("dpd") == "on-idle")
        #expect(phase1.value("dpd-retrycount") == "3")
        #expect(phase1.value("nattraversal") == "enable")
        let phase2 = try #require(config.root.table("vpn ipsec phase2-interface")?.entries)
        let pairs = phase2.map { [$0.block["src-subnet"]!.joined(separator: " "), $0.block["dst-subnet"]!.joined(separator: " ")] }
        #expect(pairs == [
            ["192.168.10.0 255.255.255.0", "10.0.0.0 255.255.0.0"], ["192.168.10.0 255.255.255.0", "10.1.0.0 255.255.0.0"],
            ["192.168.20.0 255.255.255.0", "10.0.0.0 255.255.0.0"], ["192.168.20.0 255.255.255.0", "10.1.0.0 255.255.0.0"],
        ])
        for entry in phase2 {
            #expect(entry.block.value("phase1name") == "test")
            #expect(entry.block.value("proposal") == "aes128-sha1")
            #expect(entry.block.value("pfs") == "enable")
            #expect(entry.block.value("dhgrp") == "14")
            #expect(entry.block.value("keylifeseconds") == "3600")
            #expect(entry.block.value("auto-negotiate") == "enable")
        }
        // Routes to both cloud subnets through the tunnel interface, blackholes behind them.
        let routes = try #require(config.root.table("router static")?.entries.map(\.block))
        let through = routes.filter { $0.value("device") == "test" }.map { $0["dst"]!.joined(separator: " ") }
        #expect(through == ["10.0.0.0 255.255.0.0", "10.1.0.0 255.255.0.0"])
        #expect(routes.filter { $0.value("blackhole") == "enable" }.count == 2)
        // Policies both ways without NAT, with the MSS clamped, on the subnets' address groups.
        let policies = try #require(config.root.table("firewall policy")?.entries.map(\.block))
        #expect(policies.map { [$0.value("srcintf"), $0.value("dstintf")] } == [["port2", "test"], ["test", "port2"]])
        #expect(policies.allSatisfy { $0.value("nat") == "disable" && $0.value("tcp-mss-sender") == "1359" && $0.value("action") == "accept" })
        let groups = try #require(config.root.table("firewall addrgrp"))
        let addresses = try #require(config.root.table("firewall address"))
        let local = groups.entry(policies[0].value("srcaddr")!)!["member"]!.map { addresses.entry($0)!["subnet"]!.joined(separator: " ") }
        let cloud = groups.entry(policies[0].value("dstaddr")!)!["member"]!.map { addresses.entry($0)!["subnet"]!.joined(separator: " ") }
        #expect(local == ["192.168.10.0 255.255.255.0", "192.168.20.0 255.255.255.0"])
        #expect(cloud == ["10.0.0.0 255.255.0.0", "10.1.0.0 255.255.0.0"])
        #expect(config.root.table("router bgp") == nil)
    }

    @Test func ikev1AggressiveWithFQDNIdentities() throws {
        let phase1 = try #require(try script(FirewallInputs.ikev1AggressiveFQDN).root.table("vpn ipsec phase1-interface")?.entry("test"))
        #expect(phase1.value("ike-version") == "1")
        #expect(phase1.value("mode") == "aggressive")
        #expect(phase1.value("localid-type") == "fqdn")
        #expect(phase1.value("localid") == "gw.onprem.example.com")
        #expect(phase1.value("peertype") == "one")
        #expect(phase1.value("peerid") == "vpn.cloud.example.com")
        #expect(phase1.value("remote-gw") == "203.0.113.10")
    }

    @Test func ikev2WithoutPFSSaysPFSDisable() throws {
        let config = try script(FirewallInputs.ikev2NoPFS)
        let phase1 = try #require(config.root.table("vpn ipsec phase1-interface")?.entry("test"))
        #expect(phase1.value("ike-version") == "2")
        #expect(phase1["mode"] == nil)
        #expect(phase1.value("proposal") == "aes256-sha256")
        #expect(phase1.value("dhgrp") == "14")
        let phase2 = try #require(config.root.table("vpn ipsec phase2-interface")?.entry("test"))
        #expect(phase2.value("proposal") == "aes256-sha256")
        #expect(phase2.value("pfs") == "disable")
        #expect(phase2["dhgrp"] == nil)
        #expect(phase2.value("keylifeseconds") == "3600")
    }

    @Test func dualTunnelRouteBasedBGPPrefersTheMaster() throws {
        let config = try script(FirewallInputs.dualBGP, options: NormalizeOptions(remoteAddresses: [], localAddresses: [], announce: [IPv4Network(text: "10.50.0.0/16")!]))
        let phase1 = try #require(config.root.table("vpn ipsec phase1-interface"))
        #expect(phase1.entries.map(\.name) == ["dual-t1", "dual-t2"])
        let master = try #require(phase1.entry("dual-t1")), slave = try #require(phase1.entry("dual-t2"))
        #expect(master.value("remote-gw") == "203.0.113.21")
        #expect(slave.value("remote-gw") == "203.0.113.22")
        #expect(master.value("psksecret") == "PskOfTunnel1")
        #expect(slave.value("psksecret") == "PskOfTunnel2")
        #expect(master.value("proposal") == "aes256-sha256" && master.value("ike-version") == "2" && master.value("keylife") == "86400")
        #expect(master.value("net-device") == "disable")
        // Route-based: one phase 2 per tunnel for 0.0.0.0/0.
        let phase2 = try #require(config.root.table("vpn ipsec phase2-interface")?.entries)
        #expect(phase2.map { $0.block.value("phase1name") } == ["dual-t1", "dual-t2"])
        #expect(phase2.allSatisfy { $0.block["src-subnet"] == ["0.0.0.0", "0.0.0.0"] && $0.block["dst-subnet"] == ["0.0.0.0", "0.0.0.0"] })
        // Inside addresses: this side's PeerBgpIp, the cloud's at the /30's mask.
        let interfaces = try #require(config.root.table("system interface"))
        #expect(interfaces.entry("dual-t1")?["ip"] == ["169.254.10.2", "255.255.255.255"])
        #expect(interfaces.entry("dual-t1")?["remote-ip"] == ["169.254.10.1", "255.255.255.252"])
        #expect(interfaces.entry("dual-t2")?["ip"] == ["169.254.20.2", "255.255.255.255"])
        #expect(interfaces.entry("dual-t2")?.value("mtu") == "1399")
        // BGP: own AS PeerAsn, neighbours LocalBgpIp with AS LocalAsn.
        let bgp = try #require(config.root.table("router bgp"))
        #expect(bgp.value("as") == "65010")
        let neighbors = try #require(bgp.table("neighbor"))
        #expect(neighbors.entries.map(\.name) == ["169.254.10.1", "169.254.20.1"])
        #expect(neighbors.entries.allSatisfy { $0.block.value("remote-as") == "65530" })
        let networks: [[String]] = bgp.table("network")?.entries.map { $0.block["prefix"] ?? [] } ?? []
        #expect(networks == [["10.50.0.0", "255.255.0.0"]])
        // The slave's neighbour is the one de-preferred: prepend out, lower local preference in.
        let maps = try #require(config.root.table("router route-map"))
        func rule(_ map: String?) -> FortiOSScript.Block? { map.flatMap { maps.entry($0)?.table("rule")?.entries.first?.block } }
        let masterOut = rule(neighbors.entry("169.254.10.1")?.value("route-map-out")), slaveOut = rule(neighbors.entry("169.254.20.1")?.value("route-map-out"))
        let masterIn = rule(neighbors.entry("169.254.10.1")?.value("route-map-in")), slaveIn = rule(neighbors.entry("169.254.20.1")?.value("route-map-in"))
        #expect(masterOut?["set-aspath"] == nil)
        #expect(slaveOut?.value("set-aspath-action") == "prepend")
        #expect(slaveOut?.value("set-aspath") == "65010 65010")
        #expect(Int(masterIn?.value("set-local-preference") ?? "") ?? 0 > Int(slaveIn?.value("set-local-preference") ?? "") ?? 0)
        // Outbound maps announce only the prefix list; the announced prefix has a blackhole anchor.
        let list = try #require(masterOut?.value("match-ip-address"))
        let rules = config.root.table("router prefix-list")?.entry(list)?.table("rule")?.entries ?? []
        let listed: [[String]] = rules.map { $0.block["prefix"] ?? [] }
        #expect(listed == [["10.50.0.0", "255.255.0.0"]])
        let statics: [FortiOSScript.Block] = config.root.table("router static")?.entries.map(\.block) ?? []
        #expect(statics.contains { $0["dst"] == ["10.50.0.0", "255.255.0.0"] && $0.value("blackhole") == "enable" })
    }

    @Test func dualTunnelWithoutBGPRoutesTheSlaveAtAWorseDistance() throws {
        let config = try script(FirewallInputs.dualStatic, options: NormalizeOptions(remoteAddresses: [], localAddresses: [], cloudPrefixes: [IPv4Network(text: "172.16.0.0/12")!]))
        let routes = try #require(config.root.table("router static")?.entries.map(\.block))
        let byDevice = Dictionary(uniqueKeysWithValues: routes.compactMap { route in route.value("device").map { ($0, route) } })
        #expect(byDevice["dual-t1"]?["dst"] == ["172.16.0.0", "255.240.0.0"])
        #expect(Int(byDevice["dual-t1"]?.value("distance") ?? "") ?? 99 < Int(byDevice["dual-t2"]?.value("distance") ?? "") ?? 0)
        #expect(config.root.table("router bgp") == nil)
    }

    // MARK: - Support matrix (vendor-syntax.md §0.1, §6)

    @Test(arguments: [("IkePfs", ProposalField.ikeGroup), ("IpsecPfs", .espGroup)])
    func group24IsAnError(field: String, _ proposal: ProposalField) throws {
        let json = proposal == .ikeGroup ? connectionJSON(ike: [field: "group24"]) : connectionJSON(ipsec: [field: "group24"])
        let error = try #require(failure { _ = try renderDevice(.fortigate, json) })
        #expect(error.diagnostic.message.contains("fortigate") && error.diagnostic.message.contains("group24") && error.diagnostic.message.contains("group14"))
        #expect(error.diagnostic.location?.path.hasSuffix(field) == true)
    }

    @Test func desMD5AndTheOlderGroupsAreWrittenAsTheyAre() throws {
        let json = connectionJSON(ike: ["IkeEncAlg": "des", "IkeAuthAlg": "md5", "IkePfs": "group1"], ipsec: ["IpsecEncAlg": "3des", "IpsecAuthAlg": "md5", "IpsecPfs": "group5"])
        let config = try script(json)
        #expect(config.root.table("vpn ipsec phase1-interface")?.entry("test")?.value("proposal") == "des-md5")
        #expect(config.root.table("vpn ipsec phase1-interface")?.entry("test")?.value("dhgrp") == "1")
        #expect(config.root.table("vpn ipsec phase2-interface")?.entry("test")?.value("proposal") == "3des-md5")
        #expect(config.root.table("vpn ipsec phase2-interface")?.entry("test")?.value("dhgrp") == "5")
    }

    @Test func shangMiIsAnError() {
        #expect(failure { _ = try renderDevice(.fortigate, connectionJSON(ike: ["IkeEncAlg": "sm4", "IkeAuthAlg": "sm3"])) }?.diagnostic.message.contains("ShangMi") == true)
    }

    @Test func lifetimesBelowFortiOSsRangeAreErrors() throws {
        let error = try #require(failure { _ = try renderDevice(.fortigate, connectionJSON(ipsec: ["IpsecLifetime": 60])) })
        #expect(error.diagnostic.message.contains("IpsecLifetime 60") && error.diagnostic.message.contains("120"))
        #expect(error.diagnostic.location?.path.hasSuffix("IpsecLifetime") == true)
    }

    @Test func longNamesAreCutToFifteenCharactersAndSaySo() throws {
        let text = try renderDevice(.fortigate, connectionJSON(top: ["Name": "a-very-long-connection-name"]))
        let config = FortiOSScript(text)
        let name = try #require(config.root.table("vpn ipsec phase1-interface")?.entries.first?.name)
        #expect(name.count == 15 && name.hasPrefix("a-very-lo"))
        #expect(config.root.table("vpn ipsec phase2-interface")?.entries.first?.block.value("phase1name") == name)
        #expect(config.comments.contains { $0.contains("a-very-long-connection-name is \(name)") })
    }

    @Test func placeholdersAreListedAtTheTop() throws {
        let text = try renderDevice(.fortigate, connectionJSON())
        #expect(text.contains("# Note: replace before applying: <WAN-INTERFACE> (or pass --wan-interface), <LAN-INTERFACE> (or pass --lan-interface)"))
        #expect(FortiOSScript(text).root.table("vpn ipsec phase1-interface")?.entry("test")?.value("interface") == "<WAN-INTERFACE>")
    }

    @Test func ikev2WithSeveralSubnetPairsWarnsOfOnePhase2PerPair() throws {
        let diagnostics = DiagnosticCollector()
        _ = try script(connectionJSON(top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16"]), diagnostics: diagnostics)
        #expect(diagnostics.diagnostics.contains { $0.message.contains("one phase 2 per subnet pair (2)") })
    }

    // MARK: - Keys

    @Test(arguments: ["Sup3r$ecret?\"'\\#;", "0x4142434445", "00xabc", "plain-Key_1.2"])
    func everyKeyReadsBackWhole(key: String) throws {
        let config = try script(connectionJSON(ike: ["Psk": key]))
        let written = try #require(config.root.table("vpn ipsec phase1-interface")?.entry("test")?.value("psksecret"))
        #expect(Self.decodedKey(written) == key)
    }

    /// What FortiOS makes of a `psksecret` value: `0x` and hex is the bytes; anything else the text.
    static func decodedKey(_ written: String) -> String? {
        guard written.hasPrefix("0x") else { return written.hasPrefix("0") ? nil : written }
        let digits = Array(written.dropFirst(2))
        guard digits.count % 2 == 0 else { return nil }
        let bytes = stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(digits[$0...$0 + 1]), radix: 16) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func aBGPKeyWithAQuoteIsRefused() throws {
        let json = dualConnectionJSON(master: ["TunnelBgpConfig.AuthKey": "ab\"c"])
        let error = try #require(failure { _ = try renderDevice(.fortigate, json) })
        #expect(error.diagnostic.message.contains("AuthKey") && error.diagnostic.message.contains("fortigate") && !error.diagnostic.message.contains("ab\"c"))
    }
}

/// The same scripts read by an offline FortiOS reader from PyPI (anyconfig-fortios-backend,
/// through Tests/vendors/fortios_read.py), so the structure is not only our own reader's view.
@Suite("The fortigate target through a FortiOS reader from PyPI", .enabled(if: FortiOSReader.isInstalled, "pip install anyconfig anyconfig-fortios-backend (scripts/install-test-deps) to run it"))
struct FortiOSReaderTests {
    @Test func theReaderSeesBothTunnelsTheirKeysAndTheBGPSessions() throws {
        let text = try renderDevice(.fortigate, FirewallInputs.dualBGP, locals: DeviceLocalValues(wanInterface: "port1", lanInterface: "port2"))
        let read = try FortiOSReader.read(text)
        let phase1 = try #require(read["vpn ipsec phase1-interface"])
        #expect(phase1.map { $0["edit"] as? String } == ["dual-t1", "dual-t2"])
        #expect(phase1.map { $0["remote-gw"] as? String } == ["203.0.113.21", "203.0.113.22"])
        #expect(phase1.map { $0["psksecret"] as? String } == ["PskOfTunnel1", "PskOfTunnel2"])
        #expect(phase1.map { $0["ike-version"] as? String } == ["2", "2"])
        let phase2 = try #require(read["vpn ipsec phase2-interface"])
        #expect(phase2.map { $0["phase1name"] as? String } == ["dual-t1", "dual-t2"])
        #expect(read["system interface"]?.map { $0["ip"] as? [String] } == [["169.254.10.2", "255.255.255.255"], ["169.254.20.2", "255.255.255.255"]])
        #expect(read["firewall policy"]?.count == 2)
        #expect(read["router route-map"]?.map { $0["edit"] as? String } == ["dual-t1-out", "dual-t1-in", "dual-t2-out", "dual-t2-in"])
    }

    @Test func theReaderSeesOnePhase2PerSubnetPairAndAHexKeyWhole() throws {
        let key = "Sup3r$ecret?\"'\\#;"
        let text = try renderDevice(.fortigate, connectionJSON(
            top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16", "RemoteSubnet": "192.168.10.0/24,192.168.20.0/24"], ike: ["IkeVersion": "ikev1", "Psk": key]))
        let read = try FortiOSReader.read(text)
        #expect(read["vpn ipsec phase1-interface"]?.count == 1)
        let written = try #require(read["vpn ipsec phase1-interface"]?.first?["psksecret"] as? String)
        #expect(FortiGateTests.decodedKey(written) == key)
        let pairs = read["vpn ipsec phase2-interface"]?.map { [($0["src-subnet"] as? [String])?.first ?? "", ($0["dst-subnet"] as? [String])?.first ?? ""] }
        #expect(pairs == [["192.168.10.0", "10.0.0.0"], ["192.168.10.0", "10.1.0.0"], ["192.168.20.0", "10.0.0.0"], ["192.168.20.0", "10.1.0.0"]])
    }
}

/// Runs Tests/vendors/fortios_read.py: the script's top-level tables, by path, as lists of entries.
enum FortiOSReader {
    static let script = repositoryRoot.appendingPathComponent("Tests/vendors/fortios_read.py")
    static let python = TestPython.interpreter(importing: "anyconfig_fortios_backend")

    static var isInstalled: Bool {
        (try? run("", check: false).status) == 0
    }

    static func run(_ input: String, check: Bool = true) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    static func read(_ text: String) throws -> [String: [[String: Any]]] {
        let (status, output) = try run(text)
        guard status == 0, let object = try JSONSerialization.jsonObject(with: output) as? [String: Any], let configs = object["configs"] as? [[String: Any]] else {
            throw GenPeerError(.data, "the FortiOS reader refused the script (status \(status))")
        }
        var tables: [String: [[String: Any]]] = [:]
        for config in configs {
            guard let path = config["config"] as? String else { continue }
            tables[path, default: []] += (config["edits"] as? [[String: Any]]) ?? []
        }
        return tables
    }
}
