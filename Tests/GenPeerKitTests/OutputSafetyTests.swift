import Foundation
import Testing
@testable import GenPeerKit

/// What `--output DIR` and standard output promise: all or nothing, exact modes, no links
/// followed, and `--redact`.
@Suite("Safe output")
struct OutputSafetyTests {
    /// Every file below `directory` with its bytes and mode, to compare before and after.
    private func snapshot(_ directory: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        while let relative = enumerator?.nextObject() as? String {
            let path = directory.appendingPathComponent(relative).path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? Int).map { String($0, radix: 8) } ?? "?"
            let contents = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<folder>"
            result[relative] = "\(mode) \(contents)"
        }
        return result
    }

    /// A plural document whose connection at `badIndex` has an unknown algorithm.
    private func plural(count: Int, badIndex: Int?) -> String {
        let items = (0..<count).map { index in
            siteJSON(index, ike: ["IkeEncAlg": index == badIndex ? "rc4" : "aes", "Psk": "psk-\(index)-secret"])
        }
        return "{\"VpnConnections\": {\"VpnConnection\": [\(items.joined(separator: ","))]}}"
    }

    @Test(arguments: ["strongswan", "strongswan-legacy", "libreswan"])
    func aRunFailingHalfWayChangesNothing(target: String) throws {
        try withScratchFolder { directory in
            let out = directory.appendingPathComponent("out")
            let first = try GuardedRun(["-", "--target", target, "--output", out.path], stdin: Array(plural(count: 2, badIndex: nil).utf8))
            #expect(first.status == 0, "\(first.stderr)")
            let before = try snapshot(out)
            #expect(!before.isEmpty)

            let failing = try GuardedRun(["-", "--target", target, "--output", out.path, "--force"], stdin: Array(plural(count: 40, badIndex: 30).utf8))
            #expect(failing.status == 65)
            #expect(failing.stderr.contains("VpnConnections.VpnConnection[30].IkeConfig.IkeEncAlg"))
            #expect(try snapshot(out) == before)

            let toStdout = try GuardedRun(["-", "--target", target], stdin: Array(plural(count: 40, badIndex: 30).utf8))
            #expect(toStdout.status == 65)
            #expect(toStdout.stdout.isEmpty)
        }
    }

    @Test func aFailingRunCreatesNoFolder() throws {
        try withScratchFolder { directory in
            let out = directory.appendingPathComponent("new/out")
            let run = try GuardedRun(["-", "--target", "libreswan", "--output", out.path], stdin: Array(plural(count: 3, badIndex: 2).utf8))
            #expect(run.status == 65)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        }
    }

    @Test func secretsAre0600EvenWithAnOpenUmask() throws {
        try withScratchFolder { directory in
            let out = directory.appendingPathComponent("out")
            let run = try GuardedRun(["-", "--target", "libreswan", "--output", out.path], stdin: Array(plural(count: 2, badIndex: nil).utf8), umask: "000")
            #expect(run.status == 0, "\(run.stderr)")
            let modes = try snapshot(out).mapValues { $0.prefix(while: { $0 != " " }) }
            #expect(modes["ipsec.d/site-0.secrets"] == "600")
            #expect(modes["ipsec.d/site-0.conf"] == "644")
            #expect(modes["ipsec.d"] == "755")
        }
    }

    @Test func aLinkedFolderBelowTheOutputIsRefused() throws {
        try withScratchFolder { directory in
            let out = directory.appendingPathComponent("out")
            let elsewhere = directory.appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("ipsec.d"), withDestinationURL: elsewhere)
            let run = try GuardedRun(["-", "--target", "libreswan", "--output", out.path, "--force"], stdin: Array(plural(count: 1, badIndex: nil).utf8))
            #expect(run.status == 73)
            #expect(run.stderr.contains("ipsec.d is a symbolic link"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        }
    }

    @Test func aLinkedDestinationFileIsRefusedEvenWithForce() throws {
        try withScratchFolder { directory in
            let out = directory.appendingPathComponent("out")
            let target = directory.appendingPathComponent("victim")
            try "keep".write(to: target, atomically: false, encoding: .utf8)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: out.appendingPathComponent("ipsec.d"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("ipsec.d/site-0.secrets"), withDestinationURL: target)
            let run = try GuardedRun(["-", "--target", "strongswan-legacy", "--output", out.path, "--force"], stdin: Array(plural(count: 1, badIndex: nil).utf8))
            #expect(run.status == 73)
            #expect(try String(contentsOf: target, encoding: .utf8) == "keep")
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("ipsec.d/site-0.conf").path))
        }
    }

    /// The routing daemons' targets render BGP connections only: their keys are redacted in `BGPTests`.
    @Test(arguments: TargetName.allCases.filter { $0 != .frr && $0 != .bird })
    func redactRemovesEverySecret(target: TargetName) throws {
        let run = try GuardedRun(["-", "--target", target.rawValue, "--redact"], stdin: Array(plural(count: 3, badIndex: nil).utf8))
        #expect(run.status == 0, "\(run.stderr)")
        for index in 0..<3 {
            #expect(!run.stdout.contains("psk-\(index)-secret"))
            #expect(!run.stdout.contains(Data("psk-\(index)-secret".utf8).base64EncodedString()))
        }
        // One placeholder per connection; the markdown snippet shows the key three times each,
        // Cisco's IKEv2 configs twice (one for each direction).
        let placeholders = run.stdout.components(separatedBy: "<redacted>").count - 1
        let copies: [TargetName: Int] = [.markdown: 3, .ciscoIOS: 2, .ciscoASA: 2]
        #expect(placeholders == 3 * copies[target, default: 1])
    }

    @Test func standardOutputOfOneFileHasNoHeaderAndOfSeveralHasOneEach() throws {
        let one = try GuardedRun(["-", "--target", "strongswan"], stdin: Array(plural(count: 1, badIndex: nil).utf8))
        #expect(!one.stdout.contains("# ==>"))
        let three = try GuardedRun(["-", "--target", "strongswan"], stdin: Array(plural(count: 3, badIndex: nil).utf8))
        let headers = three.stdout.split(separator: "\n").filter { $0.hasPrefix("# ==> ") }
        #expect(headers == ["# ==> swanctl/conf.d/site-0.conf <==", "# ==> swanctl/conf.d/site-1.conf <==", "# ==> swanctl/conf.d/site-2.conf <=="])
    }
}

