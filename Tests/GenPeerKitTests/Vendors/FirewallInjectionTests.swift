import Foundation
import Testing
@testable import GenPeerKit

/// The injection suite's crafted values (Tests/injection/cases.json, applied to base.json as
/// its runner applies them) against the fortigate, paloalto and vyos targets: each case is
/// refused with its field named, or its output, read back as the device reads it, has exactly
/// the base case's structure (one peer, the same commands), the intended identities and
/// subnets, and the key whole.
@Suite("Injection cases against the fortigate, paloalto and vyos targets")
struct FirewallInjectionTests {
    struct Case: Sendable, CustomStringConvertible {
        var id: String
        var field: String
        var json: String
        var description: String { id }
    }

    static let folder = repositoryRoot.appendingPathComponent("Tests/injection")

    static func cases() -> [Case] {
        guard let specData = try? Data(contentsOf: folder.appendingPathComponent("cases.json")),
            let spec = try? JSONSerialization.jsonObject(with: specData) as? [String: Any],
            let baseData = try? Data(contentsOf: folder.appendingPathComponent("base.json")),
            let payloads = spec["payloads"] as? [[String: Any]], let fields = spec["fields"] as? [[String: Any]]
        else { return [] }
        var cases = [Case(id: "base", field: "", json: String(decoding: baseData, as: UTF8.self))]
        for field in fields {
            let path = field["path"] as! String
            let groups = Set(field["groups"] as! [String])
            for payload in payloads where !groups.isDisjoint(with: payload["groups"] as! [String]) {
                var base = try! JSONSerialization.jsonObject(with: baseData) as! [String: Any]
                base = set(path: parts(path), in: base) { value in apply(payload, to: value) } as! [String: Any]
                let data = try! JSONSerialization.data(withJSONObject: base, options: [.sortedKeys])
                cases.append(Case(id: "\(path)/\(payload["id"] as! String)", field: path, json: String(decoding: data, as: UTF8.self)))
            }
        }
        return cases
    }

    /// `Tags.Tag[0].Value` → ["Tags", "Tag", 0, "Value"].
    private static func parts(_ path: String) -> [Any] {
        path.split(separator: ".").flatMap { part -> [Any] in
            guard let open = part.firstIndex(of: "[") else { return [String(part)] }
            return [String(part[..<open]), Int(part[part.index(after: open)..<part.index(before: part.endIndex)])!]
        }
    }

    private static func set(path: [Any], in node: Any, _ change: (Any) -> Any) -> Any {
        guard let head = path.first else { return change(node) }
        if let key = head as? String, var object = node as? [String: Any] {
            object[key] = set(path: Array(path.dropFirst()), in: object[key]!, change)
            return object
        }
        var list = node as! [Any]
        let index = head as! Int
        list[index] = set(path: Array(path.dropFirst()), in: list[index], change)
        return list
    }

    /// As the runner's `apply_payload`: the value, or prefix + base as text + suffix × repeat.
    private static func apply(_ payload: [String: Any], to value: Any) -> Any {
        if let replacement = payload["value"] { return replacement }
        let text: String
        switch value {
        case let number as NSNumber: text = number.stringValue
        default: text = "\(value)"
        }
        let suffix = String(repeating: payload["append"] as? String ?? "", count: payload["repeat"] as? Int ?? 1)
        return (payload["prepend"] as? String ?? "") + text + suffix
    }

    /// What the document means, read by the runner's rules, not genpeer's.
    struct Intended {
        var localId: String
        var cloudId: String
        var key: String
        var pairs: [[String]]

