import Foundation
import Testing
@testable import GenPeerKit

/// Alibaba's conventions (`AlibabaConventions.swift`) give the same model from JSON and XML:
/// lenient scalars, blank values, list wrappers and one-item lists.
@Suite("Reading conventions: JSON and XML read alike")
struct ReadingConventionsTests {
    private func read(_ text: String, _ format: InputFormat) throws -> [AlibabaConnection] {
        try DocumentReader(forcedFormat: format).read(Data(text.utf8), fileName: "doc")
    }

    private func described(_ text: String, _ format: InputFormat) throws -> AlibabaVpnConnection {
        let connections = try read(text, format)
        guard connections.count == 1, case .described(let connection) = connections[0] else {
            throw GenPeerError(.data, "expected one described connection, read \(connections)")
        }
        return connection
    }

    @Test("every sample and the dual-tunnel fixture give the same model from JSON as from its XML", arguments: [
        "samples/describe-vpn-connection.json", "samples/describe-vpn-connections.json", "samples/download-vpn-connection-config.json",
        "samples/describe-vpn-connection-dual-tunnel.json", "Tests/Fixtures/dual-tunnel.json",
    ])
    func jsonAndItsXMLAgree(_ path: String) throws {
        let json = String(decoding: try Data(contentsOf: repositoryRoot.appendingPathComponent(path)), as: UTF8.self)
        let fromJSON = try read(json, .json)
        #expect(!fromJSON.isEmpty)
        #expect(fromJSON == (try read(AlibabaXML.document(fromJSON: json), .xml)))
    }

