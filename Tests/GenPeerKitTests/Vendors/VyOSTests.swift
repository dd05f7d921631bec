import Foundation
import Testing
@testable import GenPeerKit

/// `--target vyos`, read back with ``SetScript`` (VyOS set commands, split as its shell splits
/// them) and checked against the constraints of VyOS's own CLI definitions.
@Suite("The vyos target")
struct VyOSTests {
    /// Facts from vyos/vyos-1x `interface-definitions/` (commit 3710c587, Oct 2024: vpn_ipsec.xml.in,
    /// include/vpn-ipsec-encryption.xml.i, include/vpn-ipsec-hash.xml.i, interfaces_vti.xml.in,
    /// include/interface/adjust-mss.xml.i, include/static/static-route-distance.xml.i,
    /// include/bgp/timers-*.xml.i, policy.xml.in), carried by hand: constraint regexes and ranges.
    static let patterns: [(prefix: String, regex: String)] = [
        ("vpn ipsec ike-group * key-exchange", "ikev1|ikev2"),
        ("vpn ipsec ike-group * mode", "main|aggressive"),
        ("vpn ipsec ike-group * proposal * encryption", "null|aes128|aes192|aes256|3des|aes128gcm128|aes256gcm128|chacha20poly1305"),
        ("vpn ipsec ike-group * proposal * hash", "md5|md5_128|sha1|sha1_160|sha256|sha256_96|sha384|sha512|aesxcbc|aescmac"),
        ("vpn ipsec ike-group * proposal * dh-group", "1|2|5|14|15|16|17|18|19|20|21|22|23|24|25|26|27|28|29|30|31|32"),
        ("vpn ipsec ike-group * dead-peer-detection action", "trap|clear|restart"),
        ("vpn ipsec ike-group * close-action", "none|trap|start"),
        ("vpn ipsec esp-group * mode", "tunnel|transport"),
        ("vpn ipsec esp-group * pfs", "enable|dh-group(1|2|5|1[4-9]|2[0-9]|3[0-2])|disable"),
        ("vpn ipsec esp-group * proposal * encryption", "null|aes128|aes192|aes256|3des|aes128gcm128|aes256gcm128|chacha20poly1305"),
        ("vpn ipsec esp-group * proposal * hash", "md5|md5_128|sha1|sha1_160|sha256|sha256_96|sha384|sha512|aesxcbc|aescmac"),
        ("vpn ipsec site-to-site peer * authentication mode", "pre-shared-secret|rsa|x509"),
        ("vpn ipsec site-to-site peer * connection-type", "initiate|respond|none"),
        ("interfaces vti", "vti[0-9]+"),
        ("policy prefix-list * rule * action", "permit|deny"),
        ("policy route-map * rule * action", "permit|deny"),
    ]
    static let ranges: [(prefix: String, range: ClosedRange<Int>)] = [
        ("vpn ipsec ike-group * lifetime", 0...86_400), ("vpn ipsec esp-group * lifetime", 30...86_400),
        ("vpn ipsec ike-group * dead-peer-detection interval", 2...86_400), ("vpn ipsec ike-group * dead-peer-detection timeout", 2...86_400),
        ("interfaces vti * mtu", 68...16_000), ("interfaces vti * ip adjust-mss", 536...65_535),
        ("protocols bgp neighbor * timers holdtime", 0...65_535), ("protocols bgp neighbor * timers keepalive", 1...65_535),
        ("policy route-map * rule", 1...65_535), ("policy route-map * rule * set local-preference", 0...4_294_967_295),
    ]
    /// Tag names genpeer makes: the peer name regex `[-_a-zA-Z0-9|@]+` (no dots: `verify()`
    /// rejects them) and the prefix-list constraint (letters, digits, `-`, `_`).
    static let namePattern = "[-_a-zA-Z0-9]+"

    static func fullMatch(_ value: String, _ regex: String) -> Bool {
        value.range(of: "^(\(regex))$", options: .regularExpression) != nil
    }

    static func expectValidGrammar(_ script: SetScript, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(script.problems.isEmpty, "\(script.problems)", sourceLocation: sourceLocation)
        for line in script.lines {
            for rule in patterns {
                if let rest = PaloAltoTests.matches(line, rule.prefix) {
                    #expect(fullMatch(rest[0], rule.regex), "\(line.joined(separator: " "))", sourceLocation: sourceLocation)
                }
            }
            for rule in ranges {
                if let rest = PaloAltoTests.matches(line, rule.prefix) {
                    #expect(rule.range.contains(Int(rest[0]) ?? -1), "\(line.joined(separator: " "))", sourceLocation: sourceLocation)
                }
            }
            if let rest = PaloAltoTests.matches(line, "vpn ipsec site-to-site peer") {
                #expect(fullMatch(rest[0], namePattern), sourceLocation: sourceLocation)
            }
            if let rest = PaloAltoTests.matches(line, "policy prefix-list") {
                #expect(fullMatch(rest[0], namePattern), sourceLocation: sourceLocation)
            }
        }
    }

