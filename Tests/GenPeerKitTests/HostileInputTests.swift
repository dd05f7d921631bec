import Foundation
import Testing
@testable import GenPeerKit

#if canImport(Glibc)
import Glibc
#endif

/// One hostile input and what genpeer must do with it: refuse it (exit 65, nothing on standard
/// output, a message naming the file and, where there is one, the field path) or read it.
struct HostileCase: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]
    var expected: Expected

    enum Expected: Sendable {
        /// Exit 65; the message holds `message`, after `vco: PATH: ` when a path is given.
        case refused(path: String?, message: String)
        /// Exit 0 with a config on standard output.
        case accepted
    }

    init(_ name: String, _ text: String, _ expected: Expected) {
        self.init(name, Array(text.utf8), expected)
    }

    init(_ name: String, _ bytes: [UInt8], _ expected: Expected) {
        self.name = name
        self.bytes = bytes
        self.expected = expected
    }

    var testDescription: String { name }
}

/// The catalogue. Each case is one attack or malformation; together they cover the parser
/// limits, every value kind and the field types of the input.
enum HostileCatalogue {
    static let valid = connectionJSON()
    static let validXML = String(decoding: try! Data(contentsOf: repositoryRoot.appendingPathComponent("samples/describe-vpn-connection.xml")), as: UTF8.self)

