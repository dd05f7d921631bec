import CPseudoTerminal
import Foundation
import Testing
@testable import GenPeerKit

/// Runs the built `genpeer` executable, as a user would.
struct GenPeerRun {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Where the run's standard error goes: a pipe, as in scripts, or a terminal, as when a
    /// person watches (colour and the progress line are for terminals only).
    enum StandardError {
        case pipe
        case terminal
    }

    /// The built genpeer, or `GENPEER_TEST_EXECUTABLE` (to run these tests against another
    /// build, such as an older one that should fail them).
    static let executable: URL = {
        if let path = ProcessInfo.processInfo.environment["GENPEER_TEST_EXECUTABLE"] { return URL(fileURLWithPath: path) }
        // The test bundle and the executable are built into the same folder.
        var directory = Bundle.main.bundleURL
        for candidate in [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()] {
            if FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("genpeer").path) { directory = candidate }
        }
        return directory.appendingPathComponent("genpeer")
    }()

    /// Runs `executable` (the built genpeer unless given) with `arguments` in `directory`.
    init(
        _ arguments: [String], stdin: String? = nil, in directory: URL = repositoryRoot,
        standardError: StandardError = .pipe, environment: [String: String?] = [:], executable: URL = GenPeerRun.executable
    ) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardInput = input
        let errorReader: StandardErrorReader = standardError == .terminal ? try PseudoTerminal() : PipeReader()
        process.standardError = errorReader.childEnd
        try process.run()
        errorReader.childStarted()
        let errData = errorReader.readInBackground()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData(), as: UTF8.self)
    }
}

/// The parent's end of the child's standard error.
private protocol StandardErrorReader {
    /// What the child gets as its standard error.
    var childEnd: FileHandle { get }
    /// Lets go of the parent's copy of the child's end, so reading ends when the child exits.
    func childStarted()
    /// Starts reading everything the child writes; the returned closure waits for the end.
    func readInBackground() -> () -> Data
}

private final class PipeReader: StandardErrorReader {
    private let pipe = Pipe()
    var childEnd: FileHandle { pipe.fileHandleForWriting }
    func childStarted() {
        try? pipe.fileHandleForWriting.close()
    }

    func readInBackground() -> () -> Data {
        let handle = pipe.fileHandleForReading
        return BackgroundRead.start { handle.readDataToEndOfFile() }
    }
}

/// A pseudo-terminal in raw mode (no `\n` → `\r\n`), so the bytes read are the bytes written.
private final class PseudoTerminal: StandardErrorReader {
    private let controller: Int32
    let childEnd: FileHandle

    init() throws {
        var controller: Int32 = -1, terminal: Int32 = -1
        guard genpeer_open_pseudo_terminal(&controller, &terminal) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        self.controller = controller
        childEnd = FileHandle(fileDescriptor: terminal, closeOnDealloc: true)
    }

    func childStarted() {
        try? childEnd.close()
    }

    /// Linux ends a pseudo-terminal's output with EIO once no process holds the other end.
    func readInBackground() -> () -> Data {
        let controller = self.controller
        return BackgroundRead.start {
            var data = Data()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(controller, &buffer, buffer.count)
                if count > 0 { data.append(contentsOf: buffer[0..<count]) } else if count < 0 && errno == EINTR { continue } else { break }
            }
            close(controller)
            return data
        }
    }
}

private enum BackgroundRead {
    static func start(_ body: @escaping @Sendable () -> Data) -> () -> Data {
        let result = LockedData()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            result.set(body())
            done.signal()
        }
        return {
            done.wait()
            return result.get()
        }
    }
}

@Suite("The genpeer command")
struct CommandLineTests {
    @Test func rendersASampleToStdout() throws {
        let run = try GenPeerRun(["samples/describe-vpn-connection.json", "--target", "strongswan"])
        #expect(run.status == 0)
        #expect(run.stderr == "")
        let config = SwanctlConfig(run.stdout)
        #expect(config["connections.idc-hangzhou.remote_addrs"] == "203.0.113.10")
        #expect(config["connections.idc-hangzhou.children.idc-hangzhou.local_ts"] == "10.10.0.0/16,10.20.0.0/24")
    }

    @Test func readsStandardInputAndForcedFormat() throws {
        let xml = try String(contentsOf: repositoryRoot.appendingPathComponent("samples/describe-vpn-connection.xml"), encoding: .utf8)
        let run = try GenPeerRun(["-", "--target", "libreswan", "--input-format", "xml"], stdin: xml)
        #expect(run.status == 0)
        #expect(run.stdout.contains("# ==> ipsec.d/idc-hangzhou.conf <==\n"))
        #expect(run.stdout.contains("# ==> ipsec.d/idc-hangzhou.secrets <==\n"))
        #expect(IPsecConf(run.stdout).conn("idc-hangzhou")?["right"] == "203.0.113.10")
    }

