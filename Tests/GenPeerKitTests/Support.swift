import Foundation
@testable import GenPeerKit

/// The repository's root folder, for reading samples.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs `body` with a new, empty folder under the temporary directory and removes it with
/// everything in it afterwards, whether `body` returns or throws, so tests leave nothing behind.
/// Nothing else sees the folder, so files written there need no atomic writes.
func withScratchFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("genpeer-scratch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

func sample(_ name: String) throws -> InputDocument {
    InputDocument(name: name, data: try Data(contentsOf: repositoryRoot.appendingPathComponent("samples/\(name)")))
}

func document(_ text: String, name: String = "vco.json") -> InputDocument {
    InputDocument(name: name, data: Data(text.utf8))
}

/// Parses and normalizes every connection of the inputs.
func peers(_ inputs: [InputDocument], options: NormalizeOptions = NormalizeOptions(), diagnostics: DiagnosticCollector = DiagnosticCollector()) throws -> [PeerConnection] {
    try Generator(target: .model, options: options).peerConnections(inputs, diagnostics: diagnostics)
}

func render(_ target: TargetName, _ inputs: [InputDocument], options: NormalizeOptions = NormalizeOptions(), diagnostics: DiagnosticCollector = DiagnosticCollector()) throws -> [RenderedFile] {
    try Generator(target: target, options: options).generate(inputs, diagnostics: diagnostics)
}

/// The error a throwing call ends with, or nil.
func failure(_ body: () throws -> Void) -> GenPeerError? {
    do {
        try body()
        return nil
    } catch let error as GenPeerError {
        return error
    } catch {
        return GenPeerError(.template, "unexpected error \(error)")
    }
}

/// A single-tunnel DescribeVpnConnection body with the given fields replaced; `nil` removes one.
func connectionJSON(
    top: [String: Any?] = [:], ike: [String: Any?] = [:], ipsec: [String: Any?] = [:]
) -> String {
    var ikeConfig: [String: Any] = [
        "IkeVersion": "ikev2", "IkeMode": "main", "IkeEncAlg": "aes", "IkeAuthAlg": "sha1", "IkePfs": "group14",
        "IkeLifetime": 86400, "LocalId": "203.0.113.10", "RemoteId": "198.51.100.20", "Psk": "ExamplePsk123",
    ]
    var ipsecConfig: [String: Any] = ["IpsecEncAlg": "aes", "IpsecAuthAlg": "sha1", "IpsecPfs": "group14", "IpsecLifetime": 3600]
    var body: [String: Any] = [
        "VpnConnectionId": "vco-test0001", "Name": "test", "LocalSubnet": "10.0.0.0/16", "RemoteSubnet": "192.168.10.0/24",
        "EnableDpd": true, "EnableNatTraversal": true,
    ]
    for (key, value) in ike { ikeConfig[key] = value }
    for (key, value) in ipsec { ipsecConfig[key] = value }
    for (key, value) in top { body[key] = value }
    body["IkeConfig"] = ikeConfig
    body["IpsecConfig"] = ipsecConfig
    let data = try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

/// A minimal reader of swanctl.conf's nested sections: `a.b.c` → value.
struct SwanctlConfig {
    private(set) var values: [String: String] = [:]
    private(set) var sections: [String] = []

    init(_ text: String) {
        var stack: [String] = []
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasSuffix("{") {
                stack.append(line.dropLast().trimmingCharacters(in: .whitespaces))
                sections.append(stack.joined(separator: "."))
            } else if line == "}" {
                stack.removeLast()
            } else if let equals = line.firstIndex(of: "=") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                values[(stack + [key]).joined(separator: ".")] = value
            }
        }
    }

    subscript(path: String) -> String? { values[path] }

    /// Names of the direct subsections of `path`.
    func children(of path: String) -> [String] {
        sections.filter { $0.hasPrefix(path + ".") && !$0.dropFirst(path.count + 1).contains(".") }
            .map { String($0.dropFirst(path.count + 1)) }
    }
}

/// A minimal reader of ipsec.conf-style files: `conn NAME` sections of `key=value` lines.
struct IPsecConf {
    private(set) var conns: [(name: String, values: [String: String])] = []
    private(set) var setup: [String: String] = [:]

    init(_ text: String) {
        var current: String?
        for rawLine in text.split(separator: "\n") {
            if rawLine.hasPrefix("#") { continue }
            if !rawLine.hasPrefix(" ") && !rawLine.hasPrefix("\t") {
                let words = rawLine.split(separator: " ")
                if words.first == "conn", words.count == 2 {
                    current = String(words[1])
                    conns.append((String(words[1]), [:]))
                } else {
                    current = nil
                }
                continue
            }
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            let value = String(line[line.index(after: equals)...])
            if current != nil { conns[conns.count - 1].values[key] = value } else { setup[key] = value }
        }
    }

    func conn(_ name: String) -> [String: String]? { conns.first { $0.name == name }?.values }
}

/// Decodes a secret the way the daemons read it: `0s` base64 or `0x` hex unquoted; a quoted
/// string is literal for stroke and Libreswan, while swanctl decodes a `0x`/`0s` prefix even
/// inside quotes (`swanctlQuoting`).
func decodeSecret(_ text: String, swanctlQuoting: Bool = false) -> String? {
    var value = Substring(text)
    var quoted = false
    if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
        value = value.dropFirst().dropLast()
        guard !value.contains("\""), !value.contains("\\") else { return nil }
        quoted = true
    }
    if !quoted || swanctlQuoting {
        if value.lowercased().hasPrefix("0s") {
            return Data(base64Encoded: String(value.dropFirst(2))).map { String(decoding: $0, as: UTF8.self) }
        }
        if value.lowercased().hasPrefix("0x") {
            let digits = Array(value.dropFirst(2))
            guard digits.count % 2 == 0 else { return nil }
            let bytes = stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(digits[$0...$0 + 1]), radix: 16) }
            return bytes.count * 2 == digits.count ? String(decoding: bytes, as: UTF8.self) : nil
        }
    }
    return quoted ? String(value) : nil
}

