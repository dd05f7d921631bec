import Foundation
import Testing
@testable import GenPeerKit

@Suite("Normalize: the cloud's view mirrored into the peer's")
struct NormalizeTests {
    @Test func everyPairIsSwapped() throws {
        let peer = try peers([sample("describe-vpn-connection.json")])[0]
        #expect(peer.primaryTunnel.local.id == .ipv4(IPv4Address("198.51.100.20")!))
        #expect(peer.primaryTunnel.remote.id == .ipv4(IPv4Address("203.0.113.10")!))
        #expect(peer.localSubnets.map(\.description) == ["10.10.0.0/16", "10.20.0.0/24"])
        #expect(peer.remoteSubnets.map(\.description) == ["172.16.0.0/16", "172.17.0.0/16"])
        #expect(peer.primaryTunnel.remote.address == IPv4Address("203.0.113.10"))
        #expect(peer.primaryTunnel.local.address == nil)
    }

    @Test func downloadIsNotSwappedAgain() throws {
        let peer = try peers([sample("download-vpn-connection-config.xml")])[0]
        #expect(peer.primaryTunnel.local.id == .ipv4(IPv4Address("198.51.100.20")!))
        #expect(peer.localSubnets.map(\.description) == ["10.10.0.0/16", "10.20.0.0/24"])
        #expect(peer.primaryTunnel.remote.address == IPv4Address("203.0.113.10"))
    }

    @Test("encryption tokens", arguments: [("aes", EncryptionAlgorithm.aes128), ("aes192", .aes192), ("aes256", .aes256), ("des", .des), ("3des", .tripleDES), ("sm4", .sm4)])
    func encryption(_ token: String, _ expected: EncryptionAlgorithm) throws {
        let peer = try peers([document(connectionJSON(ike: ["IkeEncAlg": token], ipsec: ["IpsecEncAlg": token]))])[0]
        #expect(peer.primaryTunnel.ike.encryption == expected)
        #expect(peer.primaryTunnel.esp.encryption == expected)
    }

    @Test("integrity tokens", arguments: [("md5", IntegrityAlgorithm.md5), ("sha1", .sha1), ("sha256", .sha256), ("sha384", .sha384), ("sha512", .sha512), ("sm3", .sm3)])
    func integrity(_ token: String, _ expected: IntegrityAlgorithm) throws {
        let peer = try peers([document(connectionJSON(ike: ["IkeAuthAlg": token], ipsec: ["IpsecAuthAlg": token]))])[0]
        #expect(peer.primaryTunnel.ike.integrity == expected)
        #expect(peer.primaryTunnel.esp.integrity == expected)
    }

    @Test("DH group tokens", arguments: [("group1", DHGroup.modp768), ("group2", .modp1024), ("group5", .modp1536), ("group14", .modp2048), ("group24", .modp2048s256)])
    func groups(_ token: String, _ expected: DHGroup) throws {
        let peer = try peers([document(connectionJSON(ike: ["IkePfs": token], ipsec: ["IpsecPfs": token]))])[0]
        #expect(peer.primaryTunnel.ike.dhGroup == expected)
        #expect(peer.primaryTunnel.esp.pfsGroup == expected)
    }

    @Test func pfsDisabledMeansNoGroup() throws {
        let peer = try peers([document(connectionJSON(ipsec: ["IpsecPfs": "disabled"]))])[0]
        #expect(peer.primaryTunnel.esp.pfsGroup == nil)
        let error = failure { _ = try peers([document(connectionJSON(ike: ["IkePfs": "disabled"]))]) }
        #expect(error?.description.hasPrefix("vco.json: IkeConfig.IkePfs: unsupported value \"disabled\"") == true)
    }

    @Test func unsupportedAlgorithmNamesTheFieldPath() {
        let plural = "{\"VpnConnections\": {\"VpnConnection\": [\(connectionJSON()), \(connectionJSON(ike: ["IkeEncAlg": "aes512"]))]}}"
        let error = failure { _ = try peers([document(plural, name: "vco.xml")]) }
        #expect(error?.description == "vco.xml: VpnConnections.VpnConnection[1].IkeConfig.IkeEncAlg: unsupported value \"aes512\" (expected aes, aes192, aes256, des, 3des)")
        #expect(error?.kind == .data)
    }

    @Test func lifetimesAreCheckedAndRenewedBeforeTheyEnd() throws {
        let peer = try peers([document(connectionJSON(ipsec: ["IpsecLifetime": 3600]))])[0]
        #expect(peer.primaryTunnel.esp.lifetime.seconds == 3600)
        #expect(peer.primaryTunnel.esp.lifetime.rekeyAfter < 3600)
        #expect(peer.primaryTunnel.esp.lifetime.rekeyAfter - peer.primaryTunnel.esp.lifetime.rekeyMargin > 0)
        for bad in [0, 86401, -5] {
            let error = failure { _ = try peers([document(connectionJSON(ike: ["IkeLifetime": bad]))]) }
            #expect(error?.description == "vco.json: IkeConfig.IkeLifetime: lifetime \(bad) is out of range (expected 1-86400 seconds)")
        }
    }

