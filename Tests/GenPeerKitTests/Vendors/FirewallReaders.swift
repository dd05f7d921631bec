import Foundation
@testable import GenPeerKit

/// Readers of the FortiOS, PAN-OS and VyOS scripts genpeer writes, following each CLI's own
/// quoting, so that tests assert what a device would read rather than what the text looks like.

/// Renders one document for a router target with the given device-local values.
func renderDevice(
    _ target: TargetName, _ json: String, locals: DeviceLocalValues = DeviceLocalValues(), options: NormalizeOptions = NormalizeOptions(),
    diagnostics: DiagnosticCollector = DiagnosticCollector()
) throws -> String {
    let generator = try Generator(target: target, options: options, renderOptions: RenderOptions(deviceLocals: locals))
    let files = try generator.generate([document(json)], diagnostics: diagnostics)
    precondition(files.count == 1, "one file per connection")
    return files[0].contents
}

/// A FortiOS CLI script read as the CLI reads it: `config` opens a table (or a block of
/// settings), `edit` an entry, `set` a setting, `next` and `end` close them; strings in double
/// quotes with backslash escapes; `#` starts a comment line.
struct FortiOSScript {
    final class Block {
        var settings: [String: [String]] = [:]
        var tables: [String: Block] = [:]
        var entries: [(name: String, block: Block)] = []

        func table(_ path: String) -> Block? { tables[path] }
        func entry(_ name: String) -> Block? { entries.first { $0.name == name }?.block }
        /// The values of a `set` line, or nil.
        subscript(key: String) -> [String]? { settings[key] }
        /// The single value of a `set` line.
        func value(_ key: String) -> String? { settings[key].flatMap { $0.count == 1 ? $0[0] : nil } }
    }

    let root = Block()
    /// What did not parse: unbalanced blocks, unknown commands, unterminated strings.
    private(set) var problems: [String] = []
    private(set) var comments: [String] = []

    init(_ text: String) {
        var stack: [Block] = [root]
        var kinds: [String] = []  // "config" or "edit" per pushed block
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#") {
                comments.append(trimmed)
                continue
            }
            guard let words = Self.words(trimmed) else {
                problems.append("unterminated string: \(trimmed)")
                continue
            }
            switch words[0] {
            case "config":
                let path = words.dropFirst().joined(separator: " ")
                let parent = stack.last!
                let block = parent.tables[path] ?? Block()
                parent.tables[path] = block
                stack.append(block)
                kinds.append("config")
            case "edit" where words.count == 2:
                let block = Block()
                stack.last!.entries.append((words[1], block))
                stack.append(block)
                kinds.append("edit")
            case "set" where words.count >= 2:
                stack.last!.settings[words[1]] = Array(words.dropFirst(2))
            case "unset" where words.count == 2:
                stack.last!.settings[words[1]] = nil
            case "next":
                if kinds.last == "edit" { stack.removeLast(); kinds.removeLast() } else { problems.append("next outside edit") }
            case "end":
                if kinds.last == "config" { stack.removeLast(); kinds.removeLast() } else { problems.append("end outside config") }
            default:
                problems.append("unknown command: \(trimmed)")
            }
        }
        if !kinds.isEmpty { problems.append("unclosed: \(kinds)") }
    }

    /// Words of a line: bare words, or double-quoted strings with `\"` and `\\` escapes.
    static func words(_ line: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\\" {
                    guard let next = iterator.next() else { return nil }
                    current.append(next)
                } else if character == "\"" {
                    quoted = false
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quoted { return nil }
        if inWord { words.append(current) }
        return words
    }
}

/// A script of `set` commands (PAN-OS configure mode, VyOS configure mode), each line split
/// into words the way its shell does: PAN-OS double quotes; VyOS single quotes, with `\'`
/// outside them and adjacent pieces joined into one word (bash). `#` starts a comment line.
struct SetScript {
    enum Quoting { case panos, vyos }

    private(set) var lines: [[String]] = []
    private(set) var comments: [String] = []
    private(set) var problems: [String] = []

    init(_ text: String, quoting: Quoting) {
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#") {
                comments.append(trimmed)
                continue
            }
            guard let words = Self.words(trimmed, quoting: quoting) else {
                problems.append("unterminated quote: \(trimmed)")
                continue
            }
            if words.first != "set" { problems.append("not a set command: \(trimmed)") }
            lines.append(Array(words.dropFirst()))
        }
    }

    static func words(_ line: String, quoting: Quoting) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var iterator = line.makeIterator()
        let quoteCharacter: Character = quoting == .panos ? "\"" : "'"
        while let character = iterator.next() {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == quoteCharacter {
                quote = character
                inWord = true
            } else if quoting == .vyos && character == "\\" {
                guard let next = iterator.next() else { return nil }
                current.append(next)
                inWord = true
            } else if character == " " {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quote != nil { return nil }
        if inWord { words.append(current) }
        return words
    }

    /// The rest of every line that starts with `prefix` (words split by spaces).
    func values(_ prefix: String) -> [[String]] {
        let head = prefix.split(separator: " ").map(String.init)
        return lines.filter { $0.starts(with: head) }.map { Array($0.dropFirst(head.count)) }
    }

    /// The single word after `prefix`, when exactly one line has it.
    func value(_ prefix: String) -> String? {
        let found = values(prefix)
        guard found.count == 1, found[0].count == 1 else { return nil }
        return found[0][0]
    }

    /// The list after `prefix`: `[ a b ]` or one value.
    func list(_ prefix: String) -> [String]? {
        let found = values(prefix)
        guard found.count == 1 else { return nil }
        let words = found[0]
        if words.first == "[" && words.last == "]" { return Array(words.dropFirst().dropLast()) }
        return words
    }

    /// The distinct words right after `prefix`: the names of entries there.
    func names(_ prefix: String) -> [String] {
        var seen: [String] = []
        for rest in values(prefix) where !rest.isEmpty && !seen.contains(rest[0]) { seen.append(rest[0]) }
        return seen
    }
}

/// Alibaba documents for the inputs the issue names, shared by the vendor tests.
enum FirewallInputs {
    /// IKEv1 main mode with two subnets on each side.
    static let ikev1Main = connectionJSON(
        top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16", "RemoteSubnet": "192.168.10.0/24,192.168.20.0/24"],
        ike: ["IkeVersion": "ikev1", "IkeMode": "main", "IkeLifetime": 28800])
    /// IKEv1 aggressive mode with FQDN identities (the cloud's address from InternetIp).
    static let ikev1AggressiveFQDN = connectionJSON(
        top: ["InternetIp": "203.0.113.10"],
        ike: ["IkeVersion": "ikev1", "IkeMode": "aggressive", "LocalId": "vpn.cloud.example.com", "RemoteId": "gw.onprem.example.com"])
    /// IKEv2 aes256/sha256/group14 with PFS disabled.
    static let ikev2NoPFS = connectionJSON(
        ike: ["IkeEncAlg": "aes256", "IkeAuthAlg": "sha256", "IkePfs": "group14", "IkeLifetime": 28800],
        ipsec: ["IpsecEncAlg": "aes256", "IpsecAuthAlg": "sha256", "IpsecPfs": "disabled", "IpsecLifetime": 3600])
    /// Dual-tunnel, route-based, IKEv2, BGP (slave listed first).
    static let dualBGP = dualConnectionJSON()
    /// The same without BGP: static failover.
    static let dualStatic = dualConnectionJSON(top: ["EnableTunnelsBgp": false])
}
