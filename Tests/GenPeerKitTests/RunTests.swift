import Foundation
import Testing
@testable import GenPeerKit

/// What a run says about the whole of its input: weak algorithms as warnings (or errors with
/// `--strict`), connections listed twice, and every connection's errors at once.
@Suite("A run as a whole")
struct RunTests {
    private static let weak = connectionJSON(
        ike: ["IkeVersion": "ikev1", "IkeEncAlg": "des", "IkeAuthAlg": "sha256", "IkePfs": "group1"], ipsec: ["IpsecAuthAlg": "md5"])

    @Test func renderingWarnsAboutWeakAlgorithmsAsCheckDoes() throws {
        let run = try GenPeerRun(["-", "--target", "strongswan-legacy"], stdin: Self.weak)
        #expect(run.status == 0)
        #expect(IPsecConf(run.stdout).conn("test")?["ike"] == "des-sha256-modp768!")
        let warnings = run.stderr.split(separator: "\n").map(String.init)
        #expect(warnings.contains { $0.hasPrefix("genpeer: warning: (standard input): IkeConfig.IkeEncAlg: des (DES-CBC) is MUST NOT in RFC 8247 §2.1") && $0.hasSuffix("; ask for IkeEncAlg=aes256") })
        #expect(warnings.contains { $0.hasPrefix("genpeer: warning: (standard input): IkeConfig.IkePfs: group1 (768-bit MODP) is MUST NOT") })
        #expect(warnings.contains { $0.hasPrefix("genpeer: warning: (standard input): IpsecConfig.IpsecAuthAlg: md5 (HMAC-MD5-96) is MUST NOT in RFC 8221") })
        #expect(warnings.contains { $0.contains("IkeConfig.IkeVersion: IKEv1 is deprecated") })
    }

    @Test func theSameFindingOfManyConnectionsIsPrintedOnce() throws {
        let items = (0..<4).map { siteJSON($0, ike: ["IkePfs": "group2"]) }
        let run = try GenPeerRun(["-", "--target", "strongswan"], stdin: "[\(items.joined(separator: ","))]")
        #expect(run.status == 0)
        let group2 = run.stderr.split(separator: "\n").filter { $0.contains("group2 (1024-bit MODP) is SHOULD NOT") }
        #expect(group2.count == 1)
        #expect(group2.first?.hasSuffix("(and 3 more like it)") == true)
    }

