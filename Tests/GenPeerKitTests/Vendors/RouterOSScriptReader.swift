import Foundation
@testable import GenPeerKit

/// A reader of the RouterOS scripts genpeer writes: `# comment` lines, a menu line
/// (`/ip ipsec peer`) that the following commands run in, `add key=value ...` commands with
/// RouterOS's quoting and escapes, and the one guarded form genpeer uses to put a rule first,
/// `:if ([:len [find]] > 0) do={ add ... place-before=[:pick [find] 0] } else={ add ... }`,
/// whose two branches must add the same rule. Anything else is a problem, never skipped.
struct RouterOSScript {
    struct Command {
        var menu: String
        var arguments: [String: String]
        /// Argument names in the order written (to catch a repeated one).
        var names: [String]
        /// The guarded form: placed before the menu's first rule when there is one.
        var placedFirst = false

        subscript(name: String) -> String? { arguments[name] }
    }

    private(set) var commands: [Command] = []
    private(set) var comments: [String] = []
    private(set) var problems: [String] = []

    init(_ text: String) {
        var menu: String?
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                // RouterOS reads a comment ending in a backslash as continued: a syntax error.
                if line.hasSuffix("\\") { problems.append("line \(number + 1): comment ends in a backslash") }
                comments.append(line)
                continue
            }
            guard let tokens = Self.tokens(line) else {
                problems.append("line \(number + 1): unbalanced quotes or brackets")
                continue
            }
            if line.hasPrefix("/") {
                menu = tokens.joined(separator: " ").replacingOccurrences(of: "/", with: "")
                continue
            }
            guard let currentMenu = menu else {
                problems.append("line \(number + 1): a command before any menu")
                continue
            }
            if tokens.first == "add" {
                append(tokens.dropFirst(), menu: currentMenu, line: number + 1)
            } else if tokens.count >= 4, tokens[0] == ":if", tokens[1] == "([:len [find]] > 0)", tokens[2] == "do={", tokens.last == "}",
                let close = tokens.firstIndex(of: "}"), close + 1 < tokens.count, tokens[close + 1] == "else={", tokens[3] == "add",
                tokens[close + 2] == "add"
            {
                let first = Array(tokens[4..<close])
                let second = Array(tokens[(close + 3)..<(tokens.count - 1)])
                guard first.last == "place-before=[:pick [find] 0]", Array(first.dropLast()) == second else {
                    problems.append("line \(number + 1): the guarded branches add different rules")
                    continue
                }
                append(ArraySlice(second), menu: currentMenu, line: number + 1, placedFirst: true)
            } else {
                problems.append("line \(number + 1): not a command genpeer writes: \(line)")
            }
        }
    }

    private mutating func append(_ tokens: ArraySlice<String>, menu: String, line: Int, placedFirst: Bool = false) {
        var command = Command(menu: menu, arguments: [:], names: [], placedFirst: placedFirst)
        for token in tokens {
            let name: String
            let value: String
            if let equals = token.firstIndex(of: "=") {
                name = String(token[..<equals])
                guard let decoded = Self.value(String(token[token.index(after: equals)...])) else {
                    problems.append("line \(line): cannot read the value of \(name)")
                    return
                }
                value = decoded
            } else {
                // A flag argument such as `blackhole`.
                name = token
                value = ""
            }
            if command.arguments[name] != nil { problems.append("line \(line): \(name) given twice") }
            command.arguments[name] = value
            command.names.append(name)
        }
        commands.append(command)
    }

    /// Words split at spaces outside quotes, brackets and parentheses.
    static func tokens(_ line: String) -> [String]? {
        var tokens: [String] = []
        var current = ""
        var depth = 0
        var quoted = false
        var escaped = false
        for character in line {
            if quoted {
                current.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quoted = false }
                continue
            }
            switch character {
            case "\"": quoted = true; current.append(character)
            case "[", "(": depth += 1; current.append(character)
            case "]", ")": depth -= 1; current.append(character)
            case " " where depth == 0:
                if !current.isEmpty { tokens.append(current) }
                current = ""
            default: current.append(character)
            }
        }
        guard !quoted, depth == 0 else { return nil }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// A value as RouterOS reads it: a quoted string with its escapes decoded (`\"`, `\\`, `\$`,
    /// `\?`, `\n`, `\r`, `\t`, `\_` and two hex digits), or the bare word.
    static func value(_ text: String) -> String? {
        guard text.hasPrefix("\"") else {
            // A bare word cannot hold a quote, a `$` or a `?`.
            return text.contains(where: { "\"$?".contains($0) }) ? nil : text
        }
        guard text.count >= 2, text.hasSuffix("\"") else { return nil }
        var result = ""
        var characters = Array(text.dropFirst().dropLast())
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\"" || character == "$" { return nil }
            guard character == "\\" else {
                result.append(character)
                index += 1
                continue
            }
            guard index + 1 < characters.count else { return nil }
            let next = characters[index + 1]
            switch next {
            case "\"", "\\", "$", "?": result.append(next); index += 2
            case "n": result.append("\n"); index += 2
            case "r": result.append("\r"); index += 2
            case "t": result.append("\t"); index += 2
            case "_": result.append(" "); index += 2
            default:
                guard index + 2 < characters.count, let byte = UInt8(String(characters[(index + 1)...(index + 2)]), radix: 16) else { return nil }
                result.unicodeScalars.append(Unicode.Scalar(byte))
                index += 3
            }
        }
        characters = []
        return result
    }

    func commands(_ menu: String) -> [Command] { commands.filter { $0.menu == menu } }

    var notes: [String] { comments.filter { $0.hasPrefix("# Note: ") }.map { String($0.dropFirst(8)) } }

    /// A secret as RouterOS's identity reads it: `0x` + hex is the bytes it spells.
    static func secret(_ value: String) -> String {
        guard value.hasPrefix("0x") else { return value }
        let digits = Array(value.dropFirst(2))
        let bytes = stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(digits[$0...$0 + 1]), radix: 16) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What RouterOS 7 accepts for each `add` genpeer writes: argument names and, where RouterOS
