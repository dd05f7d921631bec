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
        #expect(warnings.contains { $0.hasPrefix("genpeer: warning: -: IkeConfig.IkeEncAlg: des (DES-CBC) is MUST NOT in RFC 8247 §2.1") && $0.hasSuffix("; ask for IkeEncAlg=aes256") })
        #expect(warnings.contains { $0.hasPrefix("genpeer: warning: -: IkeConfig.IkePfs: group1 (768-bit MODP) is MUST NOT") })
        #expect(warnings.contains { $0.hasPrefix("genpeer: warning: -: IpsecConfig.IpsecAuthAlg: md5 (HMAC-MD5-96) is MUST NOT in RFC 8221") })
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
        #expect(run.stderr.contains("genpeer: error: -: IkeConfig.IkeEncAlg: des (DES-CBC) is MUST NOT in RFC 8247 §2.1"))
        #expect(run.stderr.contains("(refused by --strict)"))
        // SHOULD NOT stays a warning.
        let shouldNot = try GenPeerRun(["-", "--target", "strongswan", "--strict"], stdin: connectionJSON(ike: ["IkePfs": "group2"]))
        #expect(shouldNot.status == 0)
    }

    @Test func aConnectionListedTwiceIsRenderedOnceWithAWarning() throws {
        let run = try GenPeerRun(["samples/describe-vpn-connection.json", "samples/describe-vpn-connection.xml", "--target", "strongswan"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(SwanctlConfig(run.stdout).children(of: "connections") == ["idc-hangzhou"])
        #expect(run.stderr.contains("genpeer: warning: samples/describe-vpn-connection.xml: the same connection as at samples/describe-vpn-connection.json: rendered once"))
        // A download of the same connection is the same peer too.
        let download = try GenPeerRun(["samples/describe-vpn-connection.json", "samples/download-vpn-connection-config.json", "--target", "strongswan"])
        #expect(download.status == 0, "\(download.stderr)")
        #expect(!download.stdout.contains("# ==> "), "one file")
    }

    @Test func twoConnectionsAPeerCannotTellApartAreAnError() throws {
        let sameId = "[\(connectionJSON()), \(connectionJSON(ike: ["Psk": "another-key"]))]"
        let run = try GenPeerRun(["-", "--target", "strongswan"], stdin: sameId)
        #expect(run.status == 65)
        #expect(run.stderr.contains("genpeer: error: -: [1]: VpnConnectionId vco-test0001 is listed again, with other settings, at -: [0]"))
        let sameTunnel = "[\(connectionJSON()), \(connectionJSON(top: ["VpnConnectionId": "vco-other", "Name": "other"]))]"
        let clash = try GenPeerRun(["-", "--target", "strongswan"], stdin: sameTunnel)
        #expect(clash.status == 65)
        #expect(clash.stderr.contains("[1]: a tunnel to 203.0.113.10 with the identities 198.51.100.20 and 203.0.113.10 is already at -: [0]"))
        #expect(clash.stdout.isEmpty)
    }

    @Test func everyConnectionsErrorsAreReportedInOneRun() throws {
        let items = [siteJSON(0, ike: ["IkeEncAlg": "rc4"]), siteJSON(1), siteJSON(2, ipsec: ["IpsecLifetime": 0]), siteJSON(3, ike: ["Psk": nil])]
        let run = try GenPeerRun(["-", "--target", "strongswan"], stdin: "[\(items.joined(separator: ","))]")
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty)
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("genpeer: error: ") }.map { String($0.dropFirst("genpeer: error: ".count)) }
        #expect(errors.count == 3)
        #expect(errors.first?.hasPrefix("-: [0].IkeConfig.IkeEncAlg: unsupported value \"rc4\"") == true)
        #expect(errors.dropFirst().first?.hasPrefix("-: [2].IpsecConfig.IpsecLifetime: lifetime 0 is out of range") == true)
        #expect(errors.last?.hasPrefix("-: [3].IkeConfig.Psk: missing") == true)
    }

    @Test func libraryErrorsCarryTheRunsOthers() {
        let items = [siteJSON(0, ike: ["IkeEncAlg": "rc4"]), siteJSON(1, ike: ["IkeAuthAlg": "crc"])]
        let error = failure { _ = try render(.strongswan, [document("[\(items.joined(separator: ","))]")]) }
        #expect(error?.diagnostic.location?.path == "[0].IkeConfig.IkeEncAlg")
        #expect(error?.more.map { $0.location?.path } == ["[1].IkeConfig.IkeAuthAlg"])
    }
}
