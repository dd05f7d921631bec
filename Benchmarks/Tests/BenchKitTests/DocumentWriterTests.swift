import Foundation
import Testing

@testable import BenchKit

@Suite struct DocumentWriterTests {
    @Test func jsonDocumentHasTheAPIShape() throws {
        let text = DocumentWriter(format: .json).text(connectionCount: 12)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["TotalCount"] as? Int == 12)
        #expect(root["PageNumber"] as? Int == 1)
        #expect(root["PageSize"] as? Int == 12)
        let list = try #require((root["VpnConnections"] as? [String: Any])?["VpnConnection"] as? [[String: Any]])
        #expect(list.count == 12)
        #expect(list.first?["VpnConnectionId"] as? String == "vco-bench000001")
        #expect(list.last?["VpnConnectionId"] as? String == "vco-bench000012")
        let ike = try #require(list[1]["IkeConfig"] as? [String: Any])
        #expect(ike["IkeVersion"] as? String == "ikev2")
        #expect(ike["RemoteId"] as? String == BenchConnection(index: 2).onPremisesId)
    }

    @Test func xmlDocumentRepeatsVpnConnectionUnderTheResponseRoot() {
        let text = DocumentWriter(format: .xml).text(connectionCount: 3)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeVpnConnectionsResponse>\n"))
        #expect(text.hasSuffix("  </VpnConnections>\n</DescribeVpnConnectionsResponse>\n"))
        #expect(text.components(separatedBy: "<VpnConnection>").count - 1 == 3)
        #expect(text.contains("<VpnConnectionId>vco-bench000003</VpnConnectionId>"))
        #expect(text.contains("      <Tag>\n        <Tag>\n          <Key>env</Key>\n"))
        #expect(text.contains("<Tag></Tag>"))
    }

    @Test func xmlEscapesMarkupCharacters() {
        let text = XMLEncoding().encode(.object([("Psk", .string("a<b&c"))]), named: "IkeConfig", level: 0)
        #expect(text == "<IkeConfig>\n  <Psk>a&lt;b&amp;c</Psk>\n</IkeConfig>\n")
    }

    @Test func writtenFileMatchesTheTextAndCountsItsBytes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).xml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let document = try DocumentWriter(format: .xml).write(connectionCount: 25, to: path)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == DocumentWriter(format: .xml).text(connectionCount: 25))
        #expect(document.byteCount == written.utf8.count)
        #expect(document.connectionCount == 25)
    }

    @Test func connectionsVaryDeterministically() {
        let connections = (1...120).map(BenchConnection.init(index:))
        #expect(Set(connections.map(\.vpnConnectionId)).count == 120)
        #expect(Set(connections.map(\.ikeVersion)) == ["ikev1", "ikev2"])
        #expect(Set(connections.map(\.encryption)) == ["aes", "aes256"])
        #expect(Set(connections.map(\.integrity)) == ["sha1", "sha256"])
        #expect(Set(connections.map(\.ikeGroup)) == ["group2", "group14"])
        #expect(connections.contains { $0.ipsecPfs == "disabled" })
        #expect(connections.contains { $0.presharedKey.contains("#") })
        #expect(connections.allSatisfy { $0.ikeVersion == "ikev2" || $0.onPremisesSubnets.count == 1 })
        #expect(BenchConnection(index: 7).name == "branch office 7")
        #expect(BenchConnection(index: 1).cloudSubnets == ["10.0.1.0/24"])
        #expect(DocumentWriter(format: .json).text(connectionCount: 5) == DocumentWriter(format: .json).text(connectionCount: 5))
    }
}