    @Test func theDualTunnelFixtureIsReadWhole() throws {
        let json = String(decoding: try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/dual-tunnel.json")), as: UTF8.self)
        let connection = try described(json, .json)
        #expect(connection.tunnelOptions.map(\.role) == ["master", "slave"])
        #expect(connection.tunnelOptions[0].location.path == "TunnelOptionsSpecification.TunnelOptions[0]")
        #expect(connection.tunnelOptions[1].ikeConfig?.location.path == "TunnelOptionsSpecification.TunnelOptions[1].TunnelIkeConfig")
        #expect(connection.tunnelOptions[0].ikeConfig?.ikeLifetime == 86400)
        #expect(connection.tunnelOptions[0].bgpConfig?.localAsn == 65530)
        #expect(connection.tunnelOptions[0].bgpConfig?.bgpStatus == "success")
        #expect(connection.tunnelOptions[0].enableDpd == true)
        #expect(connection.tags.map(\.key) == ["site"])
        #expect(connection.createTime == 1_700_000_200_000)
    }

    @Test("scalars: their own type, the same as text, or XML's text, all alike")
    func lenientScalars() throws {
        let typed = try described(#"{"VpnConnectionId": "vco-1", "EnableDpd": false, "CreateTime": 42, "IkeConfig": {"IkeLifetime": 28800, "Psk": "k"}}"#, .json)
        let quoted = try described(#"{"VpnConnectionId": "vco-1", "EnableDpd": " FALSE ", "CreateTime": "42", "IkeConfig": {"IkeLifetime": " 28800", "Psk": "k"}}"#, .json)
        let xml = try described(
            "<R><VpnConnectionId>vco-1</VpnConnectionId><EnableDpd>False</EnableDpd><CreateTime>42</CreateTime>"
                + "<IkeConfig><IkeLifetime>28800 </IkeLifetime><Psk>k</Psk></IkeConfig></R>", .xml)
        #expect(typed == quoted)
        #expect(typed == xml)
        #expect(typed.enableDpd == false)
        #expect(typed.createTime == 42)
        #expect(typed.ikeConfig?.ikeLifetime == 28800)
        // Numbers and booleans where text is expected read as their text.
        let numbers = try described(#"{"VpnConnectionId": 123, "Name": true, "IkeConfig": {"LocalId": 1.5}}"#, .json)
        #expect(numbers.vpnConnectionId == "123")
        #expect(numbers.name == "true")
        #expect(numbers.ikeConfig?.localId == "1.5")
    }

    @Test("a blank value: absent for a boolean or number, kept as text, an object without fields, an empty list")
    func blankValues() throws {
        let json = try described(
            #"{"VpnConnectionId": "vco-1", "Name": "", "EnableDpd": "", "CreateTime": " ", "IkeConfig": "", "IpsecConfig": null, "Tags": "", "TunnelOptionsSpecification": {"TunnelOptions": ""}}"#,
            .json)
        let xml = try described(
            "<R><VpnConnectionId>vco-1</VpnConnectionId><Name/><EnableDpd></EnableDpd><CreateTime> </CreateTime><IkeConfig/>"
                + "<Tags/><TunnelOptionsSpecification><TunnelOptions></TunnelOptions></TunnelOptionsSpecification></R>", .xml)
        for connection in [json, xml] {
            #expect(connection.name == "")
            #expect(connection.enableDpd == nil)
            #expect(connection.createTime == nil)
            #expect(connection.ikeConfig?.location.path == "IkeConfig")
            #expect(connection.ikeConfig?.psk == nil)
            #expect(connection.ipsecConfig == nil)
            #expect(connection.tags.isEmpty)
        }
        #expect(json.tunnelOptions.isEmpty)
        // XML cannot tell an empty item from no item: one item without fields.
        #expect(xml.tunnelOptions.count == 1)
        #expect(xml.tunnelOptions.first?.tunnelId == nil)
    }

    @Test("one item: a single XML child is a one-item list for every list name; a single JSON object too")
    func oneItemLists() throws {
        let xml = try read(
            "<R><VpnConnections><VpnConnection><VpnConnectionId>vco-1</VpnConnectionId>"
                + "<Tag><Tag><Key>k</Key><Value>v</Value></Tag></Tag>"
                + "<TunnelOptionsSpecification><TunnelOptions><TunnelId>t1</TunnelId><Role>master</Role></TunnelOptions></TunnelOptionsSpecification>"
                + "</VpnConnection></VpnConnections></R>", .xml)
        guard xml.count == 1, case .described(let connection) = xml[0] else { Issue.record("read \(xml)"); return }
        #expect(connection.location.path == "VpnConnections.VpnConnection[0]")
        #expect(connection.tags.map(\.value) == ["v"])
        #expect(connection.tunnelOptions.map(\.tunnelId) == ["t1"])
        #expect(connection.tunnelOptions[0].location.path == "VpnConnections.VpnConnection[0].TunnelOptionsSpecification.TunnelOptions[0]")

        let json = try read(
            #"{"VpnConnections": {"VpnConnection": {"VpnConnectionId": "vco-1", "Tag": {"Tag": {"Key": "k", "Value": "v"}},"#
                + #" "TunnelOptionsSpecification": {"TunnelOptions": {"TunnelId": "t1", "Role": "master"}}}}}"#, .json)
        guard json.count == 1, case .described(let single) = json[0] else { Issue.record("read \(json)"); return }
        // The single object is where the document says it is: no index.
        #expect(single.location.path == "VpnConnections.VpnConnection")
        #expect(single.tags.map(\.value) == ["v"])
        #expect(single.tunnelOptions.map(\.role) == ["master"])

        let download = try read(
            "<R><VpnConnectionConfig><Local>198.51.100.20</Local>"
                + "<TunnelsConfig><TunnelConfig><TunnelId>t1</TunnelId><Role>slave</Role></TunnelConfig></TunnelsConfig>"
                + "<BgpConfigs><BgpConfig><TunnelId>t1</TunnelId><LocalAsn>65001</LocalAsn></BgpConfig></BgpConfigs>"
                + "</VpnConnectionConfig></R>", .xml)
        guard download.count == 1, case .downloaded(let config) = download[0] else { Issue.record("read \(download)"); return }
        #expect(config.tunnels.map(\.role) == ["slave"])
        #expect(config.tunnels[0].location.path == "VpnConnectionConfig.TunnelsConfig.TunnelConfig[0]")
        #expect(config.bgpConfigs.map(\.localAsn) == [65001])
    }

    @Test("the singular response's Tags and the plural item's Tag are both the tags")
    func bothTagNames() throws {
        let singular = try described(#"{"VpnConnectionId": "vco-1", "Tags": {"Tag": [{"Key": "a", "Value": "1"}, {"Key": "b"}]}}"#, .json)
        let plural = try described(#"{"VpnConnectionId": "vco-1", "Tag": {"Tag": [{"Key": "a", "Value": "1"}, {"Key": "b"}]}}"#, .json)
        #expect(singular.tags.map(\.key) == ["a", "b"])
        #expect(singular.tags.map(\.value) == ["1", ""])
        #expect(plural.tags.map(\.key) == singular.tags.map(\.key))
        #expect(plural.tags[1].location.path == "Tag.Tag[1]")
    }

    @Test("a value of the wrong kind is named at its field, in either format", arguments: [
        (#"{"VpnConnectionId": "vco-1", "EnableDpd": "maybe"}"#, InputFormat.json, "doc: EnableDpd: expected true or false, found the string \"maybe\""),
        ("<R><VpnConnectionId>v</VpnConnectionId><EnableDpd>maybe</EnableDpd></R>", .xml, "doc: EnableDpd: expected true or false, found the string \"maybe\""),
        (#"{"VpnConnectionId": "vco-1", "IkeConfig": {"IkeLifetime": 1.5}}"#, .json, "doc: IkeConfig.IkeLifetime: expected a whole number, found the number 1.5"),
        ("<R><IkeConfig><IkeLifetime>1.5</IkeLifetime></IkeConfig></R>", .xml, "doc: IkeConfig.IkeLifetime: expected a whole number, found the string \"1.5\""),
        (#"{"VpnConnectionId": "vco-1", "IkeConfig": ["x"]}"#, .json, "doc: IkeConfig: expected an object, found a list"),
        ("<R><IkeConfig>x</IkeConfig></R>", .xml, "doc: IkeConfig: expected an object, found the string \"x\""),
        (#"{"VpnConnectionId": "vco-1", "Tags": {"Tag": "x"}}"#, .json, "doc: Tags.Tag: expected a list, found the string \"x\""),
        ("<R><VpnConnectionId>v</VpnConnectionId><Tags>x</Tags></R>", .xml, "doc: Tags: expected an object, found the string \"x\""),
        (#"{"VpnConnectionId": "vco-1", "IkeConfig": {"Psk": {"k": 4242}}}"#, .json, "doc: IkeConfig.Psk: expected a string, found an object"),
        (#"{"VpnConnectionId": "vco-1", "VpnBgpConfig": {"AuthKey": ["x"]}}"#, .json, "doc: VpnBgpConfig.AuthKey: expected a string, found a list"),
        (#"{"VpnConnectionId": "vco-1", "TunnelOptionsSpecification": {"TunnelOptions": [{}, null]}}"#, .json, "doc: TunnelOptionsSpecification.TunnelOptions[1]: a list item is empty"),
    ])
    func wrongKinds(_ text: String, _ format: InputFormat, _ expected: String) {
        #expect(failure { _ = try read(text, format) }?.description == expected)
    }
}

/// Alibaba's XML for a JSON document, as Alibaba writes it: members become elements, each item
/// of a list an element named as the list, under `<Response>`.
enum AlibabaXML {
    static func document(fromJSON json: String) throws -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>" + (try JSONDecoder().decode(Value.self, from: Data(json.utf8))).xml + "</Response>\n"
    }

    private enum Value: Decodable {
        case object([(String, Value)])
        case list([Value])
        case text(String)
        case null

        init(from decoder: any Decoder) throws {
            if let object = try? decoder.container(keyedBy: NameKey.self) {
                self = .object(try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map { ($0.stringValue, try object.decode(Value.self, forKey: $0)) })
            } else if var list = try? decoder.unkeyedContainer() {
                var items: [Value] = []
                while !list.isAtEnd { items.append(try list.decode(Value.self)) }
                self = .list(items)
            } else {
                let scalar = try decoder.singleValueContainer()
                if scalar.decodeNil() {
                    self = .null
                } else if let bool = try? scalar.decode(Bool.self) {
                    self = .text(bool ? "true" : "false")
                } else if let text = try? scalar.decode(String.self) {
                    self = .text(text)
                } else {
                    self = .text((try scalar.decode(Decimal.self)).description)
                }
            }
        }

        var xml: String {
            switch self {
            case .object(let members):
                return members.map { name, value in
                    if case .list(let items) = value { return items.map { $0.element(name) }.joined() }
                    return value.element(name)
                }.joined()
            case .text(let text): return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            case .list, .null: return ""
            }
        }

        func element(_ name: String) -> String {
            if case .null = self { return "" }
            return "<\(name)>\(xml)</\(name)>"
        }
    }
}
