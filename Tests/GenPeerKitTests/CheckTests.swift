import Foundation
import Testing
@testable import GenPeerKit

/// The reports of every connection of a document.
private func reports(_ input: InputDocument, options: NormalizeOptions = NormalizeOptions()) throws -> [CheckReport] {
    let checker = try ConnectionChecker(options: options)
    return try DocumentReader().read(input.data, fileName: input.name).map(checker.check)
}

private func report(_ input: InputDocument, options: NormalizeOptions = NormalizeOptions()) throws -> CheckReport {
    let all = try reports(input, options: options)
    try #require(all.count == 1)
    return all[0]
}

private func fixture(_ name: String) throws -> InputDocument {
    try sample("../Tests/Fixtures/check/\(name)")
}

/// One crafted input and the finding it must produce.
struct FindingCase: Sendable, CustomTestStringConvertible {
    var code: CheckFinding.Code
    var severity: CheckFinding.Severity
    var input: @Sendable () throws -> InputDocument
    var options = NormalizeOptions()
    /// The field path the finding points at.
    var path: String
    /// The Alibaba setting it asks for.
    var suggestion: AlibabaSetting?
    var note: String

    var testDescription: String { "\(code.rawValue) (\(note))" }
}

private let findingCases: [FindingCase] = [
    FindingCase(
        code: .weakIKEEncryption, severity: .error, input: { document(connectionJSON(ike: ["IkeEncAlg": "des"])) },
        path: "IkeConfig.IkeEncAlg", suggestion: AlibabaSetting("IkeEncAlg", "aes256"), note: "des is MUST NOT"),
    FindingCase(
        code: .weakIKEEncryption, severity: .info, input: { document(connectionJSON(ike: ["IkeEncAlg": "3des"])) },
        path: "IkeConfig.IkeEncAlg", suggestion: AlibabaSetting("IkeEncAlg", "aes256"), note: "3des is MAY in IKEv2"),
    FindingCase(
        code: .weakIKEIntegrity, severity: .error, input: { document(connectionJSON(ike: ["IkeAuthAlg": "md5"])) },
        path: "IkeConfig.IkeAuthAlg", suggestion: AlibabaSetting("IkeAuthAlg", "sha256"), note: "md5 is MUST NOT"),
    FindingCase(
        code: .weakIKEIntegrity, severity: .info, input: { document(connectionJSON(ike: ["IkeAuthAlg": "sha1"])) },
        path: "IkeConfig.IkeAuthAlg", suggestion: AlibabaSetting("IkeAuthAlg", "sha256"), note: "sha1 is MUST-"),
    FindingCase(
        code: .weakDHGroup, severity: .warning, input: { document(connectionJSON(ike: ["IkePfs": "group2"])) },
        path: "IkeConfig.IkePfs", suggestion: AlibabaSetting("IkePfs", "group14"), note: "group2 is SHOULD NOT"),
    FindingCase(
        code: .weakDHGroup, severity: .error, input: { document(connectionJSON(ike: ["IkePfs": "group1"])) },
        path: "IkeConfig.IkePfs", suggestion: AlibabaSetting("IkePfs", "group14"), note: "group1 is MUST NOT"),
    FindingCase(
        code: .weakDHGroup, severity: .warning, input: { document(connectionJSON(ike: ["IkePfs": "group5"])) },
        path: "IkeConfig.IkePfs", suggestion: AlibabaSetting("IkePfs", "group14"), note: "group5 is SHOULD NOT"),
    FindingCase(
        code: .weakDHGroup, severity: .warning, input: { document(connectionJSON(ike: ["IkePfs": "group24"])) },
        path: "IkeConfig.IkePfs", suggestion: AlibabaSetting("IkePfs", "group14"), note: "group24 is SHOULD NOT"),
    FindingCase(
        code: .weakESPEncryption, severity: .warning, input: { document(connectionJSON(ipsec: ["IpsecEncAlg": "3des"])) },
        path: "IpsecConfig.IpsecEncAlg", suggestion: AlibabaSetting("IpsecEncAlg", "aes256"), note: "3des is SHOULD NOT in ESP"),
    FindingCase(
        code: .weakESPEncryption, severity: .error, input: { document(connectionJSON(ipsec: ["IpsecEncAlg": "des"])) },
        path: "IpsecConfig.IpsecEncAlg", suggestion: AlibabaSetting("IpsecEncAlg", "aes256"), note: "des is MUST NOT in ESP"),
    FindingCase(
        code: .weakESPIntegrity, severity: .error, input: { document(connectionJSON(ipsec: ["IpsecAuthAlg": "md5"])) },
        path: "IpsecConfig.IpsecAuthAlg", suggestion: AlibabaSetting("IpsecAuthAlg", "sha256"), note: "md5 is MUST NOT in ESP"),
    FindingCase(
        code: .weakESPIntegrity, severity: .info, input: { document(connectionJSON(ipsec: ["IpsecAuthAlg": "sha1"])) },
        path: "IpsecConfig.IpsecAuthAlg", suggestion: AlibabaSetting("IpsecAuthAlg", "sha256"), note: "sha1 is MUST- in ESP"),
    FindingCase(
        code: .weakPFSGroup, severity: .error, input: { document(connectionJSON(ipsec: ["IpsecPfs": "group1"])) },
        path: "IpsecConfig.IpsecPfs", suggestion: AlibabaSetting("IpsecPfs", "group14"), note: "group1 as PFS group"),
    FindingCase(
        code: .pfsDisabled, severity: .warning, input: { document(connectionJSON(ipsec: ["IpsecPfs": "disabled"])) },
        path: "IpsecConfig.IpsecPfs", suggestion: AlibabaSetting("IpsecPfs", "group14"), note: "IpsecPfs=disabled"),
    FindingCase(
        code: .shangMiAlgorithm, severity: .warning, input: { document(connectionJSON(ipsec: ["IpsecEncAlg": "sm4"])) },
        path: "IpsecConfig.IpsecEncAlg", suggestion: AlibabaSetting("IpsecEncAlg", "aes256"), note: "sm4"),
    FindingCase(
        code: .ikev1Deprecated, severity: .warning, input: { document(connectionJSON(ike: ["IkeVersion": "ikev1"])) },
        path: "IkeConfig.IkeVersion", suggestion: AlibabaSetting("IkeVersion", "ikev2"), note: "IkeVersion=ikev1"),
    FindingCase(
        code: .ikev1Deprecated, severity: .warning, input: { document(connectionJSON(ike: ["IkeVersion": nil])) },
        path: "IkeConfig.IkeVersion", suggestion: AlibabaSetting("IkeVersion", "ikev2"), note: "missing IkeVersion is Alibaba's default ikev1"),
    FindingCase(
        code: .ikev1AggressiveMode, severity: .warning,
        input: { document(connectionJSON(ike: ["IkeVersion": "ikev1", "IkeMode": "aggressive"])) },
        path: "IkeConfig.IkeMode", suggestion: AlibabaSetting("IkeMode", "main"), note: "aggressive mode, IP identities"),
    FindingCase(
        code: .ikev1MainModeFQDN, severity: .warning,
        input: { document(connectionJSON(ike: ["IkeVersion": "ikev1", "RemoteId": "branch.example.com"])) },
        path: "IkeConfig.RemoteId", suggestion: AlibabaSetting("IkeVersion", "ikev2"), note: "main mode with an FQDN identity"),
    FindingCase(
        code: .ikev1SeveralSubnets, severity: .warning,
        input: { document(connectionJSON(top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16"], ike: ["IkeVersion": "ikev1"])) },
        path: "LocalSubnet", suggestion: AlibabaSetting("IkeVersion", "ikev2"), note: "IKEv1, two cloud subnets"),
    FindingCase(
        code: .identityMismatch, severity: .warning,
        input: { document(connectionJSON(top: ["InternetIp": "203.0.113.10"], ike: ["LocalId": "203.0.113.99"])) },
        path: "IkeConfig.LocalId", suggestion: AlibabaSetting("LocalId", "203.0.113.10"), note: "LocalId is not InternetIp"),
    FindingCase(
        code: .identityMismatch, severity: .warning, input: { document(connectionJSON()) },
        options: NormalizeOptions(localAddress: IPv4Address("198.51.100.77")),
        path: "IkeConfig.RemoteId", suggestion: AlibabaSetting("RemoteId", "198.51.100.77"), note: "RemoteId is not --local-address"),
    FindingCase(
        code: .identityMismatch, severity: .warning, input: { try fixture("download-dual-tunnel.xml") },
        path: "VpnConnectionConfig.TunnelsConfig.TunnelConfig[1].IkeConfig.LocalId", suggestion: AlibabaSetting("RemoteId", "198.51.100.40"),
        note: "download: the peer's LocalId is not Local"),
    FindingCase(
        code: .identityMismatch, severity: .warning, input: { try fixture("dual-tunnel-differs.json") },
        path: "TunnelOptionsSpecification.TunnelOptions[1].TunnelIkeConfig.LocalId", suggestion: AlibabaSetting("LocalId", "203.0.113.22"),
        note: "tunnel 2 has tunnel 1's LocalId"),
    FindingCase(
        code: .tunnelLifetimesDiffer, severity: .warning, input: { try fixture("dual-tunnel-differs.json") },
        path: "TunnelOptionsSpecification.TunnelOptions[1].TunnelIkeConfig.IkeLifetime", suggestion: AlibabaSetting("IkeLifetime", "86400"),
        note: "IkeLifetime 28800 vs 86400"),
    FindingCase(
        code: .tunnelLifetimesDiffer, severity: .warning, input: { try fixture("download-dual-tunnel.xml") },
        path: "VpnConnectionConfig.TunnelsConfig.TunnelConfig[1].IpsecConfig.IpsecLifetime", suggestion: AlibabaSetting("IpsecLifetime", "3600"),
        note: "download: IpsecLifetime 1800 vs 3600"),
    FindingCase(
        code: .tunnelAlgorithmsDiffer, severity: .warning, input: { try fixture("dual-tunnel-differs.json") },
        path: "TunnelOptionsSpecification.TunnelOptions[0].TunnelIkeConfig.IkeEncAlg", suggestion: AlibabaSetting("IkeEncAlg", "aes256"),
        note: "the weaker tunnel is asked for the stronger value"),
    FindingCase(
        code: .tunnelSettingsDiffer, severity: .warning, input: { try fixture("dual-tunnel-differs.json") },
        path: "TunnelOptionsSpecification.TunnelOptions[1].EnableDpd", suggestion: AlibabaSetting("EnableDpd", "true"),
        note: "DPD off on tunnel 2"),
    FindingCase(
        code: .invalidValue, severity: .error, input: { document(connectionJSON(ike: ["IkeEncAlg": "aes512"])) },
        path: "IkeConfig.IkeEncAlg", suggestion: nil, note: "a token genpeer does not know"),
]

@Suite("check: what would go wrong, without rendering")
struct CheckTests {
    @Test func cleanSampleHasNoFindings() throws {
        for name in ["describe-vpn-connection.json", "describe-vpn-connection.xml", "download-vpn-connection-config.json", "download-vpn-connection-config.xml"] {
            let clean = try report(sample(name))
            #expect(clean.findings.isEmpty, "\(name): \(clean.findings.map(\.code.rawValue))")
            #expect(clean.isClean)
            #expect(!clean.hasInputErrors)
        }
    }

    @Test("each finding fires on its input and not on the clean sample", arguments: findingCases)
    func finding(_ testCase: FindingCase) throws {
        let checked = try report(testCase.input(), options: testCase.options)
        let matches = checked.findings.filter { $0.code == testCase.code && $0.location.path == testCase.path }
        #expect(matches.count == 1, "\(checked.findings.map { "\($0.code.rawValue) \($0.location.path)" })")
        let finding = try #require(matches.first)
        #expect(finding.severity == testCase.severity)
        #expect(finding.suggestion == testCase.suggestion)
        #expect(checked.isClean == false || testCase.severity == .info)
        #expect(checked.hasInputErrors == (testCase.code == .invalidValue))

        let clean = try report(sample("describe-vpn-connection.json"), options: testCase.options.localAddresses.isEmpty ? NormalizeOptions() : NormalizeOptions(localAddress: IPv4Address("198.51.100.20")))
        #expect(!clean.findings.contains { $0.code == testCase.code })
    }

    @Test func everyCodeIsTested() {
        let tested = Set(findingCases.map(\.code))
        #expect(tested == Set(CheckFinding.Code.allCases))
    }

    @Test func strongValuesGiveNoAlgorithmFindings() throws {
        for (ike, ipsec) in [(["IkeEncAlg": "aes", "IkeAuthAlg": "sha256"], ["IpsecEncAlg": "aes192", "IpsecAuthAlg": "sha384"]),
                             (["IkeEncAlg": "aes256", "IkeAuthAlg": "sha512"], ["IpsecEncAlg": "aes256", "IpsecAuthAlg": "sha512"])] {
            let checked = try report(document(connectionJSON(ike: ike, ipsec: ipsec)))
            #expect(checked.findings.isEmpty, "\(checked.findings.map(\.message))")
        }
    }

    @Test func ikev2WithSeveralSubnetsIsNotFlagged() throws {
        let checked = try report(document(connectionJSON(top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16"])))
        #expect(!checked.findings.contains { $0.code == .ikev1SeveralSubnets })
    }

    @Test func matchingIdentitiesAreNotFlagged() throws {
        let checked = try report(
            document(connectionJSON(top: ["InternetIp": "203.0.113.10"])),
            options: NormalizeOptions(remoteAddress: IPv4Address("203.0.113.10"), localAddress: IPv4Address("198.51.100.20")))
        #expect(!checked.findings.contains { $0.code == .identityMismatch })
        // --remote-address stands for the gateway's address too.
        let overridden = try report(document(connectionJSON()), options: NormalizeOptions(remoteAddress: IPv4Address("203.0.113.50")))
        #expect(overridden.findings.first { $0.code == .identityMismatch }?.suggestion == AlibabaSetting("LocalId", "203.0.113.50"))
    }

    @Test func addressOptionsDoNotJudgeTheTunnelsOfADualTunnelConnection() throws {
        // Each tunnel has its own cloud address, and these two end at different customer gateways.
        let checked = try report(
            sample("../Tests/Fixtures/dual-tunnel.json"),
            options: NormalizeOptions(remoteAddress: IPv4Address("203.0.113.99"), localAddress: IPv4Address("198.51.100.99")))
        #expect(!checked.findings.contains { $0.code == .identityMismatch })
    }

    @Test func identicalTunnelsAreNotCompared() throws {
        let checked = try report(sample("../Tests/Fixtures/dual-tunnel.json"))
        #expect(checked.findings.isEmpty, "\(checked.findings.map(\.code.rawValue))")
        // Still not clean: no target renders a dual-tunnel connection.
        #expect(!checked.isClean)
    }

    @Test func findingsOfEveryConnectionOfAPluralDocument() throws {
        let all = try reports(sample("describe-vpn-connections.json"))
        #expect(all.map(\.label) == ["idc-shanghai (vco-bp1bbi27hojx80nck0002)", "idc-beijing (vco-bp1bbi27hojx80nck0003)"])
        #expect(all[0].findings.contains { $0.code == .ikev1Deprecated && $0.location.path == "VpnConnections.VpnConnection[0].IkeConfig.IkeVersion" })
        #expect(all[1].findings.map(\.code) == [.pfsDisabled])
    }

    // MARK: - Compatibility

    @Test func compatibilityCoversTheConfigTargets() throws {
        let checked = try report(sample("describe-vpn-connection.json"))
        #expect(Set(checked.compatibility.keys) == Set(TargetName.devices))
        #expect(checked.compatibility[.strongswan] == .yes)
        #expect(checked.compatibility[.strongswanLegacy] == .yes)
        // Libreswan 4.x splits the two-by-two subnets into one Child SA per pair, with a warning.
        guard case .withWarnings(let warnings)? = checked.compatibility[.libreswan] else {
            Issue.record("libreswan: \(String(describing: checked.compatibility[.libreswan]))")
            return
        }
        #expect(warnings.count == 1)
    }

    @Test("libreswan refuses what it is built without", arguments: [
        (["IkeEncAlg": "des"], [String: String](), "IkeConfig.IkeEncAlg"),
        (["IkePfs": "group1"], [:], "IkeConfig.IkePfs"),
        (["IkePfs": "group2"], [:], "IkeConfig.IkePfs"),
        ([:], ["IpsecPfs": "group24"], "IpsecConfig.IpsecPfs"),
    ])
    func libreswanRefuses(_ ike: [String: String], _ ipsec: [String: String], _ path: String) throws {
        let checked = try report(document(connectionJSON(ike: ike, ipsec: ipsec)))
        guard case .no(let reasons)? = checked.compatibility[.libreswan] else {
            Issue.record("libreswan: \(String(describing: checked.compatibility[.libreswan]))")
            return
        }
        #expect(reasons.map { $0.location?.path } == [path])
        #expect(checked.compatibility[.strongswan] == .yes)
        #expect(checked.compatibility[.strongswanLegacy] == .yes)
        #expect(!checked.isClean)
    }

    @Test func shangMiIsRefusedByEveryTarget() throws {
        let checked = try report(document(connectionJSON(ike: ["IkeEncAlg": "sm4"], ipsec: ["IpsecEncAlg": "sm4"])))
        for target in CheckReport.targets {
            guard case .no(let reasons)? = checked.compatibility[target] else {
                Issue.record("\(target): \(String(describing: checked.compatibility[target]))")
                continue
            }
            #expect(reasons.count == 1)
            #expect(["IkeConfig.IkeEncAlg", "IpsecConfig.IpsecEncAlg"].contains(reasons.first?.location?.path))
        }
        #expect(checked.findings.filter { $0.code == .shangMiAlgorithm }.map(\.location.path) == ["IkeConfig.IkeEncAlg", "IpsecConfig.IpsecEncAlg"])
    }

    @Test func dualTunnelIsJudgedAsAWholeWithEveryTunnelsReasons() throws {
        let checked = try report(fixture("dual-tunnel-differs.json"))
        // swanctl renders both tunnels; stroke has no tunnel interfaces.
        if case .no = checked.compatibility[.strongswan] { Issue.record("strongswan refused: \(String(describing: checked.compatibility[.strongswan]))") }
        guard case .no(let legacy)? = checked.compatibility[.strongswanLegacy] else {
            Issue.record("strongswan-legacy: \(String(describing: checked.compatibility[.strongswanLegacy]))")
            return
        }
        #expect(legacy.first?.message.contains("--target strongswan") == true)
        // Tunnel 2's group2 PFS is what Libreswan cannot express.
        #expect(checked.compatibility[.libreswan]?.notes.map { $0.location?.path } == [
            "TunnelOptionsSpecification.TunnelOptions[1].TunnelIpsecConfig.IpsecPfs"
        ])
    }

    @Test func routeBasedNeedsTunnelInterfacesButIsNotBadInput() throws {
        let checked = try report(document(connectionJSON(top: ["LocalSubnet": "0.0.0.0/0", "RemoteSubnet": "0.0.0.0/0"])))
        #expect(!checked.hasInputErrors)
        #expect(checked.compatibility[.strongswan] != nil)
        if case .no = checked.compatibility[.strongswan] { Issue.record("strongswan refused a route-based connection") }
        guard case .no(let reasons)? = checked.compatibility[.strongswanLegacy] else {
            Issue.record("strongswan-legacy rendered a route-based connection")
            return
        }
        #expect(reasons.first?.message.contains("route-based") == true)
        #expect(!checked.isClean)
    }

    @Test func unknownGatewayAddressNeedsAnOptionNotBetterInput() throws {
        let fqdn = document(connectionJSON(ike: ["LocalId": "vpn.example.com", "IkePfs": "group2"]))
        let checked = try report(fqdn)
        #expect(!checked.hasInputErrors)
        guard case .no(let reasons)? = checked.compatibility[.libreswan] else {
            Issue.record("libreswan: \(String(describing: checked.compatibility[.libreswan]))")
            return
        }
        // The missing address, and what the target refuses besides.
        #expect(reasons.count == 2)
        #expect(reasons[0].message.contains("--remote-address"))
        #expect(reasons[1].location?.path == "IkeConfig.IkePfs")
        let given = try report(fqdn, options: NormalizeOptions(remoteAddress: IPv4Address("203.0.113.10")))
        #expect(given.compatibility[.strongswan] == .yes)
    }

    @Test func invalidValuesAreInputErrorsAndNoTargetTakesThem() throws {
        let checked = try report(document(connectionJSON(ike: ["LocalId": "vpn.example.com", "IkeEncAlg": "aes512"])))
        #expect(checked.hasInputErrors)
        #expect(checked.findings.first?.code == .invalidValue)
        #expect(checked.findings.first?.location.path == "IkeConfig.IkeEncAlg")
        #expect(CheckReport.targets.allSatisfy { if case .no = checked.compatibility[$0] { true } else { false } })
    }

    @Test func warningsOfATargetAreWhatGenerateWouldSay() throws {
        let checked = try report(document(connectionJSON(top: ["LocalSubnet": "10.0.0.0/16,10.1.0.0/16"], ike: ["IkeVersion": "ikev1"])))
        for target in CheckReport.targets {
            guard case .withWarnings(let warnings)? = checked.compatibility[target] else {
                Issue.record("\(target): \(String(describing: checked.compatibility[target]))")
                continue
            }
            #expect(warnings.contains { $0.message.hasPrefix("IKEv1 with 1 on-premises and 2 cloud subnets") })
        }
    }

    // MARK: - Output

    @Test func jsonRoundTripsAndIsDeterministic() throws {
        let all = try reports(fixture("dual-tunnel-differs.json")) + reports(sample("describe-vpn-connections.xml"))
        let first = try CheckOutput.json(all)
        #expect(first == (try CheckOutput.json(all)))
        struct Document: Decodable { var reports: [CheckReport] }
        let decoded = try JSONDecoder().decode(Document.self, from: Data(first.utf8))
        #expect(decoded.reports == all)
        let object = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any]
        let report = (object?["reports"] as? [[String: Any]])?.first
        #expect(report?["clean"] as? Bool == false)
        #expect(((report?["compatibility"] as? [String: Any])?["strongswan-legacy"] as? [String: Any])?["status"] as? String == "no")
        let finding = (report?["findings"] as? [[String: Any]])?.first { $0["code"] as? String == "tunnel-algorithms-differ" }
        #expect((finding?["suggestion"] as? [String: String]) == ["parameter": "IkeEncAlg", "value": "aes256"])
    }

    @Test func textNamesCodePathAndSuggestion() throws {
        let text = CheckOutput.text(try report(document(connectionJSON(ike: ["IkePfs": "group2"]), name: "vco.json")))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "vco.json: test (vco-test0001)")
        #expect(lines.contains { $0.hasPrefix("  warning weak-dh-group IkeConfig.IkePfs: ") && $0.hasSuffix("; ask for IkePfs=group14") })
        #expect(lines.contains { $0.hasPrefix("  targets: strongswan yes, strongswan-legacy yes, libreswan no") })
        #expect(lines.contains { $0.hasPrefix("    libreswan no: IkeConfig.IkePfs: ") })
    }
}

@Suite("The genpeer check command")
struct CheckCommandTests {
    @Test func cleanInputExitsZero() throws {
        let run = try GenPeerRun(["check", "samples/describe-vpn-connection.json"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr == "")
        #expect(run.stdout.hasPrefix("samples/describe-vpn-connection.json: idc-hangzhou (vco-bp1bbi27hojx80nck0001)\n  no findings\n"))
    }

    @Test func findingsExitOne() throws {
        let run = try GenPeerRun(["check", "-"], stdin: connectionJSON(ike: ["IkePfs": "group2"]))
        #expect(run.status == 1)
        #expect(run.stdout.contains("  warning weak-dh-group IkeConfig.IkePfs: "))
        #expect(run.stdout.contains("; ask for IkePfs=group14\n"))
        // A target that cannot express a connection is a reason to exit 1 as well.
        let dual = try GenPeerRun(["check", "Tests/Fixtures/dual-tunnel.json"])
        #expect(dual.status == 1)
        #expect(dual.stdout.contains("  targets: strongswan with warnings, strongswan-legacy no, libreswan with warnings"), "\(dual.stdout)")
    }

    @Test func infoFindingsAloneExitZero() throws {
        let run = try GenPeerRun(["check", "-"], stdin: connectionJSON(ike: ["IkeAuthAlg": "sha1"]))
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("  info weak-ike-integrity IkeConfig.IkeAuthAlg: "))
    }

    @Test func badInputExitsSixtyFive() throws {
        let garbage = try GenPeerRun(["check", "-"], stdin: "hello")
        #expect(garbage.status == 65)
        #expect(garbage.stderr.hasPrefix("genpeer: error: -: "))
        let invalid = try GenPeerRun(["check", "-"], stdin: connectionJSON(ike: ["IkeEncAlg": "aes512"]))
        #expect(invalid.status == 65)
        #expect(invalid.stdout.contains("  error invalid-value IkeConfig.IkeEncAlg: "))
        // The other inputs are still checked.
        let mixed = try GenPeerRun(["check", "-", "samples/describe-vpn-connection.json"], stdin: "<broken")
        #expect(mixed.status == 65)
        #expect(mixed.stdout.contains("samples/describe-vpn-connection.json: idc-hangzhou"))
    }

    @Test func usageAndMissingFiles() throws {
        #expect(try GenPeerRun(["check"]).status == 64)
        #expect(try GenPeerRun(["check", "-", "-"]).status == 64)
        #expect(try GenPeerRun(["check", "samples/describe-vpn-connection.json", "--format", "yaml"]).status == 64)
        let missing = try GenPeerRun(["check", "missing.json"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "genpeer: error: missing.json: no such file\n")
    }

    @Test func jsonFormat() throws {
        let run = try GenPeerRun(["check", "--format", "json", "Tests/Fixtures/check/dual-tunnel-differs.json", "samples/describe-vpn-connection.xml"])
        #expect(run.status == 1)
        struct Document: Decodable { var errors: [[String: String]]; var reports: [CheckReport] }
        let document = try JSONDecoder().decode(Document.self, from: Data(run.stdout.utf8))
        #expect(document.errors.isEmpty)
        #expect(document.reports.map(\.label) == ["idc-dual-differs (vco-p0w2jemrcj5u61un0003)", "idc-hangzhou (vco-bp1bbi27hojx80nck0001)"])
        #expect(Set(document.reports[0].findings.map(\.code)).isSuperset(of: [.tunnelLifetimesDiffer, .tunnelAlgorithmsDiffer, .identityMismatch]))
        #expect(document.reports[1].isClean)
        let again = try GenPeerRun(["check", "--format", "json", "Tests/Fixtures/check/dual-tunnel-differs.json", "samples/describe-vpn-connection.xml"])
        #expect(again.stdout == run.stdout)
    }

    @Test func addressOptionsCountForIdentities() throws {
        let run = try GenPeerRun(["check", "samples/describe-vpn-connection.json", "--local-address", "198.51.100.77"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("  warning identity-mismatch IkeConfig.RemoteId: "))
        #expect(run.stdout.contains("; ask for RemoteId=198.51.100.77\n"))
    }
}
