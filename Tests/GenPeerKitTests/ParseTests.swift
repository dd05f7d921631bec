import Foundation
import Testing
@testable import GenPeerKit

@Suite("Parse: every format and shape gives the same model")
struct ParseTests {
    /// The models, with the file name taken out so that formats compare equal.
    private func models(_ name: String) throws -> [PeerConnection] {
        try peers([sample(name)]).map { peer in
            var peer = peer
            peer.source.file = ""
            for index in peer.tunnels.indices { peer.tunnels[index].source.file = "" }
            return peer
        }
    }

    @Test("JSON and XML give the same model", arguments: [
        "describe-vpn-connection", "describe-vpn-connections", "download-vpn-connection-config", "describe-vpn-connection-dual-tunnel",
    ])
    func formatsAgree(_ base: String) throws {
        #expect(try models("\(base).json") == models("\(base).xml"))
    }

    @Test func theDualTunnelSampleIsTodaysDefaultConnectionMirrored() throws {
        let connection = try #require(try models("describe-vpn-connection-dual-tunnel.json").first)
        #expect(connection.routing == .routeBased)
        #expect(connection.tunnels.map(\.role) == [.master, .slave])
        #expect(connection.tunnels.map(\.remote.address.description) == ["203.0.113.41", "203.0.113.42"])
        #expect(connection.tunnels.map(\.local.id) == [.ipv4(IPv4Address("198.51.100.50")!), .ipv4(IPv4Address("198.51.100.50")!)])
        let bgp = connection.tunnels.compactMap(\.bgp)
        #expect(bgp.map(\.localASN) == [65010, 65010])
        #expect(bgp.map(\.remoteASN) == [45104, 45104])
        #expect(bgp.map(\.remoteAddress.description) == ["169.254.11.1", "169.254.12.1"])
        #expect(connection.tunnels.map { $0.interface?.address?.description } == ["169.254.11.2/30", "169.254.12.2/30"])
        #expect(connection.tunnels.map(\.esp.lifetime.seconds) == [3600, 3600])
    }

    @Test func pluralReadsEveryConnectionInOrder() throws {
        let connections = try models("describe-vpn-connections.json")
        #expect(connections.map(\.name) == ["idc-shanghai", "idc-beijing"])
        #expect(connections.map(\.primaryTunnel.remote.address.description) == ["203.0.113.10", "203.0.113.11"])
        #expect(connections[0].source.path == "VpnConnections.VpnConnection[0]")
    }