    static let xml: [HostileCase] = [
        HostileCase("XXE reading a local file",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><r><Name>&xxe;</Name></r>",
            .refused(path: nil, message: "the XML document has a DOCTYPE; genpeer reads no DTDs")),
        HostileCase("billion laughs", billionLaughs, .refused(path: nil, message: "has a DOCTYPE")),
        HostileCase("quadratic blow-up", quadraticBlowup, .refused(path: nil, message: "has a DOCTYPE")),
        HostileCase("an entity reference without a DOCTYPE", "<r><Name>&lol;</Name></r>", .refused(path: nil, message: "not well-formed XML")),
        HostileCase("100 000 nested elements", String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000),
            .refused(path: nil, message: "nests deeper than 64 elements")),
        HostileCase("a truncated document", String(validXML.prefix(validXML.count / 2)), .refused(path: nil, message: "not well-formed XML: the document ends early (line ")),
        HostileCase("content after the root element", validXML + "<r/>", .refused(path: nil, message: "not well-formed XML")),
        HostileCase("a NUL byte", Array("<r><Name>a".utf8) + [0] + Array("b</Name></r>".utf8), .refused(path: nil, message: "not well-formed XML")),
        HostileCase("invalid UTF-8", Array("<r><Name>".utf8) + [0xC3, 0x28] + Array("</Name></r>".utf8), .refused(path: nil, message: "not well-formed XML")),
        HostileCase("a UTF-8 byte-order mark", [0xEF, 0xBB, 0xBF] + Array(validXML.utf8), .accepted),
        HostileCase("a declared encoding other than UTF-8", Array("<?xml version=\"1.0\" encoding=\"UTF-7\"?><r><Name>".utf8) + [0x8C, 0x8C] + Array("</Name></r>".utf8),
            .refused(path: nil, message: "declares the encoding \"UTF-7\"")),
        HostileCase("a DOCTYPE after a comment and a processing instruction", "<?xml version=\"1.0\"?><!-- c --><?pi x?><!DOCTYPE r [<!ENTITY a \"b\">]><r/>",
            .refused(path: nil, message: "has a DOCTYPE")),
        HostileCase("a repeated element", "<r><Name>a</Name><Name>b</Name></r>", .refused(path: "Name", message: "appears more than once")),
        HostileCase("text mixed with elements", "<r>text<Name>a</Name></r>", .refused(path: "", message: "text mixed with elements")),
    ]

    static let json: [HostileCase] = [
        HostileCase("100 000 nested lists", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
            .refused(path: nil, message: "nests deeper than 64 levels")),
        HostileCase("100 000 nested objects", String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000),
            .refused(path: nil, message: "nests deeper than 64 levels")),
        HostileCase("a truncated document", String(valid.prefix(valid.count / 2)), .refused(path: nil, message: "not valid JSON: the document ends early (line 1, column ")),
        HostileCase("trailing garbage", valid + " {}", .refused(path: nil, message: "unexpected data after the end of the JSON document")),
        HostileCase("a duplicate key", "{\"Name\": \"a\", \"Name\": \"b\"}", .refused(path: "Name", message: "appears twice in one object")),
        HostileCase("a duplicate key inside IkeConfig", valid.replacingOccurrences(of: "\"IkeConfig\":{", with: "\"IkeConfig\":{\"Psk\":\"other\","),
            .refused(path: "IkeConfig.Psk", message: "appears twice in one object")),
        HostileCase("a raw NUL byte in a string", Array("{\"Name\": \"a".utf8) + [0] + Array("\"}".utf8), .refused(path: "Name", message: "raw control character")),
        HostileCase("a NUL character escaped in a value", valid.replacingOccurrences(of: "\"Name\":\"test\"", with: "\"Name\":\"te\\u0000st\""),
            .refused(path: "Name", message: "holds a NUL character")),
        HostileCase("a raw newline in a string", "{\"Name\": \"a\nb\"}", .refused(path: "Name", message: "raw control character")),
        HostileCase("invalid UTF-8", Array("{\"Name\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8), .refused(path: "Name", message: "not valid UTF-8")),
        HostileCase("a lone surrogate", "{\"Name\": \"\\uD800\"}", .refused(path: "Name", message: "surrogate")),
        HostileCase("a UTF-8 byte-order mark", [0xEF, 0xBB, 0xBF] + Array(valid.utf8), .accepted),
        HostileCase("UTF-16", [0xFF, 0xFE] + Array("{".utf8) + [0], .refused(path: nil, message: "the input is UTF-16")),
        HostileCase("a 2 MiB string", "{\"Name\": \"" + String(repeating: "a", count: 2 << 20) + "\"}", .refused(path: "Name", message: "longer than")),
        HostileCase("a bare value", "\"VpnConnectionId\"", .refused(path: nil, message: "neither JSON nor XML")),
        HostileCase("an empty list", "[]", .refused(path: nil, message: "empty list")),
    ]

    static let values: [HostileCase] = [
        HostileCase("IkeConfig as a string", "{\"VpnConnectionId\": \"vco-1\", \"IkeConfig\": \"x\"}", .refused(path: "IkeConfig", message: "expected an object")),
        HostileCase("Psk as an object", connectionJSON(ike: ["Psk": ["a": "b"]]), .refused(path: "IkeConfig.Psk", message: "expected a string")),
        HostileCase("an unknown encryption algorithm", connectionJSON(ike: ["IkeEncAlg": "rc4"]), .refused(path: "IkeConfig.IkeEncAlg", message: "unsupported value \"rc4\"")),
        HostileCase("an unknown DH group", connectionJSON(ipsec: ["IpsecPfs": "group99"]), .refused(path: "IpsecConfig.IpsecPfs", message: "unsupported value \"group99\"")),
        HostileCase("a zero lifetime", connectionJSON(ike: ["IkeLifetime": 0]), .refused(path: "IkeConfig.IkeLifetime", message: "out of range")),
        HostileCase("a lifetime above a day", connectionJSON(ipsec: ["IpsecLifetime": 86401]), .refused(path: "IpsecConfig.IpsecLifetime", message: "out of range")),
        HostileCase("a negative lifetime", connectionJSON(ipsec: ["IpsecLifetime": -1]), .refused(path: "IpsecConfig.IpsecLifetime", message: "out of range")),
        HostileCase("a lifetime beyond 64 bits", connectionJSON(ipsec: ["IpsecLifetime": "99999999999999999999999"]),
            .refused(path: "IpsecConfig.IpsecLifetime", message: "expected a whole number")),
        HostileCase("a fractional lifetime", connectionJSON(ike: ["IkeLifetime": 1.5]), .refused(path: "IkeConfig.IkeLifetime", message: "expected a whole number")),
        HostileCase("an ASN of 0", connectionJSON(top: ["EnableTunnelsBgp": true, "VpnBgpConfig": bgp(localAsn: 0)]),
            .refused(path: "VpnBgpConfig.LocalAsn", message: "out of range")),
        HostileCase("an ASN above 32 bits", connectionJSON(top: ["EnableTunnelsBgp": true, "VpnBgpConfig": bgp(localAsn: 4_294_967_296)]),
            .refused(path: "VpnBgpConfig.LocalAsn", message: "out of range")),
        HostileCase("33 subnets on one side", connectionJSON(top: ["LocalSubnet": (0..<33).map { "10.\($0).0.0/16" }.joined(separator: ",")]),
            .refused(path: "LocalSubnet", message: "at most 32 per side")),
        HostileCase("IKEv1 with 9 × 9 subnet pairs", connectionJSON(
            top: ["LocalSubnet": (0..<9).map { "10.\($0).0.0/16" }.joined(separator: ","), "RemoteSubnet": (0..<9).map { "192.168.\($0).0/24" }.joined(separator: ",")],
            ike: ["IkeVersion": "ikev1"]),
            .refused(path: "", message: "needs 81 SAs, one per pair; genpeer renders at most 64")),
        HostileCase("an IPv6 subnet", connectionJSON(top: ["LocalSubnet": "2001:db8::/32"]), .refused(path: "LocalSubnet", message: "IPv6 subnet")),
        HostileCase("an IPv6 identity", connectionJSON(ike: ["RemoteId": "2001:db8::1"]), .refused(path: "IkeConfig.RemoteId", message: "not a usable identity")),
        HostileCase("a subnet with a newline", connectionJSON(top: ["RemoteSubnet": "192.168.10.0/24\nconn evil"]), .refused(path: "RemoteSubnet", message: "not an IPv4 CIDR block")),
        HostileCase("an identity with a brace", connectionJSON(ike: ["RemoteId": "gw}\nsecrets{"]), .refused(path: "IkeConfig.RemoteId", message: "not a usable identity")),
        HostileCase("a PSK with a newline", connectionJSON(ike: ["Psk": "abc\n: PSK \"x\""]), .refused(path: "IkeConfig.Psk", message: "pre-shared key")),
    ]

    static var all: [HostileCase] { xml.map { $0.named("XML: ") } + json.map { $0.named("JSON: ") } + values }

    static func bgp(localAsn: Int64) -> [String: Any] {
        ["EnableBgp": true, "LocalAsn": localAsn, "PeerAsn": 65001, "TunnelCidr": "169.254.10.0/30", "LocalBgpIp": "169.254.10.1", "PeerBgpIp": "169.254.10.2"]
    }

    static var billionLaughs: String {
        var entities = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 { entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">" }
        return "<?xml version=\"1.0\"?><!DOCTYPE r [\(entities)]><r><Name>&lol9;</Name></r>"
    }

    static var quadraticBlowup: String {
        let big = String(repeating: "a", count: 50_000)
        return "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"\(big)\">]><r><Name>" + String(repeating: "&a;", count: 50_000) + "</Name></r>"
    }
}