    @Test func cloudAddressComesFromOptionThenInternetIpThenLocalId() throws {
        #expect(try peers([document(connectionJSON())])[0].primaryTunnel.remote.address == IPv4Address("203.0.113.10"))
        #expect(try peers([document(connectionJSON(top: ["InternetIp": "203.0.113.99"]))])[0].primaryTunnel.remote.address == IPv4Address("203.0.113.99"))
        let overridden = try peers([document(connectionJSON(top: ["InternetIp": "203.0.113.99"]))], options: NormalizeOptions(remoteAddress: IPv4Address("192.0.2.1")))
        #expect(overridden[0].primaryTunnel.remote.address == IPv4Address("192.0.2.1"))
        #expect(overridden[0].primaryTunnel.remote.id == .ipv4(IPv4Address("203.0.113.10")!), "the identity stays LocalId")
        let error = failure { _ = try peers([document(connectionJSON(ike: ["LocalId": "vpn.example.com"]))]) }
        #expect(error?.description.contains("pass --remote-address") == true)
        #expect(try peers([document(connectionJSON(ike: ["LocalId": "vpn.example.com"]))], options: NormalizeOptions(remoteAddress: IPv4Address("192.0.2.1")))[0].primaryTunnel.remote.id == .fqdn("vpn.example.com"))
    }

    @Test func localAddressIsAnyUnlessGiven() throws {
        let peer = try peers([document(connectionJSON())], options: NormalizeOptions(localAddress: IPv4Address("198.51.100.20")))[0]
        #expect(peer.primaryTunnel.local.address == IPv4Address("198.51.100.20"))
    }

    @Test("bad values are rejected with their field path", arguments: [
        (["RemoteSubnet": "192.168.1.0/33"], [String: String?](), "vco.json: RemoteSubnet: \"192.168.1.0/33\" is not an IPv4 CIDR block (expected e.g. 10.0.0.0/16)"),
        (["LocalSubnet": "fd00::/64"], [:], "vco.json: LocalSubnet: IPv6 subnet \"fd00::/64\" is not supported (IPv4 only)"),
        (["LocalSubnet": ""], [:], "vco.json: LocalSubnet: missing: this field is required"),
        ([:], ["Psk": "has space"], "vco.json: IkeConfig.Psk: invalid pre-shared key: it must be 1-100 printable ASCII characters without spaces (value not shown)"),
        ([:], ["Psk": nil], "vco.json: IkeConfig.Psk: missing: the pre-shared key is required"),
        ([:], ["RemoteId": "a b\nconn x"], "vco.json: IkeConfig.RemoteId: \"a b\\nconn x\" is not a usable identity (expected an IPv4 address or a domain name of letters, digits, '-', '_' and '.')"),
        ([:], ["IkeVersion": "ikev3"], "vco.json: IkeConfig.IkeVersion: unsupported value \"ikev3\" (expected ikev1, ikev2)"),
    ])
    func rejected(_ top: [String: String], _ ike: [String: String?], _ expected: String) {
        let error = failure { _ = try peers([document(connectionJSON(top: top, ike: ike.mapValues { $0 as Any? }))]) }
        #expect(error?.description == expected)
        #expect(error?.kind == .data)
    }

    @Test func secretsNeverReachMessages() {
        let error = failure { _ = try peers([document(connectionJSON(ike: ["Psk": "Secret With Spaces"]))]) }
        #expect(error?.description.contains("Secret") == false)
        #expect(PresharedKey.parse("abc")!.description == "********")
    }

    @Test func hostBitsAreClearedWithAWarning() throws {
        let diagnostics = DiagnosticCollector()
        let peer = try peers([document(connectionJSON(top: ["LocalSubnet": "10.0.0.1/16, 10.1.0.0/16"]))], diagnostics: diagnostics)[0]
        #expect(peer.remoteSubnets.map(\.description) == ["10.0.0.0/16", "10.1.0.0/16"])
        #expect(diagnostics.diagnostics.contains { $0.message.contains("host bits") })
    }

    @Test func namesAreSafeAndUnique() throws {
        let inputs = [
            document(siteJSON(1, name: "site-a")),
            document(siteJSON(2, name: "site-a")),
            document(siteJSON(3, top: ["Name": "bad name;", "VpnConnectionId": "vco-xyz"])),
            document(siteJSON(4, top: ["Name": "你好", "VpnConnectionId": nil])),
        ]
        #expect(try peers(inputs).map(\.name) == ["site-a", "site-a-2", "vco-xyz", "vpn-connection"])
        // The ID goes into comments of every target, so it must be an ID.
        let error = failure { _ = try peers([document(connectionJSON(top: ["VpnConnectionId": "vco-1\nconn evil"]))]) }
        #expect(error?.description.hasPrefix("vco.json: VpnConnectionId: \"vco-1\\nconn evil\" is not a connection ID") == true, "\(error?.description ?? "")")
    }

    @Test func ikev1WithSeveralSubnetsWarns() throws {
        let diagnostics = DiagnosticCollector()
        _ = try peers([document(connectionJSON(top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16"], ike: ["IkeVersion": "ikev1"]))], diagnostics: diagnostics)
        #expect(diagnostics.diagnostics.contains { $0.message.contains("Alibaba's IKEv1 carries only one pair") })
    }

}