/// offers a fixed list, the choices. Carried by hand from RouterOS's own `/console/inspect`
/// output as collected in tikoci/restraml: `docs/7.22.2/deep-inspect.json` (argument names and
/// completion choices) and `docs/<version>/inspect.json` for 7.9.2, 7.10.2, 7.12.2, 7.18.2,
/// 7.20.8 and 7.24rc4 (every name below is present in each, except `instance` on a BGP
/// connection and the `/routing bgp instance` menu, which RouterOS has from 7.20).
enum RouterOSGrammar {
    struct Argument: Sendable {
        var choices: Set<String>?
        /// A comma-separated list of choices (`ipsec-policy=out,ipsec`, `policy=read,write`).
        var isList = false
        var check: (@Sendable (String) -> Bool)?

        static let any = Argument()
        static func oneOf(_ choices: String) -> Argument { Argument(choices: Set(choices.split(separator: " ").map(String.init))) }
        static func listOf(_ choices: String) -> Argument { Argument(choices: Set(choices.split(separator: " ").map(String.init)), isList: true) }
        static func checked(_ check: @escaping @Sendable (String) -> Bool) -> Argument { Argument(check: check) }
    }

    static let yesNo = Argument.oneOf("yes no")
    static let dhGroups = "x25519 ecp256 ecp384 ecp521 modp8192 modp6144 modp4096 modp3072 modp2048 modp1536 modp1024 modp768"
    static let protocols = "dccp ddp egp encap etherip ggp gre hmp icmp icmpv6 idpr-cmtp igmp ipencap ipip ipsec-ah ipsec-esp ipv6-encap ipv6-frag ipv6-nonxt ipv6-opts ipv6-route iso-tp4 l2tp ospf pim pup rdp rspf rsvp sctp st tcp udp udp-lite vmtp vrrp xns-idp xtp"
    static let time = Argument.checked { RouterOSGrammar.seconds($0) != nil }
    static let address = Argument.checked { IPv4Address($0) != nil }
    static let prefix = Argument.checked { IPv4Network(text: $0) != nil }
    static let number = Argument.checked { UInt32($0) != nil }