extension HostileCase {
    func named(_ prefix: String) -> HostileCase {
        var copy = self
        copy.name = prefix + name
        return copy
    }
}

@Suite("Hostile input")
struct HostileInputTests {
    @Test("each catalogued input gets its defined result, within bounded time and memory", arguments: HostileCatalogue.all)
    func catalogued(_ hostile: HostileCase) throws {
        let run = try GuardedRun(["-", "--target", "strongswan"], stdin: hostile.bytes)
        #expect(!run.timedOut, "still running after the time limit")
        switch hostile.expected {
        case .accepted:
            #expect(run.status == 0, "\(run.stderr)")
            #expect(SwanctlConfig(run.stdout).sections.contains("connections"))
        case .refused(let path, let message):
            #expect(run.status == 65, "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            let prefix = path.map { $0.isEmpty ? "genpeer: error: (standard input): " : "genpeer: error: (standard input): \($0): " } ?? "genpeer: error: (standard input): "
            #expect(run.stderr.hasPrefix(prefix), "\(run.stderr)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(!run.stderr.contains("Backtrac") && !run.stderr.contains("crashed"))
        }
    }

    @Test func noExternalEntityOrDTDIsFetched() throws {
        let listener = try LocalListener()
        let url = "http://127.0.0.1:\(listener.port)"
        let documents = [
            "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"\(url)/r.dtd\"><r><Name>a</Name></r>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"\(url)/p.dtd\"> %p;]><r/>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"\(url)/e\">]><r><Name>&e;</Name></r>",
            "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"\(url)/x.xml\"/></r>",
        ]
        for document in documents {
            let run = try GuardedRun(["-", "--target", "strongswan"], stdin: Array(document.utf8))
            #expect(run.status == 65, "\(document): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        #expect(listener.connectionAttempts() == 0, "genpeer connected to the listener")
    }

    @Test func secretsNeverAppearInMessages() throws {
        let secret = "S3cr3t-Value"
        let cases = [
            connectionJSON(ike: ["Psk": "\(secret) with spaces"]),
            connectionJSON(ike: ["Psk": ["\(secret)"]]),
            connectionJSON(ike: ["Psk": "\(secret)\u{7}"]),
        ]
        for json in cases {
            let run = try GuardedRun(["-", "--target", "libreswan"], stdin: Array(json.utf8))
            #expect(run.status == 65)
            #expect(!run.stderr.contains(secret), "\(run.stderr)")
        }
        let number = try GuardedRun(["-", "--target", "libreswan"], stdin: Array(connectionJSON(ike: ["Psk": ["x": 424242]]).utf8))
        #expect(!number.stderr.contains("424242"))
    }
}

/// genpeer run under a 1 GiB address-space limit and a 20 s deadline (a guard against hangs and
/// blow-ups, not a speed measurement).
struct GuardedRun {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool

