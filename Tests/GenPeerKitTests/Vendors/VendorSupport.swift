import Foundation
import Testing
@testable import GenPeerKit

/// Readers and inputs the router targets' tests share.

/// A Cisco IOS or ASA configuration as the CLI reads it: top-level commands, each with the
/// lines indented below it; `!` lines are comments.
struct CiscoConfig {
    struct Command {
        var text: String
        var children: [String]
        var words: [String] { text.split(separator: " ").map(String.init) }
    }

    private(set) var commands: [Command] = []

    init(_ text: String) {
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("!") { continue }
            if line.hasPrefix(" ") {
                if !commands.isEmpty { commands[commands.count - 1].children.append(trimmed) }
            } else {
                commands.append(Command(text: trimmed, children: []))
            }
        }
    }

    /// The commands whose text is exactly `text` (a mode entered more than once, e.g. `interface X`).
    func blocks(_ text: String) -> [Command] { commands.filter { $0.text == text } }

    /// The lines under every command `text`, in order.
    func children(of text: String) -> [String] { blocks(text).flatMap(\.children) }

    /// Top-level commands starting with `prefix`.
    func commands(startingWith prefix: String) -> [Command] { commands.filter { $0.text.hasPrefix(prefix) } }

    /// Top-level lines starting with `prefix`, the prefix removed.
    func values(_ prefix: String) -> [String] {
        commands.filter { $0.text.hasPrefix(prefix + " ") }.map { String($0.text.dropFirst(prefix.count + 1)) }
    }

    /// The lines under a mode entered with a `prefix`ed command, the rest of whose words match.
    func child(of parent: String, startingWith prefix: String) -> [String] {
        children(of: parent).filter { $0.hasPrefix(prefix + " ") || $0 == prefix }.map { $0 == prefix ? "" : String($0.dropFirst(prefix.count + 1)) }
    }
}

/// Junos set-style statements as the CLI reads them: words, a double-quoted string one word
/// with `\` escaping the next character.
struct JunosSet {
    private(set) var statements: [[String]] = []

    init(_ text: String) {
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            statements.append(Self.words(line))
        }
    }

    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quoted = false
        var inside = false
        var escaped = false
        for character in line {
            if escaped {
                word.append(character)
                escaped = false
            } else if inside && character == "\\" {
                escaped = true
            } else if character == "\"" {
                inside.toggle()
                quoted = true
            } else if character == " " && !inside {
                if !word.isEmpty || quoted { words.append(word) }
                word = ""
                quoted = false
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty || quoted { words.append(word) }
        return words
    }

    /// What follows `prefix` (words after `set`), one entry per statement.
    func values(_ prefix: String) -> [[String]] {
        let prefixWords = prefix.split(separator: " ").map(String.init)
        return statements.filter { $0.first == "set" && Array($0.dropFirst().prefix(prefixWords.count)) == prefixWords }
            .map { Array($0.dropFirst(prefixWords.count + 1)) }
    }

    /// The one value of `prefix`'s statement with a single word after it.
    func value(_ prefix: String) -> String? {
        let found = values(prefix).filter { $0.count == 1 }
        return found.count == 1 ? found[0][0] : nil
    }

    /// Every value of `prefix` (leaf lists such as `match source-address`).
    func list(_ prefix: String) -> [String] { values(prefix).filter { $0.count == 1 }.map { $0[0] } }
}

/// The inputs every router target is tested with (the brief's four, and variations).
enum VendorInputs {
    /// IKEv1 main mode, two subnets on each side (cloud 172.16/16, 172.17/16; on-premises 10.10/16, 10.20/24).
    static func ikev1Main(ike: [String: Any?] = [:], ipsec: [String: Any?] = [:]) -> InputDocument {
        var ikeFields: [String: Any?] = ["IkeVersion": "ikev1", "IkeMode": "main", "IkeEncAlg": "aes", "IkeAuthAlg": "sha1", "IkePfs": "group14", "IkeLifetime": 28800]
        for (key, value) in ike { ikeFields[key] = value }
        var ipsecFields: [String: Any?] = ["IpsecEncAlg": "aes256", "IpsecAuthAlg": "sha1", "IpsecPfs": "group14", "IpsecLifetime": 3600]
        for (key, value) in ipsec { ipsecFields[key] = value }
        return document(connectionJSON(
            top: ["Name": "main-v1", "LocalSubnet": "172.16.0.0/16,172.17.0.0/16", "RemoteSubnet": "10.10.0.0/16,10.20.0.0/24", "InternetIp": "203.0.113.10"],
            ike: ikeFields, ipsec: ipsecFields))
    }

