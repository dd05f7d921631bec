import Foundation
import Testing
@testable import GenPeerKit

/// The injection suite's crafted values (`Tests/injection/cases.json`: every payload of its
/// groups in every field) sent to the router targets. Each is either refused with the field
/// named, or inert: every line is a comment or a command of the target's own vocabulary, and
/// the reader sees exactly one peer per tunnel, the intended identities and subnets, and the
/// key whole.
@Suite("Router targets and the injection suite's values")
struct RouterInjectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var field: String
        var json: String
        var testDescription: String { id }
    }

    static let targets: [TargetName] = [.ciscoIOS, .ciscoASA, .juniperSRX]

    static func cases() throws -> [Case] {
        let folder = repositoryRoot.appendingPathComponent("Tests/injection")
        let spec = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("cases.json"))) as! [String: Any]
        let baseData = try Data(contentsOf: folder.appendingPathComponent(spec["base"] as! String))
        let payloads = spec["payloads"] as! [[String: Any]]
        var cases: [Case] = [Case(id: "base", field: "", json: String(decoding: baseData, as: UTF8.self))]
        for field in spec["fields"] as! [[String: Any]] {
            let path = field["path"] as! String
            let groups = Set(field["groups"] as! [String])
            for payload in payloads where !groups.isDisjoint(with: payload["groups"] as! [String]) {
                var document = try JSONSerialization.jsonObject(with: baseData) as! [String: Any]
                set(&document, path: Self.parts(path)) { base in
                    if let value = payload["value"] { return value }
                    let appended = String(repeating: payload["append"] as? String ?? "", count: payload["repeat"] as? Int ?? 1)
                    return (payload["prepend"] as? String ?? "") + "\(base)" + appended
                }
                let json = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
                cases.append(Case(id: "\(path)/\(payload["id"] as! String)", field: path, json: json))
            }
        }
        return cases
    }

    /// `Tags.Tag[0].Value` → `["Tags", "Tag", 0, "Value"]`.
    private static func parts(_ path: String) -> [Any] {
        path.split(separator: ".").flatMap { part -> [Any] in
            guard let bracket = part.firstIndex(of: "[") else { return [String(part)] }
            return [String(part[..<bracket]), Int(part[part.index(after: bracket)..<part.index(before: part.endIndex)])!]
        }
    }

    private static func set(_ node: inout [String: Any], path: [Any], _ change: (Any) -> Any) {
        let key = path[0] as! String
        if path.count == 1 {
            node[key] = change(node[key] ?? "")
        } else if let index = path[1] as? Int {
            var list = node[key] as! [[String: Any]]
            set(&list[index], path: Array(path.dropFirst(2)), change)
            node[key] = list
        } else {
            var child = node[key] as! [String: Any]
            set(&child, path: Array(path.dropFirst()), change)
            node[key] = child
        }
    }

    @Test func everyCraftedValueIsRefusedOrInert() throws {
        let cases = try Self.cases()
        #expect(cases.count > 300)
        var refused: [TargetName: Int] = [:]
        for testCase in cases {
            let input = document(testCase.json)
            let model: PeerConnection
            do {
                model = try peers([input])[0]
            } catch {
                continue  // The normalizer refuses it before any target sees it.
            }
            for target in Self.targets {
                let text: String
                do {
                    text = try renderVendor(target, input, locals: DeviceLocalValues(wanInterface: "wan0", lanInterface: "lan0"))
                } catch let error as GenPeerError {
                    refused[target, default: 0] += 1
                    #expect(error.kind == .data, "\(target) \(testCase.id)")
                    #expect(error.diagnostic.location?.path.hasPrefix(testCase.field) == true, "\(target) \(testCase.id): \(error)")
                    continue
                }
                expectInert(text, target: target, model: model, case: testCase.id)
            }
        }
        // Only keys holding "?" (or a lone digit) are refused: the psk payloads that have one.
        #expect(refused[.ciscoIOS, default: 0] > 0)
        #expect(refused[.ciscoIOS] == refused[.juniperSRX])
    }

    @Test(arguments: RouterInjectionTests.targets)
    func aKeyOfEveryPrintableCharacterButTheQuestionMarkStaysWhole(target: TargetName) throws {
        let key = String((0x21...0x7E).map { Character(UnicodeScalar(UInt8($0))) }.filter { $0 != "?" })
        let input = document(connectionJSON(ike: ["Psk": key]))
        let text = try renderVendor(target, input)
        expectInert(text, target: target, model: try peers([input])[0], case: "printable key")
    }

    /// The target's reader sees exactly the model's peers, identities, subnets and keys, and no
    /// line that is not a comment or one of the commands genpeer writes.
    private func expectInert(_ text: String, target: TargetName, model: PeerConnection, case id: String) {
        let tunnel = model.primaryTunnel
        let key = tunnel.presharedKey.secret
        let lines = text.split(separator: "\n").map(String.init)
        switch target {
        case .ciscoIOS, .ciscoASA:
            let allowed = target == .ciscoIOS ? Self.iosCommands : Self.asaCommands
            for line in lines where !line.hasPrefix("!") && !line.hasPrefix(" ") {
                let first = String(line.split(separator: " ").first ?? "")
                #expect(allowed.contains(first), "\(target) \(id): unexpected command \(line)")
            }
            let config = CiscoConfig(text)
            if target == .ciscoIOS {
                let peers = config.commands(startingWith: "crypto map ").flatMap(\.children).filter { $0.hasPrefix("set peer ") }
                #expect(peers == ["set peer \(tunnel.remote.address)"], "\(id)")
                let keys = config.commands(startingWith: "crypto ikev2 keyring ").flatMap(\.children).filter { $0.hasPrefix("pre-shared-key ") }
                #expect(keys == ["pre-shared-key local \(key)", "pre-shared-key remote \(key)"], "\(id)")
                let identity = config.commands(startingWith: "crypto ikev2 profile ").flatMap(\.children).filter { $0.hasPrefix("identity local ") }
                #expect(identity == ["identity local \(tunnel.local.id.isFQDN ? "fqdn" : "address") \(tunnel.local.id)"], "\(id)")
                let entries = config.commands(startingWith: "ip access-list extended ").flatMap(\.children)
                #expect(entries == model.subnetPairs.map { "permit ip \($0.local.address) \($0.local.wildcardMask) \($0.remote.address) \($0.remote.wildcardMask)" }, "\(id)")
            } else {
                #expect(config.values("tunnel-group").filter { $0.hasSuffix(" type ipsec-l2l") } == ["\(tunnel.remote.address) type ipsec-l2l"], "\(id)")
                #expect(config.children(of: "tunnel-group \(tunnel.remote.address) ipsec-attributes").prefix(2) == [
                    "ikev2 remote-authentication pre-shared-key \(key)", "ikev2 local-authentication pre-shared-key \(key)",
                ], "\(id)")
                let entries = config.values("access-list").filter { $0.contains(" extended permit ip ") }
                #expect(entries.count == model.subnetPairs.count, "\(id)")
            }
        default:
            for line in lines where !line.hasPrefix("#") {
                #expect(line.hasPrefix("set ") && Self.junosTopLevel.contains(JunosSet.words(line).dropFirst().first ?? ""), "\(id): \(line)")
            }
            let config = JunosSet(text)
            #expect(config.values("security ike gateway").filter { $0[1] == "address" }.map { $0[2] } == [tunnel.remote.address.description], "\(id)")
            #expect(config.values("security ike policy").filter { $0[1] == "pre-shared-key" }.map { $0.last! } == [key], "\(id)")
            #expect(config.values("security ike gateway").filter { $0[1] == "local-identity" }.map { $0[3] } == [tunnel.local.id.description], "\(id)")
            #expect(config.values("security ike gateway").filter { $0[1] == "remote-identity" }.map { $0[3] } == [tunnel.remote.id.description], "\(id)")
            let selectors = config.values("security ipsec vpn").filter { $0[1] == "traffic-selector" }.map { "\($0[4]) \($0[6])" }
            #expect(selectors == model.subnetPairs.map { "\($0.local) \($0.remote)" }, "\(id)")
        }
    }

    static let iosCommands: Set = ["crypto", "ip", "interface", "route-map", "router", "end"]
    static let asaCommands: Set = [
        "crypto", "sysopt", "group-policy", "tunnel-group", "object-group", "access-list", "access-group", "nat", "interface", "route",
        "prefix-list", "route-map", "router",
    ]
    static let junosTopLevel: Set = ["security", "interfaces", "routing-options", "policy-options", "protocols"]
}
