import Foundation
import Testing
@testable import GenPeerKit

/// The injection suite's crafted values (`Tests/injection/cases.json`: every payload of a field's
/// groups, the PSKs with every printable character, the crafted file names) sent to the
/// huawei, h3c and mikrotik targets. Each case is either refused with the field named, or
/// provably inert: the file reads back with no structural problem and no line the platform's
/// grammar refuses, exactly one IKE peer and one key per tunnel, and the peer, identities,
/// subnet pairs and key of the normalized model, whole.
@Suite("Injection cases on huawei, h3c and mikrotik")
struct HuaweiH3CMikroTikInjectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var json: String
        var fileName = "input.json"
        var field: String?
        var testDescription: String { id }
    }

    static let cases: [Case] = {
        let folder = repositoryRoot.appendingPathComponent("Tests/injection")
        let spec = try! JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("cases.json"))) as! [String: Any]
        let baseData = try! Data(contentsOf: folder.appendingPathComponent("base.json"))
        let base = try! JSONSerialization.jsonObject(with: baseData) as! [String: Any]
        var cases: [Case] = [Case(id: "base", json: String(decoding: baseData, as: UTF8.self))]
        for field in spec["fields"] as! [[String: Any]] {
            let path = field["path"] as! String
            let groups = Set(field["groups"] as! [String])
            for payload in spec["payloads"] as! [[String: Any]] where !groups.isDisjoint(with: payload["groups"] as! [String]) {
                var document = base
                let original = value(in: document, at: path)
                let text = (original as? String) ?? "\(original ?? "")"
                let replaced: String
                if let value = payload["value"] as? String {
                    replaced = value
                } else {
                    let append = String(repeating: payload["append"] as? String ?? "", count: payload["repeat"] as? Int ?? 1)
                    replaced = (payload["prepend"] as? String ?? "") + text + append
                }
                set(replaced, in: &document, at: path)
                let data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
                cases.append(Case(id: "\(path)/\(payload["id"] as! String)", json: String(decoding: data, as: UTF8.self), field: path))
            }
        }
        for name in spec["file_names"] as! [[String: String]] {
            cases.append(Case(id: "file name/\(name["id"]!)", json: String(decoding: baseData, as: UTF8.self), fileName: name["name"]!))
        }
        return cases
    }()

    /// `IkeConfig.Psk`, `Tags.Tag[0].Value`: the path's parts, list indexes as numbers.
    private static func parts(_ path: String) -> [Any] {
        path.split(separator: ".").flatMap { part -> [Any] in
            guard let bracket = part.firstIndex(of: "[") else { return [String(part)] }
            return [String(part[..<bracket]), Int(part[part.index(after: bracket)...].dropLast())!]
        }
    }

    private static func value(in document: Any, at path: String) -> Any? {
        parts(path).reduce(Optional(document)) { current, part in
            if let key = part as? String { return (current as? [String: Any])?[key] }
            return (current as? [Any]).flatMap { $0.indices.contains(part as! Int) ? $0[part as! Int] : nil }
        }
    }

    private static func set(_ newValue: Any, in document: inout [String: Any], at path: String) {
        func set(_ value: Any, in container: Any, _ parts: ArraySlice<Any>) -> Any {
            guard let first = parts.first else { return value }
            if let key = first as? String, var object = container as? [String: Any] {
                object[key] = set(value, in: object[key] ?? [:], parts.dropFirst())
                return object
            }
            var list = container as! [Any]
            list[first as! Int] = set(value, in: list[first as! Int], parts.dropFirst())
            return list
        }
        document = set(newValue, in: document, ArraySlice(parts(path))) as! [String: Any]
    }

    @Test(arguments: cases)
    func refusedOrInert(_ testCase: Case) throws {
        let input = document(testCase.json, name: testCase.fileName)
        let model: PeerConnection
        do {
            model = try peers([input])[0]
        } catch let error as GenPeerError {
            // The normalizer refused it: every target does, naming the field.
            if let field = testCase.field { #expect(error.description.contains(field.replacingOccurrences(of: "[0]", with: "")) || error.description.contains(field), "\(error)") }
            return
        }
        for target in [TargetName.huawei, .h3c, .mikrotik] {
            let text: String
            do {
                let generator = try Generator(target: target, options: NormalizeOptions(), renderOptions: RenderOptions(deviceLocals: DeviceLocalValues(wanInterface: "wan1", lanInterface: "lan1")))
                let files = try generator.generate([input], diagnostics: DiagnosticCollector())
                #expect(files.count == 1)
                text = files[0].contents
            } catch let error as GenPeerError {
                #expect(error.kind == .data, "\(target): \(error)")
                #expect(testCase.field.map { error.description.contains($0) } ?? false, "\(target) refused without naming the field: \(error)")
                continue
            }
            switch target {
            case .mikrotik: try Self.expectInert(mikrotik: text, model: model)
            default: try Self.expectInert(vrp: text, target: target, model: model)
            }
        }
    }

    private static func expectInert(vrp text: String, target: TargetName, model: PeerConnection) throws {
        let config = VRPConfig(text)
        let grammar = target == .huawei ? CLIGrammar.huawei : CLIGrammar.h3c
        #expect(config.problems == [], "\(target)")
        #expect(grammar.violations(config) == [], "\(target)")
        let tunnel = model.primaryTunnel
        let expectedRules = VRPFamily.protectedRules(model.subnetPairs).map { "rule \($0.index) permit ip source \($0.source) destination \($0.destination!)" }
        if target == .huawei {
            let peers = config.all("ike peer")
            #expect(peers.count == 1)
            #expect(peers.first?.values("pre-shared-key cipher") == [tunnel.presharedKey.secret])
            #expect(peers.first?.values("remote-address") == [tunnel.remote.address.description])
            #expect(peers.first?.values("remote-id") == [tunnel.remote.id.description])
            #expect(config.first("acl number 3001")?.lines == expectedRules)
        } else {
            let keychains = config.all("ike keychain") + config.all("ikev2 keychain")
            #expect(keychains.count == 1)
            let keys = keychains.flatMap { $0.values("pre-shared-key address") + ($0.child("peer genpeer1")?.values("pre-shared-key plaintext") ?? []) }
            #expect(keys.count == 1 && keys[0].hasSuffix(" " + tunnel.presharedKey.secret) || keys == [tunnel.presharedKey.secret], "\(keys)")
            #expect(config.first("ipsec policy genpeer 1 isakmp")?.values("remote-address") == [tunnel.remote.address.description])
            #expect(config.first("acl advanced 3001")?.lines == expectedRules)
            let identity = H3CDialect.identity(tunnel.local.id, mask: nil)
            #expect(config.nodes.flatMap(\.lines).filter { $0.hasSuffix(identity) && ($0.hasPrefix("local-identity ") || $0.hasPrefix("identity local ")) }.count == 1)
        }
    }

    private static func expectInert(mikrotik text: String, model: PeerConnection) throws {
        let script = RouterOSScript(text)
        #expect(RouterOSGrammar.violations(script) == [])
        let tunnel = model.primaryTunnel
        let peers = script.commands("ip ipsec peer")
        #expect(peers.map { $0["address"] } == ["\(tunnel.remote.address)/32"])
        let identities = script.commands("ip ipsec identity")
        #expect(identities.count == 1)
        #expect(identities.first.map { RouterOSScript.secret($0["secret"]!) } == tunnel.presharedKey.secret)
        #expect(identities.first?["my-id"] == MikroTikDialect.identity(tunnel.local.id))
        #expect(script.commands("ip ipsec policy").map { "\($0["src-address"]!) \($0["dst-address"]!)" } == model.subnetPairs.map { "\($0.local) \($0.remote)" })
    }
}