    /// A single-tunnel connection of the given IKE version with one field of phase 1 (`Ike…`) or
    /// phase 2 (`Ipsec…`) changed.
    static func json(version: String, field: String, value: Any, ike: [String: Any?] = [:]) -> String {
        var ikeFields: [String: Any?] = ["IkeVersion": version]
        for (key, value) in ike { ikeFields[key] = value }
        var ipsecFields: [String: Any?] = [:]
        if field.hasPrefix("Ike") { ikeFields[field] = value } else { ipsecFields[field] = value }
        return connectionJSON(ike: ikeFields, ipsec: ipsecFields)
    }

    /// IKEv1 aggressive mode with FQDN identities on both sides.
    static func ikev1AggressiveFQDN() -> InputDocument {
        document(connectionJSON(
            top: ["Name": "aggr-v1", "InternetIp": "203.0.113.10"],
            ike: ["IkeVersion": "ikev1", "IkeMode": "aggressive", "LocalId": "cloud.example.com", "RemoteId": "onprem.example.com", "IkeLifetime": 28800,
                  "IkeEncAlg": "aes192", "IkeAuthAlg": "sha1", "IkePfs": "group14"],
            ipsec: ["IpsecEncAlg": "aes", "IpsecAuthAlg": "sha1", "IpsecPfs": "group14", "IpsecLifetime": 1800]))
    }

    /// IKEv2 aes256/sha256/group14, PFS disabled.
    static func ikev2NoPFS() -> InputDocument {
        document(connectionJSON(
            top: ["Name": "v2-nopfs", "InternetIp": "203.0.113.10", "LocalSubnet": "172.16.0.0/16", "RemoteSubnet": "10.10.0.0/16"],
            ike: ["IkeEncAlg": "aes256", "IkeAuthAlg": "sha256", "IkePfs": "group14", "IkeLifetime": 86400],
            ipsec: ["IpsecEncAlg": "aes256", "IpsecAuthAlg": "sha256", "IpsecPfs": "disabled", "IpsecLifetime": 3600]))
    }

    /// Dual tunnel, route-based, IKEv2 with BGP (slave listed first).
    static func dualBGP(slave: [String: Any?] = [:], master: [String: Any?] = [:]) -> InputDocument {
        document(dualConnectionJSON(slave: slave, master: master))
    }

    static func options(announce: [IPv4Network]? = nil, cloudPrefixes: [IPv4Network]? = nil) -> NormalizeOptions {
        NormalizeOptions(remoteAddresses: [], localAddresses: [], announce: announce, cloudPrefixes: cloudPrefixes)
    }

    static let announce = [IPv4Network(text: "10.10.0.0/16")!, IPv4Network(text: "10.20.0.0/24")!]
}

/// Renders one connection for a router target and returns its one file's text.
func renderVendor(
    _ target: TargetName, _ input: InputDocument, normalize: NormalizeOptions = NormalizeOptions(), locals: DeviceLocalValues = DeviceLocalValues(),
    diagnostics: DiagnosticCollector = DiagnosticCollector()
) throws -> String {
    let files = try Generator(target: target, options: normalize, renderOptions: RenderOptions(deviceLocals: locals)).generate([input], diagnostics: diagnostics)
    #expect(files.count == 1, "\(target): \(files.map(\.path))")
    return files[0].contents
}

/// The Python that imports ciscoconfparse2.
private let ciscoConfParsePython = TestPython.interpreter(importing: "ciscoconfparse2")

/// Reads `text` with ciscoconfparse2 (`Tests/vendors/read-config.py`), or nil when the package
/// is not installed here (the test says so and skips that part).
func readWithCiscoConfParse(_ syntax: String, _ text: String) throws -> [String: Any]? {
    try withScratchFolder { folder in
        let file = folder.appendingPathComponent("config.txt")
        try Data(text.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ciscoConfParsePython, repositoryRoot.appendingPathComponent("Tests/vendors/read-config.py").path, syntax, file.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 3 {
            print("skipping the ciscoconfparse2 reading: \(message)")
            return nil
        }
        #expect(process.terminationStatus == 0, "read-config.py: \(message)")
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }
}

/// The lines ciscoconfparse2 put under the top-level command `text`.
func ciscoChildren(_ read: [String: Any], of text: String) -> [String] {
    let tree = read["tree"] as? [[String: Any]] ?? []
    return tree.filter { $0["text"] as? String == text }.flatMap { ($0["children"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String } }
}