    private func script(_ json: String, locals: DeviceLocalValues = DeviceLocalValues(), options: NormalizeOptions = NormalizeOptions()) throws -> SetScript {
        let parsed = SetScript(try renderDevice(.vyos, json, locals: locals, options: options), quoting: .vyos)
        Self.expectValidGrammar(parsed)
        return parsed
    }

    @Test func ikev1MainWithTwoSubnetsOnEachSideIsOneTunnelPerPair() throws {
        let set = try script(FirewallInputs.ikev1Main)
        let peer = "vpn ipsec site-to-site peer test"
        #expect(set.value("\(peer) remote-address") == "203.0.113.10")
        #expect(set.value("\(peer) local-address") == "any")
        #expect(set.value("\(peer) authentication local-id") == "198.51.100.20")
        #expect(set.value("\(peer) authentication remote-id") == "203.0.113.10")
        #expect(set.value("\(peer) authentication mode") == "pre-shared-secret")
        #expect(set.value("\(peer) connection-type") == "initiate")
        let ike = try #require(set.value("\(peer) ike-group")), esp = try #require(set.value("\(peer) default-esp-group"))
        #expect(set.value("vpn ipsec ike-group \(ike) key-exchange") == "ikev1")
        #expect(set.value("vpn ipsec ike-group \(ike) mode") == "main")
        #expect(set.value("vpn ipsec ike-group \(ike) lifetime") == "28800")
        #expect(set.value("vpn ipsec ike-group \(ike) proposal 1 encryption") == "aes128")
        #expect(set.value("vpn ipsec ike-group \(ike) proposal 1 hash") == "sha1")
        #expect(set.value("vpn ipsec ike-group \(ike) proposal 1 dh-group") == "14")
        #expect(set.value("vpn ipsec ike-group \(ike) dead-peer-detection interval") == "30")
        #expect(set.value("vpn ipsec ike-group \(ike) dead-peer-detection timeout") == "150")
        #expect(set.value("vpn ipsec esp-group \(esp) pfs") == "dh-group14")
        #expect(set.value("vpn ipsec esp-group \(esp) lifetime") == "3600")
        // The key, with the identities it is for.
        #expect(set.values("vpn ipsec authentication psk test id") == [["198.51.100.20"], ["203.0.113.10"]])
        #expect(set.value("vpn ipsec authentication psk test secret") == "ExamplePsk123")
        let tunnels = set.names("\(peer) tunnel")
        let pairs = tunnels.map { set.values("\(peer) tunnel \($0) local prefix").flatMap { $0 } + set.values("\(peer) tunnel \($0) remote prefix").flatMap { $0 } }
        #expect(pairs == [
            ["192.168.10.0/24", "10.0.0.0/16"], ["192.168.10.0/24", "10.1.0.0/16"], ["192.168.20.0/24", "10.0.0.0/16"], ["192.168.20.0/24", "10.1.0.0/16"],
        ])
        #expect(set.values("\(peer) vti").isEmpty)
        #expect(set.values("interfaces vti").isEmpty)
    }

    @Test func ikev1AggressiveWithFQDNIdentities() throws {
        let set = try script(FirewallInputs.ikev1AggressiveFQDN)
        #expect(set.value("vpn ipsec ike-group test-ike mode") == "aggressive")
        #expect(set.value("vpn ipsec site-to-site peer test authentication local-id") == "gw.onprem.example.com")
        #expect(set.value("vpn ipsec site-to-site peer test authentication remote-id") == "vpn.cloud.example.com")
        #expect(set.values("vpn ipsec authentication psk test id") == [["gw.onprem.example.com"], ["vpn.cloud.example.com"]])
    }

    @Test func ikev2CarriesEverySubnetInOneTunnelAndSaysPFSDisable() throws {
        let json = connectionJSON(
            top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16", "RemoteSubnet": "192.168.10.0/24,192.168.20.0/24"],
            ike: ["IkeEncAlg": "aes256", "IkeAuthAlg": "sha256", "IkePfs": "group14"],
            ipsec: ["IpsecEncAlg": "aes256", "IpsecAuthAlg": "sha256", "IpsecPfs": "disabled"])
        let set = try script(json)
        #expect(set.value("vpn ipsec ike-group test-ike key-exchange") == "ikev2")
        #expect(set.values("vpn ipsec ike-group test-ike mode").isEmpty)
        #expect(set.value("vpn ipsec ike-group test-ike proposal 1 encryption") == "aes256")
        #expect(set.value("vpn ipsec ike-group test-ike proposal 1 hash") == "sha256")
        #expect(set.value("vpn ipsec esp-group test-esp pfs") == "disable")
        #expect(set.value("vpn ipsec esp-group test-esp proposal 1 encryption") == "aes256")
        #expect(set.names("vpn ipsec site-to-site peer test tunnel") == ["1"])
        #expect(set.values("vpn ipsec site-to-site peer test tunnel 1 local prefix") == [["192.168.10.0/24"], ["192.168.20.0/24"]])
        #expect(set.values("vpn ipsec site-to-site peer test tunnel 1 remote prefix") == [["10.0.0.0/16"], ["10.1.0.0/16"]])
        #expect(set.values("vpn ipsec ike-group test-ike dead-peer-detection timeout").isEmpty)
        #expect(try script(FirewallInputs.ikev2NoPFS).value("vpn ipsec esp-group test-esp pfs") == "disable")
    }

    @Test func dualTunnelRouteBasedBGPPrefersTheMaster() throws {
        let set = try script(FirewallInputs.dualBGP, options: NormalizeOptions(remoteAddresses: [], localAddresses: [], announce: [IPv4Network(text: "10.50.0.0/16")!]))
        #expect(set.names("vpn ipsec site-to-site peer") == ["dual-t1", "dual-t2"])
        #expect(set.value("vpn ipsec site-to-site peer dual-t1 remote-address") == "203.0.113.21")
        #expect(set.value("vpn ipsec site-to-site peer dual-t2 remote-address") == "203.0.113.22")
        #expect(set.value("vpn ipsec authentication psk dual-t1 secret") == "PskOfTunnel1")
        #expect(set.value("vpn ipsec authentication psk dual-t2 secret") == "PskOfTunnel2")
        #expect(set.values("vpn ipsec authentication psk dual-t2 id").contains(["203.0.113.22"]))
        #expect(set.values("vpn ipsec options disable-route-autoinstall") == [[]] || set.lines.contains(["vpn", "ipsec", "options", "disable-route-autoinstall"]))
        #expect(set.value("vpn ipsec site-to-site peer dual-t1 vti bind") == "vti1")
        #expect(set.value("vpn ipsec site-to-site peer dual-t2 vti bind") == "vti2")
        #expect(set.names("vpn ipsec site-to-site peer dual-t1 tunnel").isEmpty)
        #expect(set.value("interfaces vti vti1 address") == "169.254.10.2/30")
        #expect(set.value("interfaces vti vti2 address") == "169.254.20.2/30")
        #expect(set.value("interfaces vti vti1 mtu") == "1399")
        #expect(set.value("interfaces vti vti1 ip adjust-mss") == "1359")
        #expect(set.value("protocols bgp system-as") == "65010")
        #expect(set.values("protocols bgp address-family ipv4-unicast network") == [["10.50.0.0/16"]])
        #expect(set.names("protocols bgp neighbor") == ["169.254.10.1", "169.254.20.1"])
        for neighbor in ["169.254.10.1", "169.254.20.1"] {
            #expect(set.value("protocols bgp neighbor \(neighbor) remote-as") == "65530")
            #expect(set.value("protocols bgp neighbor \(neighbor) timers holdtime") == "30")
        }
        func map(_ neighbor: String, _ direction: String) -> String? {
            set.value("protocols bgp neighbor \(neighbor) address-family ipv4-unicast route-map \(direction)")
        }
        let slaveOut = try #require(map("169.254.20.1", "export")), masterOut = try #require(map("169.254.10.1", "export"))
        #expect(set.values("policy route-map \(slaveOut) rule 10 set as-path prepend") == [["65010 65010"]])
        #expect(set.values("policy route-map \(masterOut) rule 10 set as-path prepend").isEmpty)
        let list = try #require(set.value("policy route-map \(masterOut) rule 10 match ip address prefix-list"))
        #expect(set.values("policy prefix-list \(list) rule 10 prefix") == [["10.50.0.0/16"]])
        let masterIn = Int(set.value("policy route-map \(map("169.254.10.1", "import") ?? "") rule 10 set local-preference") ?? "") ?? 0
        let slaveIn = Int(set.value("policy route-map \(map("169.254.20.1", "import") ?? "") rule 10 set local-preference") ?? "") ?? 0
        #expect(masterIn > slaveIn)
        #expect(set.values("protocols static route").isEmpty)
    }

    @Test func dualTunnelWithoutBGPRoutesTheSlaveAtAWorseDistance() throws {
        let set = try script(FirewallInputs.dualStatic, options: NormalizeOptions(remoteAddresses: [], localAddresses: [], cloudPrefixes: [IPv4Network(text: "172.16.0.0/12")!]))
        #expect(set.values("protocols static route 172.16.0.0/12") == [["interface", "vti1", "distance", "10"], ["interface", "vti2", "distance", "20"]])
    }

    // MARK: - Support matrix (vendor-syntax.md §0.1, §11)

    @Test(arguments: ["IkeEncAlg", "IpsecEncAlg"])
    func desIsAnError(field: String) throws {
        let json = field == "IkeEncAlg" ? connectionJSON(ike: [field: "des"]) : connectionJSON(ipsec: [field: "des"])
        let error = try #require(failure { _ = try renderDevice(.vyos, json) })
        #expect(error.diagnostic.message.contains("vyos") && error.diagnostic.message.contains("\"des\"") && error.diagnostic.location?.path.hasSuffix(field) == true)
    }

    @Test func group24ThreeDESAndMD5AreWritten() throws {
        let set = try script(connectionJSON(ike: ["IkeEncAlg": "3des", "IkeAuthAlg": "md5", "IkePfs": "group24"], ipsec: ["IpsecPfs": "group24"]))
        #expect(set.value("vpn ipsec ike-group test-ike proposal 1 dh-group") == "24")
        #expect(set.value("vpn ipsec ike-group test-ike proposal 1 encryption") == "3des")
        #expect(set.value("vpn ipsec esp-group test-esp pfs") == "dh-group24")
    }

    @Test func anESPLifetimeBelowThirtySecondsIsAnError() throws {
        // VyOS takes ESP lifetimes from 30 s; genpeer refuses any below a minute for every target first.
        let error = try #require(failure { _ = try renderDevice(.vyos, connectionJSON(ipsec: ["IpsecLifetime": 20])) })
        #expect(error.diagnostic.message.hasPrefix("lifetime 20 s is too short"))
        #expect(VyOSDialect.espLifetimeRange.lowerBound == 30)
    }

    // MARK: - Keys

    @Test(arguments: ["!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "0x4142", "0sQUJD", "plain-Key_1.2"])
    func everyKeyReadsBackWhole(key: String) throws {
        let set = try script(connectionJSON(ike: ["Psk": key]))
        let written = try #require(set.value("vpn ipsec authentication psk test secret"))
        // VyOS writes the secret into swanctl.conf in double quotes; strongSwan decodes `0s`.
        #expect(decodeSecret("\"\(written)\"", swanctlQuoting: true) == key)
    }

    @Test func aBGPKeyWithAQuoteStaysOneWord() throws {
        let set = try script(dualConnectionJSON(master: ["TunnelBgpConfig.AuthKey": "it's-a\"key"]))
        #expect(set.value("protocols bgp neighbor 169.254.10.1 password") == "it's-a\"key")
    }

    @Test func shangMiIsAnError() {
        #expect(failure { _ = try renderDevice(.vyos, connectionJSON(ike: ["IkeEncAlg": "sm4", "IkeAuthAlg": "sm3"])) }?.diagnostic.message.contains("ShangMi") == true)
    }

    @Test func tunnelNumbersAndStartActions() throws {
        let set = try script(FirewallInputs.dualBGP, locals: DeviceLocalValues(wanInterface: "eth1", firstTunnelNumber: 10))
        #expect(set.value("vpn ipsec site-to-site peer dual-t1 vti bind") == "vti10")
        #expect(set.value("vpn ipsec site-to-site peer dual-t2 vti bind") == "vti11")
        #expect(set.value("vpn ipsec interface") == "eth1")
        let none = try script(connectionJSON(), options: NormalizeOptions(remoteAddresses: [], localAddresses: [], startAction: .none))
        #expect(none.value("vpn ipsec site-to-site peer test connection-type") == "none")
        #expect(none.value("vpn ipsec ike-group test-ike dead-peer-detection action") == "clear")
        let trap = try script(connectionJSON(), options: NormalizeOptions(remoteAddresses: [], localAddresses: [], startAction: .trap))
        #expect(trap.value("vpn ipsec site-to-site peer test connection-type") == "respond")
    }
}