        init?(_ json: String) {
            guard let doc = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
                let ike = doc["IkeConfig"] as? [String: Any],
                let local = ike["RemoteId"] as? String, let cloud = ike["LocalId"] as? String, let key = ike["Psk"] as? String,
                let localSubnets = doc["RemoteSubnet"] as? String, let cloudSubnets = doc["LocalSubnet"] as? String
            else { return nil }
            localId = local.trimmingCharacters(in: .whitespacesAndNewlines)
            cloudId = cloud.trimmingCharacters(in: .whitespacesAndNewlines)
            self.key = key
            func cidrs(_ text: String) -> [String] { text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } }
            pairs = cidrs(localSubnets).flatMap { l in cidrs(cloudSubnets).map { [l, $0] } }
        }
    }

    enum Verdict {
        case refused(GenPeerError)
        case accepted(String)
    }

    static func run(_ target: TargetName, _ json: String) -> Verdict {
        do {
            return .accepted(try renderDevice(target, json, locals: DeviceLocalValues(wanInterface: "wan1", lanInterface: "lan", insideZone: "trust")))
        } catch let error as GenPeerError {
            return .refused(error)
        } catch {
            return .refused(GenPeerError(.template, "\(error)"))
        }
    }

    // MARK: - What each device reads

    /// A FortiOS script's shape: each table with its options (entries of subnet-dependent
    /// tables merged), and the count of phase 1 entries.
    static func fortiOSShape(_ script: FortiOSScript) -> [String] {
        script.root.tables.sorted { $0.key < $1.key }.map { path, table in
            let keys = Set(([table] + table.entries.map(\.block)).flatMap { $0.settings.keys }).sorted()
            let counted = ["vpn ipsec phase2-interface", "firewall address", "router static"].contains(path) ? "" : " \(table.entries.count)"
            return "\(path)\(counted): \(keys.joined(separator: ","))"
        }
    }

    static func fortiOSFacts(_ script: FortiOSScript) -> (localId: String?, cloudId: String?, key: String?, pairs: [[String]]) {
        let phase1 = script.root.table("vpn ipsec phase1-interface")?.entries.first?.block
        let pairs = script.root.table("vpn ipsec phase2-interface")?.entries.map { entry in
            [entry.block["src-subnet"], entry.block["dst-subnet"]].map { words in
                words.flatMap { $0.count == 2 ? IPv4Network(text: "\($0[0])/\(maskLength($0[1]))")?.description : nil } ?? "?"
            }
        } ?? []
        return (phase1?.value("localid"), phase1?.value("peerid") ?? phase1?.value("remote-gw"), phase1?.value("psksecret").flatMap(FortiGateTests.decodedKey), pairs)
    }

    private static func maskLength(_ mask: String) -> Int {
        mask.split(separator: ".").compactMap { UInt8($0) }.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// A set script's shape: each command's first words and length, without the lines whose
    /// number follows the subnets.
    static func setShape(_ script: SetScript, depth: Int, variable: [String]) -> [String] {
        script.lines.filter { line in !variable.contains { line.joined(separator: " ").contains($0) } }
            .map { $0.prefix(depth).joined(separator: " ") + " #\($0.count)" }.sorted()
    }

    // MARK: - The test

    @Test(arguments: [TargetName.fortigate, .paloalto, .vyos])
    func everyCraftedValueIsRefusedOrInert(target: TargetName) throws {
        let all = Self.cases()
        try #require(all.count > 100, "the injection cases could not be read")
        guard case .accepted(let baseText) = Self.run(target, all[0].json) else {
            Issue.record("the base case is refused")
            return
        }
        let baseShape = shape(target, baseText)
        var refused = 0
        for testCase in all {
            switch Self.run(target, testCase.json) {
            case .refused(let error):
                refused += 1
                #expect(error.kind == .data, "\(testCase): \(error)")
                let named = error.diagnostic.location?.path.contains(testCase.field.replacingOccurrences(of: "Tags.Tag[0].Value", with: "Tags")) == true
                    || error.diagnostic.message.contains(testCase.field)
                #expect(named, "\(testCase): refused without naming the field: \(error)")
            case .accepted(let text):
                guard let intended = Intended(testCase.json) else {
                    Issue.record("\(testCase): accepted, but the runner's reading has no meaning for it")
                    continue
                }
                #expect(shape(target, text) == baseShape, "\(testCase): the structure changed")
                let facts = self.facts(target, text)
                #expect(facts.localId == intended.localId, "\(testCase): own identity \(String(describing: facts.localId))")
                #expect(facts.cloudId == intended.cloudId, "\(testCase): cloud identity \(String(describing: facts.cloudId))")
                #expect(facts.key == intended.key, "\(testCase): the key did not read back whole")
                if !intended.pairs.contains(where: { $0.contains { IPv4Network(text: $0) == nil } }) {
                    let normalized = intended.pairs.map { $0.map { IPv4Network(text: $0)!.description } }
                    #expect(Set(facts.pairs.map { $0.joined(separator: " ") }) == Set(normalized.map { $0.joined(separator: " ") }), "\(testCase): subnets \(facts.pairs)")
                }
            }
        }
        // The suite holds both kinds: the check above ran on refusals and on accepted outputs.
        #expect(refused > 0 && refused < all.count)
    }

    private func shape(_ target: TargetName, _ text: String) -> [String] {
        switch target {
        case .fortigate:
            let script = FortiOSScript(text)
            return script.problems + Self.fortiOSShape(script)
        case .paloalto:
            let script = SetScript(text, quoting: .panos)
            return script.problems + Self.setShape(script, depth: 3, variable: ["proxy-id", " source ", " destination ", "static-route"])
        default:
            let script = SetScript(text, quoting: .vyos)
            return script.problems + Self.setShape(script, depth: 3, variable: [" tunnel ", "protocols static"])
        }
    }

    private func facts(_ target: TargetName, _ text: String) -> (localId: String?, cloudId: String?, key: String?, pairs: [[String]]) {
        switch target {
        case .fortigate:
            return Self.fortiOSFacts(FortiOSScript(text))
        case .paloalto:
            let set = SetScript(text, quoting: .panos)
            let gateway = set.names("network ike gateway").first ?? ""
            let tunnel = set.names("network tunnel ipsec").first ?? ""
            let pairs = set.names("network tunnel ipsec \(tunnel) auto-key proxy-id").map { id in
                ["local", "remote"].map { set.value("network tunnel ipsec \(tunnel) auto-key proxy-id \(id) \($0)") ?? "?" }
            }
            return (
                set.values("network ike gateway \(gateway) local-id").first?.last, set.values("network ike gateway \(gateway) peer-id").first?.last,
                set.value("network ike gateway \(gateway) authentication pre-shared-key key"), pairs
            )
        default:
            let set = SetScript(text, quoting: .vyos)
            let peer = set.names("vpn ipsec site-to-site peer").first ?? ""
            let secret = set.value("vpn ipsec authentication psk \(peer) secret").flatMap { decodeSecret("\"\($0)\"", swanctlQuoting: true) }
            let pairs = set.names("vpn ipsec site-to-site peer \(peer) tunnel").flatMap { number in
                set.values("vpn ipsec site-to-site peer \(peer) tunnel \(number) local prefix").flatMap { $0 }.flatMap { local in
                    set.values("vpn ipsec site-to-site peer \(peer) tunnel \(number) remote prefix").flatMap { $0 }.map { [local, $0] }
                }
            }
            return (
                set.value("vpn ipsec site-to-site peer \(peer) authentication local-id"), set.value("vpn ipsec site-to-site peer \(peer) authentication remote-id"),
                secret, pairs
            )
        }
    }
}