    @Test func strictRefusesWhatTheRFCsMarkMustNot() throws {
        let run = try GenPeerRun(["-", "--target", "strongswan", "--strict"], stdin: Self.weak)
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("genpeer: error: (standard input): IkeConfig.IkeEncAlg: des (DES-CBC) is MUST NOT in RFC 8247 §2.1"))
        #expect(run.stderr.contains("(refused by --strict)"))
        // SHOULD NOT stays a warning.
        let shouldNot = try GenPeerRun(["-", "--target", "strongswan", "--strict"], stdin: connectionJSON(ike: ["IkePfs": "group2"]))
        #expect(shouldNot.status == 0)
    }

    @Test func aConnectionListedTwiceIsRenderedOnceWithAWarning() throws {
        let run = try GenPeerRun(["samples/describe-vpn-connection.json", "samples/describe-vpn-connection.xml", "--target", "strongswan"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(SwanctlConfig(run.stdout).children(of: "connections") == ["idc-hangzhou"])
        #expect(run.stderr.contains("genpeer: warning: samples/describe-vpn-connection.xml: the same connection as connection 1 of the run (VpnConnectionId vco-bp1bbi27hojx80nck0001): rendered once"))
        // A download of the same connection is the same peer too.
        let download = try GenPeerRun(["samples/describe-vpn-connection.json", "samples/download-vpn-connection-config.json", "--target", "strongswan"])
        #expect(download.status == 0, "\(download.stderr)")
        #expect(!download.stdout.contains("# ==> "), "one file")
    }

    @Test func twoConnectionsAPeerCannotTellApartAreAnError() throws {
        let sameId = "[\(connectionJSON()), \(connectionJSON(ike: ["Psk": "another-key"]))]"
        let run = try GenPeerRun(["-", "--target", "strongswan"], stdin: sameId)
        #expect(run.status == 65)
        #expect(run.stderr.contains("genpeer: error: (standard input): [1]: VpnConnectionId vco-test0001 is listed again, with other settings (first as connection 1 of the run)"))
        let sameTunnel = "[\(connectionJSON()), \(connectionJSON(top: ["VpnConnectionId": "vco-other", "Name": "other"]))]"
        let clash = try GenPeerRun(["-", "--target", "strongswan"], stdin: sameTunnel)
        #expect(clash.status == 65)
        #expect(clash.stderr.contains("[1]: a tunnel to 203.0.113.10 with the identities 198.51.100.20 and 203.0.113.10 is already in connection 1 of the run"))
        #expect(clash.stdout.isEmpty)
    }

    @Test func everyConnectionsErrorsAreReportedInOneRun() throws {
        let items = [siteJSON(0, ike: ["IkeEncAlg": "rc4"]), siteJSON(1), siteJSON(2, ipsec: ["IpsecLifetime": 0]), siteJSON(3, ike: ["Psk": nil])]
        let run = try GenPeerRun(["-", "--target", "strongswan"], stdin: "[\(items.joined(separator: ","))]")
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("genpeer: error: ") }.map { String($0.dropFirst("genpeer: error: ".count)) }
        #expect(errors.count == 3)
        #expect(errors.first?.hasPrefix("(standard input): [0].IkeConfig.IkeEncAlg: unsupported value \"rc4\"") == true)
        #expect(errors.dropFirst().first?.hasPrefix("(standard input): [2].IpsecConfig.IpsecLifetime: lifetime 0 is out of range") == true)
        #expect(errors.last?.hasPrefix("(standard input): [3].IkeConfig.Psk: missing") == true)
    }

    @Test func libraryErrorsCarryTheRunsOthers() {
        let items = [siteJSON(0, ike: ["IkeEncAlg": "rc4"]), siteJSON(1, ike: ["IkeAuthAlg": "crc"])]
        let error = failure { _ = try render(.strongswan, [document("[\(items.joined(separator: ","))]")]) }
        #expect(error?.diagnostic.location?.path == "[0].IkeConfig.IkeEncAlg")
        #expect(error?.more.map { $0.location?.path } == ["[1].IkeConfig.IkeAuthAlg"])
    }
}

/// Values a new user gets wrong: documentation examples, lifetimes without room to renew,
/// addresses behind NAT.
@Suite("Rough edges")
struct RoughEdgeTests {
    @Test func aLifetimeTooShortToRenewIsRefusedNotRenderedAsNever() throws {
        for field in ["IpsecLifetime", "IkeLifetime"] {
            let json = field == "IkeLifetime" ? connectionJSON(ike: [field: 1]) : connectionJSON(ipsec: [field: 1])
            let error = failure { _ = try render(.strongswan, [document(json)]) }
            #expect(error?.description.contains("\(field): lifetime 1 s is too short for the peer to renew") == true, "\(error?.description ?? "")")
        }
        // At the shortest lifetime rendered, renewal still comes before the end, never at 0.
        let swanctl = SwanctlConfig(try render(.strongswan, [document(connectionJSON(ike: ["IkeLifetime": 60], ipsec: ["IpsecLifetime": 60]))])[0].contents)
        #expect(swanctl["connections.test.rekey_time"] == "54s")
        #expect(swanctl["connections.test.children.test.rekey_time"] == "54s")
        #expect(swanctl["connections.test.children.test.life_time"] == "60s")
    }

    @Test func documentationExamplesAreCalledMasked() {
        let cases: [(String, String)] = [
            (connectionJSON(top: ["VpnConnectionId": "vco-bp1w3m1p23iftycv****"]), "VpnConnectionId: \"vco-bp1w3m1p23iftycv****\" is not a connection ID: it looks masked"),
            (connectionJSON(top: ["InternetIp": "116.62.119.xxx"]), "InternetIp: \"116.62.119.xxx\" is not an IPv4 address: it looks masked"),
            (connectionJSON(ike: ["LocalId": "47.XX.XX.162"]), "IkeConfig.LocalId: \"47.XX.XX.162\" is not an IPv4 address: it looks masked"),
        ]
        for (json, expected) in cases {
            let error = failure { _ = try peers([document(json)]) }
            #expect(error?.description.hasPrefix("vco.json: " + expected) == true, "\(error?.description ?? "")")
        }
        let diagnostics = DiagnosticCollector()
        _ = try? peers([document(connectionJSON(ike: ["Psk": "pgw6dy****"]))], diagnostics: diagnostics)
        #expect(diagnostics.diagnostics.contains { $0.message.contains("looks masked") && !$0.message.contains("pgw6dy") })
    }