    static let menus: [String: [String: Argument]] = [
        "ip ipsec profile": [
            "name": .any, "enc-algorithm": .oneOf("aes-256 aes-192 aes-128 3des des"), "hash-algorithm": .oneOf("md5 sha1 sha256 sha384 sha512"),
            "prf-algorithm": .oneOf("auto sha1 sha256 sha384 sha512"), "dh-group": .oneOf(dhGroups), "lifetime": time,
            "dpd-interval": .checked { $0 == "disable-dpd" || (RouterOSGrammar.seconds($0).map { (0...3600).contains($0) } ?? false) },
            "dpd-maximum-failures": number, "nat-traversal": yesNo,
        ],
        "ip ipsec proposal": [
            "name": .any, "comment": .any, "lifetime": time, "auth-algorithms": .listOf("sha512 sha256 sha1 md5 null"),
            "enc-algorithms": .listOf("chacha20poly1305 aes-256-cbc aes-256-ctr aes-256-gcm camellia-256 aes-192-cbc aes-192-ctr aes-192-gcm camellia-192 aes-128-cbc aes-128-ctr aes-128-gcm camellia-128 3des blowfish twofish des null"),
            "pfs-group": .oneOf("ecp256 ecp384 ecp521 modp1024 modp1536 modp2048 modp3072 modp4096 modp6144 modp768 modp8192 none"),
        ],
        "ip ipsec peer": [
            "name": .any, "comment": .any, "address": prefix, "local-address": address, "exchange-mode": .oneOf("aggressive base ike2 main"),
            "profile": .any, "send-initial-contact": yesNo,
        ],
        "ip ipsec identity": [
            "peer": .any, "comment": .any, "secret": .any,
            "auth-method": .oneOf("digital-signature eap eap-radius pre-shared-key pre-shared-key-xauth rsa-key rsa-signature-hybrid"),
            "my-id": .checked { $0 == "auto" || $0.hasPrefix("address:") || $0.hasPrefix("fqdn:") },
            "remote-id": .checked { $0 == "auto" || $0 == "ignore" || $0.hasPrefix("address:") || $0.hasPrefix("fqdn:") },
            "generate-policy": .oneOf("no port-override port-strict"),
        ],
        "ip ipsec policy": [
            "peer": .any, "comment": .any, "proposal": .any, "tunnel": yesNo, "src-address": prefix, "dst-address": prefix,
            "action": .oneOf("discard encrypt none"), "level": .oneOf("require unique use"),
        ],
        "interface bridge": ["name": .any, "comment": .any, "protocol-mode": .oneOf("mstp none rstp stp")],
        "ip address": ["address": .checked { IPv4InterfaceAddress(text: $0) != nil }, "interface": .any, "comment": .any],
        "ip firewall filter": [
            "chain": .oneOf("forward input output"),
            "action": .oneOf("accept add-dst-to-address-list add-src-to-address-list drop fasttrack-connection jump log passthrough reject return tarpit"),
            "protocol": .oneOf(protocols), "dst-port": .any, "src-address": address,
            "comment": .any,
        ],
        "ip firewall nat": [
            "chain": .oneOf("dstnat input output srcnat"),
            "action": .oneOf("accept add-dst-to-address-list add-src-to-address-list dst-nat endpoint-independent-nat jump log masquerade netmap passthrough redirect return same socksify src-nat"),
            "src-address": prefix, "dst-address": prefix, "comment": .any,
        ],
        "ip firewall mangle": [
            "chain": .oneOf("forward input output postrouting prerouting"), "action": .oneOf("change-mss"), "new-mss": number,
            "passthrough": yesNo, "protocol": .oneOf(protocols), "tcp-flags": .listOf("ack cwr ece fin psh rst syn urg"),
            "tcp-mss": .checked { $0.split(separator: "-").count == 2 && $0.split(separator: "-").allSatisfy { UInt16($0) != nil } },
            "ipsec-policy": .checked { ["in,ipsec", "out,ipsec", "in,none", "out,none"].contains($0) }, "comment": .any,
        ],
        "routing bgp instance": ["name": .any, "as": number, "comment": .any],
        "ip route": ["dst-address": prefix, "blackhole": .checked { $0.isEmpty }, "comment": .any],
        "ip firewall address-list": ["list": .any, "address": prefix, "comment": .any],
        "routing filter rule": ["chain": .any, "rule": .any, "comment": .any],
        "routing bgp connection": [
            "name": .any, "instance": .any, "as": number, "remote.as": number, "comment": .any,
            "local.role": .oneOf("ebgp ebgp-customer ebgp-peer ebgp-provider ebgp-rs ebgp-rs-client ibgp ibgp-rr"),
            "local.address": address, "remote.address": address,
            "keepalive-time": .checked { RouterOSGrammar.seconds($0).map { (1...1800).contains($0) } ?? false },
            "hold-time": .checked { $0 == "infinity" || (RouterOSGrammar.seconds($0).map { $0 >= 3 } ?? false) },
            "tcp-md5-key": .checked { $0.utf8.count <= 80 }, "output.network": .any, "output.filter-chain": .any, "input.filter": .any,
        ],
        "system script": [
            "name": .any, "comment": .any, "source": .any, "dont-require-permissions": yesNo,
            "policy": .listOf("ftp password policy read reboot romon sensitive sniff test write"),
        ],
        "system scheduler": [
            "name": .any, "comment": .any, "interval": time, "start-time": .checked { $0 == "startup" }, "on-event": .any,
            "policy": .listOf("api ftp local password policy read reboot rest-api romon sensitive sniff ssh telnet test web winbox write"),
        ],
    ]

    /// Every argument RouterOS would refuse, by command; empty when the script fits.
    static func violations(_ script: RouterOSScript) -> [String] {
        script.problems + script.commands.flatMap { command -> [String] in
            guard let arguments = menus[command.menu] else { return ["/\(command.menu): no such menu in genpeer's grammar"] }
            return command.names.compactMap { name in
                guard let argument = arguments[name] else { return "/\(command.menu) add: no argument \(name)" }
                let value = command.arguments[name]!
                if let choices = argument.choices {
                    let items = argument.isList ? value.split(separator: ",").map(String.init) : [value]
                    if items.isEmpty || !items.allSatisfy(choices.contains) { return "/\(command.menu) add: \(name)=\(value) is not one of RouterOS's choices" }
                }
                if let check = argument.check, !check(value) { return "/\(command.menu) add: \(name)=\(value) is not valid" }
                return nil
            }
        }
    }

    /// `1d2h3m4s` (each part optional) or plain seconds, as RouterOS reads a time interval.
    static func seconds(_ text: String) -> Int? {
        if let plain = Int(text) { return plain }
        var total = 0
        var number = ""
        for character in text {
            if character.isNumber { number.append(character); continue }
            guard let value = Int(number) else { return nil }
            switch character {
            case "w": total += value * 604800
            case "d": total += value * 86400
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            default: return nil
            }
            number = ""
        }
        return number.isEmpty && !text.isEmpty ? total : nil
    }
}