    init(_ arguments: [String], stdin: [UInt8], in directory: URL = repositoryRoot, umask: String = "022") throws {
        (status, stdout, stderr, timedOut) = try Self.run(arguments, stdin: stdin, in: directory, umask: umask)
    }

    private static func run(_ arguments: [String], stdin: [UInt8], in directory: URL, umask: String) throws -> (Int32, String, String, Bool) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v 1048576; umask \(umask); exec \"$0\" \"$@\"", GenPeerRun.executable.path] + arguments
        process.currentDirectoryURL = directory
        return try withScratchFolder { scratch in
            let stdinFile = scratch.appendingPathComponent("stdin")
            try Data(stdin).write(to: stdinFile)
            let input = try FileHandle(forReadingFrom: stdinFile)
            let out = Pipe(), err = Pipe()
            process.standardInput = input
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let deadline = DispatchTime.now() + .seconds(20)
            let finished = DispatchSemaphore(value: 0)
            let outData = LockedData(), errData = LockedData()
            DispatchQueue.global().async { outData.set(out.fileHandleForReading.readDataToEndOfFile()); finished.signal() }
            DispatchQueue.global().async { errData.set(err.fileHandleForReading.readDataToEndOfFile()); finished.signal() }
            let timedOut = finished.wait(timeout: deadline) == .timedOut || finished.wait(timeout: deadline) == .timedOut
            if timedOut { process.terminate() }
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: outData.get(), as: UTF8.self), String(decoding: errData.get(), as: UTF8.self), timedOut)
        }
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}

/// A TCP listener on 127.0.0.1 that never accepts, so any connection attempt stays queued and
/// can be counted afterwards.
final class LocalListener {
    let port: UInt16
    private let descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard bound == 0, listen(descriptor, 16) == 0 else { throw CocoaError(.fileWriteUnknown) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        port = UInt16(bigEndian: address.sin_port)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    deinit { close(descriptor) }

    /// How many connections are waiting to be accepted.
    func connectionAttempts() -> Int {
        var count = 0
        while true {
            let client = accept(descriptor, nil, nil)
            if client < 0 { return count }
            close(client)
            count += 1
        }
    }
}