    @Test func aPrivateAddressIsNeverAdvisedAsTheIdentity() throws {
        let checker = try ConnectionChecker(options: NormalizeOptions(localAddress: IPv4Address("10.0.0.5")))
        let report = checker.check(try DocumentReader().read(Data(connectionJSON().utf8), fileName: "vco.json")[0])
        let identity = report.findings.filter { $0.code == .identityMismatch }
        #expect(identity.count == 1)
        #expect(identity.first?.severity == .info)
        #expect(identity.first?.suggestion == nil)
        #expect(identity.first?.message.contains("behind NAT") == true)
        for address in ["172.16.4.1", "192.168.1.1", "100.64.0.9"] {
            #expect(IPv4Address(address)!.nonPublicRange != nil)
        }
        #expect(IPv4Address("198.51.100.20")!.nonPublicRange == nil)
    }

    @Test func onePageOfALongerListSaysHowToFetchTheRest() throws {
        let page = "{\"TotalCount\": 120, \"PageNumber\": 1, \"PageSize\": 3, \"VpnConnections\": {\"VpnConnection\": [\(siteJSON(1)), \(siteJSON(2)), \(siteJSON(3))]}}"
        let run = try GenPeerRun(["-", "--target", "strongswan"], stdin: page)
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning: (standard input): TotalCount: this response is page 1 of 120 connections and lists 3"))
        #expect(run.stderr.contains("--PageNumber"))
        let whole = "{\"TotalCount\": 1, \"VpnConnections\": {\"VpnConnection\": [\(siteJSON(1))]}}"
        #expect(try GenPeerRun(["-", "--target", "strongswan"], stdin: whole).stderr.contains("TotalCount") == false)
    }

    @Test func smallerSurprisesAreSaid() throws {
        let diagnostics = DiagnosticCollector()
        let peer = try peers(
            [document(connectionJSON(top: ["State": "deleted", "Name": "杭州 IDC"], ike: ["IkeMode": "aggressive", "IkeVersion": "ikev2"]))],
            diagnostics: diagnostics)[0]
        let messages = diagnostics.diagnostics.map { "\($0.location?.path ?? ""): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("IkeConfig.IkeMode: aggressive mode is an IKEv1 exchange") })
        #expect(messages.contains { $0.hasPrefix("State: the connection's State is deleted") })
        #expect(peer.name == "vco-test0001")
        #expect(peer.alibabaName == "杭州 IDC")
        let file = try render(.strongswan, [document(connectionJSON(top: ["Name": "杭州 IDC"]))])[0].contents
        #expect(file.contains("# Note: the connection's Name in Alibaba Cloud is \"杭州 IDC\"\n"))
    }

    @Test func markdownMarksDefaultsAndIsSecretOnlyWithTheKey() throws {
        let json = connectionJSON(top: ["EnableDpd": nil, "EnableNatTraversal": true], ike: ["IkeLifetime": nil])
        let redacted = try Generator(target: .markdown, options: NormalizeOptions(redactsSecrets: true)).generate([document(json)], diagnostics: DiagnosticCollector())[0]
        #expect(redacted.mode == .regular)
        let rows = MarkdownTests.RenderedSnippet(redacted.contents).tables.flatMap { $0 }
        #expect(rows.first { $0.first == "Dead peer detection" }?[1] == "EnableDpd = true (not in the document: Alibaba's default)")
        #expect(rows.first { $0.first == "NAT traversal" }?[1] == "EnableNatTraversal = true")
        #expect(rows.first { $0.first == "Phase 1 lifetime" }?[1] == "IkeLifetime = 86400 (not in the document: Alibaba's default)")
        let shown = try Generator(target: .markdown, options: NormalizeOptions()).generate([document(json)], diagnostics: DiagnosticCollector())[0]
        #expect(shown.mode == .secret)
    }
}