    @Test func writesFilesLaidOutAsUnderEtcWithSafeModes() throws {
        try withScratchFolder { output in
            for (target, paths) in [("strongswan", ["swanctl/conf.d/idc-shanghai.conf", "swanctl/conf.d/idc-beijing.conf"]),
                                    ("strongswan-legacy", ["ipsec.d/idc-shanghai.conf", "ipsec.d/idc-shanghai.secrets", "ipsec.d/idc-beijing.conf", "ipsec.d/idc-beijing.secrets"]),
                                    ("libreswan", ["ipsec.d/idc-shanghai.conf", "ipsec.d/idc-shanghai.secrets", "ipsec.d/idc-beijing.conf", "ipsec.d/idc-beijing.secrets"])] {
                let folder = output.appendingPathComponent(target)
                let run = try GenPeerRun(["samples/describe-vpn-connections.xml", "--target", target, "--output", folder.path])
                #expect(run.status == 0, "\(run.stderr)")
                #expect(run.stdout == "")
                let written = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { path in
                    var isFolder: ObjCBool = false
                    return FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder) && !isFolder.boolValue
                }
                #expect(Set(written) == Set(paths), "\(target) writes these files and no other")
                for path in paths {
                    let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)
                    let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
                    #expect(mode == (path.hasSuffix(".conf") && target != "strongswan" ? 0o644 : 0o600), "\(path)")
                }
            }
            let leftovers = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { $0.contains(".genpeer-") }
            #expect(leftovers.isEmpty)
        }
    }

    @Test func existingFilesAreKeptWithoutForce() throws {
        try withScratchFolder { output in
            let first = try GenPeerRun(["samples/describe-vpn-connection.json", "--target", "strongswan-legacy", "--output", output.path])
            #expect(first.status == 0)
            try "mine\n".write(to: output.appendingPathComponent("ipsec.d/idc-hangzhou.conf"), atomically: false, encoding: .utf8)
            let second = try GenPeerRun(["samples/describe-vpn-connection.json", "--target", "strongswan-legacy", "--output", output.path])
            #expect(second.status == 73)
            #expect(second.stderr.contains("genpeer: error: \(output.path)/ipsec.d/idc-hangzhou.conf exists; use --force to replace it"))
            #expect(try String(contentsOf: output.appendingPathComponent("ipsec.d/idc-hangzhou.conf"), encoding: .utf8) == "mine\n")
            let forced = try GenPeerRun(["samples/describe-vpn-connection.json", "--target", "strongswan-legacy", "--output", output.path, "--force"])
            #expect(forced.status == 0)
            #expect(IPsecConf(try String(contentsOf: output.appendingPathComponent("ipsec.d/idc-hangzhou.conf"), encoding: .utf8)).conn("idc-hangzhou") != nil)
        }
    }

    @Test func badDataFailsWholeWithNoOutput() throws {
        try withScratchFolder { output in
            let broken = output.appendingPathComponent("broken.json")
            try connectionJSON(ike: ["IkeEncAlg": "aes512"]).write(to: broken, atomically: false, encoding: .utf8)
            let run = try GenPeerRun(["samples/describe-vpn-connection.json", broken.path, "--target", "strongswan", "--output", output.appendingPathComponent("out").path])
            #expect(run.status == 65)
            #expect(run.stderr == "genpeer: error: \(broken.path): IkeConfig.IkeEncAlg: unsupported value \"aes512\" (expected aes, aes192, aes256, des, 3des)\n")
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("out").path))
        }
    }

    @Test func exitCodes() throws {
        #expect(try GenPeerRun(["missing.json", "--target", "strongswan"]).status == 66)
        #expect(try GenPeerRun(["samples/describe-vpn-connection.json", "--target", "cisco"]).status == 64)
        #expect(try GenPeerRun(["samples/describe-vpn-connection.json"]).status == 64)
        #expect(try GenPeerRun(["--target", "strongswan"]).status == 64)
        #expect(try GenPeerRun(["samples/describe-vpn-connection.json", "--target", "strongswan", "--remote-address", "300.1.1.1"]).status == 64)
        let libreswan = try GenPeerRun(["-", "--target", "libreswan"], stdin: connectionJSON(ike: ["IkePfs": "group2"]))
        #expect(libreswan.status == 65)
        #expect(libreswan.stdout == "")
        #expect(libreswan.stderr.hasPrefix("genpeer: error: (standard input): IkeConfig.IkePfs: the libreswan target cannot use \"group2\""))
    }

    @Test func warningsGoToStandardError() throws {
        let run = try GenPeerRun(["-", "--target", "strongswan"], stdin: connectionJSON(top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16"], ike: ["IkeVersion": "ikev1"]))
        #expect(run.status == 0)
        let warnings = run.stderr.split(separator: "\n")
        #expect(warnings.contains("genpeer: warning: (standard input): IkeConfig.IkeVersion: IKEv1 is deprecated (RFC 9395) and Alibaba recommends IKEv2; IKEv2 also carries several subnets in one SA; ask for IkeVersion=ikev2"))
        #expect(warnings.contains { $0.hasPrefix("genpeer: warning: (standard input): LocalSubnet: IKEv1 with 1 on-premises and 2 cloud subnets") })
        #expect(run.stdout.contains("connections {"))
    }

    @Test func targetsAreListed() throws {
        let run = try GenPeerRun(["targets"])
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) } == TargetName.allCases.map(\.rawValue))
    }

    @Test func modelIsJSON() throws {
        let run = try GenPeerRun(["samples/describe-vpn-connections.json", "--target", "model"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let connections = object?["connections"] as? [[String: Any]]
        #expect(connections?.count == 2)
        let tunnels = connections?.first?["tunnels"] as? [[String: Any]]
        #expect((tunnels?.first?["local"] as? [String: Any])?["id"] as? String == "198.51.100.20")
        #expect((tunnels?.first?["remote"] as? [String: Any])?["address"] as? String == "203.0.113.10")
    }
}