    @Test func singularAndDownloadOfTheSameConnectionAgree() throws {
        var described = try models("describe-vpn-connection.json")[0]
        var downloaded = try models("download-vpn-connection-config.json")[0]
        for connection in [described, downloaded] { #expect(connection.primaryTunnel.local.id == .ipv4(IPv4Address("198.51.100.20")!)) }
        described.name = ""; downloaded.name = ""
        described.vpnConnectionId = nil
        described.source = downloaded.source
        described.tags = []
        // Only the names and where the values were read from differ: a download names no gateway.
        described.tunnels[0].name = ""; downloaded.tunnels[0].name = ""
        described.tunnels[0].source = downloaded.tunnels[0].source
        described.tunnels[0].customerGatewayId = nil
        // A download has no EnableDpd or EnableNatTraversal: their defaults stand in, and the model says so.
        #expect(downloaded.tunnels[0].assumed == ["EnableDpd", "EnableNatTraversal"])
        described.tunnels[0].assumed = downloaded.tunnels[0].assumed
        #expect(described == downloaded)
    }

    @Test func scalarsAreReadLeniently() throws {
        let typed = try peers([document(connectionJSON(top: ["EnableDpd": false], ike: ["IkeLifetime": 28800]))])
        let quoted = try peers([document(connectionJSON(top: ["EnableDpd": "false"], ike: ["IkeLifetime": "28800"]))])
        #expect(typed == quoted)
        #expect(typed[0].primaryTunnel.deadPeerDetection == false)
        #expect(typed[0].primaryTunnel.ike.lifetime.seconds == 28800)
    }

    @Test func xmlOneItemListsAreLists() throws {
        let xml = """
            <DescribeVpnConnectionsResponse><VpnConnections><VpnConnection>
            <VpnConnectionId>vco-1</VpnConnectionId><Name>one</Name>
            <LocalSubnet>10.0.0.0/16</LocalSubnet><RemoteSubnet>192.168.1.0/24</RemoteSubnet>
            <IkeConfig><IkeVersion>ikev2</IkeVersion><IkeEncAlg>aes</IkeEncAlg><IkeAuthAlg>sha1</IkeAuthAlg><IkePfs>group14</IkePfs>
            <IkeLifetime>86400</IkeLifetime><LocalId>203.0.113.10</LocalId><RemoteId>198.51.100.20</RemoteId><Psk>abc</Psk></IkeConfig>
            <IpsecConfig><IpsecEncAlg>aes</IpsecEncAlg><IpsecAuthAlg>sha1</IpsecAuthAlg><IpsecPfs>group14</IpsecPfs><IpsecLifetime>3600</IpsecLifetime></IpsecConfig>
            <Tag><Tag><Key>k</Key><Value>v</Value></Tag></Tag>
            </VpnConnection></VpnConnections></DescribeVpnConnectionsResponse>
            """
        let connections = try peers([document(xml, name: "one.xml")])
        #expect(connections.count == 1)
        #expect(connections[0].tags == [PeerTag(key: "k", value: "v")])
        #expect(connections[0].source.path == "VpnConnections.VpnConnection[0]")
    }

    @Test func aBareListOfConnectionsIsRead() throws {
        let list = "[\(siteJSON(1, name: "a")), \(siteJSON(2, name: "b"))]"
        #expect(try peers([document(list)]).map(\.name) == ["a", "b"])
    }

    @Test func formatIsDetectedAndCanBeForced() throws {
        #expect(InputFormat.detect(Array("\u{FEFF}  <x/>".utf8)) == .xml)
        #expect(InputFormat.detect(Array("\n{}".utf8)) == .json)
        #expect(InputFormat.detect(Array("hello".utf8)) == nil)
        let error = failure { _ = try DocumentReader(forcedFormat: .xml).read(Data(connectionJSON().utf8), fileName: "vco.json") }
        #expect(error?.kind == .data)
    }

    @Test("malformed documents are data errors naming the file", arguments: [
        ("{\"VpnConnectionId\": ", "vco.json: VpnConnectionId: not valid JSON: the document ends early (line 1, column 21)"),
        ("<a><b></a>", "vco.json: not well-formed XML"),
        ("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "vco.json: the XML document has a DOCTYPE"),
        ("{\"Foo\": 1}", "vco.json: not a DescribeVpnConnection(s) or DownloadVpnConnectionConfig response"),
        ("", "vco.json: the input is empty"),
        ("{\"VpnConnections\": {\"VpnConnection\": []}}", "vco.json: VpnConnections: the document lists no VPN connection"),
    ])
    func malformed(_ text: String, _ expected: String) {
        let error = failure { _ = try peers([document(text)]) }
        #expect(error?.kind == .data)
        #expect(error?.description.hasPrefix(expected) == true, "\(error?.description ?? "no error")")
    }

    @Test func wrongTypesNameTheField() {
        let error = failure { _ = try peers([document(connectionJSON(top: ["EnableDpd": "maybe"]))]) }
        #expect(error?.description == "vco.json: EnableDpd: expected true or false, found the string \"maybe\"")
        let lifetime = failure { _ = try peers([document(connectionJSON(ipsec: ["IpsecLifetime": "1h"]))]) }
        #expect(lifetime?.description == "vco.json: IpsecConfig.IpsecLifetime: expected a whole number, found the string \"1h\"")
    }

    @Test func repeatedXMLElementIsAnError() {
        let error = failure { _ = try peers([document("<R><Name>a</Name><Name>b</Name></R>", name: "r.xml")]) }
        #expect(error?.description == "r.xml: Name: element <Name> appears more than once")
    }
}