/// A dual-tunnel DescribeVpnConnection body, route-based with BGP unless changed, with the
/// **slave listed first** (roles come from `Role`, never from the order). `tunnels` changes
/// fields of [slave, master] items (`TunnelIkeConfig.Psk` style paths reach into blocks); `nil`
/// removes a field.
func dualConnectionJSON(top: [String: Any?] = [:], slave: [String: Any?] = [:], master: [String: Any?] = [:]) -> String {
    func tunnel(role: String, index: Int, overrides: [String: Any?]) -> [String: Any] {
        var item: [String: Any] = [
            "TunnelId": "tun-test000\(index)", "Role": role, "InternetIp": "203.0.113.2\(index)", "EnableDpd": "true", "EnableNatTraversal": "true",
            "TunnelIkeConfig": [
                "IkeVersion": "ikev2", "IkeMode": "main", "IkeEncAlg": "aes256", "IkeAuthAlg": "sha256", "IkePfs": "group14", "IkeLifetime": "86400",
                "LocalId": "203.0.113.2\(index)", "RemoteId": "198.51.100.30", "Psk": "PskOfTunnel\(index)",
            ] as [String: Any],
            "TunnelIpsecConfig": ["IpsecEncAlg": "aes256", "IpsecAuthAlg": "sha256", "IpsecPfs": "group14", "IpsecLifetime": "3600"] as [String: Any],
            "TunnelBgpConfig": [
                "LocalAsn": "65530", "PeerAsn": "65010", "TunnelCidr": "169.254.\(index)0.0/30", "LocalBgpIp": "169.254.\(index)0.1",
                "PeerBgpIp": "169.254.\(index)0.2",
            ] as [String: Any],
        ]
        for (path, value) in overrides {
            let parts = path.split(separator: ".").map(String.init)
            if parts.count == 2 {
                var block = item[parts[0]] as? [String: Any] ?? [:]
                block[parts[1]] = value
                item[parts[0]] = block
            } else {
                item[path] = value
            }
        }
        return item
    }
    var body: [String: Any] = [
        "VpnConnectionId": "vco-dual0001", "Name": "dual", "LocalSubnet": "0.0.0.0/0", "RemoteSubnet": "0.0.0.0/0", "EnableTunnelsBgp": true,
        "TunnelOptionsSpecification": ["TunnelOptions": [tunnel(role: "slave", index: 2, overrides: slave), tunnel(role: "master", index: 1, overrides: master)]],
    ]
    for (key, value) in top { body[key] = value }
    let data = try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

/// The `key=value` lines of an INI-style file (systemd-networkd, sysctl.d): `Section.Key` → values.
func iniValues(_ text: String) -> [String: [String]] {
    var section = ""
    var values: [String: [String]] = [:]
    for rawLine in text.split(separator: "\n") {
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
        if line.hasPrefix("[") && line.hasSuffix("]") {
            section = String(line.dropFirst().dropLast()) + "."
            continue
        }
        guard let equals = line.firstIndex(of: "=") else { continue }
        values[section + line[..<equals].trimmingCharacters(in: .whitespaces), default: []].append(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces))
    }
    return values
}

/// The `index`th connection of a run of many: its own name, ID and on-premises identity
/// (`10.x.y.z`), so that no two are the same peer. `top` and `ike` change fields as in ``connectionJSON``.
func siteJSON(_ index: Int, name: String? = nil, top: [String: Any?] = [:], ike: [String: Any?] = [:], ipsec: [String: Any?] = [:]) -> String {
    var top = top
    var ike = ike
    if top["Name"] == nil { top["Name"] = name ?? "site-\(index)" }
    if top["VpnConnectionId"] == nil { top["VpnConnectionId"] = "vco-\(index)" }
    if ike["RemoteId"] == nil { ike["RemoteId"] = "10.\(index / 65536 % 256).\(index / 256 % 256).\(index % 256)" }
    return connectionJSON(top: top, ike: ike, ipsec: ipsec)
}

/// Runs a tool to its end and collects its standard output and error together; `stdin` is
/// written to its standard input first.
struct ToolRun {
    var status: Int32
    var output: String

    init(_ path: String, _ arguments: [String], in directory: URL? = nil, stdin: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        output = String(decoding: data, as: UTF8.self)
    }
}

/// The Python that runs the vendor tests' offline readers (`Tests/vendors/*.py`): the first of
/// `GENPEER_TEST_PYTHON`, the virtual environment scripts/install-test-deps fills with the pinned
/// PyPI packages, and `python3` on the PATH that can import what a reader needs. With none, the
/// PATH's `python3`: the readers then exit 3 and the tests say they skip that part.
enum TestPython {
    static func interpreter(importing module: String) -> String {
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["GENPEER_LAB_CACHE"] ?? "/var/cache/genpeer-lab"
        let candidates = [environment["GENPEER_TEST_PYTHON"], "\(cache)/python/bin/python3", "/usr/bin/python3", "/usr/local/bin/python3"].compactMap { $0 }
        return candidates.first { candidate in
            FileManager.default.isExecutableFile(atPath: candidate) && (try? ToolRun(candidate, ["-c", "import \(module)"]).status) == 0
        } ?? "python3"
    }
}
