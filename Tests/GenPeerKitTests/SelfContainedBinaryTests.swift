import Foundation
import Testing
@testable import GenPeerKit

/// genpeer installed as a user installs it: the executable copied alone into a folder with
/// nothing beside it (no resource bundle, no templates/), run from there.
@Suite("The executable on its own")
struct SelfContainedBinaryTests {
    private static let sample = repositoryRoot.appendingPathComponent("samples/describe-vpn-connection.json").path
    /// The sample's cloud gateway, which every target's output must name.
    private static let cloudAddress = "203.0.113.10"
    /// A dual-tunnel BGP connection, for the routing daemons' targets.
    private static let bgpSample = repositoryRoot.appendingPathComponent("Tests/Fixtures/dual-tunnel.json").path

    @Test func aCopiedExecutableRendersEveryTargetAndChecks() throws {
        try withScratchFolder { folder in
            let copy = folder.appendingPathComponent("genpeer")
            try FileManager.default.copyItem(at: GenPeerRun.executable, to: copy)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["genpeer"])

            let listed = try GenPeerRun(["targets"], in: folder, executable: copy)
            #expect(listed.status == 0, "\(listed.stderr)")
            let targets = listed.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
            #expect(targets == TargetName.allCases.map(\.rawValue))
            for target in targets {
                let input = ["frr", "bird"].contains(target) ? Self.bgpSample : Self.sample
                let run = try GenPeerRun([input, "--target", target], in: folder, executable: copy)
                #expect(run.status == 0, "\(target): \(run.stderr)")
                try expectReadsBack(run.stdout, as: target)
            }

            let check = try GenPeerRun(["check", Self.sample], in: folder, executable: copy)
            #expect(check.status == 0, "\(check.stderr)")
            #expect(check.stdout.contains("idc-hangzhou (vco-bp1bbi27hojx80nck0001)"))
            #expect(check.stdout.contains("targets: strongswan yes"))
        }
    }

    /// Reads `output` as its target's own syntax and finds the sample's connection in it.
    private func expectReadsBack(_ output: String, as target: String) throws {
        switch TargetName(rawValue: target) {
        case .strongswan?:
            #expect(SwanctlConfig(output)["connections.idc-hangzhou.remote_addrs"] == Self.cloudAddress)
        case .strongswanLegacy?, .libreswan?:
            #expect(IPsecConf(output).conn("idc-hangzhou")?["right"] == Self.cloudAddress, "\(target)")
        case .markdown?:
            let rows = MarkdownTests.RenderedSnippet(output).tables.flatMap { $0 }
            let gateway = rows.first { $0.first == "Cloud VPN gateway address" }
            #expect(gateway?.last == "remote_addrs = \(Self.cloudAddress)")
        case .model?:
            let model = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            let tunnel = ((model?["connections"] as? [[String: Any]])?.first?["tunnels"] as? [[String: Any]])?.first
            #expect((tunnel?["remote"] as? [String: Any])?["address"] as? String == Self.cloudAddress)
        case .frr?:
            #expect(FRRConfig(output).neighbor("169.254.10.1").contains("remote-as 65530"))
        case .bird?:
            #expect(output.contains("neighbor 169.254.10.1 as 65530;"))
        case .ciscoIOS?:
            #expect(CiscoConfig(output).commands(startingWith: "crypto map ").flatMap(\.children).contains("set peer \(Self.cloudAddress)"))
        case .ciscoASA?:
            #expect(CiscoConfig(output).values("tunnel-group").contains("\(Self.cloudAddress) type ipsec-l2l"))
        case .juniperSRX?:
            #expect(JunosSet(output).value("security ike gateway genpeer-idc-hangzhou address") == Self.cloudAddress)
        case .fortigate?:
            let config = FortiOSScript(output)
            #expect(config.problems.isEmpty)
            #expect(config.root.table("vpn ipsec phase1-interface")?.entry("idc-hangzhou")?.value("remote-gw") == Self.cloudAddress)
        case .paloalto?:
            #expect(SetScript(output, quoting: .panos).value("network ike gateway idc-hangzhou-gw peer-address ip") == Self.cloudAddress)
        case .vyos?:
            #expect(SetScript(output, quoting: .vyos).value("vpn ipsec site-to-site peer idc-hangzhou remote-address") == Self.cloudAddress)
        case .huawei?:
            #expect(huaweiConfig(output).first("ike peer genpeer1")?.value("remote-address") == Self.cloudAddress)
        case .h3c?:
            #expect(h3cConfig(output).first("ipsec policy genpeer 1 isakmp")?.value("remote-address") == Self.cloudAddress)
        case .mikrotik?:
            #expect(routerOSScript(output).commands("ip ipsec peer").first?["address"] == "\(Self.cloudAddress)/32")
        default:
            Issue.record("no reader for target \(target): add one here")
        }
    }
}