/// Runs bigger than one batch go through the parallel stages: names, errors and bytes must be
/// exactly those of a sequential run.
@Suite("Parallel stages")
struct ParallelStagesTests {
    private func plural(_ count: Int, name: (Int) -> String = { "site-\($0)" }, badAlgorithmAt bad: Set<Int> = []) -> String {
        let items = (0..<count).map { index in
            siteJSON(index, name: name(index), ike: ["IkeEncAlg": bad.contains(index) ? "rc4" : "aes"])
        }
        return "{\"VpnConnections\": {\"VpnConnection\": [\(items.joined(separator: ","))]}}"
    }

    @Test func namesAreGivenInInputOrderAcrossBatches() throws {
        let peers = try peers([document(plural(700, name: { _ in "same" }))])
        let files = try render(.strongswan, [document(plural(700, name: { _ in "same" }))])
        let expected = ["same"] + (2...700).map { "same-\($0)" }
        #expect(peers.map(\.name) == expected)
        #expect(files.map(\.path) == expected.map { "swanctl/conf.d/\($0).conf" })
    }

    @Test func theFirstFailingConnectionInInputOrderIsReported() throws {
        let error = failure { _ = try render(.libreswan, [document(plural(900, badAlgorithmAt: [700, 300, 890]))]) }
        #expect(error?.diagnostic.location?.path == "VpnConnections.VpnConnection[300].IkeConfig.IkeEncAlg")
        let truncated = String(plural(900, badAlgorithmAt: [300]).dropLast(10))
        let beforeReadError = failure { _ = try render(.libreswan, [document(truncated)]) }
        #expect(beforeReadError?.diagnostic.location?.path == "VpnConnections.VpnConnection[300].IkeConfig.IkeEncAlg")
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let input = document(plural(1000))
        let first = try render(.strongswanLegacy, [input])
        for _ in 0..<3 { #expect(try render(.strongswanLegacy, [input]) == first) }
    }
}
