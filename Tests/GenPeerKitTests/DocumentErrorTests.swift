import Foundation
import Testing
@testable import GenPeerKit

/// What a refused document is told: the file, the field, and for JSON the line and column, also
/// for an item of the connection list read on its own and for the document after that list.
@Suite("Errors in documents: where they are")
struct DocumentErrorTests {
    private func error(_ text: String, format: InputFormat? = nil, name: String = "vco.json") -> String? {
        failure { _ = try DocumentReader(forcedFormat: format).read(Data(text.utf8), fileName: name) }?.description
    }

    /// A plural document with a good first connection on lines 1-3, `second` on line 4 and
    /// `after` after the list on line 6.
    private func plural(second: String, after: String = "\"RequestId\": \"r\"") -> String {
        "{\"VpnConnections\": {\"VpnConnection\": [\n{\"VpnConnectionId\": \"vco-1\",\n \"Name\": \"a\"},\n  \(second)\n]},\n \(after)}"
    }

    @Test("a syntax error in a connection-list item, at its line and column", arguments: [
        ("{\"Name\": \"b\", \"EnableDpd\": tru}", "vco.json: VpnConnections.VpnConnection[1].EnableDpd: not valid JSON: unexpected '}' (line 4, column 33)"),
        ("{\"Name\": \"b\nc\"}", "vco.json: VpnConnections.VpnConnection[1].Name: not valid JSON: a string holds a raw control character (JSON requires it escaped) (line 4, column 14)"),
        ("{\"Name\": \"\\uDC00\"}", "vco.json: VpnConnections.VpnConnection[1].Name: not valid JSON: a \\u escape holds half of a surrogate pair (line 4, column 13)"),
        ("{\"IkeConfig\": {\"Psk\": \"\\q\"}}", "vco.json: VpnConnections.VpnConnection[1].IkeConfig.Psk: not valid JSON: a string holds an unknown escape (line 4, column 26)"),
        ("{\"Name\": \"b\"} {}", "vco.json: VpnConnections.VpnConnection[1]: not valid JSON: unexpected '{' (line 4, column 17)"),
    ])
    func inAnItem(_ second: String, _ expected: String) {
        #expect(error(plural(second: second)) == expected)
    }

    @Test func afterTheListTheLinesStillCount() {
        #expect(error(plural(second: "{\"Name\": \"b\"}", after: "\"RequestId\": x")) == "vco.json: RequestId: not valid JSON: unexpected 'x' (line 6, column 15)")
    }

    @Test("what the reader itself limits, at its line and column", arguments: [
        ("{\"VpnConnectionId\": \"vco-1\",\n \"IkeConfig\": {\"Psk\": ", "vco.json: IkeConfig.Psk: not valid JSON: the document ends early (line 2, column 23)"),
        ("{\"VpnConnectionId\": \"vco-1\"}\n\n  x", "vco.json: unexpected data after the end of the JSON document (line 3, column 3)"),
        ("{\"VpnConnections\": {\"VpnConnection\": [{}, , {}]}}", "vco.json: VpnConnections.VpnConnection[1]: not valid JSON: a list item is missing before ',' (line 1, column 43)"),
        ("{\"a\":\n" + String(repeating: "[", count: 70), "vco.json: a" + String(repeating: "[0]", count: 63) + ": the document nests deeper than 64 levels; an API response never does (line 2, column 64)"),
    ])
    func limits(_ text: String, _ expected: String) {
        #expect(error(text) == expected)
    }

    @Test("a repeated key is refused where it repeats, in an item or around the list; as Foundation compares keys")
    func repeatedKeys() {
        #expect(error(plural(second: "{\"Name\": \"b\",\n \"IkeConfig\": {\"Psk\": \"x\", \"Psk\": \"y\"}}"))
            == "vco.json: VpnConnections.VpnConnection[1].IkeConfig.Psk: the key \"Psk\" appears twice in one object; genpeer will not guess which one counts (line 5, column 28)")
        #expect(error(plural(second: "{}", after: "\"RequestId\": \"r\", \"RequestId\": \"s\""))
            == "vco.json: RequestId: the key \"RequestId\" appears twice in one object; genpeer will not guess which one counts (line 6, column 20)")
        // An escaped key, and the Kelvin sign, which Swift's strings hold equal to "K".
        #expect(error("{\"VpnConnectionId\": \"v\", \"N\\u0061me\": \"a\", \"Name\": \"b\"}")?.contains("Name: the key \"Name\" appears twice") == true)
        #expect(error("{\"Key\": \"a\", \"\\u212Aey\": \"b\"}")?.contains("appears twice in one object") == true)
        // Far into a wide object, where keys are no longer compared one by one.
        let keys = (0..<500).map { "\"K\($0)\": 1" }.joined(separator: ", ")
        #expect(error("{\(keys), \"K250\": 2}")?.hasPrefix("vco.json: K250: the key \"K250\" appears twice in one object") == true)
        // The same rule for XML: a repeated element.
        let elements = (0..<500).map { "<K\($0)>1</K\($0)>" }.joined()
        #expect(error("<r>\(elements)<K250>2</K250></r>", name: "w.xml") == "w.xml: K250: element <K250> appears more than once")
        #expect(error("<r><VpnConnections><VpnConnection/><VpnConnection><Name>a</Name><Name>b</Name></VpnConnection></VpnConnections></r>", name: "w.xml")
            == "w.xml: VpnConnections.VpnConnection[1].Name: element <Name> appears more than once")
    }

    @Test("an XML document that ends early says so and where, at any point it is cut")
    func truncatedXML() throws {
        let xml = try Data(contentsOf: repositoryRoot.appendingPathComponent("samples/describe-vpn-connections.xml"))
        #expect(error(String(decoding: xml.prefix(1500), as: UTF8.self), name: "-") == "-: not well-formed XML: the document ends early (line 32, column 52)")
        for length in stride(from: 1, to: xml.count - 2, by: 7) {
            let message = error(String(decoding: xml.prefix(length), as: UTF8.self), format: .xml, name: "-")
            #expect(message?.hasPrefix("-: not well-formed XML: the document ends early (line ") == true, "\(length): \(message ?? "no error")")
        }
        // What follows a complete document, or a real mismatch, is not an early end.
        #expect(error("<a><b>x</b></a>y", name: "-") == "-: not well-formed XML (line 1, column 16): Extra content at the end of the document")
        #expect(error("<a><b>x</b></a><c/>", name: "-") == "-: not well-formed XML (line 1, column 16): Extra content at the end of the document")
        #expect(error("<a><b>x</c></a>", name: "-")?.hasPrefix("-: not well-formed XML (line 1, column 12): Opening and ending tag mismatch") == true)
    }
}
